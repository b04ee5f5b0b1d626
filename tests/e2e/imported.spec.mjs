// A site moved in from WordPress: the importer's fixture export (with its
// uploads folder) imported into a new site, built for release and served
// behind nginx. Run by tests/import_check, which sets WELLPRESS_IMPORTED;
// the demo's suite leaves it out (playwright.config.mjs).
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers.mjs';

/**
 * Errors but the failed loads of the image the post still takes from the
 * old site (not in the uploads folder), whose host does not resolve here.
 */
function ownErrors(errors) {
  return errors.filter((e) => !e.includes('net::ERR_NAME_NOT_RESOLVED'));
}

test('a post is at its address with its text and its threaded comments', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/box-breathing/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Box Breathing: Four Counts to Calm');
  const body = page.locator('main article').first();
  await expect(body.getByRole('heading', { name: 'How to do it' })).toBeVisible();
  await expect(body.getByRole('listitem').filter({ hasText: 'Breathe in for four counts.' })).toBeVisible();
  // Links to the old site's posts and archives are the new site's paths.
  await expect(body.getByRole('link', { name: 'our breakfast guide' })).toHaveAttribute('href', '/overnight-oats/');
  await expect(body.getByRole('link', { name: 'our archive' })).toHaveAttribute('href', '/category/mental-health/');

  const first = page.locator('#comment-wp-501');
  await expect(first.locator('> .comment__body .comment__author')).toHaveText('Hannah K.');
  await expect(first.locator('> .comment__body .comment__content')).toContainText('This helped before my exam.');
  // The reply sits under the comment it answers.
  const reply = first.locator('.comment-list__children > #comment-wp-502');
  await expect(reply.locator('.comment__content')).toContainText('Good luck, Hannah');
  // Pending comments, pingbacks and trash are not published.
  await expect(page.locator('#comment-wp-503, #comment-wp-504, #comment-wp-505')).toHaveCount(0);
  expect(ownErrors(errors)).toEqual([]);
});

test('a captioned image copied from the uploads folder shows, and the heading after it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/overnight-oats/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overnight Oats, Three Ways');
  const image = page.locator('main article').first().getByRole('img', { name: 'Three jars of oats' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator('main em', { hasText: 'Left to right: berry, cocoa, apple.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The base' })).toBeVisible();
  // The file itself, at the address the post links to.
  const original = await page.request.get('/images/uploads/2024/04/oats.jpg');
  expect(original.status()).toBe(200);
  expect(ownErrors(errors)).toEqual([]);
});

test('an imported page is at its address', async ({ page }) => {
  await page.goto('/about/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About');
  await expect(page.locator('main')).toContainText('We are a small team.');
  await expect(page.locator('main').getByRole('link', { name: 'box breathing' })).toHaveAttribute('href', '/box-breathing/');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', 'Who writes Morning Pulse.');
});

test('the old addresses lead to the post', async ({ page }) => {
  // The short link, the date-based permalink and the permalink under the
  // post's earlier slug, as nginx redirects them (the build's
  // _redirects.conf).
  for (const old of ['/?p=101', '/2024/03/box-breathing/', '/2024/03/square-breathing/']) {
    const answer = await page.request.get(old, { maxRedirects: 0 });
    expect(answer.status(), old).toBe(301);
    expect(answer.headers().location, old).toMatch(/\/box-breathing\/$/);
    await page.goto(old);
    await expect(page).toHaveURL(/\/box-breathing\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Box Breathing: Four Counts to Calm');
  }
  // The page that stands at the old permalink for hosts that read no
  // redirect rules sends the browser on by itself.
  await page.goto('/2024/03/box-breathing/index.html');
  await expect(page).toHaveURL(/\/box-breathing\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Box Breathing: Four Counts to Calm');
});

test("the header and footer are the imported site's", async ({ page }) => {
  await page.goto('/box-breathing/');
  const header = page.locator('header.site-header');
  // The export's name, and a header link to its highest category in place
  // of the one the site did not have.
  await expect(header.getByRole('link', { name: 'Morning Pulse & Co' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Mental Health' })).toHaveAttribute('href', '/category/mental-health/');
  await expect(header.getByRole('link', { name: 'Recipes' })).toHaveCount(0);
  await expect(page).toHaveTitle(/Morning Pulse & Co/);
  // The footer links to the imported pages.
  const footer = page.locator('footer.site-footer');
  await expect(footer.getByRole('link', { name: 'About' })).toHaveAttribute('href', '/about/');
});
