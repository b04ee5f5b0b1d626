// Runs Lighthouse (mobile defaults: emulated phone, simulated slow 4G) on
// each page a number of times and prints, per page, the run with the
// median LCP as JSON. Usage: node lighthouse.mjs RUNS NAME=URL...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [runs, ...pages] = process.argv.slice(2);
const flags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
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
      });
    } finally {
      await chrome.kill();
    }
  }
  measured.sort((a, b) => a.lcp - b.lcp);
  results[name] = { ...measured[Math.floor(measured.length / 2)], runs: measured.length };
}
console.log(JSON.stringify(results));
