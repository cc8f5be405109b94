// Keyboard, focus, target size, reflow and motion, in the browser:
// - the skip link is the first Tab stop and moves focus to <main>;
// - Tab walks a document page in a sensible order and reaches everything;
// - every element reachable with Tab shows a visible focus indicator;
// - targets are at least 24 × 24 CSS px (WCAG 2.5.8);
// - no horizontal scrolling at 320 CSS px, nor at 200 % zoom;
// - prefers-reduced-motion: reduce leaves nothing moving.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSite, describeElementSource, guardedContext, launchBrowser, open, report, representativePages, serve, tabbablesSource,
} from './helpers.mjs';

const site = buildSite();
const DOC = 'khanh-hoa/6861-kh-ubnd-2019/';
// One page of each kind, for the checks that press keys or read every
// element's style: header, navigation and footer repeat on every page.
const KINDS_OF_PAGE = representativePages(site, ['', DOC, '1847-qd-ttg-2018/', 'thanh-hoa/trieu-son/', 'loai/ke-hoach/', 'nam/', 'tim-kiem/']);

let browser;
let server;
/** Requests outside the site, from every context of this file. */
const outside = [];

before(async () => {
  server = await serve(site.dir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

/** A fresh page in a context that blocks the outside and knows the helpers. */
async function newPage(options = {}) {
  const { context, blocked } = await guardedContext(browser, server.origin, { viewport: { width: 1280, height: 900 }, ...options }, { route: false });
  await context.addInitScript(describeElementSource + tabbablesSource);
  const page = await context.newPage();
  context.on('close', () => outside.push(...blocked));
  return { context, page, blocked };
}

/**
 * Presses Tab from the top of the page until focus leaves the document or
 * comes round again; returns one record per stop.
 */
async function tabThrough(page, limit = 400) {
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.getSelection().removeAllRanges();
    window.scrollTo(0, 0);
  });
  const stops = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const index = window.__tabbables().indexOf(el);
      const s = getComputedStyle(el);
      return {
        index,
        what: window.__describe(el),
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        outlineWidth: parseFloat(s.outlineWidth),
        outlineStyle: s.outlineStyle,
        outlineColor: s.outlineColor,
        boxShadow: s.boxShadow,
        background: s.backgroundColor,
      };
    });
    if (!stop) break;
    if (stops.length && stop.index === stops[0].index) break;
    stops.push(stop);
  }
  return stops;
}

test('the skip link comes first, shows when focused and moves focus to main', async () => {
  const { context, page } = await newPage();
  try {
    for (const url of ['', DOC, 'tim-kiem/']) {
      await open(page, server.base + url);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { cls: el.className, text: el.textContent.trim(), href: el.getAttribute('href'), top: r.top, bottom: r.bottom, left: r.left };
      });
      assert.equal(first.cls, 'skip-link', `/${url}: first Tab stop`);
      assert.equal(first.text, 'Bỏ qua, đến nội dung chính');
      assert.ok(first.top >= 0 && first.bottom <= 900 && first.left >= 0, `/${url}: skip link on screen when focused (${JSON.stringify(first)})`);
      await page.keyboard.press('Enter');
      const target = await page.evaluate(() => ({ id: document.activeElement.id, tag: document.activeElement.localName, hash: location.hash }));
      assert.deepEqual(target, { id: 'noi-dung', tag: 'main', hash: '#noi-dung' }, `/${url}: focus after the skip link`);
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => !!document.activeElement.closest('main'));
      assert.ok(next, `/${url}: the Tab after the skip link stays in main`);
    }
  } finally {
    await context.close();
  }
});

