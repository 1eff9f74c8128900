// What the browser tests share: Debian's Chromium, headless, and the login of the Camunda web apps.
const { chromium } = require('playwright-core');

exports.launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** Logs in to a Camunda web app (cockpit, tasklist) as demo/demo (or the user given) and waits until it shows `ready`. */
exports.login = async (page, base, app, ready, user = 'demo', password = 'demo') => {
  await page.goto(`${base}/camunda/app/${app}/default/#/login`);
  // the login form may render again while the app starts (seen once: both values typed into the user
  // field): fill it when the page has settled, and again until both fields hold what was typed
  const username = page.locator('input#username, input[ng-model="username"]').first();
  const secret = page.locator('input#password, input[ng-model="password"]').first();
  for (let attempt = 1; ; attempt++) {
    await page.waitForLoadState('networkidle');
    await username.fill(user);
    await secret.fill(password);
    if ((await username.inputValue()) === user && (await secret.inputValue()) === password) break;
    if (attempt === 3) throw new Error(`the ${app} login form did not keep the user and password`);
  }
  await page.locator('button[type="submit"]').first().click();
  await page.waitForSelector(`text=${ready}`, { timeout: 90000 });
};
