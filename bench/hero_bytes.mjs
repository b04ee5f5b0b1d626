// What a hero image costs a reader on a phone: the bytes transferred
// (as sent, compressed) by an article page with its hero, against the same
// page with the hero's figure taken out, each loaded fresh at 375 px wide
// (device pixel ratio 2) and left alone until the network is quiet; with
// the file the browser chose for the hero. Medians of RUNS loads each.
// Usage: node hero_bytes.mjs BASE_URL WITH_PATH WITHOUT_PATH [RUNS]
import { chromium } from 'playwright-core';

const [base, withHero, withoutHero, runs = '3'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function load(path) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  const hero = await page.evaluate(() => document.querySelector('.article__hero img')?.currentSrc ?? null);
  await context.close();
  return { bytes, hero };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const measure = async (path) => {
  const loads = [];
  for (let i = 0; i < Number(runs); i++) loads.push(await load(path));
  return { bytes: median(loads.map((l) => l.bytes)), hero: loads[0].hero };
};
const withIt = await measure(withHero);
const without = await measure(withoutHero);
await browser.close();
console.log(JSON.stringify({ with: withIt, without, ratio: withIt.bytes / without.bytes }));
