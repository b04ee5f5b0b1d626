// Measures our own search index (crates/wellpress-search) on a site the
// content tool published: the index's files, bytes on disk and brotli, and
// for a first query and a second, different one, the files the reader
// needed (round by round, then the fragments of the first 10 results) and
// their bytes, brotli at quality 11 (each file alone, as a host serving
// pre-compressed copies sends them), with the native search time. The
// queries run through the crate's `measure` example, which reads the files
// from disk as the app would fetch them.
//
// Usage: node bench/search.mjs OUT_DIR [options]
//   OUT_DIR                 the content tool's --out folder (holding data/search)
//   --label NAME            the site's name in the summary
//   --queries "A,B,C..."    the first query, the second, then more
//                           (default: "sleep habits,zuracaing,blood pressure,presure,ketam")
//   --pages DIR             also write the articles as HTML pages, marked up as
//                           the site's article pages, with an index.html, so
//                           that bench/pagefind.mjs can index the same text
//   --wasm yes              also build the `wasm_reader` and `wasm_baseline`
//                           examples for wasm32 (release), report their sizes,
//                           and time each query as a first query in the reader's
//                           wasm under Node: decoding its files, searching and
//                           building 10 results
//   --browser yes           with --wasm: the same in headless Chromium, at 1x
//                           and 4x CPU slowdown, and each query's first time in a
//                           fresh browser context: its files fetched round by
//                           round over HTTP (brotli) from this script's server,
//                           then the search in the reader's wasm (loaded before)
// Prints a summary on stderr and the measurements as JSON on stdout.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [first, ...rest] = process.argv.slice(2);
const options = {};
for (let i = 0; i + 1 < rest.length; i += 2) options[rest[i].replace(/^--/, '')] = rest[i + 1];
const out = first && !first.startsWith('--') ? resolve(first) : null;
const folder = out && join(out, 'data', 'search');
if (!folder || !existsSync(join(folder, 'index.bin'))) {
  console.error('usage: node bench/search.mjs OUT_DIR [--label NAME] [--queries "A,B,..."] [--pages DIR] [--wasm yes]');
  process.exit(2);
}
const label = options.label ?? out;
const queries = (options.queries ?? 'sleep habits,zuracaing,blood pressure,presure,ketam').split(',').map((q) => q.trim()).filter(Boolean);
const say = (message) => process.stderr.write(`search bench: ${message}\n`);

// --- the index on disk ----------------------------------------------------------
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = new Map(); // path in the search folder -> [bytes, brotli]
const kinds = {};
const kindOf = (path) => {
  if (path === 'index.bin') return 'manifest';
  const name = path.split('/').slice(1).join('/');
  if (name.startsWith('f/')) return 'fragments';
  if (name.startsWith('d')) return 'dictionary shards';
  if (name.startsWith('p')) return 'postings shards';
  return 'categories';
};
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { walk(path); continue; }
    const bytes = readFileSync(path);
    const name = relative(folder, path).split(sep).join('/');
    const size = [bytes.length, brotli(bytes)];
    sizes.set(name, size);
    const k = (kinds[kindOf(name)] ??= { files: 0, bytes: 0, brotli: 0 });
    k.files++; k.bytes += size[0]; k.brotli += size[1];
  }
};
walk(folder);
const total = { files: sizes.size, bytes: 0, brotli: 0 };
for (const [bytes, br] of sizes.values()) { total.bytes += bytes; total.brotli += br; }
say(`index: ${total.files} files, ${total.bytes} bytes, ${total.brotli} brotli`);
for (const [kind, k] of Object.entries(kinds)) say(`  ${kind}: ${k.files} files, ${k.bytes} bytes, ${k.brotli} brotli`);

