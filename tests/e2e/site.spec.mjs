// Prerendered pages and in-app navigation. Runs twice: on the site at the
// root of its host, and on the same site built with --public-url /blog/.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appReady, field, holdWasm, reachForApp, siteUnderTest, tookOver, watchErrors } from './helpers.mjs';

const siteUrl = readFileSync(join(process.env.WELLPRESS_DIST, '../content/site.toml'), 'utf8')
  .match(/^base_url = "(.*)"/m)[1]
  .replace(/\/$/, '');

/** Every page in the sitemap, as paths on this server. */
function sitemapPaths(s) {
  return [...s.text('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].slice(siteUrl.length));
}

/** What each kind of page must show, from the data the app would fetch. */
function expected(s, path) {
  const local = path.slice(s.base.length);
  const listing = local.match(/^\/(?:(category|tag|author)\/([a-z0-9-]+)\/)?(?:page\/(\d+)\/)?$/);
  if (listing) {
    const [, kind, slug, page = '1'] = listing;
    const data = s.json(kind ? `${kind}/${slug}/${page}.json` : `home/${page}.json`);
    return { heading: kind ? data.name : 'Latest articles', texts: data.items.map((i) => i.title) };
  }
  const slug = local.slice(1, -1);
  if (s.json('pages.json').pages.some((p) => p.kind === 'page' && p.slug === slug)) {
    const page = s.json(`page/${slug}.json`);
    return { heading: page.title, texts: [page.body_html.match(/<p>([^<]{40,})/)[1].slice(0, 60)] };
  }
  const article = s.json(`article/${slug}.json`);
  const firstParagraph = article.body_html.match(/<p>([^<]{40,})/)[1].slice(0, 60);
  return { heading: article.title, texts: [firstParagraph, ...article.related.map((r) => r.title)], article };
}

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('every page in the sitemap shows its full content', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const paths = sitemapPaths(s);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response.status(), path).toBe(200);
      const want = expected(s, path);
      await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(want.heading);
      const main = await page.getByRole('main').innerText();
      for (const text of want.texts) expect(main, path).toContain(text.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    }
  });

  test('links lead to pages that exist, and following them works', async ({ page, request }, info) => {
    const s = siteUnderTest(info);
    const seen = new Set();
    for (const path of [s.at('/'), s.at(`/${s.json('home/1.json').items[0].slug}/`)]) {
      await page.goto(path);
      const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const href of hrefs) seen.add(href.split('#')[0]);
    }
    expect(seen.size).toBeGreaterThan(15);
    for (const href of seen) {
      expect(href.startsWith(s.at('/')), href).toBe(true);
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
    }
    await page.goto(s.at('/'));
    const first = s.json('home/1.json').items[0];
    await page.getByRole('link', { name: first.title }).first().click();
    await expect(page).toHaveURL(s.at(`/${first.slug}/`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  });

  test('the browser checks the plain form before it posts', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const address = s.at(`/${s.json('home/1.json').items[0].slug}/`);
    await page.goto(address);
    const sent = [];
    page.on('request', (r) => r.isNavigationRequest() && sent.push(`${r.method()} ${r.url()}`));
    await field(page, 'Comment').fill('No name given.');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expect(await field(page, 'Name').evaluate((input) => input.validity.valueMissing)).toBe(true);
    await expect(field(page, 'Comment')).toHaveValue('No name given.');
  });

  test('an unknown address gets the not-found page with status 404', async ({ page }, info) => {
    const s = siteUnderTest(info);
    const response = await page.goto(s.at('/no-such-article/'));
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  });
});

