// Measures in-app navigation: from a click on a related article to the
// moment its title and body are painted; and starting the app on a reach.
// Usage: node navigation.mjs BASE_URL RUNS [START_RUNS]
import { chromium } from 'playwright-core';

const [base, runs, startRuns = '9'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const home = await (await fetch(`${base}/data/home/1.json`)).json();
let slug = home.items[0].slug;

// Starting the app: from the pointer's move onto a link to the app's view
// on screen, each time in a fresh context (nothing cached) and with the
// CPU slowed down 4 times, as Lighthouse's mobile setting does; with the
// longest task of the main thread meanwhile.
const starts = [];
for (let i = 0; i < Number(startRuns); i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${base}/${slug}/`);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  const box = await page.locator('.article__category a').boundingBox();
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask' });
    window.__reached = null;
    addEventListener('pointermove', () => (window.__reached ??= performance.now()), { capture: true });
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('#wellpress-data').waitFor({ state: 'detached' });
  starts.push(
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - window.__reached, longest: window.__longest }), 0)),
        ),
    ),
  );
  await context.close();
}

const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const times = [];
await page.goto(`${base}/${slug}/`);
// The page reads before the app runs, which starts when the reader first
// points at a link; clicks are timed once the app has taken over (it
// removes the page's embedded data when it does).
await page.locator('.related h3 a').first().hover();
await page.locator('#wellpress-data').waitFor({ state: 'detached' });
for (let i = 0; i < Number(runs); i++) {
  await page.locator('.prose').waitFor();
  const link = page.locator('.related h3 a').nth(i % 4);
  const title = (await link.textContent()).trim();
  // Timed inside the page: click, then wait for the new title and body to
  // be in the document and for the frame that shows them to be painted.
  const ms = await page.evaluate(async ([index, expected]) => {
    const a = document.querySelectorAll('.related h3 a')[index];
    const start = performance.now();
    a.click();
    await new Promise((resolve) => {
      const check = () => {
        const h1 = document.querySelector('main h1');
        if (h1 && h1.textContent.trim() === expected && document.querySelector('.prose')) {
          requestAnimationFrame(() => setTimeout(resolve, 0));
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });
    return performance.now() - start;
  }, [i % 4, title]);
  times.push(ms);
}
await browser.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(JSON.stringify({
  runs: times.length, median: median(times), worst: Math.max(...times),
  startRuns: starts.length,
  startMedian: median(starts.map((r) => r.ms)), startWorst: Math.max(...starts.map((r) => r.ms)),
  longestTaskMedian: median(starts.map((r) => r.longest)), longestTaskWorst: Math.max(...starts.map((r) => r.longest)),
}));
