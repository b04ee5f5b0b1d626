// The health article page: its table of contents on a phone and on a wide
// screen, the links beside headings, authors and medical reviewers with
// their pages, and sharing. Runs at the root and under /blog/.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { appReady, pageWithoutScripts, siteUnderTest, watchErrors } from './helpers.mjs';

/** Every published article's JSON, newest first. */
function articles(s) {
  return s
    .json('pages.json')
    .pages.filter((p) => p.kind === 'article')
    .map((p) => s.json(`article/${p.slug}.json`))
    .sort((a, b) => b.date.localeCompare(a.date));
}

/** An article long enough for a table of contents (three sections or more). */
function longArticle(s) {
  const found = articles(s).find((a) => a.outline.filter((h) => h.level === 2).length >= 3);
  expect(found, 'the demo has an article with three sections or more').toBeTruthy();
  return found;
}

/** A reviewed article whose author has a page. */
function reviewedArticle(s) {
  const found = articles(s).find((a) => a.review && a.author.slug);
  expect(found, 'the demo has a reviewed article by an author with a page').toBeTruthy();
  return found;
}

/** The page's JSON-LD graph. */
async function graph(page) {
  const text = await page.locator('script[type="application/ld+json"]').textContent();
  return JSON.parse(text)['@graph'];
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the table of contents folds above the body and leads to each section', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const article = longArticle(s);
    const errors = watchErrors(page);
    await page.goto(s.at(`/${article.slug}/`));
    await appReady(page);

    const contents = page.getByRole('navigation', { name: 'On this page' });
    const fold = contents.locator('summary');
    await expect(fold).toBeVisible();
    await expect(contents.locator('.toc__side')).toBeHidden();
    // Folded at first: the body starts right under it.
    const third = article.outline.filter((h) => h.level === 2)[2];
    const link = contents.getByRole('link', { name: third.text, exact: true });
    await expect(link).toBeHidden();
    const foldBox = await fold.boundingBox();
    const bodyBox = await page.locator('.prose').boundingBox();
    expect(bodyBox.y).toBeGreaterThan(foldBox.y);
    expect(bodyBox.y - (foldBox.y + foldBox.height)).toBeLessThan(80);

    await fold.tap();
    await expect(link).toBeVisible();
    await expect(contents.getByRole('listitem')).toHaveCount(article.outline.length);
    await link.tap();
    await expect(page).toHaveURL(new RegExp(`#${third.id}$`));
    const heading = page.locator(`#${third.id}`);
    await expect(heading).toBeInViewport();
    const box = await heading.boundingBox();
    expect(box.y).toBeLessThan(200);
    expect(errors).toEqual([]);
  });

  test('the share links and the author box fit the screen', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const article = reviewedArticle(s);
    await page.goto(s.at(`/${article.slug}/`));
    await appReady(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expect(page.getByRole('complementary', { name: article.author.name })).toBeVisible();
  });
});

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('the table of contents stays beside the article and marks the section being read', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const article = longArticle(s);
    await page.goto(s.at(`/${article.slug}/`));
    await appReady(page);

    const contents = page.getByRole('navigation', { name: 'On this page' });
    const side = contents.locator('.toc__side');
    await expect(side).toBeVisible();
    await expect(contents.locator('summary')).toBeHidden();
    // Beside the text, not over it.
    const sideBox = await side.boundingBox();
    const bodyBox = await page.locator('.prose').boundingBox();
    expect(sideBox.x + sideBox.width).toBeLessThanOrEqual(bodyBox.x);
    expect(sideBox.x).toBeGreaterThanOrEqual(0);

    const sections = article.outline.filter((h) => h.level === 2);
    for (const section of [sections[1], sections[sections.length - 1]]) {
      await page.locator(`#${section.id}`).evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 50));
      const current = side.getByRole('link', { name: section.text, exact: true });
      await expect(current).toHaveAttribute('aria-current', 'location');
      await expect(side.locator('[aria-current]')).toHaveCount(1);
      // Still in view, far down the article.
      await expect(side).toBeInViewport();
    }

    // A click moves to the section.
    const first = sections[0];
    await side.getByRole('link', { name: first.text, exact: true }).click();
    await expect(page.locator(`#${first.id}`)).toBeInViewport();
    await expect(side.getByRole('link', { name: first.text, exact: true })).toHaveAttribute('aria-current', 'location');
  });

  test('the link beside a heading copies the section’s address', async ({ page, context }, info) => {
    const s = siteUnderTest(info);
    const article = longArticle(s);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(s.at(`/${article.slug}/`));
    await appReady(page);
    const section = article.outline.find((h) => h.level === 2);
    const link = page.getByRole('link', { name: `Link to the section “${section.text}”` });
    await expect(link).toHaveCSS('opacity', '0');
    await page.locator(`#${section.id}`).hover();
    await expect(link).toHaveCSS('opacity', '1');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/${article.slug}/#${section.id}$`));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(new URL(s.at(`/${article.slug}/#${section.id}`), page.url()).href);
  });
});

