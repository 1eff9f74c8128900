// Browser test: the process owner logs into Camunda Tasklist, opens "Approve the agent's
// promotion", reads the gate's decision and the evidence on the Camunda Form, approves and
// completes it. Driven by PromotionInTasklistTests.
// usage: node approve-agent-promotion.cjs BASE_URL TASK_ID USER PASSWORD SCREENSHOT_DIR
const { launch, login } = require('./browser.cjs');

const [base, taskId, user, password, shots] = process.argv.slice(2);

(async () => {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1300 } });
  try {
    await login(page, base, 'tasklist', 'All tasks', user, password);

    await page.goto(`${base}/camunda/app/tasklist/default/#/?task=${taskId}`);
    const claim = page.locator('button:has-text("Claim"), a:has-text("Claim")').first();
    await claim.waitFor({ timeout: 30000 });
    await claim.click();
    const approve = page.getByLabel('I approve this promotion');
    await approve.waitFor({ timeout: 30000 });

    const body = await page.locator('body').innerText();
    for (const expected of ["Approve the agent's promotion", 'moves on', 'Approve:', 'Do not approve:', "The gate's decision",
      "The agent's evidence", "The incumbent's evidence", 'Tests (fixed in advance)']) {
      if (!body.includes(expected)) throw new Error(`the form does not show "${expected}"`);
    }
    const decision = await page.getByLabel("The gate's decision").inputValue();
    if (!decision.startsWith('passed')) throw new Error(`the form shows the gate's decision "${decision}"`);
    const candidate = await page.getByLabel("The agent's evidence").inputValue();
    if (!candidate.includes('shadow runs:')) throw new Error(`the candidate's evidence reads "${candidate}"`);

    await approve.check();
    await page.getByLabel('Comment').fill('approved in Tasklist on the evidence');
    // the whole form in one picture: a window tall enough that Tasklist's form panel does not scroll
    await page.setViewportSize({ width: 1440, height: 2400 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/approve-agent-promotion.png`, fullPage: true });
    await page.locator('button:has-text("Complete")').first().click();
    await page.waitForFunction(() => !document.body.innerText.includes('I approve this promotion'), null, { timeout: 30000 });
    console.log(`approved promotion task ${taskId} showing gate decision ${decision}`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/approve-agent-promotion-failure.png`, fullPage: true }).catch(() => {});
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
