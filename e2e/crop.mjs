import { chromium } from '@playwright/test';
// node crop.mjs in.png out.png x y w h
const [inp, out, x, y, w, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const fs = await import('node:fs');
const data = fs.readFileSync(inp).toString('base64');
await page.setContent(`<body style="margin:0"><img src="data:image/png;base64,${data}" style="position:absolute;left:-${x}px;top:-${y}px"></body>`);
await page.screenshot({ path: out });
await browser.close();
