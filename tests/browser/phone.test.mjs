// The reader on a phone (390×844, the size of a common phone in CSS px):
// - the header takes at most 120 px on every kind of page, and the search
//   box in it is on screen without opening anything;
// - after a search on /tim-kiem/ the first result is on screen and focus
//   is on the announced count; the filters are folded behind one control;
// - on a document page the full text starts within the first screen or a
//   link on the first screen ("Đến toàn văn") brings it there;
// - opened from the file system, the search page says why it cannot search.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildSite, guardedContext, launchBrowser, open, report, representativePages, serve,
} from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const HEADER_LIMIT = 120;
const site = buildSite();
const PLAN = 'khanh-hoa/6861-kh-ubnd-2019/';

let browser;
let server;
let context;
let page;

before(async () => {
  server = await serve(site.dir);
  browser = await launchBrowser();
  ({ context } = await guardedContext(browser, server.origin, { viewport: PHONE, hasTouch: true, isMobile: true }));
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

describe('phone layout', () => {
  test('the header is at most 120 px high and its search box is on screen', async () => {
    const problems = [];
    for (const url of representativePages(site, ['', 'tim-kiem/', PLAN])) {
      await open(page, server.base + url);
      const m = await page.evaluate(() => {
        if (!document.getElementById('q-header')) return null; // embeds carry no site header
        const header = document.querySelector('.site-header').getBoundingClientRect();
        const box = document.getElementById('q-header').getBoundingClientRect();
        return { height: header.height, box: { top: box.top, bottom: box.bottom, left: box.left, right: box.right } };
      });
      if (!m) continue;
      if (m.height > HEADER_LIMIT) problems.push(`${url}: header ${Math.round(m.height)} px`);
      if (m.box.bottom > m.height || m.box.right > PHONE.width || m.box.left < 0) {
        problems.push(`${url}: search box at ${JSON.stringify(m.box)}`);
      }
    }
    assert.deepEqual(problems, [], report('pages whose header is too tall on a phone', problems));
  });

  test('after Enter on the search page the first result is on screen and the count has focus', async () => {
    await open(page, `${server.base}tim-kiem/`);
    const filters = page.locator('.search-filters');
    assert.equal(await filters.evaluate((d) => d.open), false, 'filters folded on a phone');
    assert.equal(await page.locator('#tinh').isVisible(), false, 'the jurisdiction filter is folded');
    await page.locator('#q').fill('dao duc');
    await page.locator('#q').press('Enter');
    await page.waitForFunction(() => /^Tìm thấy \d+/.test(document.getElementById('search-status').textContent));
    await page.waitForFunction(() => document.activeElement?.id === 'search-status');
    const first = await page.locator('#search-results .search-hits > li').first().boundingBox();
    assert.ok(first, 'there is a first hit');
    assert.ok(first.y >= 0 && first.y + Math.min(first.height, 60) <= PHONE.height,
      `first hit at y=${Math.round(first.y)} is inside the ${PHONE.height} px screen`);
    await filters.locator('summary').click();
    assert.ok(await page.locator('#tinh').isVisible(), 'one tap on the summary shows the filters');
  });

  test('a search from the header box shows its results on screen', async () => {
    await open(page, server.base + PLAN);
    await page.locator('#q-header').fill('1847');
    await page.locator('#q-header').press('Enter');
    await page.waitForURL(/tim-kiem\/\?q=1847/);
    await page.waitForFunction(() => /^Tìm thấy \d+/.test(document.getElementById('search-status').textContent));
    await page.waitForFunction(() => {
      const li = document.querySelector('#search-results .search-hits > li');
      return li && li.getBoundingClientRect().top < innerHeight && li.getBoundingClientRect().top >= 0;
    }, null, { timeout: 5000 });
  });

  test('a document shows its text on the first screen or one tap away', async () => {
    await open(page, server.base + PLAN);
    const bodyTop = () => page.locator('.official').evaluate((el) => el.getBoundingClientRect().top);
    if ((await bodyTop()) < PHONE.height) return;
    const jump = page.getByRole('link', { name: 'Đến toàn văn' });
    const box = await jump.boundingBox();
    assert.ok(box && box.y + box.height <= PHONE.height, `"Đến toàn văn" is on the first screen (${JSON.stringify(box)})`);
    await jump.tap();
    await page.waitForFunction(() => {
      const r = document.querySelector('.official').getBoundingClientRect();
      return r.top >= -2 && r.top < innerHeight / 2;
    }, null, { timeout: 5000 });
  });

  test('opened from the file system the search page finds documents', async () => {
    const plain = await browser.newContext({ viewport: PHONE });
    try {
      const p = await plain.newPage();
      const url = pathToFileURL(path.join(site.dir, 'tim-kiem', 'index.html')).href + '?q=1847';
      await p.goto(url);
      await p.waitForFunction(() => /^(Tìm thấy|Không)/.test(document.getElementById('search-status').textContent));
      const status = await p.locator('#search-status').textContent();
      assert.match(status, /^Tìm thấy \d+ văn bản/);
      assert.ok(await p.locator('#search-results li').count() > 0);
    } finally {
      await plain.close();
    }
  });
});
