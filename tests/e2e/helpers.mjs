// Shared helpers for the end-to-end specs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The site a test runs on: the root build, or (project "blog") the build
 * made with --public-url /blog/ and served under /blog/. `at` turns a site
 * path into the address on this server; `json` and `text` read its files.
 */
export function siteUnderTest(info) {
  const blog = info.project.name === 'blog';
  const dist = blog ? process.env.WELLPRESS_BLOG_DIST : process.env.WELLPRESS_DIST;
  const base = blog ? '/blog' : '';
  return {
    blog,
    base,
    at: (path) => `${base}${path}`,
    json: (file) => JSON.parse(readFileSync(join(dist, 'data', file), 'utf8')),
    text: (file) => readFileSync(join(dist, file), 'utf8'),
    files: () => readdirSync(dist),
  };
}

/** Reads a JSON file the build published, as the app will fetch it. */
export function published(relativePath) {
  return JSON.parse(readFileSync(join(process.env.WELLPRESS_DIST, relativePath), 'utf8'));
}

/** A page of a new browser context with JavaScript off, as a reader without it (close its context when done). */
export async function pageWithoutScripts(browser, info) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: info.project.use.baseURL });
  return context.newPage();
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`exception: ${err.message}`));
  return errors;
}

/**
 * Starts the app the way a reader does, by pointing at a link (the site's
 * name, at the top of every page), and waits until it runs the page and
 * shows its content. A prerendered page reads before that; the app removes
 * the element naming the page's data when it takes over.
 */
export async function appReady(page) {
  await page.locator('main').waitFor();
  await reachForApp(page);
  await tookOver(page);
}

/** Waits, without starting it, until the app has taken over the page and shows its content. */
export async function tookOver(page) {
  await page.locator('#wellpress-data').waitFor({ state: 'detached' });
  await page.locator('main [aria-busy="true"]').waitFor({ state: 'detached' });
}

/**
 * Points at the site's name: the app starts on a reader's first reach for
 * a link (src/start/start.js). Scrolls to the top, where the name is.
 */
export async function reachForApp(page) {
  await page.locator('.site-header__name').hover();
}

/** A text field of the comment form by its accessible name (the required-mark star is hidden from it). */
export const field = (page, name) => page.getByRole('textbox', { name, exact: true });

/** Holds the wasm back, so the prerendered page stays as it is, until the returned function is called. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Moves the app to `path` the way a click on an in-site link does. */
export async function navigateInApp(page, path) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

/** The captcha's answer, worked out from its label as a screen reader hears it. */
export async function solve(page) {
  const label = await page.getByLabel(/^Math Captcha/).evaluate((input) => input.labels[0].textContent);
  const spoken = label.split(':')[1].split('.')[0].trim();
  const [a, op, b, , c] = spoken.replace('divided by', 'dividedby').split(' ');
  const n = (x) => Number(x);
  const blankIs = [a, b, c].indexOf('blank');
  const ops = {
    plus: [(x, y) => x + y, (z, y) => z - y, (z, x) => z - x],
    minus: [(x, y) => x - y, (z, y) => z + y, (z, x) => x - z],
    times: [(x, y) => x * y, (z, y) => z / y, (z, x) => z / x],
    dividedby: [(x, y) => x / y, (z, y) => z * y, (z, x) => x / z],
  }[op];
  if (blankIs === 2) return String(ops[0](n(a), n(b)));
  if (blankIs === 0) return String(ops[1](n(c), n(b)));
  return String(ops[2](n(c), n(a)));
}
