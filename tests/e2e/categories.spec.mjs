// Nested categories (content/categories.toml): the chain of parents in an
// article's breadcrumb and its BreadcrumbList, and on the archives, with
// the description at the top; a parent's archive lists its children's
// articles. The demo files Mental Health and Sleep under Wellbeing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { published, watchErrors, appReady } from './helpers.mjs';

const mental = published('data/category/mental-health/1.json');
const wellbeing = published('data/category/wellbeing/1.json');
const article = published(`data/article/${mental.items[0].slug}.json`);
// JSON-LD names the site's own address, from site.toml.
const siteUrl = readFileSync(join(process.env.WELLPRESS_DIST, '../content/site.toml'), 'utf8')
  .match(/^base_url = "(.*)"/m)[1]
  .replace(/\/$/, '');

/** The visible trail: each step's text and link (none for the current page). */
async function trailOf(page) {
  const steps = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem');
  return steps.evaluateAll((items) =>
    items.map((li) => [li.textContent.trim(), li.querySelector('a')?.getAttribute('href') ?? null]),
  );
}

/** The BreadcrumbList of the page's JSON-LD, as name and address pairs. */
async function breadcrumbList(page) {
  const ld = await page.locator('script[type="application/ld+json"]').textContent();
  const list = JSON.parse(ld)['@graph'].find((n) => n['@type'] === 'BreadcrumbList');
  return list.itemListElement.map((i) => [i.name, i.item]);
}

test('an article of a nested category shows Home › Parent › Category › Title, to readers and in JSON-LD', async ({ page }) => {
  expect(article.category_parents).toEqual([{ name: 'Wellbeing', slug: 'wellbeing' }]);
  const expected = [
    ['Home', '/'],
    ['Wellbeing', '/category/wellbeing/'],
    ['Mental Health', '/category/mental-health/'],
    [article.title, null],
  ];
  const errors = watchErrors(page);
  await page.goto(`/${article.slug}/`);
  // As prerendered, before the app runs.
  expect(await trailOf(page)).toEqual(expected);
  expect(await breadcrumbList(page)).toEqual(
    expected.map(([name, href]) => [name, `${siteUrl}${href ?? `/${article.slug}/`}`]),
  );
  // The app builds the same trail, and its links lead to the archives.
  await appReady(page);
  expect(await trailOf(page)).toEqual(expected);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Wellbeing' }).click();
  await expect(page).toHaveURL('/category/wellbeing/');
  await expect(page.getByRole('heading', { level: 1, name: 'Wellbeing' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a category archive shows its chain and its description, and a parent lists its children’s articles', async ({ page }) => {
  await page.goto('/category/mental-health/');
  expect(await trailOf(page)).toEqual([
    ['Home', '/'],
    ['Wellbeing', '/category/wellbeing/'],
    ['Mental Health', null],
  ]);
  const description = page.locator('.listing-header__description');
  await expect(description).toHaveText(mental.description.join(''));
  await expect(description).toContainText('what the evidence says helps');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', mental.description[0]);
  expect(await breadcrumbList(page)).toEqual([
    ['Home', `${siteUrl}/`],
    ['Wellbeing', `${siteUrl}/category/wellbeing/`],
    ['Mental Health', `${siteUrl}/category/mental-health/`],
  ]);

  // Wellbeing has no articles of its own: its archive has those of Mental Health and Sleep.
  await page.goto('/category/wellbeing/');
  expect(await trailOf(page)).toEqual([['Home', '/'], ['Wellbeing', null]]);
  await expect(page.locator('.listing-header__description')).toContainText('Sleep, stress and mood');
  const sleep = published('data/category/sleep/1.json');
  expect(wellbeing.total_items).toBe(mental.total_items + sleep.total_items);
  for (const card of [...mental.items, ...sleep.items]) {
    await expect(page.getByRole('article').getByRole('link', { name: card.title })).toBeVisible();
  }
  // A category without a description shows none.
  await page.goto('/category/fitness/');
  await expect(page.getByRole('heading', { level: 1, name: 'Fitness' })).toBeVisible();
  await expect(page.locator('.listing-header__description')).toHaveCount(0);
});
