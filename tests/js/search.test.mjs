// Runs tests/fixtures/search/vectors.json against the index the Rust tests
// write (cargo test; $VANBAN_SEARCH_FIXTURE or target/search-fixture), and
// checks that the full results (scores, snippets, facets) equal what the
// Rust reader produced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const crate = path.resolve(here, '../..');
const fixture = process.env.VANBAN_SEARCH_FIXTURE || path.join(crate, 'target/search-fixture');
const VanbanSearch = createRequire(import.meta.url)('../../themes/default/static/search.js');
const vectors = JSON.parse(readFileSync(path.join(crate, 'tests/fixtures/search/vectors.json'), 'utf8'));

function client(dir, log) {
  return VanbanSearch.create(async (p) => {
    const buf = await readFile(path.join(dir, p));
    if (log) log.push(p);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  });
}

const opts = (v) => ({
  jurisdiction: v.jurisdiction ?? null,
  kind: v.kind ?? null,
  year: v.year ?? null,
  sortByDate: !!v.sortByDate,
  limit: v.limit ?? 10,
});

test('shared vectors give the expected ranking', async () => {
  const c = client(fixture);
  for (const v of vectors) {
    const r = await c.search(v.query, opts(v));
    assert.deepEqual(r.hits.map((h) => h.url), v.expect, v.query);
    if (v.total !== undefined) assert.equal(r.total, v.total, v.query);
  }
});

for (const [name, dir] of [['lists', fixture], ['bitmaps', path.join(fixture, 'bitmap')]]) {
  test(`results equal the Rust reader's exactly (${name})`, async () => {
    const rust = JSON.parse(readFileSync(path.join(dir, 'rust-results.json'), 'utf8'));
    const c = client(dir);
    for (const [i, v] of vectors.entries()) {
      assert.deepEqual(await c.search(v.query, opts(v)), rust[i], v.query);
    }
  });
}

test('a query fetches only its shards, its big terms and the records of its hits', async () => {
  const log = [];
  const c = client(fixture, log);
  const r = await c.search('văn hóa công vụ', { limit: 1 });
  assert.equal(r.hits[0].url, '/van-ban/quyet-dinh-1847-qd-ttg/');
  const shards = log.filter((p) => p.startsWith('search/s/'));
  const all = JSON.parse(readFileSync(path.join(fixture, 'search/meta.json'), 'utf8')).shards;
  assert.ok(shards.length > 0 && shards.length < all, `${shards.length} of ${all}`);
  const terms = log.filter((p) => p.startsWith('search/t/'));
  const allTerms = readdirSync(path.join(fixture, 'search/t')).length;
  assert.ok(terms.length > 0 && terms.length < allTerms, `${terms.length} of ${allTerms} big terms`);
  assert.deepEqual(log.filter((p) => p.startsWith('search/r/')).length, 1);
  assert.ok(!log.includes('search/dates.bin'));
});

test('without DecompressionStream hits still show, without snippets', async () => {
  const q = 'đạo đức lối sống';
  const full = await client(fixture).search(q);
  const saved = globalThis.DecompressionStream;
  delete globalThis.DecompressionStream;
  try {
    const r = await client(fixture).search(q);
    assert.deepEqual(r.hits.map((h) => ({ ...h, snippet: '' })), full.hits.map((h) => ({ ...h, snippet: '' })));
    assert.ok(r.hits.every((h) => h.snippet === ''));
    assert.ok(full.hits.some((h) => h.snippet.includes('<mark>')));
  } finally {
    globalThis.DecompressionStream = saved;
  }
});

test('folding matches the Rust fold', () => {
  assert.equal(VanbanSearch.fold('ĐẠO ĐỨC, LỐI SỐNG'), 'daoducloisong');
  assert.equal(VanbanSearch.fold('1847/QÐ-TTg TRƢỜNG'), '1847qdttgtruong');
  assert.equal(VanbanSearch.fold('Trường Sơn'.normalize('NFD')), 'truongson');
});

test('onHits hands over the ranked hits before their snippets are cut', async () => {
  const q = 'văn hóa công vụ';
  const seen = [];
  const r = await client(fixture).search(q, {
    limit: 5,
    onHits: (partial) => seen.push(JSON.parse(JSON.stringify(partial))),
  });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].total, r.total);
  assert.deepEqual(seen[0].facets, r.facets);
  assert.ok(seen[0].hits.every((h) => h.snippet === ''));
  assert.deepEqual(seen[0].hits, r.hits.map((h) => ({ ...h, snippet: '' })));
  assert.ok(r.hits.some((h) => h.snippet.includes('<mark>')));
});
