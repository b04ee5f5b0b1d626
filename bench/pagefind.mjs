// Measures Pagefind on a built WellPress site, as the baseline for search
// (docs/search.md): the index's build time and size, and in headless
// Chromium, over HTTP with brotli, the bytes and time of a first and a
// second query, unthrottled and at 4x CPU slowdown, under the site's
// Content-Security-Policy. The site folder is only read: its article pages
// are copied, marked up for Pagefind, into a temporary folder, and the
// index is written next to them.
//
// Usage: node bench/pagefind.mjs SITE_DIR [options]
//   --label NAME            the site's name in the summary (default: the folder's)
//   --queries "A,B,C..."    the first query, the second, then more for the medians
//                           (default: "blood pressure,sleep,caffeine,protein,iron")
//   --index-runs N          indexing runs, median reported (default 3)
//   --first-runs N          fresh browsers per throttle for the first query (default 5)
//   --repeats N             repeats of each query once its shards are loaded (default 7)
//   --keep DIR              write the index to DIR (kept) instead of a temporary folder
// Pagefind and playwright-core come from scripts/lib.sh (pagefind_tools),
// pinned in scripts/versions.env; Chromium is /usr/bin/chromium (CHROME_PATH).
// Prints a summary on stderr and the measurements as JSON on stdout.
import { execFileSync, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const site = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : null;
if (!site || !existsSync(join(site, 'index.html'))) {
  console.error('usage: node bench/pagefind.mjs SITE_DIR [--label NAME] [--queries "A,B,..."] [--index-runs N] [--first-runs N] [--repeats N] [--keep DIR]');
  process.exit(2);
}
const label = option('label', basename(site));
const queries = option('queries', 'blood pressure,sleep,caffeine,protein,iron').split(',').map((q) => q.trim()).filter(Boolean);
const indexRuns = Number(option('index-runs', '3'));
const firstRuns = Number(option('first-runs', '5'));
const repeats = Number(option('repeats', '7'));
const say = (message) => process.stderr.write(`pagefind bench: ${message}\n`);

// --- the tools ----------------------------------------------------------------
execFileSync('bash', ['-c', 'source scripts/lib.sh && pagefind_tools'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
const tools = process.env.WELLPRESS_TOOLS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wellpress');
const modules = join(tools, 'pagefind', 'node_modules');
const require = createRequire(join(modules, 'noop.js'));
const { chromium } = require('playwright-core');
const pagefindPackage = JSON.parse(readFileSync(join(modules, 'pagefind', 'package.json'), 'utf8'));
// The native binary itself, so that node's start is not timed with it.
const binDir = join(modules, '@pagefind', `linux-${process.arch}`, 'bin');
const binary = ['pagefind_extended', 'pagefind'].map((name) => join(binDir, name)).find(existsSync);
if (!binary) throw new Error(`no Pagefind binary in ${binDir}`);

// --- the pages, marked up for Pagefind ----------------------------------------
// What our own index would hold: an article's title and text, its category
// as a filter and its date to sort by. Other pages (listings, authors) have
// no `.prose` and are left out; within a page, only the marked elements are
// indexed (not the header, related articles, promo or comments).
function* htmlFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (relative(site, path) !== 'data') yield* htmlFiles(path);
    } else if (entry.name.endsWith('.html')) yield path;
  }
}

const work = option('keep') ? resolve(option('keep')) : mkdtempSync(join(tmpdir(), 'wellpress-pagefind.'));
const pages = join(work, 'pages');
const bundle = join(work, 'pagefind');
rmSync(pages, { recursive: true, force: true });
let articles = 0;
let marked = 0;
for (const file of htmlFiles(site)) {
  const html = readFileSync(file, 'utf8');
  if (!html.includes('<div class="prose"')) continue;
  let out = html
    .replace('<h1 class="article__title"', '<h1 data-pagefind-body class="article__title"')
    .replace('<div class="prose"', '<div data-pagefind-body class="prose"')
    .replace(/(<p class="article__category"><a )/, '$1data-pagefind-filter="category" ')
    .replace(/(<p class="byline">.*?<time )/s, '$1data-pagefind-sort="date[datetime]" ');
  marked += out.includes('data-pagefind-filter') && out.includes('data-pagefind-sort') ? 1 : 0;
  const target = join(pages, relative(site, file));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, out);
  articles++;
}
if (!articles) throw new Error(`no article pages (with <div class="prose">) in ${site}`);
say(`${articles} article pages (${marked} with category and date marked), indexing ${indexRuns}x with ${basename(binary)} ${pagefindPackage.version}`);