test('Tab reaches everything on a document page in a sensible order', async () => {
  const { context, page } = await newPage();
  try {
    await open(page, server.base + DOC);
    const expected = await page.evaluate(() => window.__tabbables().map((el) => {
      const region = el.classList.contains('skip-link') ? 'skip link'
        : el.closest('nav[aria-label="Điều hướng chính"]') ? 'navigation'
          : el.closest('body > header') ? 'header'
            : el.closest('nav[aria-label="Vị trí trang"]') ? 'breadcrumbs'
              : el.closest('main') ? 'main'
                : el.closest('body > footer') ? 'footer' : 'elsewhere';
      return { what: window.__describe(el), region, searchBox: !!el.closest('form[role=search]') };
    }));
    const stops = await tabThrough(page);
    const visited = stops.map((s) => s.index);
    assert.ok(!visited.includes(-1), `focus went to elements outside the tab list: ${stops.filter((s) => s.index < 0).map((s) => s.what)}`);
    assert.deepEqual(visited, expected.map((_, i) => i),
      `Tab order differs from DOM order:\n  got ${stops.map((s) => s.what).join('\n  ')}`);

    // Regions in order: skip link, header (site name, search), navigation,
    // breadcrumbs, main (metadata, contents, full text, relations), footer.
    const regions = expected.map((e) => e.region).filter((r, i, all) => r !== all[i - 1]);
    assert.deepEqual(regions, ['skip link', 'header', 'navigation', 'breadcrumbs', 'main', 'footer']);
    const header = expected.filter((e) => e.region === 'header');
    assert.ok(header.some((e) => e.searchBox && /input/.test(e.what)), 'the header search field is reachable');
    assert.ok(expected.filter((e) => e.region === 'main').length > 20, 'main content has many stops');
    const mainStops = expected.filter((e) => e.region === 'main').map((e) => e.what);
    const firstMain = mainStops[0];
    // The jump to the full text comes first (the text within one tap on a
    // phone), then the metadata table.
    assert.match(firstMain, /Đến toàn văn/, 'main starts with the jump to the full text');
    assert.ok(mainStops.slice(1, 6).some((w) => /Kế hoạch/.test(w)), `the metadata table follows: ${mainStops.slice(0, 6)}`);
    assert.ok(mainStops.some((w) => /nav\.toc|toc-/.test(w)), 'the table of contents is reachable');
  } finally {
    await context.close();
  }
});

test('every element reachable with Tab shows a visible focus indicator', async () => {
  const { context, page } = await newPage();
  const problems = [];
  let checked = 0;
  try {
    for (const url of KINDS_OF_PAGE) {
      await open(page, server.base + url);
      const resting = await page.evaluate(() => window.__tabbables().map((el) => {
        const s = getComputedStyle(el);
        return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, boxShadow: s.boxShadow, background: s.backgroundColor };
      }));
      const stops = await tabThrough(page);
      if (stops.length !== resting.length) problems.push(`/${url}: ${stops.length} Tab stops for ${resting.length} focusable elements`);
      for (const s of stops) {
        checked++;
        const before = resting[s.index];
        if (!before) continue;
        const outline = s.outlineStyle !== 'none' && s.outlineWidth >= 2 && !/rgba\(\d+, \d+, \d+, 0\)/.test(s.outlineColor) && s.outline !== before.outline;
        const shadow = s.boxShadow !== 'none' && s.boxShadow !== before.boxShadow;
        if (!outline && !shadow) {
          problems.push(`/${url}: no focus indicator on ${s.what} (outline ${s.outline}, box-shadow ${s.boxShadow})`);
        }
      }
    }
  } finally {
    await context.close();
  }
  assert.ok(checked > KINDS_OF_PAGE.length * 20, `only ${checked} focus stops checked`);
  assert.deepEqual(problems, [], report('focus indicators missing', problems));
});

