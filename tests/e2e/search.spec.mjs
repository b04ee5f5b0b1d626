// Search: the header's field on every page, the search page the app fills
// in as the reader types, its keys, filter, suggestions and failures, and
// the page without JavaScript. Runs at the root and under /blog/.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { pageWithoutScripts, siteUnderTest, watchErrors } from './helpers.mjs';

const searchField = (page) => page.getByRole('searchbox', { name: 'Search articles' });
const results = (page) => page.locator('#search-results > li');
const status = (page) => page.getByRole('status').filter({ hasText: /found|No results|No article|Type in/ });

/** The demo's articles, from the home listing's JSON (every page of it). */
function articles(s) {
  const first = s.json('home/1.json');
  const all = [...first.items];
  for (let n = 2; n <= first.total_pages; n++) all.push(...s.json(`home/${n}.json`).items);
  return all;
}

/** Records requests for the search index. */
function indexRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    if (request.url().includes('/data/search/')) seen.push(new URL(request.url()).pathname);
  });
  return seen;
}

/** Opens `path`, focuses the header's field (which starts the app) and types `text` into it. */
async function searchFrom(page, s, path, text) {
  await page.goto(s.at(path));
  await searchField(page).click();
  await page.locator('#wellpress-data').waitFor({ state: 'detached' });
  await searchField(page).pressSequentially(text, { delay: 30 });
}

