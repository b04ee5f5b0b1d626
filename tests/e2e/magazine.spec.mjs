// The magazine on the release build behind nginx: routes, navigation,
// the article page, archives, the not-found page and accessibility.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { published, watchErrors, appReady, navigateInApp } from './helpers.mjs';

const home1 = published('data/home/1.json');
const newest = published(`data/article/${home1.items[0].slug}.json`);
// An article with a previous and a next one, and a category with two pages.
const middle = published(`data/article/${home1.items[2].slug}.json`);
const nutrition = published('data/category/nutrition/1.json');

/** Marks the document so a test can tell whether the page was reloaded. */
async function markDocument(page) {
  await page.evaluate(() => (window.__sameDocument = true));
}
async function expectSameDocument(page) {
  expect(await page.evaluate(() => window.__sameDocument === true)).toBe(true);
}

test('home → category → article → related article → back → forward, without reloads', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await appReady(page);
  await markDocument(page);

  const card = home1.items[0];
  await page.getByRole('article').filter({ hasText: card.title }).getByRole('link', { name: card.category.name }).click();
  await expect(page).toHaveURL(`/category/${card.category.slug}/`);
  await expect(page.getByRole('heading', { level: 1, name: card.category.name })).toBeVisible();

  await page.getByRole('link', { name: card.title }).click();
  await expect(page).toHaveURL(`/${card.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await expect(page).toHaveTitle(`${card.title} – WellPress`);

  const related = newest.related[0];
  await page.getByRole('region', { name: 'Related Articles' }).getByRole('link', { name: related.title }).click();
  await expect(page).toHaveURL(`/${related.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(related.title);

  await page.goBack();
  await expect(page).toHaveURL(`/${card.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: card.category.name })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(related.title);

  await expectSameDocument(page);
  expect(errors).toEqual([]);
});

const routes = [
  ['/', 'Latest articles', 'WellPress'],
  ['/page/2', 'Latest articles', 'Latest articles – page 2 – WellPress'],
  ['/page/2/', 'Latest articles', 'Latest articles – page 2 – WellPress'],
  ['/category/nutrition/', 'Nutrition', 'Nutrition – WellPress'],
  ['/category/nutrition/page/2/', 'Nutrition', 'Nutrition – page 2 – WellPress'],
  ['/tag/sleep', 'sleep', 'sleep – WellPress'],
  [`/${middle.slug}/`, middle.title, `${middle.title} – WellPress`],
  [`/${middle.slug}`, middle.title, `${middle.title} – WellPress`],
];
for (const [path, heading, title] of routes) {
  test(`a reload of ${path} shows that page`, async ({ page }) => {
    await page.goto(path);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page).toHaveTitle(title);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description.length).toBeGreaterThan(20);
  });
}

for (const path of ['/no-such-article/', '/category/no-such-category/', '/tag/nope/', '/page/99/', '/page/0/', '/a/b/c/d/']) {
  test(`${path} shows the not-found page with a way home`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });
}

test('the article page follows the reference order', async ({ page }) => {
  await page.goto(`/${middle.slug}/`);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Home' })).toHaveAttribute('href', '/');
  await expect(crumbs.getByRole('link', { name: middle.category.name })).toHaveAttribute(
    'href',
    `/category/${middle.category.slug}/`,
  );
  await expect(crumbs).toContainText(middle.title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('.byline')).toContainText(`By ${middle.author.name}`);
  await expect(page.locator('.byline')).toContainText(`${middle.reading_minutes} min read`);

  const related = page.getByRole('region', { name: 'Related Articles' });
  await expect(related.getByRole('article')).toHaveCount(4);
  for (const card of middle.related) {
    await expect(related.getByRole('link', { name: card.title })).toHaveAttribute('href', `/${card.slug}/`);
    expect(card.slug).not.toBe(middle.slug);
  }
  const promo = page.getByRole('complementary', { name: 'The Weekly Check-Up' });
  await expect(promo.getByRole('listitem')).toHaveCount(5);
  await expect(promo.getByRole('link', { name: 'Join the newsletter' })).toBeVisible();
  await expect(page.locator('#comments').getByRole('heading', { name: 'Leave a Reply' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Previous and next articles' });
  await expect(nav.getByRole('link', { name: new RegExp(middle.previous.title.replace(/[?()]/g, '.')) })).toBeVisible();
  await expect(nav.getByRole('link', { name: new RegExp(middle.next.title.replace(/[?()]/g, '.')) })).toBeVisible();

  // Top to bottom: breadcrumb, category, title, byline, body, prev/next, related, promo, comments.
  const order = await page.evaluate(() =>
    ['nav[aria-label="Breadcrumb"]', '.article__category', 'h1', '.byline', '.prose', '.prev-next', '.related', '.promo', '#comments'].map(
      (selector) => document.querySelector(selector).getBoundingClientRect().top + window.scrollY,
    ),
  );
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('the body renders faithfully: sections, lists, quotation, table, links', async ({ page }) => {
  const withTable = home1.items
    .concat(published('data/home/2.json').items)
    .map((c) => published(`data/article/${c.slug}.json`))
    .find((a) => a.body_html.includes('<table>') && a.body_html.includes('<blockquote>'));
  await page.goto(`/${withTable.slug}/`);
  const body = page.locator('.prose');
  await expect(body.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(body.getByRole('table')).toBeVisible();
  await expect(body.locator('blockquote')).toBeVisible();
  await expect(body.getByRole('list').first()).toBeVisible();
  const external = body.locator('a[href^="https://"]').first();
  await expect(external).toHaveAttribute('rel', 'noopener');
});

test('an internal link inside an article body navigates without a reload', async ({ page }) => {
  const match = middle.body_html.match(/<a href="(\/[a-z0-9-]+\/)">([^<]+)<\/a>/);
  expect(match, 'the article links to another one').toBeTruthy();
  const [, href] = match;
  const target = published(`data/article/${href.slice(1, -1)}.json`);
  await page.goto(`/${middle.slug}/`);
  await appReady(page);
  await markDocument(page);
  await page.locator(`.prose a[href="${href}"]`).first().click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.title);
  await expectSameDocument(page);
});

test('a failed article fetch shows the error, and "Try again" loads it', async ({ page }) => {
  let failing = true;
  await page.route(`**/data/article/${middle.slug}.json`, (route) =>
    failing ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
  );
  await page.goto('/');
  await appReady(page);
  await navigateInApp(page, `/${middle.slug}/`);
  await expect(page.getByRole('alert')).toContainText('HTTP 503');
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(middle.title);
});

test('a host that answers a missing data file with the app page still shows "Page not found"', async ({ page }) => {
  await page.route('**/data/article/missing-here.json', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>app</title>' }),
  );
  await page.goto('/');
  await appReady(page);
  await navigateInApp(page, '/missing-here/');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('pointing at an article link loads it ahead, so the click needs no second request', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  const card = home1.items[1];
  const url = `**/data/article/${card.slug}.json`;
  let requests = 0;
  page.on('request', (r) => r.url().endsWith(`/data/article/${card.slug}.json`) && requests++);
  const prefetched = page.waitForResponse(url);
  await page.getByRole('link', { name: card.title }).hover();
  await prefetched;
  await page.getByRole('link', { name: card.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  expect(requests).toBe(1);
});

test('pagination leads through the pages of a category', async ({ page }) => {
  expect(nutrition.total_pages).toBeGreaterThan(1);
  await page.goto('/category/nutrition/');
  const pager = page.getByRole('navigation', { name: 'Pagination' });
  await pager.getByRole('link', { name: 'Older →' }).click();
  await expect(page).toHaveURL('/category/nutrition/page/2/');
  const page2 = published('data/category/nutrition/2.json');
  await expect(page.getByRole('article')).toHaveCount(page2.items.length);
  await expect(pager.getByText('Page 2')).toHaveAttribute('aria-current', 'page');
  await pager.getByRole('link', { name: '← Newer' }).click();
  await expect(page).toHaveURL('/category/nutrition/');
});

test('back restores the reading position; a new page starts at the top', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto('/');
  await appReady(page);
  const last = page.getByRole('article').nth(4);
  await last.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(200);
  await last.getByRole('heading').getByRole('link').click();
  await expect(page.locator('.article h1')).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Latest articles' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 5);
});

test('sources: each citation says which source it points to, and leads there and back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/walking-after-meals/');
  await appReady(page);
  await markDocument(page);
  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('heading', { level: 2, name: 'Sources' })).toBeVisible();
  await expect(sources.getByRole('listitem')).toHaveCount(1);
  // One source cited twice: two marks, two ways back.
  const marks = page.getByRole('link', { name: 'Source 1', exact: true });
  await expect(marks).toHaveCount(2);
  await marks.nth(1).click();
  await expect(page).toHaveURL(/#source-1$/);
  await expect(sources.getByRole('listitem').first()).toBeInViewport();
  // The source it leads to is marked.
  const tint = await sources.getByRole('listitem').first().evaluate((li) => getComputedStyle(li).backgroundColor);
  expect(tint).not.toBe('rgba(0, 0, 0, 0)');
  await sources.getByRole('link', { name: 'Back to citation 2 of source 1' }).click();
  await expect(page).toHaveURL(/#cite-1-2$/);
  await expect(marks.nth(1)).toBeInViewport();
  await expectSameDocument(page);
  expect(errors).toEqual([]);
});

for (const path of ['/', '/category/nutrition/', `/${middle.slug}/`, '/sleep-debt-weekend/', '/no-such-page/']) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await appReady(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no contrast problems in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/${middle.slug}/`);
    await appReady(page);
    const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
    expect(results.violations.map((v) => v.nodes.map((n) => n.target).join(', '))).toEqual([]);
  });
}

for (const width of [320, 375, 1280]) {
  test(`the article fits a ${width} px wide screen`, async ({ page }, info) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/${middle.slug}/`);
    await appReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`article-${width}.png`), fullPage: true });
  });
}

test('the body text keeps a readable measure on wide screens', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`/${middle.slug}/`);
  await appReady(page);
  const charsPerLine = await page.evaluate(() => {
    const p = document.querySelector('.prose p');
    const font = getComputedStyle(p).fontSize;
    return p.getBoundingClientRect().width / (parseFloat(font) * 0.5);
  });
  expect(charsPerLine).toBeGreaterThan(55);
  expect(charsPerLine).toBeLessThan(95);
});
