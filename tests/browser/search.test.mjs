// The search page in Chromium, on the bundled site:
// - every query of tests/fixtures/search/site_vectors.json, typed into the
//   page (filters chosen in the form), gives the results the CLI gives, and
//   the snippets show the matched passage (tests/search_site.rs runs the
//   same file through `vanban search`); the page runs the minified client;
// - the query and filters live in the URL, the back button restores them,
//   a shared URL shows the same results;
// - the header search box leads to the results, the page is usable with the
//   keyboard alone, results are announced in a live region, axe finds
//   nothing on the results state;
// - without JavaScript the page says so and links to the browse pages;
// - under a sub-path base_url the index and result links stay under it;
// - opened from file:// (no server), typing a query gives the same hits,
//   the index coming as scripts; a copy without them says why it cannot.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  REPO, SUB_PATH_BASE_URL, axeViolations, buildSite, guardedContext, launchBrowser, open, serve,
} from './helpers.mjs';

const vectors = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/fixtures/search/site_vectors.json'), 'utf8'));
const site = buildSite();
const subSite = buildSite({ baseUrl: SUB_PATH_BASE_URL });
const SUB_PREFIX = new URL(SUB_PATH_BASE_URL).pathname;

let browser;
let server;
let subServer;
const outside = [];

before(async () => {
  server = await serve(site.dir);
  subServer = await serve(subSite.dir, SUB_PREFIX);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await subServer?.close();
  site.cleanup();
  subSite.cleanup();
  assert.deepEqual(outside, [], 'the search page requests nothing outside the site');
});

async function newPage(origin, options = {}) {
  const { context, blocked } = await guardedContext(browser, origin, options);
  context.on('close', () => outside.push(...blocked));
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => failed.push(`page error: ${e.message}`));
  return { context, page, failed };
}

/**
 * Waits until the live region reports a finished search and the snippets
 * are filled in (the hits are shown first, marked aria-busy until then);
 * returns the status text.
 */
async function settled(page) {
  await page.waitForFunction(() => {
    const t = document.getElementById('search-status')?.textContent || '';
    const busy = document.getElementById('search-results')?.getAttribute('aria-busy') === 'true';
    return !busy && /^(Tìm thấy|Không tìm thấy|Không tải)/.test(t);
  });
  return page.locator('#search-status').textContent();
}

/** Result URLs relative to the site root (`prefix`), in order. */
async function resultUrls(page, prefix = '/') {
  const hrefs = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.href));
  return hrefs.map((h) => {
    const p = new URL(h).pathname;
    assert.ok(p.startsWith(prefix), `${h} is under ${prefix}`);
    return p.slice(prefix.length);
  });
}

function total(status) {
  const m = /Tìm thấy (\d+) văn bản/.exec(status);
  return m ? Number(m[1]) : 0;
}

