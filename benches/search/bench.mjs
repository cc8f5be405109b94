// Search benchmark: vanban's static index beside Pagefind on the same
// synthetic site. Usage and the meaning of every column: benches/README.md,
// section "Search".
//
//   node benches/search/bench.mjs [N...]        (default: 10000)
//
// Environment: VANBAN (binary, default target/release/vanban), HARNESS (the
// index-only harness, benches/search/index.rs; default: the newest
// target/release/deps/search_index-*), WORK (scratch folder, default
// /tmp/vanban-search-bench), PAGEFIND (the pagefind binary; unset or
// missing: no Pagefind columns), PAGEFIND_MAX_DOCS (largest N that Pagefind
// indexes, default 10000), FULL_BUILD_MAX_DOCS (largest N built with the
// whole `vanban build`, default 10000; above it only the index stage runs
// and the search page of a small build is served with that index), SEED
// (corpus seed, default 1), SITE (an existing `vanban build` output of
// corpus-N: nothing is built, only the queries run against it).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, serve } from '../../tests/browser/helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VANBAN = process.env.VANBAN || path.join(ROOT, 'target/release/vanban');
const WORK = process.env.WORK || '/tmp/vanban-search-bench';
const PAGEFIND = process.env.PAGEFIND || '';
const PAGEFIND_MAX = Number(process.env.PAGEFIND_MAX_DOCS || 10000);
const SEED = process.env.SEED || '1';
const FULL_MAX = Number(process.env.FULL_BUILD_MAX_DOCS || 10000);