// --- indexing -----------------------------------------------------------------
const indexSeconds = [];
let indexLog = '';
for (let run = 0; run < indexRuns; run++) {
  rmSync(bundle, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(binary, ['--site', pages, '--output-path', bundle], { encoding: 'utf8', maxBuffer: 1 << 26 });
  indexSeconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  if (result.status !== 0) throw new Error(`pagefind failed:\n${result.stdout}\n${result.stderr}`);
  indexLog = result.stdout;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const indexedPages = Number((indexLog.match(/Indexed (\d+) pages?/) || [])[1] || NaN);
const indexedWords = Number((indexLog.match(/Indexed (\d+) words?/) || [])[1] || NaN);

// --- index size ---------------------------------------------------------------
// The index proper (its data), what the JS API loads to search it (the
// runtime), and Pagefind's ready-made interfaces, which an app with its
// own interface never loads.
const kindOf = (name) => {
  const ext = extname(name);
  if (ext === '.pf_fragment') return 'data: fragments';
  if (ext === '.pf_index') return 'data: index chunks';
  if (ext === '.pf_filter') return 'data: filters';
  if (ext === '.pf_meta') return 'data: meta';
  if (name.startsWith('wasm.')) return 'runtime: wasm';
  if (['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json'].includes(name)) return 'runtime: js, json';
  return 'interfaces (not loaded by the JS API)';
};
const size = { files: 0, bytes: 0, brotli: 0, kinds: {}, data: { files: 0, bytes: 0, brotli: 0 } };
const fileSizes = new Map();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { walk(path); continue; }
    const body = readFileSync(path);
    const br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const kind = kindOf(entry.name);
    size.files++; size.bytes += body.length; size.brotli += br;
    const k = (size.kinds[kind] ??= { files: 0, bytes: 0, brotli: 0 });
    k.files++; k.bytes += body.length; k.brotli += br;
    if (kind.startsWith('data:')) { size.data.files++; size.data.bytes += body.length; size.data.brotli += br; }
    fileSizes.set('/pagefind/' + relative(bundle, path).split(sep).join('/'), body.length);
  }
};
walk(bundle);
say(`indexed ${indexedPages} pages, ${indexedWords} words in ${median(indexSeconds).toFixed(2)} s (runs: ${indexSeconds.map((s) => s.toFixed(2)).join(', ')}); ` +
  `bundle: ${size.files} files, ${size.bytes} bytes, ${size.brotli} brotli; the index's data: ${size.data.files} files, ${size.data.bytes} bytes, ${size.data.brotli} brotli`);
for (const [kind, k] of Object.entries(size.kinds).sort()) say(`  ${kind}: ${k.files} files, ${k.bytes} bytes, ${k.brotli} brotli`);

