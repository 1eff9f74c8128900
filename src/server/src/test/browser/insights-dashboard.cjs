// Browser test: logs into Camunda (Cockpit), opens the Smart Ops dashboard with the same session
// and checks its charts and tables, then opens the process definition in Cockpit and checks the
// duration overlays on the diagram, and runs a what-if on the simulation page. Driven by
// DemoInsightsInBrowserTests.
// usage: node insights-dashboard.cjs BASE_URL PROCESS_DEFINITION_ID ACTIVITY_ID ACTIVITY_NAME SCREENSHOT_DIR
const { launch, login } = require('./browser.cjs');

const [base, definitionId, activityId, activityName, shots] = process.argv.slice(2);
const processKey = definitionId.split(':')[0];

(async () => {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1500, height: 1200 } });
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  try {
    await login(page, base, 'cockpit', 'Process Definitions');

    await page.goto(`${base}/smartops/dashboard`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: 90000 });
    const loaded = await page.evaluate(() => document.body.dataset.loaded);
    if (loaded !== 'true') throw new Error('the dashboard did not load: ' + await page.locator('#message').innerText());
    await page.selectOption('#process', processKey);
    await page.waitForFunction(key => document.getElementById('title').textContent.startsWith(key), processKey, { timeout: 60000 });
    await page.waitForTimeout(1500);
    const canvases = await page.locator('.chart canvas').count();
    if (canvases < 8) throw new Error(`only ${canvases} charts drawn`);
    const text = await page.locator('body').innerText();
    for (const expected of ['cycle time p50', 'Who should do each task', 'Improvement plan', 'Agent scorecards', 'CYCLE_TIME_P90', activityName]) {
      if (!text.includes(expected)) throw new Error(`the dashboard does not show "${expected}"`);
    }
    const activityRows = await page.locator('#activityTable tr').count();
    if (activityRows < 3) throw new Error(`the task table has ${activityRows} rows`);
    await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });

    await page.goto(`${base}/camunda/app/cockpit/default/#/process-definition/${definitionId}/runtime`);
    const overlay = page.locator(`.smartops-overlay[data-activity="${activityId}"]`);
    await overlay.waitFor({ timeout: 60000 });
    const label = await overlay.innerText();
    if (!/p50 .+ · p95 /.test(label)) throw new Error(`the overlay reads "${label}"`);
    const overlays = await page.locator('.smartops-overlay').count();
    await page.locator('.smartops-dashboard-link').waitFor({ timeout: 10000 });
    await page.screenshot({ path: `${shots}/cockpit-overlay.png`, fullPage: true });

    // what if two more people joined the sales team: the simulation page runs it and draws both
    await page.goto(`${base}/smartops/dashboard/simulation.html`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: 60000 });
    await page.selectOption('#process', processKey);
    await page.selectOption('#type', 'PEOPLE');
    await page.fill('#group', 'sales-emea');
    await page.fill('#delta', '2');
    await page.fill('#instances', '300');
    await page.fill('#replications', '2');
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.simulated || !document.getElementById('message').hidden
      && /failed|invalid|error/i.test(document.getElementById('message').textContent), null, { timeout: 180000 });
    const simulated = await page.evaluate(() => document.body.dataset.simulated);
    if (!simulated) throw new Error('the simulation did not finish: ' + await page.locator('#message').innerText());
    const kpiRows = await page.locator('#kpis tr').count();
    const simulationCharts = await page.locator('.chart canvas').count();
    if (kpiRows < 8 || simulationCharts < 3) throw new Error(`the what-if shows ${kpiRows} KPI rows and ${simulationCharts} charts`);
    await page.screenshot({ path: `${shots}/simulation.png`, fullPage: true });
    if (problems.length) throw new Error(problems.join('; '));
    console.log(`dashboard: ${canvases} charts, ${activityRows - 1} tasks; cockpit: ${overlays} overlays, ${activityId} reads "${label}";`
      + ` what-if ${simulated}: ${kpiRows - 1} KPIs, ${simulationCharts} charts`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/insights-failure.png`, fullPage: true }).catch(() => {});
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