test('each page type has the right title, description, canonical, cards and JSON-LD', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const first = s.json('home/1.json').items[0];
  const article = s.json(`article/${first.slug}.json`);
  const category = s.json(`category/${article.category.slug}/1.json`);
  const cases = [
    { path: '/', title: 'WellPress', types: ['WebSite'] },
    { path: `/category/${article.category.slug}/`, title: `${category.name} – WellPress`, types: ['CollectionPage', 'BreadcrumbList'] },
    { path: `/${article.slug}/`, title: `${article.title} – WellPress`, description: article.excerpt, types: article.review ? ['Article', 'MedicalWebPage', 'BreadcrumbList'] : ['Article', 'BreadcrumbList'] },
  ];
  for (const c of cases) {
    const path = s.at(c.path);
    // The head as crawlers get it: the file, before any script runs.
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(path);
    await expect(page).toHaveTitle(c.title);
    const head = await page.evaluate(() => ({
      description: document.querySelector('meta[name="description"]')?.content,
      canonical: [...document.querySelectorAll('link[rel="canonical"]')].map((l) => l.href),
      ogUrl: document.querySelector('meta[property="og:url"]')?.content,
      ogTitle: document.querySelector('meta[property="og:title"]')?.content,
      twitter: document.querySelector('meta[name="twitter:card"]')?.content,
      ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
    }));
    expect(head.canonical, path).toEqual([`${siteUrl}${path}`]);
    expect(head.ogUrl).toBe(`${siteUrl}${path}`);
    expect(head.ogTitle).toBe(c.title);
    expect(head.twitter).toMatch(/^summary/);
    if (c.description) expect(head.description).toBe(c.description);
    else expect(head.description.length).toBeGreaterThan(20);
    expect(head.ld).toHaveLength(1);
    const graph = head.ld[0]['@graph'];
    expect(head.ld[0]['@context']).toBe('https://schema.org');
    expect(graph.map((n) => n['@type'])).toEqual(c.types);
    const crumbs = graph.find((n) => n['@type'] === 'BreadcrumbList');
    if (crumbs) {
      expect(crumbs.itemListElement[0]).toMatchObject({ position: 1, name: 'Home', item: `${siteUrl}${s.at('/')}` });
      expect(crumbs.itemListElement.at(-1).item).toBe(`${siteUrl}${path}`);
    }
    const item = graph.find((n) => n['@type'] === 'Article');
    if (item) {
      expect(item).toMatchObject({
        headline: article.title,
        datePublished: article.date,
        dateModified: article.updated ?? article.date,
        author: { '@type': 'Person', name: article.author.name },
        mainEntityOfPage: `${siteUrl}${path}`,
      });
      const parents = (article.category_parents ?? []).map((c) => c.name);
      expect(crumbs.itemListElement.map((i) => i.name)).toEqual(['Home', ...parents, article.category.name, article.title]);
    }
    await page.unroute('**/*.wasm');
  }
});

test('the app takes over a page without changing it or moving it, fetching its data once', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const slug = s.json('home/1.json').items[1].slug;
  const dataRequests = [];
  page.on('request', (r) => r.url().includes('/data/') && dataRequests.push(r.url()));
  const release = await holdWasm(page);
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const errors = watchErrors(page);
  await page.goto(s.at(`/${slug}/`));
  const snapshot = () =>
    page.evaluate(() => {
      const box = (sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        return [Math.round(r.top), Math.round(r.left), Math.round(r.width), Math.round(r.height)];
      };
      return {
        text: document.getElementById('app').innerText,
        title: document.title,
        boxes: ['h1', '.prose', '.related', '#respond', '.site-footer'].map(box),
      };
    });
  const before = await snapshot();
  expect(before.text).toContain(expected(s, s.at(`/${slug}/`)).heading);
  release();
  await appReady(page);
  const after = await snapshot();
  expect(after).toEqual(before);
  expect(await page.evaluate(() => window.__shift)).toBe(0);
  // The page's own data, fetched with the app; nothing more.
  expect(dataRequests).toEqual([`${new URL(page.url()).origin}${s.at(`/data/article/${slug}.json`)}`]);
  expect(errors).toEqual([]);
});

test('keyboard focus stays where it was when the app takes over', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const release = await holdWasm(page);
  await page.goto(s.at(`/${s.json('home/1.json').items[0].slug}/`));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const before = await page.evaluate(() => document.activeElement.textContent);
  expect(before).toBe('WellPress');
  release();
  await appReady(page);
  expect(await page.evaluate(() => document.activeElement.textContent)).toBe(before);
  expect(await page.evaluate(() => document.activeElement.closest('#app') !== null)).toBe(true);
});

