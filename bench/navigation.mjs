// Measures in-app navigation: from a click on a related article to the
// moment its title and body are painted. Usage: node navigation.mjs BASE_URL RUNS
import { chromium } from 'playwright-core';

const [base, runs] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const times = [];
const home = await (await fetch(`${base}/data/home/1.json`)).json();
let slug = home.items[0].slug;
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
times.sort((a, b) => a - b);
console.log(JSON.stringify({ runs: times.length, median: times[Math.floor(times.length / 2)], worst: times[times.length - 1] }));
