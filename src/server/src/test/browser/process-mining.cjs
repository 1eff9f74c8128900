// Browser test: logs into Cockpit, opens the dashboard's process-mining page with the same session
// and checks its conformance cards, charts, deviations and variant explorer (filtered by executor
// kind, with links to Cockpit and the event-log downloads), then opens the process definition in
// Cockpit and switches the heatmap to frequency and to duration, checking the overlays on tasks and
// flows and the legend. Driven by DemoInsightsInBrowserTests.
// usage: node process-mining.cjs BASE_URL PROCESS_DEFINITION_ID ACTIVITY_ID SCREENSHOT_DIR
const { launch, login } = require('./browser.cjs');

const [base, definitionId, activityId, shots] = process.argv.slice(2);
const processKey = definitionId.split(':')[0];

(async () => {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1500, height: 1300 } });
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  try {
    await login(page, base, 'cockpit', 'Process Definitions');

    await page.goto(`${base}/smartops/dashboard/mining.html#process=${processKey}`);
    await page.waitForFunction(() => document.body.dataset.loaded, null, { timeout: 120000 });
    if (await page.evaluate(() => document.body.dataset.loaded) !== 'true') {
      throw new Error('the mining page did not load: ' + await page.locator('#message').innerText());
    }
    const cards = await page.locator('#conformance .card').allInnerTexts();
    const fitness = cards.find(c => c.startsWith('fitness'));
    if (!fitness || !/^fitness\s+(1|0\.\d+)$/.test(fitness.trim())) throw new Error('no fitness card: ' + cards.join(' | '));
    const byHand = cards.find(c => c.startsWith('changed by hand'));
    if (!byHand || /\s0$/.test(byHand.trim())) throw new Error('no instance changed by hand: ' + cards.join(' | '));
    const deviationRows = await page.locator('#deviations tr').count() - 1;
    if (deviationRows < 1) throw new Error('the deviations table is empty');
    if (await page.locator('#deviations a[href*="/process-instance/"]').count() < 1) throw new Error('no deviation links to Cockpit');
    const canvases = await page.locator('.chart canvas').count();
    if (canvases < 3) throw new Error(`only ${canvases} charts drawn`);
    const variantRows = await page.locator('#variants tr').count() - 1;
    if (variantRows < 2) throw new Error(`the variant explorer lists ${variantRows} variants`);
    const cockpitLinks = await page.locator('#variants a[href*="/process-instance/"]').count();
    if (cockpitLinks < variantRows) throw new Error(`${cockpitLinks} links to Cockpit for ${variantRows} variants`);
    for (const format of ['xes', 'ocel', 'csv']) {
      const href = await page.locator('#' + format).getAttribute('href');
      if (!href || !href.includes(`format=${format}`)) throw new Error(`the ${format} download reads ${href}`);
    }
    const summaryAll = await page.locator('#variantSummary').innerText();
    await page.screenshot({ path: `${shots}/mining.png`, fullPage: true });

    // only the instances in which a person took part
    await page.selectOption('#executorKind', 'HUMAN');
    await page.click('#show');
    await page.waitForFunction(() => document.body.dataset.loaded === 'true', null, { timeout: 60000 });
    const summaryHuman = await page.locator('#variantSummary').innerText();
    if (summaryHuman === summaryAll) throw new Error('the executor-kind filter changed nothing: ' + summaryHuman);
    const xes = await page.evaluate(async href => {
      const r = await fetch(href, { credentials: 'same-origin' });
      return { status: r.status, disposition: r.headers.get('content-disposition'), start: (await r.text()).slice(0, 200) };
    }, await page.locator('#xes').getAttribute('href'));
    if (xes.status !== 200 || !/attachment/.test(xes.disposition || '') || !xes.start.includes('<log')) {
      throw new Error('the XES download answered ' + JSON.stringify(xes));
    }

    await page.goto(`${base}/camunda/app/cockpit/default/#/process-definition/${definitionId}/runtime`);
    const toggle = page.locator('.smartops-heatmap-switch');
    await toggle.waitFor({ timeout: 60000 });
    await toggle.locator('input[value="frequency"]').check();
    await page.locator(`.smartops-heat[data-activity="${activityId}"]`).waitFor({ timeout: 60000 });
    const tasks = await page.locator('.smartops-heat').count();
    const flows = await page.locator('.smartops-heat-flow').count();
    if (tasks < 3 || flows < 3) throw new Error(`the heatmap covers ${tasks} tasks and ${flows} flows`);
    const legend = await page.locator('.smartops-heat-legend').innerText();
    if (!legend.includes('How often')) throw new Error('the legend reads ' + legend);
    const frequency = await page.locator(`.smartops-heat[data-activity="${activityId}"]`).getAttribute('data-value');
    await page.screenshot({ path: `${shots}/cockpit-heatmap-frequency.png`, fullPage: true });
    await toggle.locator('input[value="duration"]').check();
    await page.waitForFunction(() => document.querySelector('.smartops-heat-legend').innerText.includes('How long'), null, { timeout: 10000 });
    const duration = await page.locator(`.smartops-heat[data-activity="${activityId}"]`).getAttribute('data-value');
    if (duration === frequency) throw new Error(`the duration (${duration}) reads as the frequency`);
    await page.screenshot({ path: `${shots}/cockpit-heatmap-duration.png`, fullPage: true });
    await toggle.locator('input[value="off"]').check();
    await page.waitForFunction(() => !document.querySelector('.smartops-heat'), null, { timeout: 10000 });
    if (problems.length) throw new Error(problems.join('; '));
    console.log(`mining: ${cards.join(', ').replace(/\n/g, ' ')}; ${summaryAll} / with a person: ${summaryHuman};`
      + ` heatmap: ${tasks} tasks, ${flows} flows, ${activityId} ran ${frequency} times, took ${duration} ms on average`);
  } catch (e) {
    await page.screenshot({ path: `${shots}/mining-failure.png`, fullPage: true }).catch(() => {});
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
