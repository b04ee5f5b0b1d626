// Runs Lighthouse (mobile defaults: emulated phone, simulated slow 4G) on
// each page a number of times and prints, per page, the median of each
// number (and every run's TBT) as JSON. Usage: node lighthouse.mjs RUNS NAME=URL...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [runs, ...pages] = process.argv.slice(2);
const flags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // The benchmark's server answers HTTPS with a certificate made for the run.
  '--ignore-certificate-errors',
];
const results = {};
for (const spec of pages) {
  const [name, url] = spec.split(/=(.*)/s);
  const measured = [];
  for (let i = 0; i < Number(runs); i++) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: flags });
    try {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
      const audit = (id) => lhr.audits[id]?.numericValue ?? null;
      measured.push({
        performance: Math.round(lhr.categories.performance.score * 100),
        accessibility: Math.round(lhr.categories.accessibility.score * 100),
        bestPractices: Math.round(lhr.categories['best-practices'].score * 100),
        seo: Math.round(lhr.categories.seo.score * 100),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
        bytes: audit('total-byte-weight'),
        // What the page itself downloads of JS and wasm, as transferred
        // (compressed), before any interaction.
        scriptBytes: (lhr.audits['network-requests']?.details?.items ?? [])
          .filter((r) => /\.(m?js|wasm)(\?|$)/.test(r.url))
          .reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      });
    } finally {
      await chrome.kill();
    }
  }
  // Each number on its own median: on a shared machine one slow run
  // moves TBT and LCP independently.
  const median = (key) => measured.map((m) => m[key]).sort((a, b) => a - b)[Math.floor(measured.length / 2)];
  results[name] = Object.fromEntries(Object.keys(measured[0]).map((key) => [key, median(key)]));
  results[name].runs = measured.length;
  results[name].tbtRuns = measured.map((m) => Math.round(m.tbt));
}
console.log(JSON.stringify(results));
