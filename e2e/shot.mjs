import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:9311';
const shots = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
for (const spec of shots) {
  const [path, width, name, user] = spec.split('|');
  const ctx = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
  const page = await ctx.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e}`));
  const r = await page.request.post(`${base}/api/v1/auth/login`, { data: { username: user || 'member1', password: 'Demo.Pass1' } });
  if (r.status() !== 200) console.log('login', r.status());
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name, 'scroll', sw.join('/'), logs.join(' | '));
  await ctx.close();
}
await browser.close();