describe('targets are at least 24 × 24 CSS px', () => {
  for (const [name, options] of [
    ['1280 px', { viewport: { width: 1280, height: 900 } }],
    ['390 px', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ]) {
    test(`window ${name}`, async () => {
      const { context, page } = await newPage(options);
      const problems = [];
      try {
        for (const url of site.pages) {
          await open(page, server.base + url);
          const small = await page.evaluate(() => window.__tabbables()
            .filter((el) => !el.classList.contains('skip-link'))
            .flatMap((el) => {
              // A link broken over lines is one target per line box.
              const boxes = [...el.getClientRects()].filter((r) => r.width > 0);
              const big = boxes.some((r) => r.width >= 24 && r.height >= 24) ||
                (boxes.length > 1 && boxes.every((r) => r.height >= 24));
              if (big) return [];
              return [`${window.__describe(el)}: ${boxes.map((r) => `${r.width.toFixed(1)}×${r.height.toFixed(1)}`).join(', ')}`];
            }));
          for (const s of small) problems.push(`/${url}: ${s}`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], report('targets under 24 × 24 px', problems));
    });
  }
});

describe('no horizontal scrolling', () => {
  // WCAG 1.4.10: content reflows at 320 CSS px. 200 % zoom of a 1280 px
  // wide window is a 640 CSS px wide layout viewport drawn with 2 device
  // pixels per CSS pixel: Chromium's page zoom is exactly that change of
  // device-pixel ratio, so a 640 px viewport with deviceScaleFactor 2
  // renders what a reader who zooms to 200 % sees.
  for (const [name, options] of [
    ['320 CSS px', { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }],
    ['200 % zoom (1280 px window → 640 CSS px, deviceScaleFactor 2)', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ]) {
    test(name, async () => {
      const { context, page } = await newPage(options);
      const problems = [];
      try {
        for (const url of site.pages) {
          await open(page, server.base + url);
          const found = await page.evaluate(() => {
            const out = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > doc.clientWidth) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
            const width = doc.clientWidth;
            const scrolls = (el) => {
              for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
                const o = getComputedStyle(e).overflowX;
                if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
              }
              return false;
            };
            for (const el of document.body.querySelectorAll('*')) {
              if (!el.checkVisibility() || el.closest('.skip-link, .visually-hidden')) continue;
              const r = el.getBoundingClientRect();
              if (r.width && (r.right > width + 1 || r.left < -1) && !scrolls(el)) {
                out.push(`${window.__describe(el)} spans ${r.left.toFixed(0)}–${r.right.toFixed(0)} of ${width}`);
              }
            }
            return out.slice(0, 5);
          });
          for (const f of found) problems.push(`/${url}: ${f}`);
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], report('horizontal overflow', problems));
    });
  }
});

test('prefers-reduced-motion: reduce is honoured', async () => {
  // Without the preference the theme does move (smooth scrolling to
  // anchors, link transitions): so the check below has something to stop.
  {
    const { context, page } = await newPage({ reducedMotion: 'no-preference' });
    await open(page, server.base + DOC);
    const motion = await page.evaluate(() => ({
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
      transition: getComputedStyle(document.querySelector('main a')).transitionDuration,
    }));
    await context.close();
    assert.equal(motion.scroll, 'smooth');
    assert.notEqual(motion.transition, '0s');
  }
  const { context, page } = await newPage({ reducedMotion: 'reduce' });
  const problems = [];
  try {
    for (const url of KINDS_OF_PAGE) {
      await open(page, server.base + url);
      // Hover and focus a link, then jump to an anchor: nothing may animate.
      const link = page.locator('main a[href]').first();
      if (await link.count()) {
        await link.hover();
        await link.focus();
      }
      const found = await page.evaluate(() => {
        const out = [];
        if (getComputedStyle(document.documentElement).scrollBehavior !== 'auto') out.push('smooth scrolling');
        for (const el of [document.documentElement, ...document.querySelectorAll('body, body *')]) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const moving = (v) => v.split(',').some((d) => parseFloat(d) > 0);
            if (moving(s.transitionDuration) && s.transitionProperty !== 'none') out.push(`transition on ${window.__describe(el)}${pseudo || ''}: ${s.transitionProperty} ${s.transitionDuration}`);
            if (s.animationName !== 'none' && moving(s.animationDuration)) out.push(`animation on ${window.__describe(el)}${pseudo || ''}: ${s.animationName}`);
          }
        }
        const running = document.getAnimations().filter((a) => a.playState === 'running');
        if (running.length) out.push(`${running.length} running animations`);
        return out.slice(0, 5);
      });
      for (const f of found) problems.push(`/${url}: ${f}`);
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, [], report('motion despite prefers-reduced-motion', problems));
});

test('no request left the site during these tests', () => {
  assert.deepEqual(outside, [], report('requests outside the site', outside));
});