// --- the server ---------------------------------------------------------------
// The site as a static host with compression serves it: its own .br copies
// when the browser accepts brotli, other text compressed with brotli on
// the fly (cached), Pagefind's own files (already gzip inside, as Pagefind
// writes them) as they are; the site's _headers (its first rule: the CSP)
// on every answer, with a report-uri added so that violations in Pagefind's
// web worker, which the page's securitypolicyviolation event does not see,
// are reported too. Counts the body bytes sent, as transferred.
const headersFile = join(site, '_headers');
const siteHeaders = [];
if (existsSync(headersFile)) {
  let rule = 0;
  for (const line of readFileSync(headersFile, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) { rule++; continue; }
    if (rule === 1) {
      const at = line.indexOf(':');
      siteHeaders.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
}
const csp = (siteHeaders.find(([name]) => name.toLowerCase() === 'content-security-policy') || [])[1] || '';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.xml': 'application/xml',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.avif': 'image/avif', '.txt': 'text/plain',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.wasm']);
// The page-side harness, a module script of the site's origin as the
// app's own code would be: what the CSP allows it is allowed.
const harness = `
let pagefind;
export async function search(query, mode) {
  const start = performance.now();
  if (!pagefind) {
    pagefind = await import('/pagefind/pagefind.js');
    if (mode === 'main thread') await pagefind.options({ noWorker: true });
  }
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
  const ms = performance.now() - start;
  return { ms, count: found.results.length, titles: data.map((d) => d.meta.title), urls: data.map((d) => d.url),
    excerpt: data[0] ? data[0].excerpt : '', filters: found.filters };
}
// Where Pagefind searched ("worker" or "mainthread"), as its verbose answer says.
async function environment(query) {
  return (await pagefind.search(query, { verbose: true })).search_environment || 'not said';
}
// A fixed amount of work, timed on this thread and in a worker: does the
// CPU slowdown reach workers?
function spin() {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1000003;
  return performance.now() - start + (x < 0 ? 1 : 0);
}
async function spinBoth() {
  const worker = new Worker('/__pagefind-bench-worker.js');
  const inWorker = await new Promise((ok) => { worker.onmessage = (e) => ok(e.data); worker.postMessage('go'); });
  worker.terminate();
  return { main: spin(), worker: inWorker };
}
window.__pagefindBench = { search, environment, spinBoth };
document.documentElement.dataset.pagefindBench = 'ready';
`;
const spinWorker = `onmessage = () => {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1000003;
  postMessage(performance.now() - start + (x < 0 ? 1 : 0));
};`;
const brCache = new Map();
let log = [];
let reports = [];
let policy = 'site'; // or 'without-wasm': the site's policy without 'wasm-unsafe-eval'
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let path = decodeURIComponent(url.pathname);
  const headers = {};
  for (const [name, value] of siteHeaders) headers[name] = value;
  if (csp) {
    const served = policy === 'without-wasm' ? csp.replace(" 'wasm-unsafe-eval'", '') : csp;
    headers['Content-Security-Policy'] = `${served}; report-uri /__csp-report`;
  }
  headers['Cache-Control'] = 'no-cache';
  if (path === '/__csp-report') {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        const r = JSON.parse(text)['csp-report'];
        reports.push(`${r['effective-directive'] || r['violated-directive']}: ${r['blocked-uri'] || '(inline)'} in ${r['document-uri'] || r['source-file']}`);
      } catch { reports.push(text.slice(0, 200)); }
      res.writeHead(204); res.end();
    });
    return;
  }
  let body; let file;
  if (path === '/__pagefind-bench.js') {
    body = Buffer.from(harness); file = 'harness.js';
  } else if (path === '/__pagefind-bench-worker.js') {
    body = Buffer.from(spinWorker); file = 'worker.js';
  } else {
    file = path.startsWith('/pagefind/') ? join(bundle, path.slice('/pagefind/'.length)) : join(site, path);
    if (!resolve(file).startsWith(path.startsWith('/pagefind/') ? bundle : site)) { res.writeHead(403); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); log.push({ path, status: 404, bytes: 0 }); return res.end(); }
    body = readFileSync(file);
  }
  const ext = extname(file);
  headers['Content-Type'] = types[ext] || 'application/octet-stream';
  const acceptsBr = /\bbr\b/.test(req.headers['accept-encoding'] || '');
  if (acceptsBr && compressible.has(ext)) {
    headers['Content-Encoding'] = 'br';
    headers.Vary = 'Accept-Encoding';
    if (existsSync(file + '.br')) body = readFileSync(file + '.br');
    else {
      const key = file + ':' + body.length;
      if (!brCache.has(key)) brCache.set(key, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
      body = brCache.get(key);
    }
  }
  headers['Content-Length'] = body.length;
  res.writeHead(200, headers);
  res.end(body);
  log.push({ path, status: 200, bytes: body.length, encoding: headers['Content-Encoding'] || 'identity' });
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

// --- the browser --------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A fresh context (empty cache) on the site's home page, the harness
// loaded, the CPU slowed down `rate` times; collects CSP violations and errors.
async function openPage(rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') errors.push(`console: ${message.text()}`); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__violations.push(`${event.effectiveDirective}: ${event.blockedURI || '(inline)'}${event.sample ? ' ' + event.sample : ''}`));
  });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.addScriptTag({ url: '/__pagefind-bench.js', type: 'module' });
  await page.waitForFunction(() => document.documentElement.dataset.pagefindBench === 'ready');
  if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, errors };
}
const search = (page, query, mode) => page.evaluate(([q, m]) => window.__pagefindBench.search(q, m), [query, mode]);

