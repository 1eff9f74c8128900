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
  await page.locator('input#username, input[ng-model="username"]').first().fill(user);
  await page.locator('input#password, input[ng-model="password"]').first().fill(password);
  await page.locator('button[type="submit"]').first().click();
  await page.waitForSelector(`text=${ready}`, { timeout: 90000 });
};
