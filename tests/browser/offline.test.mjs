// The site stands on its own: every page of two builds — one at the root,
// one with --base-url https://tinh.gov.vn/van-hoa-cong-vu/ served under
// that sub-path — loads with every request outside 127.0.0.1 blocked and
// recorded (any is a failure), every local request answered, every local
// link leading to a file of the build; and pages work without JavaScript,
// the search page saying that search needs it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, guardedContext, launchBrowser, open, report, serve, SUB_PATH_BASE_URL } from './helpers.mjs';

const builds = [
  { name: 'built for the root, served at /', site: buildSite(), prefix: '/' },
  { name: `built with --base-url ${SUB_PATH_BASE_URL}, served at /van-hoa-cong-vu/`, site: buildSite({ baseUrl: SUB_PATH_BASE_URL }), prefix: new URL(SUB_PATH_BASE_URL).pathname },
];

let browser;

before(async () => {
  browser = await launchBrowser();
  for (const b of builds) b.server = await serve(b.site.dir, b.prefix);
});

after(async () => {
  await browser?.close();
  for (const b of builds) {
    await b.server?.close();
    b.site.cleanup();
  }
});

/** Another engineer writes search; search.js may not be there yet. */
const mayBeMissing = (site) => (fs.existsSync(path.join(site.dir, 'search.js')) ? [] : ['search.js']);

for (const build of builds) {
  describe(build.name, () => {
    test('every page loads with no request leaving the site and none failing', async () => {
      const { site, server, prefix } = build;
      const { context, blocked } = await guardedContext(browser, server.origin, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const failed = [];
      let current = '';
      page.on('response', (r) => {
        const rel = new URL(r.url()).pathname.slice(prefix.length);
        if (r.status() >= 400 && !(r.status() === 404 && mayBeMissing(site).includes(rel)) && !current.endsWith('404.html')) {
          failed.push(`/${current}: ${r.status()} ${r.url()}`);
        }
      });
      page.on('requestfailed', (r) => {
        if (r.url().startsWith(server.origin)) failed.push(`/${current}: ${r.failure()?.errorText} ${r.url()}`);
      });
      const broken = [];
      try {
        for (const url of site.pages) {
          current = url;
          const response = await open(page, server.base + url);
          if (response.status() !== 200) failed.push(`/${url}: page answered ${response.status()}`);
          // Styles and fonts came from the site itself.
          const state = await page.evaluate(() => ({
            header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
            font: [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Be Vietnam Pro' && f.status === 'loaded'),
            links: [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
              .map((e) => e.href || e.src)
              .filter((h) => !h.startsWith('mailto:')),
          }));
          if (state.header !== 'rgb(138, 28, 18)') failed.push(`/${url}: stylesheet not applied (${state.header})`);
          if (!state.font) failed.push(`/${url}: Be Vietnam Pro not loaded`);
          for (const href of state.links) {
            const u = new URL(href);
            if (u.origin !== server.origin) continue; // canonical URLs and official sources are not fetched
            if (!u.pathname.startsWith(prefix)) {
              broken.push(`/${url}: link outside ${prefix}: ${href}`);
              continue;
            }
            const rel = decodeURIComponent(u.pathname.slice(prefix.length));
            const file = path.join(site.dir, rel, rel === '' || rel.endsWith('/') ? 'index.html' : '');
            if (!fs.existsSync(file) && !mayBeMissing(site).includes(rel)) broken.push(`/${url}: broken link ${href}`);
          }
        }
        // Unknown addresses get 404.html, whose links are absolute to the base path.
        current = 'khong-co-trang-nay/404.html';
        const r404 = await open(page, server.base + 'khong-co-trang-nay/');
        assert.equal(r404.status(), 404);
        assert.equal(await page.textContent('h1'), 'Không tìm thấy trang');
        assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor), 'rgb(138, 28, 18)');
        assert.equal(new URL(await page.evaluate(() => document.querySelector('.site-title').href)).pathname, prefix);
      } finally {
        await context.close();
      }
      assert.deepEqual(blocked, [], report('requests outside the site', blocked));
      assert.deepEqual(failed, [], report('failed requests', failed));
      assert.deepEqual(broken, [], report('broken local links', broken));
    });
  });
}

test('pages work without JavaScript; the search page says search needs it', async () => {
  const { site, server } = builds[0];
  // Requests are recorded, not routed (routing would turn the cache off).
  const { context, blocked } = await guardedContext(browser, server.origin, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }, { route: false });
  const page = await context.newPage();
  const problems = [];
  try {
    for (const url of site.pages) {
      await page.goto(server.base + url);
      // (Playwright evaluates in its own world: this works with page scripts off.)
      const state = await page.evaluate(() => ({
        h1: !!document.querySelector('main h1')?.checkVisibility(),
        text: document.querySelector('main').innerText.trim().length,
        nav: !!document.querySelector('nav[aria-label="Điều hướng chính"]')?.checkVisibility(),
      }));
      if (!state.h1) problems.push(`/${url}: h1 not visible without JavaScript`);
      if (state.text < 20) problems.push(`/${url}: main nearly empty without JavaScript`);
      if (!state.nav) problems.push(`/${url}: navigation not visible without JavaScript`);
    }
    await page.goto(server.base + 'tim-kiem/');
    // Playwright's text selectors skip <noscript>: look at it directly.
    const notice = page.locator('main noscript .notice');
    assert.ok(await notice.isVisible(), 'the search page tells that search needs JavaScript');
    assert.match(await notice.innerText(), /^Chức năng tìm kiếm cần JavaScript\./);
    const html = fs.readFileSync(path.join(site.dir, 'tim-kiem/index.html'), 'utf8');
    assert.match(html, /<noscript>[^]*cần JavaScript[^]*<\/noscript>/);
    // The ways that do work without JavaScript are offered there.
    for (const href of ['dia-phuong/', 'loai/', 'nam/']) {
      assert.ok(await page.locator(`noscript a[href$="${href}"], main a[href$="${href}"]`).count(), `link to /${href}`);
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], report('pages broken without JavaScript', problems));
  assert.deepEqual(blocked, []);
});
