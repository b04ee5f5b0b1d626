// Measures search in the app, in Chromium, on a built site served over
// HTTP: for each query, in a fresh browser context with the CPU slowed 4×
// (Lighthouse's mobile setting), the reader focuses the header's field
// and the query arrives as one input (as a paste, or the last key of a
// word typed); timed from that input to the frame that paints its
// results, with the index files it fetched. Then the same query again
// once its files are loaded (cleared, then put back), timed the same way.
// Bytes are those of each fetched file's brotli copy in the site folder,
// as a CDN serving the pre-compressed files sends them.
//
// Usage: node search_app.mjs BASE_URL SITE_DIR "query 1,query 2,..." [RUNS=3]
// Prints the measurements as JSON on stdout.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, dir, list, runsArg = '3'] = process.argv.slice(2);
const queries = list.split(',').map((q) => q.trim()).filter(Boolean);
const runs = Number(runsArg);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const brotliBytes = (path) => {
  const file = join(dir, decodeURIComponent(path));
  return existsSync(`${file}.br`) ? statSync(`${file}.br`).size : statSync(file).size;
};

/** The paths of the index files `page` fetches, as they finish. */
function indexFetches(page) {
  const fetched = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('/data/search/')) fetched.push(path);
  });
  return fetched;
}

/** Puts `text` into the focused field as one input, and resolves with the ms until the frame that shows its results. */
async function timedInput(page, text) {
  return page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const field = document.getElementById('search-field');
        const status = () => document.querySelector('.search-page__status')?.textContent ?? '';
        const wanted = text.trim() === '' ? 'Type in' : `“${text.trim()}”`;
        const start = performance.now();
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          if (status().includes(wanted)) {
            // The frame that paints it.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }),
    text,
  );
}

const rows = [];
for (const query of queries) {
  const first = [], loaded = [], bytes = [], files = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fetched = indexFetches(page);
    await page.goto(`${base}/`);
    await page.locator('main').waitFor();
    // Focusing the field starts the app and fetches the index's manifest.
    await page.locator('#search-field').focus();
    await page.locator('#wellpress-data').waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const before = fetched.length;
    first.push(await timedInput(page, query));
    const ofQuery = fetched.slice(before);
    files.push(ofQuery.length + (before > 0 ? 1 : 0));
    // The manifest, fetched on focus, counts as part of the first query.
    bytes.push([...fetched].reduce((sum, path) => sum + brotliBytes(path), 0));
    await timedInput(page, '');
    loaded.push(await timedInput(page, query));
    await context.close();
  }
  rows.push({ query, firstMs: median(first), firstRuns: first.map(Math.round), loadedMs: median(loaded), loadedRuns: loaded.map(Math.round), bytes: median(bytes), files: median(files) });
}

// A second, different query after the first, in one context: the bytes it adds.
const context = await browser.newContext();
const page = await context.newPage();
const fetched = indexFetches(page);
await page.goto(`${base}/`);
await page.locator('#search-field').focus();
await page.locator('#wellpress-data').waitFor({ state: 'detached' });
await timedInput(page, queries[0]);
const firstBytes = fetched.reduce((sum, path) => sum + brotliBytes(path), 0);
fetched.length = 0;
await timedInput(page, queries[1] ?? queries[0]);
const second = { query: queries[1] ?? queries[0], bytes: fetched.reduce((sum, path) => sum + brotliBytes(path), 0), files: fetched.length };
await context.close();
await browser.close();
console.log(JSON.stringify({ cpu: 4, runs, queries: rows, first: { query: queries[0], bytes: firstBytes }, second }));