describe('search page', () => {
  test('the shared site vectors, typed into the page, give the CLI results', async () => {
    const { context, page, failed } = await newPage(server.origin);
    const problems = [];
    for (const v of vectors) {
      await open(page, `${server.base}tim-kiem/`);
      if (v.jurisdiction) await page.selectOption('#tinh', v.jurisdiction);
      if (v.kind) await page.selectOption('#loai', v.kind);
      if (v.year) await page.selectOption('#nam', String(v.year));
      if (v.sortByDate) await page.selectOption('#sx', 'ngay');
      await page.locator('#q').click();
      await page.keyboard.insertText(v.query);
      await page.keyboard.press('Enter');
      const status = await settled(page);
      const got = await resultUrls(page);
      const label = `${JSON.stringify(v.query)} (${v.note})`;
      if (JSON.stringify(got.slice(0, v.expect.length)) !== JSON.stringify(v.expect)) {
        problems.push(`${label}: expected first ${JSON.stringify(v.expect)}, got ${JSON.stringify(got)}`);
      }
      if (v.total !== undefined && total(status) !== v.total) {
        problems.push(`${label}: "${status}" instead of ${v.total}`);
      }
      for (const x of v.exclude || []) if (got.includes(x)) problems.push(`${label}: ${x} must not match`);
      // The first hit's snippet is the passage where the words match.
      if (v.snippet) {
        const html = await page.locator('#search-results li').first().locator('p').innerHTML();
        if (!html.includes(v.snippet)) problems.push(`${label}: snippet ${JSON.stringify(html)} lacks ${JSON.stringify(v.snippet)}`);
      }
      // The typed query and the filters are in the URL.
      const url = new URL(page.url());
      if ((url.searchParams.get('q') || '') !== v.query) problems.push(`${label}: URL ${page.url()}`);
      if (v.jurisdiction && url.searchParams.get('tinh') !== v.jurisdiction) problems.push(`${label}: no tinh in ${page.url()}`);
    }
    await context.close();
    assert.deepEqual(problems, []);
    assert.deepEqual(failed, []);
  });

  test('opened from file://, typing a query finds the document, with its snippet', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path.join(site.dir, 'tim-kiem', 'index.html')).href);
      await page.locator('#q').click();
      await page.keyboard.insertText('văn hóa công vụ');
      await page.keyboard.press('Enter');
      const status = await settled(page);
      assert.match(status, /^Tìm thấy \d+ văn bản/);
      const first = page.locator('#search-results li').first();
      assert.equal(await first.locator('a').textContent(), 'Triển khai thực hiện Đề án văn hóa công vụ');
      assert.ok((await first.locator('a').getAttribute('href')).startsWith('../'), 'relative link');
      assert.deepEqual((await first.locator('mark').allTextContents()).slice(0, 4), ['Văn', 'hóa', 'công', 'vụ']);
      // The same count as over HTTP.
      const { context: web, page: served } = await newPage(server.origin);
      await open(served, `${server.base}tim-kiem/?q=${encodeURIComponent('văn hóa công vụ')}`);
      assert.equal(await settled(served), status);
      await web.close();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a file:// copy without the index scripts says why it cannot search', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-noscripts-'));
    const context = await browser.newContext();
    try {
      fs.cpSync(site.dir, copy, { recursive: true, filter: (f) => !/search\/.*\.js$/.test(f.split(path.sep).join('/')) });
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(copy, 'tim-kiem', 'index.html')).href + '?q=1847');
      const status = await settled(page);
      assert.match(status, /^Không tải được chỉ mục tìm kiếm từ tệp \(file:\/\/\)/);
      assert.match(status, /\.js/);
      assert.match(status, /vanban serve/);
    } finally {
      await context.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('hits show kind, number, issuer, date and a highlighted snippet', async () => {
    const { context, page } = await newPage(server.origin);
    await open(page, `${server.base}tim-kiem/?q=${encodeURIComponent('văn hóa công vụ')}`);
    await settled(page);
    const first = page.locator('#search-results li').first();
    assert.equal(await first.locator('a').textContent(), 'Triển khai thực hiện Đề án văn hóa công vụ');
    assert.equal(await first.locator('.search-meta').textContent(),
      'Kế hoạch · 6861/KH-UBND · Ủy ban nhân dân tỉnh Khánh Hòa · 12/07/2019');
    const marks = await first.locator('mark').allTextContents();
    assert.deepEqual(marks.slice(0, 4), ['Văn', 'hóa', 'công', 'vụ']);
    await context.close();
  });

  test('hits come ten at a time; "Xem thêm" adds the next ones and focuses the first new one', async () => {
    const { context, page, failed } = await newPage(server.origin);
    await open(page, `${server.base}tim-kiem/?q=${encodeURIComponent('van hoa')}`);
    assert.equal(total(await settled(page)), 17);
    const first = await resultUrls(page);
    assert.equal(first.length, 10);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    // Stubs (cited, not published) have no text, hence no snippet.
    const snippets = () => page.locator('#search-results li').evaluateAll((li) => li.map((l) => l.querySelector('p')?.innerHTML || ''));
    const before = await snippets();
    assert.ok(before.filter((x) => x.includes('<mark>')).length >= 5, JSON.stringify(before));
    await page.getByRole('button', { name: 'Xem thêm kết quả' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length === 17);
    await settled(page);
    const all = await resultUrls(page);
    assert.deepEqual(all.slice(0, 10), first);
    assert.equal(new Set(all).size, 17);
    const after = await snippets();
    assert.deepEqual(after.slice(0, 10), before);
    assert.equal(after.length, 17);
    assert.equal(await page.getByRole('button', { name: 'Xem thêm kết quả' }).count(), 0);
    const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.equal(focused, await page.locator('#search-results li > a').nth(10).getAttribute('href'));
    assert.deepEqual(failed, []);
    await context.close();
  });

  test('the URL holds the state: shared links and the back button', async () => {
    const { context, page } = await newPage(server.origin);
    await open(page, `${server.base}tim-kiem/?q=${encodeURIComponent('6861/KH-UBND')}`);
    await settled(page);
    assert.equal(await page.inputValue('#q'), '6861/KH-UBND');
    assert.deepEqual(await resultUrls(page), ['khanh-hoa/6861-kh-ubnd-2019/']);

    await page.fill('#q', 'van hoa cong vu');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=van\+hoa\+cong\+vu/);
    assert.equal(total(await settled(page)), 10);
    await page.selectOption('#tinh', 'thanh-hoa');
    await page.click('#search-form button');
    await page.waitForURL(/tinh=thanh-hoa/);
    await page.waitForFunction(() => /Tìm thấy 4 /.test(document.getElementById('search-status').textContent));

    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('tinh='));
    await page.waitForFunction(() => /Tìm thấy 10 /.test(document.getElementById('search-status').textContent));
    assert.equal(await page.inputValue('#tinh'), '');
    assert.equal(await page.inputValue('#q'), 'van hoa cong vu');
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('q').value === '6861/KH-UBND');
    assert.deepEqual(await resultUrls(page), ['khanh-hoa/6861-kh-ubnd-2019/']);
    await context.close();
  });

  test('the header search box on every page leads to the results', async () => {
    const { context, page } = await newPage(server.origin);
    await open(page, `${server.base}khanh-hoa/6861-kh-ubnd-2019/`);
    await page.fill('#q-header', '1847/QĐ-TTg');
    await page.keyboard.press('Enter');
    await page.waitForURL(/tim-kiem\/\?q=/);
    await settled(page);
    assert.equal((await resultUrls(page))[0], '1847-qd-ttg-2018/');
    await context.close();
  });

  test('keyboard only: Tab to the field, type, Enter, Tab to a result, Enter', async () => {
    const { context, page } = await newPage(server.origin);
    await open(page, `${server.base}tim-kiem/`);
    let id = '';
    for (let i = 0; i < 60 && id !== 'q'; i++) {
      await page.keyboard.press('Tab');
      id = await page.evaluate(() => document.activeElement.id);
    }
    assert.equal(id, 'q', 'the search field is reachable with Tab');
    await page.keyboard.type('nam dinh');
    await page.keyboard.press('Enter');
    await settled(page);
    let href = null;
    for (let i = 0; i < 20 && !href; i++) {
      await page.keyboard.press('Tab');
      href = await page.evaluate(() => {
        const el = document.activeElement;
        return el.closest('#search-results') && el.localName === 'a' ? el.getAttribute('href') : null;
      });
    }
    assert.ok(href, 'a result link is reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/nam-dinh/cong-van-day-manh-van-hoa-cong-vu/');
    await context.close();
  });

  test('results are announced in a labelled form, and axe finds nothing', async () => {
    const { context, page } = await newPage(server.origin);
    await open(page, `${server.base}tim-kiem/?q=${encodeURIComponent('đạo đức lối sống')}&sx=ngay`);
    const status = page.locator('#search-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.equal(await settled(page), 'Tìm thấy 4 văn bản');
    assert.equal(await page.inputValue('#sx'), 'ngay');
    for (const id of ['q', 'tinh', 'loai', 'nam', 'sx']) {
      assert.equal(await page.locator(`label[for=${id}]`).count(), 1, `label for #${id}`);
    }
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    await context.close();
  });

  test('without JavaScript the page says so and links to the browse pages', async () => {
    const { context, page } = await newPage(server.origin, { javaScriptEnabled: false });
    await open(page, `${server.base}tim-kiem/?q=1847`);
    const text = await page.locator('main').innerText();
    assert.match(text, /cần JavaScript/);
    for (const url of ['dia-phuong/', 'loai/', 'nam/']) {
      const link = page.locator(`main a[href$="${url}"]`);
      assert.equal(await link.count(), 1, url);
      assert.ok(await link.isVisible(), `${url} link is visible`);
    }
    await context.close();
  });

  test('under a sub-path base_url the index and results stay under it', async () => {
    const { context, page, failed } = await newPage(subServer.origin);
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await open(page, `${subServer.base}tim-kiem/?q=${encodeURIComponent('qd ttg 1847')}`);
    await settled(page);
    assert.equal((await resultUrls(page, SUB_PREFIX))[0], '1847-qd-ttg-2018/');
    const index = requests.filter((p) => p.includes('/search/'));
    assert.ok(index.length > 0 && index.every((p) => p.startsWith(`${SUB_PREFIX}search/`)), index.join(' '));
    assert.deepEqual(failed, []);
    await context.close();
  });
});
