// The site shell and the home page's fetched content, on the release build.
import { test, expect } from '@playwright/test';
import { published, watchErrors, appReady, reachForApp } from './helpers.mjs';

const home = published('data/home/1.json');

// Pages arrive prerendered with their data, so loading and failure show
// when the reader moves on inside the app: from an article to the home page.
async function fromAnArticleToHome(page) {
  await page.goto(`/${home.items[0].slug}/`);
  await appReady(page);
  await page.getByRole('banner').getByRole('link', { name: 'WellPress' }).click();
}

test('home renders every article of the fetched listing', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'WellPress' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Latest articles' })).toBeVisible();
  for (const item of home.items) {
    await expect(page.getByRole('link', { name: item.title })).toHaveAttribute('href', `/${item.slug}/`);
  }
  await expect(page.getByRole('article')).toHaveCount(home.items.length);
  await expect(page.getByRole('contentinfo')).toBeVisible();
  await expect(page).toHaveTitle('WellPress');
});

test('a page load logs no console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a slow answer shows the loading skeleton, then the content', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/data/home/1.json', async (route) => {
    await held;
    await route.continue();
  });
  await fromAnArticleToHome(page);
  await expect(page.getByRole('status')).toHaveText('Loading articles…');
  release();
  await expect(page.getByRole('link', { name: home.items[0].title })).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
});

for (const [failure, answer, message] of [
  ['a server error', { status: 500, body: 'oops' }, /HTTP 500/],
  ['a missing file', { status: 404, body: 'gone' }, /could not be found/],
  ['corrupt JSON', { status: 200, contentType: 'application/json', body: '{"page": 1, "items": [' }, /damaged/],
]) {
  test(`${failure} shows the reason, and "Try again" recovers`, async ({ page }) => {
    let failing = true;
    await page.route('**/data/home/1.json', (route) => (failing ? route.fulfill(answer) : route.continue()));
    await fromAnArticleToHome(page);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: "This page didn't load" })).toBeVisible();
    await expect(alert).toContainText(message);

    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('link', { name: home.items[0].title })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

test('offline shows a connection message, and "Try again" recovers once back online', async ({ page }) => {
  await page.route('**/data/home/1.json', (route) => route.abort('internetdisconnected'));
  await fromAnArticleToHome(page);
  await expect(page.getByRole('alert')).toContainText('Check your connection');
  await page.unroute('**/data/home/1.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('article')).toHaveCount(home.items.length);
});

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
  await page.goto('/');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the server sends wasm with its type, compressed, when the app starts', async ({ request, page }) => {
  const wasm = page.waitForRequest((r) => r.url().endsWith('.wasm'));
  await page.goto('/');
  await reachForApp(page);
  const wasmUrl = (await wasm).url();
  const response = await request.get(wasmUrl, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(response.headers()['content-type']).toBe('application/wasm');
  expect(response.headers()['content-encoding']).toBe('gzip');
});