test('the byline and the review lead to the authors’ pages, which list their articles', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const article = reviewedArticle(s);
  const errors = watchErrors(page);
  await page.goto(s.at(`/${article.slug}/`));
  await appReady(page);

  const review = page.locator('.review');
  await expect(review).toContainText(`Medically reviewed by ${article.review.by.name}`);
  await expect(review.locator('time')).toHaveAttribute('datetime', article.review.date);
  await expect(review.getByRole('link', { name: article.review.by.name })).toHaveAttribute(
    'href',
    s.at(`/author/${article.review.by.slug}/`),
  );
  const box = page.getByRole('complementary', { name: article.author.name });
  await expect(box).toContainText('About the author');
  await expect(box).toContainText(article.author.bio[0].slice(0, 40));

  const ld = await graph(page);
  const medical = ld.find((n) => n['@type'] === 'MedicalWebPage');
  expect(medical.lastReviewed).toBe(article.review.date);
  expect(medical.reviewedBy.name).toBe(article.review.by.name);
  expect(medical.reviewedBy.url).toMatch(new RegExp(`${s.base}/author/${article.review.by.slug}/$`));
  const written = ld.find((n) => n['@type'] === 'Article');
  expect(written.author).toMatchObject({ '@type': 'Person', name: article.author.name });

  await page.locator('.byline').getByRole('link', { name: article.author.name }).click();
  await expect(page).toHaveURL(s.at(`/author/${article.author.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.author.name);
  await expect(page.getByText(article.author.credentials, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: article.title })).toBeVisible();
  const profile = (await graph(page)).find((n) => n['@type'] === 'ProfilePage');
  expect(profile.mainEntity.name).toBe(article.author.name);
  expect(errors).toEqual([]);
});

test('an author page reads without JavaScript and lists what they reviewed', async ({ browser }, info) => {
  const s = siteUnderTest(info);
  const article = reviewedArticle(s);
  const page = await pageWithoutScripts(browser, info);
  const reviewer = article.review.by;
  await page.goto(s.at(`/author/${reviewer.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reviewer.name);
  await expect(page.getByRole('heading', { name: article.title })).toBeVisible();
  await page.context().close();
});

test('share links carry the article’s address; the copy button copies it', async ({ page, context }, info) => {
  const s = siteUnderTest(info);
  const article = reviewedArticle(s);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(s.at(`/${article.slug}/`));
  await appReady(page);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toMatch(new RegExp(`^https?://[^/]+${s.base}/${article.slug}/$`));
  const share = page.getByRole('region', { name: 'Share this article' });
  const url = encodeURIComponent(canonical);
  const title = encodeURIComponent(article.title);
  const expected = {
    'Share on X': `https://x.com/intent/post?url=${url}&text=${title}`,
    'Share on Facebook': `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    'Share on LinkedIn': `https://www.linkedin.com/sharing/share-offsite/?url=${url}`,
    'Share on WhatsApp': `https://wa.me/?text=${title}%20${url}`,
    'Share by email': `mailto:?subject=${title}&body=${url}`,
  };
  for (const [name, href] of Object.entries(expected)) {
    await expect(share.getByRole('link', { name })).toHaveAttribute('href', href);
  }
  // Nothing of theirs loads with the page.
  const foreign = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith(location.origin)),
  );
  expect(foreign).toEqual([]);

  await share.getByRole('button', { name: 'Copy link' }).click();
  await expect(share.locator('.share__status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
});

for (const kind of ['article', 'author']) {
  test(`axe finds no violations on the ${kind} page`, async ({ page }, info) => {
    const s = siteUnderTest(info);
    const article = reviewedArticle(s);
    const path = kind === 'article' ? `/${longArticle(s).slug}/` : `/author/${article.author.slug}/`;
    await page.goto(s.at(path));
    await appReady(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
}
