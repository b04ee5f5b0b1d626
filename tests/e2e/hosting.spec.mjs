// What hosts send with the site: the Content-Security-Policy (as a header
// from _headers at the root, where nginx applies it; as the pages' own
// <meta> under /blog/, the way GitHub Pages serves it), caching, and
// pre-compressed files.
import { test, expect } from '@playwright/test';
import { appReady, field, siteUnderTest, solve } from './helpers.mjs';

/** Records CSP violations and console errors from the first script on, on every page the test opens. */
async function watchPolicy(page) {
  const problems = [];
  await page.exposeFunction('__reportViolation', (what) => problems.push(`violation: ${what}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on('console', (msg) => {
    // The not-found page is meant to come with status 404.
    const expected404 = msg.location().url.endsWith('/no-such-page/') && msg.text().includes('404');
    if (msg.type() === 'error' && !expected404) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return problems;
}

test('the site runs under its Content-Security-Policy without a single violation', async ({ page }, info) => {
  const s = siteUnderTest(info);
  const problems = await watchPolicy(page);
  // The form refuses posts sooner than a few seconds after it appears;
  // the test moves the clock instead of waiting.
  await page.clock.install();
  const response = await page.goto(s.at('/'));
  const header = response.headers()['content-security-policy'];
  if (s.blog) {
    expect(header).toBeUndefined();
  } else {
    expect(header).toContain("script-src 'self' 'wasm-unsafe-eval';");
    // Inline styles are left to each page's own policy (below), which the
    // browser applies as well: a header copied before the stylesheet
    // changed cannot unstyle the site.
    expect(header).toContain("style-src 'self' 'unsafe-inline';");
  }
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(meta).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
  expect(meta).not.toContain('unsafe-inline');
  // The page's one style element is the stylesheet the hash allows: a style
  // attribute put in by a script is refused.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p id="styled" style="color: red">x</p>'));
  expect(await page.locator('#styled').evaluate((p) => getComputedStyle(p).color)).not.toBe('rgb(255, 0, 0)');
  await page.locator('#styled').evaluate((p) => p.remove());
  problems.length = 0;
  // No script in any page is inline: the policy would block it.
  expect(await page.locator('script:not([src]):not([type="application/json"]):not([type="application/ld+json"])').count()).toBe(0);
  await appReady(page);

  // Through the app: an article, its comment form posting, another page, a 404.
  const card = s.json('home/1.json').items[0];
  await page.getByRole('link', { name: card.title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(card.title);
  await field(page, 'Comment').fill('Checking that posting works under the policy.');
  await field(page, 'Name').fill('Policy Check');
  await field(page, 'Email').fill('policy@example.org');
  await page.getByLabel(/^Math Captcha/).fill(await solve(page));
  // Answered here, so the comment tests' recording endpoint stays theirs;
  // the browser checks the policy before the request leaves.
  await page.route('**/api/comments', (route) => route.fulfill({ status: 200, body: '{}' }));
  await page.clock.fastForward(5000);
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
  await page.goto(s.at('/no-such-page/'));
  await appReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  expect(problems).toEqual([]);
});

test('hashed files are cached for a year; pages and data are revalidated', async ({ request }, info) => {
  const s = siteUnderTest(info);
  test.skip(s.blog, 'GitHub Pages sets its own caching');
  const hashed = s.files().filter((f) => /^[a-z0-9_]+-[0-9a-f]{12,}(_bg)?\.(css|js|wasm|svg)$/.test(f));
  expect(hashed.some((f) => f.endsWith('.wasm'))).toBe(true);
  expect(hashed.some((f) => f.endsWith('.css'))).toBe(true);
  for (const file of hashed) {
    const response = await request.get(`/${file}`);
    expect(response.headers()['cache-control'], file).toBe('public, max-age=31536000, immutable');
    expect(s.text('_headers'), file).toContain(`/${file}\n  Cache-Control: public, max-age=31536000, immutable`);
  }
  for (const path of ['/', `/${s.json('home/1.json').items[0].slug}/`, '/data/home/1.json', '/sitemap.xml']) {
    const response = await request.get(path);
    expect(response.headers()['cache-control'], path).toBe('no-cache');
  }
});

test('every text and wasm file has .br and .gz copies, and _redirects keeps WordPress feed addresses', async ({ request }, info) => {
  const s = siteUnderTest(info);
  const files = s.files().filter((f) => /^[a-z0-9_]+-[0-9a-f]{12,}(_bg)?\.(css|js|wasm)$/.test(f));
  expect(files.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
  for (const file of [...files, 'index.html', 'sitemap.xml', 'data/home/1.json']) {
    for (const suffix of ['br', 'gz']) expect(() => s.text(`${file}.${suffix}`), `${file}.${suffix}`).not.toThrow();
  }
  const gz = await request.get(s.at('/data/home/1.json'), { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gz.headers()['content-encoding']).toBe('gzip');
  expect(s.text('_redirects')).toContain(`${s.at('/feed/')} ${s.at('/feed.xml')} 301`);
});
