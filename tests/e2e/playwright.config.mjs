// End-to-end tests against the release build behind nginx (see ./run).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  // The imported site's suite runs on that site only (tests/import_check).
  testIgnore: process.env.WELLPRESS_IMPORTED ? [] : ['imported.spec.mjs'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json']],
  outputDir: process.env.TMPDIR ? `${process.env.TMPDIR}/wellpress-e2e` : '/tmp/wellpress-e2e',
  projects: [
    { name: 'root', use: { baseURL: process.env.WELLPRESS_BASE_URL } },
    // The same site built with --public-url /blog/ (tests/e2e/run serves it there).
    ...(process.env.WELLPRESS_BLOG_DIST
      ? [{ name: 'blog', testMatch: ['site.spec.mjs', 'hosting.spec.mjs', 'article-page.spec.mjs', 'images.spec.mjs', 'pages.spec.mjs'], use: { baseURL: `${process.env.WELLPRESS_BASE_URL}/blog/` } }]
      : []),
  ],
  use: {
    browserName: 'chromium',
    trace: 'off',
    launchOptions: {
      // Debian's Chromium: tests never download a browser.
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