test('the skip link works while the app is taking over', async ({ page }, info) => {
  const s = siteUnderTest(info);
  // From the moment the app is mounted (it has set its scroll handling)
  // until it swaps its view in, clicks the prerendered skip link in every
  // task, until focus once does not reach the content.
  await page.addInitScript(() => {
    window.__skips = { tried: 0, missed: [] };
    const poll = () => {
      if (!document.getElementById('wellpress-data')) return (window.__skips.done = true);
      if (history.scrollRestoration === 'manual' && window.__skips.missed.length === 0) {
        document.body.focus();
        document.querySelector('.skip-link').click();
        window.__skips.tried += 1;
        if (document.activeElement?.id !== 'main') window.__skips.missed.push(document.activeElement?.tagName);
      }
      setTimeout(poll, 0);
    };
    document.addEventListener('DOMContentLoaded', poll);
  });
  await page.goto(s.at('/'));
  await reachForApp(page);
  await page.waitForFunction(() => window.__skips.done);
  const skips = await page.evaluate(() => window.__skips);
  expect(skips.tried).toBeGreaterThan(0);
  expect(skips.missed).toEqual([]);
});

test('what a reader types into the form while the app starts is kept, and the app knows it', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const release = await holdWasm(page);
  await page.goto(s.at(`/${s.json('home/1.json').items[0].slug}/`));
  await field(page, 'Name').fill('Ann Reader');
  await field(page, 'Email').fill('ann@example.org');
  await page.getByRole('checkbox', { name: /Save my name/ }).check();
  await field(page, 'Comment').fill('before the app started.');
  // The caret goes back to the start, to add a word there.
  await field(page, 'Comment').press('Control+Home');
  // Reaching for the form was enough to start the app.
  release();
  await tookOver(page);
  await expect(field(page, 'Name')).toHaveValue('Ann Reader');
  await expect(field(page, 'Email')).toHaveValue('ann@example.org');
  await expect(page.getByRole('checkbox', { name: /Save my name/ })).toBeChecked();
  await page.keyboard.type('Typed ');
  await expect(field(page, 'Comment')).toHaveValue('Typed before the app started.');
  // The app's own checks see what was typed: only the captcha is missing.
  await page.getByRole('button', { name: 'Post Comment' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Please enter captcha value.');
  for (const missing of ['Please type your comment text.', 'Please enter your name.', 'Please enter your email address.']) {
    await expect(alert).not.toContainText(missing);
  }
  // And the comment is the article's draft, kept across a reload; with a
  // draft kept, the app starts at once, with no reach, so that the form
  // shows it.
  await page.mouse.move(0, 0);
  await page.reload();
  await tookOver(page);
  await expect(field(page, 'Comment')).toHaveValue('Typed before the app started.');
});

test('a word being composed with an input method is not cut off by the takeover', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const release = await holdWasm(page);
  await page.goto(s.at(`/${s.json('home/1.json').items[0].slug}/`));
  await field(page, 'Comment').focus();
  // Composing a word, as with a Japanese input method; not yet committed.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'けんこう', selectionStart: 4, selectionEnd: 4 });
  await expect(field(page, 'Comment')).toHaveValue('けんこう');
  // Focusing the form started the app, which now waits for the word.
  release();
  await page.waitForFunction(() => history.scrollRestoration === 'manual');
  await page.waitForTimeout(300);
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await cdp.send('Input.insertText', { text: '健康' });
  await tookOver(page);
  await expect(field(page, 'Comment')).toHaveValue('健康');
  await expect(field(page, 'Comment')).toBeFocused();
  await page.keyboard.type(' matters.');
  await expect(field(page, 'Comment')).toHaveValue('健康 matters.');
});

/**
 * Opens the article with the longest body, whose comments are screens below
 * its top, and waits until the page has settled; returns its JSON.
 */
const openLongestArticle = async (page, s) => {
  const article = s.json('home/1.json').items
    .map((card) => s.json(`article/${card.slug}.json`))
    .sort((a, b) => b.body_html.length - a.body_html.length)[0];
  await page.goto(s.at(`/${article.slug}/`));
  await settled(page);
  return article;
};

/** Resolves once the page has loaded, been painted, and the start-up script watches for the reader. */
const settled = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const later = () => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 500), 0));
        if (document.readyState === 'complete') later();
        else addEventListener('load', later, { once: true });
      }),
  );