function harnessBin() {
  if (process.env.HARNESS) return process.env.HARNESS;
  const deps = path.join(ROOT, 'target/release/deps');
  const found = fs.existsSync(deps) ? fs.readdirSync(deps)
    .filter((f) => /^search_index-[0-9a-f]+$/.test(f))
    .map((f) => path.join(deps, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs) : [];
  if (!found.length) throw new Error('index harness not found: cargo bench --bench search_index --no-run, or set HARNESS');
  return found[0];
}
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (!sizes.length) sizes.push(10000);

const say = (s) => process.stderr.write(s + '\n');

function run(cmd, args, what) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${what} failed:\n${r.stdout}\n${r.stderr}`);
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  return {
    seconds: m ? Number(m[1]) : Number(process.hrtime.bigint() - t) / 1e9,
    peakMiB: m ? Number(m[2]) / 1024 : NaN,
    out: r.stdout + r.stderr,
  };
}

function du(dir) {
  let total = 0, files = 0, largest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const s = fs.statSync(p).size; total += s; files++; largest = Math.max(largest, s); }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { total, files, largest };
}

const fold = (w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/**
 * Three common words (the highest document frequency in a sample of every
 * 10th document) and three rare ones: the three rarest words (diacritics,
 * at least 4 letters) of the sampled document whose third-rarest word is
 * the rarest, so that at least that document matches all three.
 */
function pickWords(corpus) {
  const df = new Map();
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md') && e.name !== '_index.md') files.push(p);
    }
  };
  walk(path.join(corpus, 'content'));
  files.sort();
  const docs = [];
  for (const f of files.filter((_, i) => i % 10 === 0)) {
    const body = fs.readFileSync(f, 'utf8').split('+++').pop().normalize('NFC').toLowerCase();
    const seen = new Map();
    for (const w of new Set(body.match(/\p{L}+/gu) || [])) {
      // Search folds diacritics: "hiển" meets "hiện", so rarity is by fold.
      const k = fold(w);
      if (seen.has(k)) continue;
      seen.set(k, w);
      const e = df.get(k) || { n: 0, w };
      e.n++;
      df.set(k, e);
    }
    docs.push(seen);
  }
  const words = [...df.entries()].filter(([f]) => f.length >= 2).map(([, e]) => [e.w, e.n]);
  words.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const common = words.slice(0, 3).map((w) => w[0]);
  let rare = [], best = Infinity;
  for (const seen of docs) {
    const cand = [...seen.entries()].filter(([k, w]) => w.length >= 4 && /[^a-z]/.test(w) && k.length >= 2)
      .map(([k, w]) => [w, df.get(k).n]).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    if (cand.length >= 3 && cand[2][1] < best) {
      best = cand[2][1];
      rare = cand.slice(0, 3).map((w) => w[0]);
    }
  }
  return { common: common.join(' '), rare: rare.join(' ') };
}

/**
 * Bytes on the wire (response headers + body, from Chromium) of every
 * request the page or its workers make while `on` is set.
 */
async function counter(page) {
  // `preload`: index files (search/) fetched while the page loads, before
  // `on` is set.
  const state = { bytes: 0, requests: 0, on: false, preload: 0 };
  page.context().on('requestfinished', async (req) => {
    const s = await req.sizes().catch(() => null);
    const size = s ? s.responseHeadersSize + s.responseBodySize : 0;
    if (!state.on) {
      if (req.url().includes('/search/')) state.preload += size;
      return;
    }
    state.requests++;
    state.bytes += size;
  });
  return state;
}

async function vanbanQuery(browser, base, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const c = await counter(page);
  await page.goto(`${base}tim-kiem/`, { waitUntil: 'networkidle' });
  c.on = true;
  await page.fill('#q', q);
  // Timed in the page: from the form's submit event to the live region
  // announcing the count with the hits in the list ("first results"), and
  // to the snippets filled in (aria-busy false).
  await page.evaluate(() => {
    const t = (window.__t = {});
    const status = document.getElementById('search-status');
    const out = document.getElementById('search-results');
    document.getElementById('search-form').addEventListener('submit', () => { t.start = performance.now(); }, { capture: true, once: true });
    new MutationObserver(() => {
      if (t.first === undefined && /^(Tìm thấy|Không tìm thấy|Không tải)/.test(status.textContent)) t.first = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
    new MutationObserver(() => {
      if (t.first !== undefined && t.done === undefined && out.getAttribute('aria-busy') === 'false') t.done = performance.now();
    }).observe(out, { attributes: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__t.done !== undefined);
  const times = await page.evaluate(() => window.__t);
  const ms = Math.round(times.first - times.start);
  const msDone = Math.round(times.done - times.start);
  const status = await page.locator('#search-status').textContent();
  await page.waitForLoadState('networkidle');
  const first = { bytes: c.bytes, requests: c.requests };
  // A second query on the same page: metadata and filters are cached.
  c.bytes = 0; c.requests = 0;
  await page.fill('#q', q.split(' ').reverse().join(' '));
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => document.getElementById('search-status').textContent !== s, 'Đang tìm…');
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, msDone, status, first, preload: c.preload, again: { bytes: c.bytes, requests: c.requests } };
}

async function pagefindQuery(browser, base, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const c = await counter(page);
  await page.goto(`${base}tim-kiem/`, { waitUntil: 'networkidle' });
  c.on = true;
  const t0 = Date.now();
  const found = await page.evaluate(async ([b, query]) => {
    const pf = await import(b + 'pagefind/pagefind.js');
    await pf.options({ baseUrl: new URL(b).pathname });
    await pf.init();
    const r = await pf.search(query);
    await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    return r.results.length;
  }, [base, q]);
  const ms = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, status: `${found} results`, first: { bytes: c.bytes, requests: c.requests } };
}

const kb = (b) => (b / 1024).toFixed(1);
const rows = [];
const browser = await launchBrowser();
try {
  for (const n of sizes) {
    const corpus = path.join(WORK, `corpus-${n}`);
    // SITE: an existing output of `vanban build` on corpus-N, only queried.
    const out = process.env.SITE || path.join(WORK, `out-${n}`);
    if (!fs.existsSync(path.join(corpus, 'config.toml'))) {
      say(`generating ${n} documents…`);
      run(VANBAN, ['bench-corpus', '--docs', String(n), '--out', corpus, '--seed', SEED], 'bench-corpus');
    }
    let b = null, indexS = NaN, harness = { index_s: NaN, extra_mib: '-' };
    if (!process.env.SITE) {
      fs.rmSync(out, { recursive: true, force: true });
      if (n <= FULL_MAX) {
        say(`building ${n}…`);
        b = run(VANBAN, ['build', '--root', corpus, '--output-dir', out], 'vanban build');
        const index = /index (\d+) ms/.exec(b.out);
        indexS = index ? Number(index[1]) / 1000 : NaN;
      }
      // The index stage alone, on the same documents read from the corpus:
      // its time and the peak memory it adds (the whole build's peak mixes in
      // rendering). Above FULL_BUILD_MAX_DOCS its output is what is served.
      say(`index stage alone on ${n}…`);
      const h = run(harnessBin(), [corpus, ...(n <= FULL_MAX ? [] : [out])], 'index harness');
      harness = { ...JSON.parse(h.out.split('\n').find((l) => l.startsWith('{'))), processPeakMiB: h.peakMiB };
      if (n > FULL_MAX) {
        // The real search page and client, from a build of the bundled site.
        const page = path.join(WORK, 'page');
        fs.rmSync(page, { recursive: true, force: true });
        run(VANBAN, ['build', '--root', ROOT, '--output-dir', page], 'vanban build (search page)');
        for (const e of fs.readdirSync(page)) {
          if (e !== 'search') fs.cpSync(path.join(page, e), path.join(out, e), { recursive: true });
        }
      }
    }
    const size = du(path.join(out, 'search'));
    const words = pickWords(corpus);
    say(`queries: ${JSON.stringify(words)}`);
    let pf = null;
    if (PAGEFIND && fs.existsSync(PAGEFIND) && n <= PAGEFIND_MAX && !process.env.SITE) {
      say(`pagefind on ${n}…`);
      const p = run(PAGEFIND, ['--site', out, '--output-subdir', 'pagefind', '--quiet'], 'pagefind');
      pf = { ...p, size: du(path.join(out, 'pagefind')) };
    }
    const server = await serve(out);
    try {
      const queries = [['common', words.common], ['rare', words.rare], ['4 words', 'văn hóa công vụ'], ['number', '1847/QĐ-TTg']];
      for (const [label, q] of queries) {
        const v = await vanbanQuery(browser, server.base, q);
        const p = pf ? await pagefindQuery(browser, server.base, q) : null;
        rows.push({ n, label, q, v, p, b, indexS, harness, size, pf });
      }
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}

console.log('| N | build s | index s (share) | build peak MiB | index alone s | index extra peak MiB | index MiB (files, largest KB) | Pagefind s | Pagefind peak MiB | Pagefind MiB (files) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows.filter((r, i) => rows.findIndex((x) => x.n === r.n) === i)) {
  const full = r.b ? [r.b.seconds.toFixed(1), `${r.indexS.toFixed(1)} (${(100 * r.indexS / r.b.seconds).toFixed(0)} %)`, r.b.peakMiB.toFixed(0)] : ['-', '-', '-'];
  console.log(`| ${r.n} | ${full.join(' | ')} | ${Number.isNaN(r.harness.index_s) ? '-' : r.harness.index_s.toFixed(1)} | ${r.harness.extra_mib} | ${(r.size.total / 1048576).toFixed(1)} (${r.size.files}, ${kb(r.size.largest)}) | ${r.pf ? r.pf.seconds.toFixed(1) : '-'} | ${r.pf ? r.pf.peakMiB.toFixed(0) : '-'} | ${r.pf ? (r.pf.size.total / 1048576).toFixed(1) + ' (' + r.pf.size.files + ')' : '-'} |`);
}
console.error(JSON.stringify(rows.filter((r) => r.label === 'common').map((r) => ({ n: r.n, harness: r.harness }))));
console.log('');
console.log('| N | query | vanban first query KB (requests) | + index KB at page load | vanban next query KB | vanban ms to results | ms to snippets | vanban results | Pagefind KB (requests) | Pagefind ms | Pagefind results |');
console.log('|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.n} | ${r.label}: "${r.q}" | ${kb(r.v.first.bytes)} (${r.v.first.requests}) | ${kb(r.v.preload)} | ${kb(r.v.again.bytes)} (${r.v.again.requests}) | ${r.v.ms} | ${r.v.msDone} | ${r.v.status} | ${r.p ? kb(r.p.first.bytes) + ' (' + r.p.first.requests + ')' : '-'} | ${r.p ? r.p.ms : '-'} | ${r.p ? r.p.status : '-'} |`);
}
