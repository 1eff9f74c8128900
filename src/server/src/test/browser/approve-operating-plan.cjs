// Browser test: logs into Camunda Tasklist, opens the operating-plan approval, checks the plan's
// figures on the Camunda Form, approves and completes it. Driven by ApprovalInTasklistTests.
// usage: node approve-operating-plan.cjs BASE_URL TASK_ID EXPECTED_MARGIN_TEXT SCREENSHOT_DIR
const { launch, login } = require('./browser.cjs');

const [base, taskId, marginText, shots] = process.argv.slice(2);

(async () => {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  try {
    await login(page, base, 'tasklist', 'All tasks');

    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
    const claim = page.locator('button:has-text("Claim"), a:has-text("Claim")').first();
    await claim.waitFor({ timeout: 30000 });
    await claim.click();
    const approve = page.getByLabel('I approve this plan');
    await approve.waitFor({ timeout: 30000 });

    const body = await page.locator('body').innerText();
    for (const expected of ['Approve the operating plan', 'Operating margin', 'P&L', 'Binding constraints']) {
      if (!body.includes(expected)) throw new Error(`the form does not show "${expected}"`);
    }
    const margin = await page.getByLabel('Operating margin').inputValue();
    if (margin !== marginText) throw new Error(`the form shows margin "${margin}", expected "${marginText}"`);
    const pnl = await page.getByLabel('P&L').inputValue();
    if (!pnl.includes('revenue')) throw new Error(`the P&L field shows "${pnl}"`);

    await approve.check();
    await page.screenshot({ path: `${shots}/approve-operating-plan.png`, fullPage: true });
    await page.locator('button:has-text("Complete")').first().click();
    await page.waitForFunction(() => !document.body.innerText.includes('I approve this plan'), null, { timeout: 30000 });
    await page.screenshot({ path: `${shots}/approve-operating-plan-completed.png`, fullPage: true });
    console.log(`approved task ${taskId} showing margin ${margin}`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/approve-operating-plan-failure.png`, fullPage: true }).catch(() => {});
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
