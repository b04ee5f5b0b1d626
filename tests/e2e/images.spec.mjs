// Responsive images on the release build: which copy the browser takes on
// a phone and on a wide screen, and that nothing moves when images arrive.
// Runs on the site at the root of its host and under /blog/.
import { test, expect } from '@playwright/test';
import { appReady, siteUnderTest } from './helpers.mjs';

const viewports = [
  // A phone: the column is the screen less its margins, so the 480-pixel copy.
  { width: 375, height: 740, hero: 480, thumbnail: 480 },
  // A wide screen: the article column is about 41rem (656 px), so 800.
  { width: 1280, height: 800, hero: 800, thumbnail: 480 },
];

/**
 * Adds up layout shifts from the first paint on (as CLS counts them), and
 * holds every image back a little, so that text is laid out before the
 * images arrive: an image without its size would then push text down.
 */
async function watchLayoutShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.route(/\/images\//, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
}

/** Waits until `img` has arrived and shows. */
async function arrived(img) {
  await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth > 0)).toBe(true);
}

async function layoutShift(page) {
  // A last frame, so that a shift from the last image is reported.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  return page.evaluate(() => window.__shifts.reduce((sum, value) => sum + value, 0));
}

/** The copy an `<img>` shows: its address, and the width it is shown at. */
function shown(img) {
  return img.evaluate((el) => ({ src: el.currentSrc, width: el.clientWidth, ratio: devicePixelRatio }));
}

/** The served address of the copy of `image` `width` pixels wide in `format`. */
function copy(s, image, width, format) {
  const variant = image.variants.find((v) => v.width === width);
  expect(variant, `a ${width}-pixel copy of ${image.src}`).toBeTruthy();
  return s.at(variant.files[format]);
}

/** The article with a hero that is newest, and its data. */
function articleWithHero(s) {
  const card = s.json('home/1.json').items.find((item) => item.image);
  expect(card, 'an article with a hero on the first page').toBeTruthy();
  return s.json(`article/${card.slug}.json`);
}

for (const viewport of viewports) {
  test.describe(`at ${viewport.width} pixels wide`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('an article’s hero is the WebP copy the column needs, fetched first, and nothing moves', async ({ page }, info) => {
      const s = siteUnderTest(info);
      const article = articleWithHero(s);
      await watchLayoutShifts(page);
      await page.goto(s.at(`/${article.slug}/`));
      const hero = page.locator('.article__hero img');
      await expect(hero).toHaveAttribute('width', String(article.image.width));
      await expect(hero).toHaveAttribute('height', String(article.image.height));
      await expect(hero).toHaveAttribute('fetchpriority', 'high');
      await expect(hero).not.toHaveAttribute('loading', /./);
      await expect(hero).toHaveAttribute('alt', article.image.alt);
      await arrived(hero);

      const { src, width, ratio } = await shown(hero);
      expect(new URL(src).pathname).toBe(copy(s, article.image, viewport.hero, 'webp'));
      // Sharp, and no larger than needed: the next narrower copy would be too small.
      expect(viewport.hero).toBeGreaterThanOrEqual(width * ratio);
      const narrower = article.image.variants.filter((v) => v.width < viewport.hero).map((v) => v.width);
      for (const w of narrower) expect(w).toBeLessThan(width * ratio);
      expect(await layoutShift(page)).toBe(0);

      // The app takes the page over with the same picture, still without a shift.
      await appReady(page);
      await arrived(page.locator('.article__hero img'));
      const after = await shown(page.locator('.article__hero img'));
      expect(after.src).toBe(src);
      expect(await layoutShift(page)).toBe(0);
    });

    test('home shows each card’s thumbnail as it nears, and nothing moves', async ({ page }, info) => {
      const s = siteUnderTest(info);
      const home = s.json('home/1.json');
      const withImages = home.items.filter((item) => item.image);
      expect(withImages.length).toBeGreaterThan(1);
      await watchLayoutShifts(page);
      await page.goto(s.at('/'));
      const thumbnails = page.locator('.card img');
      await expect(thumbnails).toHaveCount(withImages.length);
      for (const [i, item] of withImages.entries()) {
        const img = thumbnails.nth(i);
        await expect(img).toHaveAttribute('loading', 'lazy');
        await expect(img).toHaveAttribute('width', String(item.image.width));
        await expect(img).toHaveAttribute('height', String(item.image.height));
      }
      // Scrolled through, a screen at a time: every thumbnail arrives.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= height; y += viewport.height / 2) {
        await page.mouse.wheel(0, viewport.height / 2);
        await page.waitForTimeout(50);
      }
      for (let i = 0; i < withImages.length; i++) await arrived(thumbnails.nth(i));
      for (const [i, item] of withImages.entries()) {
        const { src } = await shown(thumbnails.nth(i));
        expect(new URL(src).pathname, item.slug).toBe(copy(s, item.image, viewport.thumbnail, 'webp'));
      }
      expect(await layoutShift(page)).toBe(0);
    });
  });
}

test('an author’s portrait is the smallest sharp copy, round, and nothing moves', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const author = s.json('home/1.json').items
    .map((card) => s.json(`article/${card.slug}.json`).author)
    .find((person) => person.slug && person.photo);
  expect(author, 'an author with a page and a photo').toBeTruthy();
  await watchLayoutShifts(page);
  await page.goto(s.at(`/author/${author.slug}/`));
  const portrait = page.locator('.author-profile img.portrait');
  await expect(portrait).toHaveAttribute('fetchpriority', 'high');
  await arrived(portrait);
  const { src, width, ratio } = await shown(portrait);
  // Shown 7.5rem (120 px) wide: the 480-pixel copy is the narrowest sharp one.
  expect(width).toBe(120);
  expect(new URL(src).pathname).toBe(copy(s, author.photo, 480, 'webp'));
  expect(480).toBeGreaterThanOrEqual(width * ratio);
  expect(await portrait.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('50%');
  expect(await layoutShift(page)).toBe(0);
});

test('a browser without WebP gets the copies in the original format', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const article = articleWithHero(s);
  // As if the browser took no <source>: the <img> alone.
  await page.goto(s.at(`/${article.slug}/`));
  await page.evaluate(() => document.querySelectorAll('.article__hero source').forEach((source) => source.remove()));
  const hero = page.locator('.article__hero img');
  await expect.poll(async () => new URL((await shown(hero)).src).pathname).toMatch(/\.jpg$/);
  const response = await page.request.get((await shown(hero)).src);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/jpeg');
});

test('copies are cached for good, link previews take the 1200-pixel JPEG', async ({ page, request }, info) => {
  const s = siteUnderTest(info);
  const article = articleWithHero(s);
  const webp = copy(s, article.image, 800, 'webp');
  const response = await request.get(webp);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/webp');
  if (!s.blog) {
    // GitHub Pages (the /blog/ build) sets its own caching.
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(s.text('_headers')).toContain('/images/_v/*\n  Cache-Control: public, max-age=31536000, immutable');
    const original = await request.get(s.at(article.image.src));
    expect(original.headers()['cache-control']).toBe('no-cache');
  }
  await page.goto(s.at(`/${article.slug}/`));
  const preview = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(new URL(preview).pathname).toBe(copy(s, article.image, 1200, 'jpeg'));
  expect(await page.locator('meta[name="twitter:image"]').getAttribute('content')).toBe(preview);
});