test('a reader who only reads downloads no app; reaching for a link starts it', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const appFiles = [];
  page.on('request', (r) => /\/wellpress-[0-9a-f]+(_bg\.wasm|\.js)$/.test(r.url()) && appFiles.push(r.url()));
  const dataFetches = [];
  page.on('request', (r) => r.url().includes('/data/') && dataFetches.push(new URL(r.url()).pathname));
  const article = await openLongestArticle(page, s);
  // The page is its text: the data the app builds from is not sent in it.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain(article.title);
  expect(html).not.toContain('"body_html"');
  // The pointer rests on the text while the reader scrolls, links passing under it.
  await page.locator('.prose p').first().hover();
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 300);
  await settled(page);
  expect(appFiles, 'nothing of the app is fetched while the reader reads').toEqual([]);
  expect(dataFetches, 'nor the data of the page').toEqual([]);
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);

  // A link at the top, screens away from the comments.
  await page.locator('.article__category a').hover();
  await tookOver(page);
  expect(appFiles.map((url) => url.replace(/.*\./, ''))).toEqual(['js', 'wasm']);
  // The page's data comes with the app, once, and the app shows the same.
  const own = `${s.base}/data/article/${article.slug}.json`;
  expect(dataFetches[0]).toBe(own);
  expect(dataFetches.filter((path) => path === own)).toHaveLength(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
});