test('typing in the header finds articles as the reader types, and the field keeps focus', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const errors = watchErrors(page);
  const requested = indexRequests(page);
  const article = articles(s).find((a) => a.slug === 'blood-pressure-at-home');
  await page.goto(s.at(`/${article.slug}/`));
  // The page and the app load nothing of search before the reader focuses the field.
  await page.locator('.site-header__name').hover();
  await page.locator('#wellpress-data').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  expect(requested).toEqual([]);

  await searchField(page).click();
  await searchField(page).pressSequentially('blood pressure', { delay: 40 });
  await expect(page).toHaveURL(s.at('/search/?q=blood+pressure'));
  await expect(searchField(page)).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “blood pressure”');
  // Title matches rank above body matches.
  const first = results(page).first();
  await expect(first.getByRole('heading', { level: 2 })).toHaveText(article.title);
  await expect(first.locator('mark').first()).toHaveText(/blood/i);
  await expect(first).toContainText(article.category.name);
  const count = await results(page).count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(10);
  await expect(status(page)).toHaveText(new RegExp(`^${count} articles? found for “blood pressure”\\.$`));
  await expect(page).toHaveTitle(/^Search – /);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  // The index is fetched in small pieces: nothing like a whole-site file.
  expect(requested.length).toBeGreaterThan(2);
  expect(requested.every((p) => p.startsWith(s.at('/data/search/')))).toBe(true);

  // A result is a link to its article.
  await first.getByRole('link').click();
  await expect(page).toHaveURL(s.at(`/${article.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(searchField(page)).toHaveValue('');
  // Back returns to the results.
  await page.goBack();
  await expect(page).toHaveURL(s.at('/search/?q=blood+pressure'));
  await expect(results(page).first().getByRole('heading', { level: 2 })).toHaveText(article.title);
  expect(errors).toEqual([]);
});

test('a prefix and a typo find their articles; a word that matches nothing gets a suggestion', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const errors = watchErrors(page);
  await searchFrom(page, s, '/', 'presure');
  await expect(results(page).getByRole('heading', { name: /Blood Pressure/ })).toBeVisible();
  await expect(results(page).first().locator('mark').first()).toHaveText(/pressure/i);

  await searchField(page).fill('caffe');
  await expect(results(page).first().getByRole('heading', { level: 2 })).toContainText(/caffeine/i);

  await searchField(page).fill('zqxjv');
  await expect(status(page)).toHaveText('No results for “zqxjv”.');
  await expect(results(page)).toHaveCount(0);

  await searchField(page).fill('slep ');
  await expect(status(page)).toHaveText('No results for “slep”.');
  const suggestion = page.getByRole('button', { name: 'sleep', exact: true });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(searchField(page)).toHaveValue('sleep');
  await expect(page).toHaveURL(s.at('/search/?q=sleep'));
  await expect(results(page).first()).toContainText(/sleep/i);
  expect(errors).toEqual([]);
});

test('"/" focuses the field; the arrow keys move through the results and Enter opens one', async ({ page }, info) => {
  const s = siteUnderTest(info);
  await page.goto(s.at('/'));
  await page.locator('main').waitFor();
  await page.keyboard.press('/');
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.type('sleep', { delay: 40 });
  await expect(results(page).nth(1)).toBeVisible();
  const second = await results(page).nth(1).getByRole('link').getAttribute('href');

  await page.keyboard.press('ArrowDown');
  await expect(searchField(page)).toHaveAttribute('aria-activedescendant', 'search-result-0');
  await page.keyboard.press('ArrowDown');
  await expect(searchField(page)).toHaveAttribute('aria-activedescendant', 'search-result-1');
  await expect(results(page).nth(1)).toHaveClass(/search-result--active/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(second);
  await expect(page.locator('.byline')).toBeVisible();
  // "/" does nothing while the reader types elsewhere.
  await page.getByRole('textbox', { name: /Comment/ }).first().click();
  await page.keyboard.type('a/b');
  await expect(page.getByRole('textbox', { name: /Comment/ }).first()).toHaveValue('a/b');
});

test('the category filter narrows the results and is kept in the address', async ({ page }, info) => {
  const s = siteUnderTest(info);
  await searchFrom(page, s, '/', 'health');
  await expect(status(page)).toHaveText(/found for “health”/);
  await expect(page.locator('.search-results')).toHaveAttribute('aria-busy', 'false');
  const filter = page.getByRole('combobox', { name: 'Category' });
  const names = await filter.locator('option').allTextContents();
  expect(names[0]).toBe('All categories');
  expect(names.length).toBeGreaterThan(2);
  const all = await results(page).count();
  const meta = await results(page).locator('.search-result__meta').allTextContents();
  const category = meta[0].split(' · ')[0];
  const slug = articles(s).find((a) => a.category.name === category).category.slug;
  await filter.selectOption({ label: category });
  await expect(page).toHaveURL(s.at(`/search/?q=health&category=${slug}`));
  // The last results stay, dimmed, until the filtered ones come.
  await expect(async () => {
    const lines = await results(page).locator('.search-result__meta').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.startsWith(`${category} · `)).toBe(true);
  }).toPass();
  await expect(page.locator('.search-results')).toHaveAttribute('aria-busy', 'false');
  await expect(status(page)).toHaveText(/found for “health”/);
  expect(await results(page).count()).toBeLessThanOrEqual(all);
  // Landing on that address shows the same.
  await page.reload();
  await expect(filter).toHaveValue(slug);
  await expect(searchField(page)).toHaveValue('health');
  await expect(results(page).first().locator('.search-result__meta')).toHaveText(new RegExp(`^${category} · `));
});

test('"More results" shows the next ten', async ({ page }, info) => {
  const s = siteUnderTest(info);
  // A word in every article's text.
  await searchFrom(page, s, '/', 'the ');
  await expect(results(page)).toHaveCount(10);
  const total = articles(s).length;
  await expect(status(page)).toHaveText(`${total} articles found for “the”.`);
  await page.getByRole('button', { name: 'More results' }).click();
  await expect(results(page)).toHaveCount(Math.min(total, 20));
  if (total <= 20) await expect(page.getByRole('button', { name: 'More results' })).toHaveCount(0);
});

test('a search that cannot reach the index says so and tries again', async ({ page }, info) => {
  const s = siteUnderTest(info);
  await page.route('**/data/search/**', (route) => route.abort('internetdisconnected'));
  await searchFrom(page, s, '/', 'sleep');
  // A shorter query's error, from a letter typed on the way, stays while
  // the whole word is tried: the page says "Searching…" till then.
  await expect(page.locator('.search-page__status')).toHaveText('');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Search could not load.');
  await expect(alert).toContainText('Check your connection');
  await page.unroute('**/data/search/**');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(results(page).first()).toContainText(/sleep/i);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('landing on the search page shows the results of its address', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const errors = watchErrors(page);
  await page.goto(s.at('/search/?q=vitamin+d'));
  // The app starts at once here, without waiting for the reader.
  await expect(results(page).first().getByRole('heading', { level: 2 })).toContainText(/vitamin d/i);
  await expect(searchField(page)).toHaveValue('vitamin d');
  await expect(page.getByText('Search needs JavaScript')).toBeHidden();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  expect(errors).toEqual([]);
});

test('without JavaScript the form goes to the search page, which says search needs it', async ({ browser }, info) => {
  const s = siteUnderTest(info);
  const page = await pageWithoutScripts(browser, info);
  await page.goto(s.at('/'));
  // Search engines are told where the site's search is.
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'];
  const action = ld.find((n) => n['@type'] === 'WebSite').potentialAction;
  expect(action.target.urlTemplate).toMatch(new RegExp(`^https?://[^/]+${s.base}/search/\\?q=\\{search_term_string\\}$`));
  await searchField(page).fill('sleep');
  await searchField(page).press('Enter');
  await expect(page).toHaveURL(s.at('/search/?q=sleep'));
  await expect(page.getByText('Search needs JavaScript')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await page.context().close();
});

test('searching breaks no rule of the Content-Security-Policy', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const violations = [];
  await page.exposeFunction('__violation', (what) => violations.push(what));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  const errors = watchErrors(page);
  await searchFrom(page, s, '/', 'walking');
  await expect(results(page).first()).toBeVisible();
  await searchField(page).fill('protein');
  await expect(results(page).first()).toContainText(/protein/i);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
