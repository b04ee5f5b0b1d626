// The files search engines and feed readers fetch: sitemap, feed, robots.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { published } from './helpers.mjs';

const base = readFileSync(join(process.env.WELLPRESS_DIST, '../content/site.toml'), 'utf8').match(/^base_url = "(.*)"/m)[1].replace(/\/$/, '');

/** Every published article, newest first, from the home listing pages. */
function allArticles() {
  const first = published('data/home/1.json');
  const cards = [...first.items];
  for (let page = 2; page <= first.total_pages; page++) cards.push(...published(`data/home/${page}.json`).items);
  return cards;
}

/** Parses XML in the browser and fails on any parse error. */
async function parse(page, text, selector) {
  return page.evaluate(
    ([xml, sel]) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
      return { values: [...doc.querySelectorAll(sel)].map((n) => n.textContent || n.getAttribute('href')) };
    },
    [text, selector],
  );
}

test('the sitemap is well-formed and lists exactly the published articles and pages', async ({ page, request }) => {
  const response = await request.get('/sitemap.xml');
  expect(response.ok()).toBe(true);
  const { values, error } = await parse(page, await response.text(), 'url > loc');
  expect(error).toBeUndefined();
  const articleUrls = values.filter((loc) => /^[^?#]+\/[a-z0-9-]+\/$/.test(loc) && !/\/(category|tag|author)\//.test(loc) && loc !== `${base}/`);
  const pages = published('data/pages.json').pages.filter((p) => p.kind === 'page');
  expect(pages.length).toBeGreaterThan(0);
  const slugs = [...allArticles(), ...pages].map((a) => `${base}/${a.slug}/`);
  expect(articleUrls.sort()).toEqual(slugs.sort());
  expect(values).toContain(`${base}/`);
  expect(values).toContain(`${base}/category/nutrition/`);
});

test('the feed is well-formed Atom with the latest articles, newest first', async ({ page, request }) => {
  const response = await request.get('/feed.xml');
  expect(response.ok()).toBe(true);
  const { values, error } = await parse(page, await response.text(), 'entry > id');
  expect(error).toBeUndefined();
  const latest = allArticles().slice(0, 20);
  expect(values).toEqual(latest.map((a) => `${base}/${a.slug}/`));
  await page.goto('/');
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', '/feed.xml');
});

test('robots.txt allows crawling and points at the sitemap', async ({ request }) => {
  const text = await (await request.get('/robots.txt')).text();
  expect(text).toContain('User-agent: *');
  expect(text).toContain(`Sitemap: ${base}/sitemap.xml`);
});