test('a press that spans the swap still follows its link', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const release = await holdWasm(page);
  const article = await openLongestArticle(page, s);
  const link = page.locator('.article__category a');
  await link.hover();
  await page.mouse.down();
  release();
  // The app is mounted (it has taken over scrolling) but waits for the release.
  await page.waitForFunction(() => history.scrollRestoration === 'manual');
  await page.waitForTimeout(300);
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await page.mouse.up();
  await expect(page).toHaveURL(s.at(`/category/${article.category.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.category.name);
});

test('text a reader selected stays selected when the app takes over', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const release = await holdWasm(page);
  await openLongestArticle(page, s);
  // Dragged with the mouse from the start of a paragraph to its end,
  // backwards, so the direction must come along too.
  const paragraph = page.locator('.prose p').filter({ has: page.locator('a') }).first();
  await paragraph.scrollIntoViewIfNeeded();
  const box = await paragraph.boundingBox();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 4);
  await page.mouse.down();
  await page.mouse.move(box.x + 1, box.y + 4, { steps: 8 });
  await page.mouse.up();
  const selection = () =>
    page.evaluate(() => {
      const s = getSelection();
      const inApp = (n) => n.isConnected && document.getElementById('app').contains(n);
      return { text: s.toString(), inPage: inApp(s.anchorNode) && inApp(s.focusNode), backwards: s.anchorNode.compareDocumentPosition(s.focusNode) === Node.DOCUMENT_POSITION_PRECEDING || (s.anchorNode === s.focusNode && s.focusOffset < s.anchorOffset) };
    });
  const before = await selection();
  expect(before.text.length).toBeGreaterThan(60);
  expect(before).toMatchObject({ inPage: true, backwards: true });
  release();
  // The reader then points at the paragraph's link, which starts the app.
  await paragraph.locator('a').first().hover();
  await tookOver(page);
  expect(await selection()).toEqual(before);
});

test('on a phone, scrolling to the related articles starts the app, and the page stays where the reader is', async ({ page }, info) => {
  const s = siteUnderTest(info);
  // Narrow enough that the related articles stack, screens above the comments.
  await page.setViewportSize({ width: 375, height: 740 });
  const release = await holdWasm(page);
  const article = await openLongestArticle(page, s);
  const wasm = page.waitForRequest((r) => r.url().endsWith('.wasm'));
  await page.evaluate(() => scrollTo(0, document.getElementById('related-heading').getBoundingClientRect().top + scrollY));
  await wasm;
  const place = () =>
    page.evaluate(() => [Math.round(scrollY), Math.round(document.getElementById('comments').getBoundingClientRect().top)]);
  const before = await place();
  expect(before[0]).toBeGreaterThan(0);
  release();
  await tookOver(page);
  expect(await place()).toEqual(before);
  // Back from the next page returns to this place.
  await page.getByRole('region', { name: 'Related Articles' }).getByRole('link', { name: article.related[0].title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.related[0].title);
  // A reader's Back comes frames later; the app learns which page is shown
  // at its first frame (src/scroll.rs).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect.poll(() => page.evaluate(() => Math.round(scrollY))).toBe(before[0]);
  // The form is the app's now: its checks answer an empty submission.
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await expect(page.getByRole('alert')).toContainText('Please type your comment text.');
});

test('when the app cannot be loaded the page keeps working, and a later reach starts it', async ({ page }, info) => {
  const s = siteUnderTest(info);
  await page.clock.install();
  const warnings = [];
  page.on('console', (msg) => msg.type() === 'warning' && warnings.push(msg.text()));
  await page.route('**/wellpress-*.js', (route) => route.abort('internetdisconnected'));
  const article = await openLongestArticle(page, s);
  await reachForApp(page);
  await expect.poll(() => warnings.join('\n')).toContain('the app could not be loaded');
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await page.unroute('**/wellpress-*.js');
  // Not again at once: a few seconds later.
  await page.locator('.article__category a').hover();
  await settled(page);
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await page.clock.fastForward(6000);
  await page.getByRole('region', { name: 'Related Articles' }).getByRole('link').first().hover();
  await tookOver(page);
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await expect(page.getByRole('alert')).toContainText('Please type your comment text.');
});

test('a comment typed while the app cannot be loaded is still there after a reload', async ({ page }, info) => {
  const s = siteUnderTest(info);
  await page.route('**/wellpress-*.js', (route) => route.abort('internetdisconnected'));
  const article = await openLongestArticle(page, s);
  await field(page, 'Comment').fill('Written with no connection. PS');
  // A change of mind is kept too.
  for (let i = 0; i < 3; i++) await field(page, 'Comment').press('Backspace');
  await expect(page.locator('#wellpress-data')).toBeAttached();
  await page.unroute('**/wellpress-*.js');
  await page.mouse.move(0, 0);
  await page.reload();
  // The app starts (the reload keeps the reader at the form), and its form
  // shows the kept text.
  await tookOver(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(field(page, 'Comment')).toHaveValue('Written with no connection.');
});

test('on an unknown address the app keeps the not-found page and fetches nothing', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const dataRequests = [];
  page.on('request', (r) => r.url().includes('/data/') && dataRequests.push(r.url()));
  // Two levels deep: the page's own files must still load from there.
  const response = await page.goto(s.at('/no/such-article/'));
  expect(response.status()).toBe(404);
  await appReady(page);
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found – WellPress');
  expect(dataRequests).toEqual([]);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(s.at('/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest articles');
});

test('home → category → article → related article → back → forward, in the app', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const errors = watchErrors(page);
  await page.goto(s.at('/'));
  await appReady(page);
  await page.evaluate(() => (window.__sameDocument = true));
  // A card whose first related article links to another page of the site
  // in its body, so the walk can follow a body link too.
  const bodyLinksHome = (slug) => s.json(`article/${slug}.json`).body_html.includes(`href="${s.at('/')}`);
  const card = s.json('home/1.json').items.find((c) => bodyLinksHome(s.json(`article/${c.slug}.json`).related[0].slug));
  expect(card, 'a home card whose related article has a site link in its body').toBeTruthy();
  const article = s.json(`article/${card.slug}.json`);

  await page.getByRole('article').filter({ hasText: card.title }).getByRole('link', { name: card.category.name }).click();
  await expect(page).toHaveURL(s.at(`/category/${card.category.slug}/`));
  await expect(page.getByRole('heading', { level: 1, name: card.category.name })).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${siteUrl}${s.at(`/category/${card.category.slug}/`)}`);

  await page.getByRole('link', { name: card.title }).first().click();
  await expect(page).toHaveURL(s.at(`/${card.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${siteUrl}${s.at(`/${card.slug}/`)}`);
  // The head follows the page; read it until it does (or time runs out).
  const headline = async () => JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'][0].headline;
  await expect.poll(headline).toBe(card.title);

  const related = article.related[0];
  await page.getByRole('region', { name: 'Related Articles' }).getByRole('link', { name: related.title }).click();
  await expect(page).toHaveURL(s.at(`/${related.slug}/`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(related.title);

  // A link inside the article body goes through the app too.
  const bodyLink = page.locator(`.prose a[href^="${s.at('/')}"]`).first();
  const href = await bodyLink.getAttribute('href');
  await bodyLink.click();
  await expect(page).toHaveURL(href);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(related.title);
  await page.goBack();
  await expect(page).toHaveURL(s.at(`/${related.slug}/`));
  await expect(page).toHaveTitle(`${related.title} – WellPress`);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(related.title);
  await page.getByRole('banner').getByRole('link', { name: 'WellPress' }).click();
  await expect(page).toHaveURL(s.at('/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest articles');
  await expect(page).toHaveTitle('WellPress');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  expect(errors).toEqual([]);
});