// --- the queries --------------------------------------------------------------
const measure = (list) => execFileSync('bash', ['-c', 'source scripts/lib.sh && with_host_env cargo run --quiet --profile tools -p wellpress-search --example measure -- "$@"', 'measure', folder, ...list],
  { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).trim().split('\n').map((line) => JSON.parse(line));
const measured = measure(queries).map((q) => {
  const files = q.files.map(([path, bytes]) => ({ path, bytes, brotli: sizes.get(path)[1] }));
  const sum = (list, key) => list.reduce((s, f) => s + f[key], 0);
  const fragments = files.filter((f) => kindOf(f.path) === 'fragments');
  return {
    ...q, files, requests: files.length, bytes: sum(files, 'bytes'), brotli: sum(files, 'brotli'),
    fragmentsBrotli: sum(fragments, 'brotli'), fragments: fragments.length,
  };
});
for (const [i, q] of measured.entries()) {
  say(`${i === 0 ? 'first' : i === 1 ? 'second' : 'then'} query "${q.query}": ${q.results} results${q.partial ? ' (some words)' : ''}, ` +
    `${q.rounds} rounds, ${q.requests} files, ${q.bytes} bytes, ${q.brotli} brotli (fragments: ${q.fragments}, ${q.fragmentsBrotli}); ` +
    `search and 10 results ${q.search_ms} ms, decoding ${q.decode_ms} ms`);
  for (const f of q.files) say(`  ${f.path} ${f.bytes} ${f.brotli}`);
}

// --- the reader in wasm ---------------------------------------------------------
// The wasm_reader example's input: each part as a 4-byte length and its bytes.
const framed = (parts) => Buffer.concat(parts.flatMap((part) => { const n = Buffer.alloc(4); n.writeUInt32LE(part.length); return [n, part]; }));
let wasm = null;
if (options.wasm) {
  execFileSync('bash', ['-c', 'source scripts/lib.sh && setup_wasm_toolchain && with_wasm_env cargo build --quiet --release --target wasm32-unknown-unknown -p wellpress-search --example wasm_reader --example wasm_baseline'],
    { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  const file = (name) => join(target, 'wasm32-unknown-unknown', 'release', 'examples', `${name}.wasm`);
  // Code and data sections, and brotli without the custom sections
  // (names, producers), which a release build of the app strips.
  const sections = (bytes) => {
    let i = 8; const kept = [bytes.subarray(0, 8)]; const size = {};
    const leb = () => { let r = 0, s = 0, x; do { x = bytes[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
    while (i < bytes.length) {
      const at = i; const id = bytes[i++]; const n = leb(); i += n;
      if (id !== 0) { kept.push(bytes.subarray(at, i)); size[id] = n; }
    }
    const stripped = Buffer.concat(kept);
    return { file: bytes.length, code: size[10], data: size[11] ?? 0, stripped: stripped.length, brotli: brotli(stripped) };
  };
  const reader = sections(readFileSync(file('wasm_reader')));
  const baseline = sections(readFileSync(file('wasm_baseline')));
  say(`wasm: reader ${JSON.stringify(reader)}; baseline ${JSON.stringify(baseline)}; ` +
    `the reader adds ${reader.code - baseline.code} bytes of code, ${reader.stripped - baseline.stripped} stripped, ${reader.brotli - baseline.brotli} brotli`);
  const { instance } = await WebAssembly.instantiate(readFileSync(file('wasm_reader')), {});
  const { memory, buffer, search } = instance.exports;
  const times = {};
  for (const query of queries) {
    // Every file the query needs from nothing, in the order it asks for them.
    const [fresh] = measure([query]);
    const parts = [readFileSync(join(folder, 'index.bin')), Buffer.from(query), Buffer.alloc(0),
      ...fresh.files.slice(1).map(([path]) => readFileSync(join(folder, path)))];
    const input = framed(parts);
    const at = buffer(input.length);
    new Uint8Array(memory.buffer, at, input.length).set(input);
    const runs = [];
    let answer = 0;
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      answer = search(at, input.length);
      runs.push(performance.now() - start);
    }
    if (!answer) throw new Error(`the wasm reader found nothing for "${query}"`);
    times[query] = runs.sort((a, b) => a - b)[7];
    say(`wasm under Node, "${query}" from nothing (${fresh.files.length} files decoded, search, 10 results): median ${times[query].toFixed(2)} ms`);
  }
  wasm = { reader, baseline, times };
  if (options.browser) wasm.browser = await inBrowser(readFileSync(file('wasm_reader')));
}
console.log(JSON.stringify({ label, total, kinds, queries: measured, wasm }, null, 1));

// In Chromium: the reader's wasm on the page's thread, at 1x and 4x CPU
// slowdown; for each query, its first time in a fresh context (its files
// fetched round by round, brotli, then decoded and searched) and, all its
// files in memory, the time to decode them, search and build 10 results.
async function inBrowser(wasmBytes) {
  execFileSync('bash', ['-c', 'source scripts/lib.sh && pagefind_tools'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const tools = process.env.WELLPRESS_TOOLS || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'wellpress');
  const { chromium } = createRequire(join(tools, 'pagefind', 'node_modules', 'noop.js'))('playwright-core');
  const cache = new Map();
  let sent = 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<!doctype html><title>bench</title>'); }
    if (path === '/reader.wasm') { res.writeHead(200, { 'Content-Type': 'application/wasm' }); return res.end(wasmBytes); }
    const name = path.replace(/^\/search\//, '');
    if (!sizes.has(name)) { res.writeHead(404); return res.end(); }
    if (!cache.has(name)) cache.set(name, brotliCompressSync(readFileSync(join(folder, name)), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    const body = cache.get(name);
    sent += body.length;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'br', 'Cache-Control': 'no-cache' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const harness = async () => {
    const { instance } = await WebAssembly.instantiateStreaming(fetch('/reader.wasm'), {});
    const { memory, buffer, search } = instance.exports;
    const frame = (parts) => {
      const input = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
      let at = 0;
      for (const p of parts) { new DataView(input.buffer).setUint32(at, p.length, true); input.set(p, at + 4); at += 4 + p.length; }
      return input;
    };
    const run = (input) => { const at = buffer(input.length); new Uint8Array(memory.buffer, at, input.length).set(input); return search(at, input.length); };
    const text = new TextEncoder();
    window.bench = {
      // The files of each round fetched together, rounds one after another.
      async first(query, rounds) {
        const start = performance.now();
        const parts = [];
        for (const round of rounds) parts.push(...await Promise.all(round.map((p) => fetch(`/search/${p}`).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)))));
        const [manifest, ...rest] = parts;
        const answer = run(frame([manifest, text.encode(query), new Uint8Array(0), ...rest]));
        return { ms: performance.now() - start, answer };
      },
      async loaded(query, files, repeats) {
        const parts = await Promise.all(files.map((p) => fetch(`/search/${p}`).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b))));
        const [manifest, ...rest] = parts;
        const input = frame([manifest, text.encode(query), new Uint8Array(0), ...rest]);
        const times = [];
        for (let i = 0; i < repeats; i++) { const start = performance.now(); run(input); times.push(performance.now() - start); }
        return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
      },
    };
  };
  const open = async (rate) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.evaluate(`(${harness})()`);
    if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
    return { context, page };
  };
  const result = {};
  for (const query of queries) {
    const [fresh] = measure([query]);
    const rounds = [];
    for (const [path, , round] of fresh.files) (rounds[round] ??= []).push(path);
    // Compressed before any timing, as a host's pre-compressed copies are.
    for (const [path] of fresh.files) {
      if (!cache.has(path)) cache.set(path, brotliCompressSync(readFileSync(join(folder, path)), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    for (const rate of [1, 4]) {
      const firsts = [];
      let bytes = 0;
      for (let run = 0; run < 3; run++) {
        const { context, page } = await open(rate);
        sent = 0;
        const first = await page.evaluate(([q, r]) => window.bench.first(q, r), [query, rounds]);
        if (!first.answer) throw new Error(`the reader found nothing for "${query}" in the browser`);
        firsts.push(first.ms);
        bytes = sent;
        await context.close();
      }
      const { context, page } = await open(rate);
      const loadedMs = await page.evaluate(([q, f]) => window.bench.loaded(q, f, 15), [query, fresh.files.map(([p]) => p)]);
      await context.close();
      const median = firsts.sort((a, b) => a - b)[1];
      (result[query] ??= {})[`${rate}x`] = { first: median, firstRuns: firsts, loaded: loadedMs, bytes };
      say(`Chromium at ${rate}x, "${query}": first time ${median.toFixed(1)} ms (${firsts.map((t) => t.toFixed(1)).join(', ')}; ${rounds.length} rounds, ${bytes} bytes brotli), ` +
        `all files in memory: decode, search and 10 results ${loadedMs.toFixed(2)} ms`);
    }
  }
  await browser.close();
  server.close();
  return result;
}

// --- the same articles, as pages for bench/pagefind.mjs ------------------------
const pages = options.pages;
if (pages) {
  const root = resolve(pages);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body><p>Home</p></body></html>');
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const articles = join(out, 'data', 'article');
  let count = 0;
  for (const name of readdirSync(articles)) {
    const a = JSON.parse(readFileSync(join(articles, name), 'utf8'));
    const dir = join(root, a.slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(a.title)}</title></head><body><main><article>` +
      `<p class="article__category"><a href="/category/${a.category.slug}/">${escape(a.category.name)}</a></p>` +
      `<h1 class="article__title">${escape(a.title)}</h1>` +
      `<p class="byline">By ${escape(a.author.name)} <time datetime="${a.date}">${a.date}</time></p>` +
      `<div class="prose">${a.body_html}</div></article></main></body></html>`);
    count++;
  }
  say(`wrote ${count} article pages to ${root}`);
}