// Runs a search and returns what it did on the wire: the requests, body bytes.
async function measured(page, query, mode) {
  log = [];
  const result = await search(page, query, mode);
  const requests = log.filter((r) => r.path.startsWith('/pagefind/'));
  return { query, ...result, requests: requests.length, bytes: requests.reduce((sum, r) => sum + r.bytes, 0), files: requests };
}

// Does the CPU slowdown reach a web worker? The same loop on the page's
// thread and in a worker, unthrottled and at 4x.
const spins = {};
for (const rate of [1, 4]) {
  const { context, page } = await openPage(rate);
  spins[rate] = await page.evaluate(() => window.__pagefindBench.spinBoth());
  await context.close();
}
say(`the same loop, ms: page thread ${spins[1].main.toFixed(0)} at 1x, ${spins[4].main.toFixed(0)} at 4x; ` +
  `web worker ${spins[1].worker.toFixed(0)} at 1x, ${spins[4].worker.toFixed(0)} at 4x`);

// Pagefind searches in a web worker by default, and on the page's own
// thread with { noWorker: true }: both, unthrottled and at 4x.
const extra = ['walk', 'stress', 'heart', 'vitamin', 'exercise', 'water', 'weight', 'brain', 'blood', 'habit'].filter((q) => !queries.includes(q));
const runs = [];
for (const mode of ['worker', 'main thread']) {
  for (const rate of [1, 4]) {
    reports = [];
    const firsts = [];
    let detail = null;
    for (let run = 0; run < firstRuns; run++) {
      const { context, page, errors } = await openPage(rate);
      const first = await measured(page, queries[0], mode);
      firsts.push(first.ms);
      if (run === 0) {
        // The second, different query on the same page; then each query
        // again, several times, once its shards are loaded; then new
        // words, each fetching its own chunk and fragments.
        const second = await measured(page, queries[1], mode);
        const warm = {};
        for (const query of queries) {
          await search(page, query, mode);
          const times = [];
          for (let i = 0; i < repeats; i++) times.push((await search(page, query, mode)).ms);
          warm[query] = median(times);
        }
        const fresh = [];
        for (const query of extra) fresh.push((await search(page, query, mode)).ms);
        const environment = await page.evaluate((q) => window.__pagefindBench.environment(q), queries[0]);
        const violations = await page.evaluate(() => window.__violations);
        detail = { first, second, warm, warmMedian: median(Object.values(warm)), fresh, freshMedian: median(fresh), environment, violations, errors };
      }
      await context.close();
    }
    runs.push({ mode, rate, firstRuns: firsts, firstMedian: median(firsts), ...detail, reports: [...new Set(reports)] });
  }
}

