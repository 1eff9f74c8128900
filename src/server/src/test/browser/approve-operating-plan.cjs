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
    for (const expected of ['Approve the operating plan', 'Decide whether this plan goes out', 'Profit and loss',
      'Purchases from suppliers', 'Operating margin', 'What the approval releases', 'Purchase orders to suppliers',
      'Limits that bind the plan', 'Against the plan in force']) {
      if (!body.includes(expected)) throw new Error(`the form does not show "${expected}"`);
    }
    for (const code of ['purchaseCost', 'committedRevenue', 'carrier-capacity[']) {
      if (body.includes(code)) throw new Error(`the form shows "${code}"`);
    }
    // the P&L and the actions are tables, as Markdown renders them in the form
    const tables = await page.locator('.fjs-form table').count();
    if (tables < 2) throw new Error(`the form shows ${tables} tables, expected the P&L and the actions`);
    const margin = await page.getByLabel('Operating margin over the horizon').inputValue();
    if (margin !== marginText) throw new Error(`the form shows margin "${margin}", expected "${marginText}"`);

    await approve.check();
    // the whole form in one picture: a window tall enough that Tasklist's form panel does not scroll
    await page.setViewportSize({ width: 1440, height: 5200 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/approve-operating-plan.png`, fullPage: true });
    const runPage = await page.locator('a:has-text("run\'s page on the dashboard")').first().getAttribute('href');
    console.log(`the form links the run's page at ${runPage}`);
    await page.locator('button:has-text("Complete")').first().click();
    await page.waitForFunction(() => !document.body.innerText.includes('I approve this plan'), null, { timeout: 30000 });
    await page.screenshot({ path: `${shots}/approve-operating-plan-completed.png`, fullPage: true });

    // the run's page on the dashboard: the same plan with charts
    await page.setViewportSize({ width: 1440, height: 1300 });
    await page.goto(new URL(runPage, base).toString());
    for (const chart of ['margin', 'binding', 'carriers', 'warehouses']) {
      await page.locator(`#${chart} canvas`).first().waitFor({ timeout: 30000 });
    }
    const runBody = await page.locator('body').innerText();
    if (!runBody.includes('Operating margin') || runBody.includes('cannot be shown')) {
      throw new Error(`the run's page reads "${runBody.slice(0, 300)}"`);
    }
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${shots}/run-page.png`, fullPage: true });
    console.log(`approved task ${taskId} showing margin ${margin}`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/approve-operating-plan-failure.png`, fullPage: true }).catch(() => {});
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
