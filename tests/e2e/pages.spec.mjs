// Pages that are not articles (content/pages/): reached from the footer,
// read without JavaScript, reached by the app's own navigation, with their
// head tags and nothing of an article's. Runs at the root and under /blog/.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { appReady, navigateInApp, pageWithoutScripts, siteUnderTest, watchErrors } from './helpers.mjs';

/** Opens `path` once the app runs it, with the About page's JSON and the page's errors. */
async function open(page, info, path) {
  const s = siteUnderTest(info);
  const data = about(s);
  const errors = watchErrors(page);
  await page.goto(s.at(path));
  await appReady(page);
  return { s, data, errors };
}

/** The About page's JSON, as the build published it. */
function about(s) {
  const listed = s.json('pages.json').pages.some((p) => p.kind === 'page' && p.slug === 'about');
  expect(listed, 'the demo publishes content/pages/about.md').toBe(true);
  return s.json('page/about.json');
}

test('the footer leads to the About page, which has the site shell and nothing of an article', async ({ page }, info) => {
  const { s, data, errors } = await open(page, info, '/');
  const footer = page.getByRole('navigation', { name: 'About the site' });
  await expect(footer.getByRole('link')).toHaveText([data.title, 'Privacy']);
  // The app's own navigation: no new document is loaded.
  await page.evaluate(() => (window.stayed = true));
  await footer.getByRole('link', { name: data.title }).click();
  await expect(page).toHaveURL(s.at('/about/'));
  expect(await page.evaluate(() => window.stayed)).toBe(true);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.title);
  const trail = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(trail.getByRole('listitem')).toHaveText(['Home', data.title]);
  await expect(trail.getByRole('link', { name: 'Home' })).toHaveAttribute('href', s.at('/'));
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
  for (const articleOnly of ['.byline', '.share', '.comments', '.related', '.promo']) {
    await expect(page.locator(`main ${articleOnly}`)).toHaveCount(0);
  }
  await expect(page).toHaveTitle(new RegExp(`^${data.title} – `));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', data.description);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    new RegExp(`^https?://[^/]+${s.base}/about/$`),
  );
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'];
  expect(ld.find((n) => n['@type'] === 'WebPage')).toMatchObject({ name: data.title, description: data.description });
  expect(errors).toEqual([]);
});

test('a page reads without JavaScript', async ({ browser }, info) => {
  const s = siteUnderTest(info);
  const data = about(s);
  const page = await pageWithoutScripts(browser, info);
  await page.goto(s.at('/'));
  await page.getByRole('navigation', { name: 'About the site' }).getByRole('link', { name: 'Privacy' }).click();
  await expect(page).toHaveURL(s.at('/privacy/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
  await expect(page.getByRole('heading', { name: 'What stays in your browser' })).toBeVisible();
  await page.goto(s.at('/about/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.title);
  // Links in the body carry the base path.
  await expect(page.locator('.prose').getByRole('link', { name: 'privacy page' })).toHaveAttribute(
    'href',
    s.at('/privacy/'),
  );
  await page.context().close();
});

test('the app tells a page from an article at the same kind of address', async ({ page }, info) => {
  const { s, data, errors } = await open(page, info, '/privacy/');
  await navigateInApp(page, s.at('/about/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.title);
  const article = s.json('pages.json').pages.find((p) => p.kind === 'article');
  await navigateInApp(page, s.at(`/${article.slug}/`));
  await expect(page.locator('.byline')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a page that fails to load says so and loads on retry', async ({ page }, info) => {
  const { s, data } = await open(page, info, '/');
  let fail = true;
  await page.route('**/data/page/about.json', (route) =>
    fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
  );
  await navigateInApp(page, s.at('/about/'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("This page didn't load");
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(data.title);
});

test('axe finds no violations on a page', async ({ page }, info) => {
  await open(page, info, '/about/');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