// The control: every answer's policy without 'wasm-unsafe-eval'.
let control = null;
if (csp.includes("'wasm-unsafe-eval'")) {
  policy = 'without-wasm';
  reports = [];
  const { context, page, errors } = await openPage(1);
  let outcome;
  try {
    const result = await Promise.race([search(page, queries[0], 'worker'), new Promise((_, no) => setTimeout(() => no(new Error('no answer in 30 s')), 30000))]);
    outcome = `worked (${result.count} results)`;
  } catch (error) {
    outcome = `failed: ${String(error.message).split('\n')[0]}`;
  }
  await new Promise((ok) => setTimeout(ok, 500)); // reports arrive a little later
  control = { outcome, violations: await page.evaluate(() => window.__violations), reports: [...new Set(reports)], errors };
  await context.close();
  policy = 'site';
}
await browser.close();
server.close();

const at = (mode, rate) => runs.find((r) => r.mode === mode && r.rate === rate);
const base1 = at('worker', 1);
const fragments = base1.first.files.filter((f) => f.path.endsWith('.pf_fragment'));
const wasm = base1.first.files.find((f) => f.path.includes('/wasm.'));
const result = {
  label, site, pagefind: pagefindPackage.version, binary: basename(binary), chromium: browser.version(), articles, indexedPages, indexedWords,
  indexSeconds: median(indexSeconds), indexRuns: indexSeconds, size, csp, queries, repeats, firstRunsPerCase: firstRuns,
  first: base1.first, second: base1.second,
  fragmentBytesPerResult: fragments.length ? Math.round(fragments.reduce((s, f) => s + f.bytes, 0) / fragments.length) : null,
  wasm: wasm ? { path: wasm.path, bytes: wasm.bytes } : null,
  spins, runs, control,
};
if (!option('keep')) rmSync(work, { recursive: true, force: true });

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const list = (phase) => {
  say(`${phase === base1.first ? 'first' : 'second'} query "${phase.query}": ${phase.count} results, ${phase.requests} requests, ${phase.bytes} bytes (${kb(phase.bytes)})`);
  for (const f of phase.files) say(`  ${f.path} ${f.bytes} ${f.encoding}`);
};
list(base1.first);
list(base1.second);
const ms = (v) => v.toFixed(v < 20 ? 1 : 0);
for (const r of runs) {
  say(`${r.mode} (Pagefind says: ${r.environment}), ${r.rate}x: first query median ${ms(r.firstMedian)} ms (${r.firstRuns.map(ms).join(', ')}); ` +
    `second ${ms(r.second.ms)}; shards loaded, median of ${repeats} each: ${Object.entries(r.warm).map(([q, v]) => `${q} ${ms(v)}`).join(', ')}; ` +
    `new words: ${r.fresh.map(ms).join(', ')}`);
  say(`  CSP violations: page ${r.violations.length ? r.violations.join('; ') : 'none'}; reported ${r.reports.length ? r.reports.join('; ') : 'none'}; console: ${r.errors.join('; ') || 'nothing'}`);
}
if (control) say(`control, every policy without 'wasm-unsafe-eval': ${control.outcome}; page: ${control.violations.join('; ') || 'none'}; reported: ${control.reports.join('; ') || 'none'}; console: ${control.errors.join('; ') || 'nothing'}`);
const w1 = at('worker', 1), w4 = at('worker', 4), m4 = at('main thread', 4);
say('| site | pages | index files | index bytes on disk | brotli | indexing s | first-query bytes | second-query bytes | median ms per query, shards loaded (1×, 4×) | first query at 4× ms | same on the page thread at 4× (median, first) |');
say(`| ${label} | ${indexedPages} | ${size.data.files} | ${size.data.bytes} | ${size.data.brotli} | ${result.indexSeconds.toFixed(2)} | ${base1.first.bytes} | ${base1.second.bytes} | ` +
  `${ms(w1.warmMedian)}, ${ms(w4.warmMedian)} | ${ms(w4.firstMedian)} | ${ms(m4.warmMedian)}, ${ms(m4.firstMedian)} |`);
console.log(JSON.stringify(result, null, 1));
