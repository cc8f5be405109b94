// axe-core on every HTML page the build writes: no violation of WCAG 2.0,
// 2.1 and 2.2 levels A and AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa,
// wcag22aa) in a desktop window; and again in a phone-sized window on one
// page of each kind (representativePages), to keep the suite quick.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, buildSite, guardedContext, launchBrowser, open, representativePages, serve } from './helpers.mjs';

const site = buildSite();
const VIEWPORTS = [
  { name: '1280 px', pages: site.pages, viewport: { width: 1280, height: 900 } },
  {
    name: '390 px',
    pages: representativePages(site, ['', 'khanh-hoa/6861-kh-ubnd-2019/', '1847-qd-ttg-2018/', 'loai/ke-hoach/', 'tim-kiem/']),
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
];

let browser;
let server;

before(async () => {
  server = await serve(site.dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

for (const { name, pages, viewport, ...device } of VIEWPORTS) {
  describe(`axe-core, window ${name}`, () => {
    let context;
    let page;
    let blocked;
    before(async () => {
      ({ context, blocked } = await guardedContext(browser, server.origin, { viewport, ...device }, { route: false }));
      page = await context.newPage();
    });
    after(() => context?.close());

    for (const url of pages) {
      test(`/${url}`, async () => {
        await open(page, server.base + url);
        const violations = await axeViolations(page);
        const lines = violations.flatMap((v) =>
          v.nodes.map((n) => `/${url}: ${v.id} (${v.help}) at ${n.target}: ${n.html}`));
        assert.deepEqual(lines, [], `axe-core violations on /${url}:\n  ${lines.join('\n  ')}`);
        assert.deepEqual(blocked, [], 'requests outside the site');
      });
    }
  });
}
