// Print: a document prints in the layout of Nghị định 30/2020/NĐ-CP,
// Phụ lục I — issuing body and number top left, Quốc hiệu and Tiêu ngữ top
// right with place and date beneath, kind and trích yếu centred, the body,
// the signature block at the right and Nơi nhận at the left; no site
// navigation, links as plain text, A4 with the decree's margins.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, guardedContext, launchBrowser, open, serve } from './helpers.mjs';

const site = buildSite();
const PLAN = 'khanh-hoa/6861-kh-ubnd-2019/';
const LETTER = 'nam-dinh/cong-van-day-manh-van-hoa-cong-vu/';
const REPORT = 'thanh-hoa/trieu-son/bao-cao-so-ket-1847/';
const MM = 96 / 25.4; // CSS px per millimetre
// A4 drawn at 96 CSS px per inch: 210 mm; the page box less 30 + 15 mm.
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };

let browser;
let server;
let context;
let page;
let blocked;

before(async () => {
  server = await serve(site.dir);
  browser = await launchBrowser();
  ({ context, blocked } = await guardedContext(browser, server.origin, { viewport: A4 }, { route: false }));
  page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

/** Boxes and styles of the official layout, measured in print media. */
function measure() {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el || !el.checkVisibility()) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, center: (r.left + r.right) / 2, text: el.textContent.trim() };
  };
  const main = document.querySelector('main').getBoundingClientRect();
  const hidden = ['.skip-link', 'body > header', '.site-nav', '.breadcrumbs', 'body > footer', '.search-box',
    '.doc-intro', '.metadata', '.toc', '.relations', '.coverage', '.official-title']
    .filter((sel) => document.querySelector(sel))
    .map((sel) => ({ sel, visible: document.querySelector(sel).checkVisibility() }));
  const links = [...document.querySelectorAll('.sheet a')].map((a) => {
    const s = getComputedStyle(a);
    return { text: a.textContent.trim(), color: s.color, decoration: s.textDecorationLine, after: getComputedStyle(a, '::after').content };
  });
  const bodyP = document.querySelector('.doc-body > p');
  const s = bodyP && getComputedStyle(bodyP);
  return {
    content: { left: main.left, right: main.right, center: (main.left + main.right) / 2 },
    hidden,
    issuer: box('.issuer-block'),
    issuerName: box('.issuer-name'),
    number: box('.doc-number'),
    vv: box('.vv'),
    national: box('.national-block'),
    quocHieu: box('.quoc-hieu'),
    tieuNgu: box('.tieu-ngu'),
    placeDate: box('.place-date'),
    kind: box('.kind-heading'),
    trichYeu: box('.trich-yeu'),
    addressees: box('.addressees'),
    body: box('.doc-body'),
    signature: box('.signature'),
    recipients: box('.recipients'),
    links,
    bodyText: s && { align: s.textAlign, size: parseFloat(s.fontSize), family: s.fontFamily, indent: parseFloat(s.textIndent) },
    placeDateStyle: getComputedStyle(document.querySelector('.place-date')).fontStyle,
  };
}

const near = (a, b, tolerance, what) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a.toFixed(1)} vs ${b.toFixed(1)}`);

function assertOfficialLayout(m, url) {
  for (const h of m.hidden) assert.equal(h.visible, false, `/${url}: ${h.sel} prints`);
  assert.ok(m.issuer && m.national, `/${url}: header blocks print`);
  // Issuing body and number top left; Quốc hiệu and Tiêu ngữ top right.
  near(m.issuer.left, m.content.left, 2, `/${url}: issuer block at the left edge`);
  near(m.national.right, m.content.right, 2, `/${url}: national block at the right edge`);
  assert.ok(m.issuer.right <= m.national.left + 1, `/${url}: issuer block left of the national block`);
  near(m.issuer.top, m.national.top, 4, `/${url}: both header blocks start on the same line`);
  assert.ok(m.issuer.right - m.issuer.left < (m.content.right - m.content.left) / 2, `/${url}: issuer block narrower than half`);
  near(m.issuerName.center, m.issuer.center, 2, `/${url}: issuer name centred in its block`);
  assert.ok(m.number.top >= m.issuerName.bottom - 1, `/${url}: number under the issuer`);
  near(m.number.center, m.issuer.center, 2, `/${url}: number centred under the issuer`);
  assert.equal(m.quocHieu.text, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  assert.equal(m.tieuNgu.text, 'Độc lập - Tự do - Hạnh phúc');
  assert.ok(m.quocHieu.bottom <= m.tieuNgu.top + 1 && m.tieuNgu.bottom <= m.placeDate.top + 1, `/${url}: Quốc hiệu, Tiêu ngữ, then place and date`);
  for (const b of [m.quocHieu, m.tieuNgu, m.placeDate]) near(b.center, m.national.center, 2, `/${url}: "${b.text}" centred in the right block`);
  assert.equal(m.placeDateStyle, 'italic');
  // The body after the header, justified, 13–14 pt, in a serif face.
  const headerBottom = Math.max(m.issuer.bottom, m.national.bottom);
  assert.ok(m.body.top >= headerBottom, `/${url}: body under the header`);
  assert.equal(m.bodyText.align, 'justify');
  assert.ok(m.bodyText.size >= 13 * 4 / 3 - 0.1 && m.bodyText.size <= 14 * 4 / 3 + 0.1, `/${url}: body ${m.bodyText.size}px`);
  assert.match(m.bodyText.family, /^"Times New Roman"/);
  // Signature block at the right, Nơi nhận at the left, after the body.
  assert.ok(m.signature.top >= m.body.bottom && m.recipients.top >= m.body.bottom, `/${url}: closing after the body`);
  assert.ok(m.signature.left >= m.content.center - 1, `/${url}: signature in the right half`);
  near(m.signature.right, m.content.right, 2, `/${url}: signature at the right edge`);
  near(m.recipients.left, m.content.left, 2, `/${url}: Nơi nhận at the left edge`);
  assert.ok(m.recipients.right <= m.signature.left + 1, `/${url}: Nơi nhận left of the signature`);
  // Links print as text.
  for (const l of m.links) {
    assert.equal(l.color, 'rgb(0, 0, 0)', `/${url}: link "${l.text}" prints black`);
    assert.equal(l.decoration, 'none', `/${url}: link "${l.text}" prints without underline`);
    assert.ok(l.after === 'none' || l.after === 'normal', `/${url}: nothing printed after link "${l.text}"`);
  }
}

test('a plan prints in the layout of Nghị định 30/2020/NĐ-CP', async () => {
  for (const url of [PLAN, REPORT]) {
    await open(page, server.base + url);
    const m = await page.evaluate(measure);
    assertOfficialLayout(m, url);
    assert.ok(m.links.length > 0 || url === PLAN, 'links exist to check');
    // Kind and trích yếu centred under the header.
    const headerBottom = Math.max(m.issuer.bottom, m.national.bottom);
    assert.ok(m.kind.top >= headerBottom && m.trichYeu.top >= m.kind.bottom - 1 && m.body.top >= m.trichYeu.bottom - 1);
    near(m.kind.center, m.content.center, 2, `/${url}: kind centred`);
    near(m.trichYeu.center, m.content.center, 2, `/${url}: trích yếu centred`);
  }
  await open(page, server.base + PLAN);
  const m = await page.evaluate(measure);
  assert.equal(m.kind.text, 'KẾ HOẠCH');
  assert.equal(m.trichYeu.text, 'Triển khai thực hiện Đề án văn hóa công vụ');
  assert.equal(m.number.text, 'Số: 6861/KH-UBND');
  assert.equal(m.placeDate.text, 'Khánh Hòa, ngày 12 tháng 7 năm 2019');
  assert.deepEqual(blocked, []);
});

test('a letter (công văn) prints V/v under its number and Kính gửi before the body', async () => {
  await open(page, server.base + LETTER);
  const m = await page.evaluate(measure);
  assertOfficialLayout(m, LETTER);
  assert.equal(m.kind, null, 'a công văn has no kind heading');
  assert.ok(m.vv && m.vv.top >= m.number.bottom - 1, 'V/v under the number');
  assert.ok(m.vv.right <= m.national.left + 1, 'V/v in the left block');
  assert.ok(m.addressees && m.addressees.top >= Math.max(m.issuer.bottom, m.national.bottom) && m.addressees.bottom <= m.body.top + 1);
});

test('print uses A4 with the decree\'s margins and numbers pages from the second', async () => {
  await open(page, server.base + PLAN);
  const rules = await page.evaluate(() => {
    const out = [];
    const walk = (list, media) => {
      for (const r of list) {
        if (r instanceof CSSMediaRule) walk(r.cssRules, r.conditionText);
        else if (r instanceof CSSPageRule) {
          out.push({
            media,
            selector: r.selectorText,
            size: r.style.getPropertyValue('size'),
            top: r.style.marginTop, right: r.style.marginRight, bottom: r.style.marginBottom, left: r.style.marginLeft,
            text: r.cssText,
          });
        }
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules, 'all');
    return out;
  });
  const page1 = rules.find((r) => !r.selector);
  assert.ok(page1, `no @page rule: ${JSON.stringify(rules)}`);
  assert.equal(page1.size.toUpperCase(), 'A4');
  const mm = (v) => { assert.match(v, /^\d+(\.\d+)?mm$/); return parseFloat(v); };
  // Nghị định 30/2020/NĐ-CP: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
  assert.ok(mm(page1.top) >= 20 && mm(page1.top) <= 25, `top ${page1.top}`);
  assert.ok(mm(page1.bottom) >= 20 && mm(page1.bottom) <= 25, `bottom ${page1.bottom}`);
  assert.ok(mm(page1.left) >= 30 && mm(page1.left) <= 35, `left ${page1.left}`);
  assert.ok(mm(page1.right) >= 15 && mm(page1.right) <= 20, `right ${page1.right}`);
  assert.match(page1.text, /@top-center\s*\{[^}]*content:\s*counter\(page\)/);
  const first = rules.find((r) => r.selector === ':first');
  assert.ok(first && /@top-center\s*\{[^}]*content:\s*none/.test(first.text), 'no number on the first page');

  // The PDF Chromium prints: A4 pages (595.3 × 841.9 pt), more than one.
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: false })).toString('latin1');
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((b) => [Number(b[1]), Number(b[2])]);
  assert.ok(boxes.length >= 2, `${boxes.length} pages`);
  for (const [w, h] of boxes) {
    near(w, 595.28, 1.5, 'page width in pt');
    near(h, 841.89, 1.5, 'page height in pt');
  }
});

test('other pages print their content without the site navigation', async () => {
  for (const url of ['', 'thanh-hoa/trieu-son/', '1847-qd-ttg-2018/', 'chu-de/trang-phuc/']) {
    await open(page, server.base + url);
    const state = await page.evaluate(() => ({
      chrome: ['.skip-link', 'body > header', '.breadcrumbs', 'body > footer']
        .filter((s) => document.querySelector(s)?.checkVisibility()),
      h1: document.querySelector('main h1, main .kind-heading')?.checkVisibility(),
      mainText: document.querySelector('main').innerText.trim().length,
    }));
    assert.deepEqual(state.chrome, [], `/${url}: site chrome prints`);
    assert.ok(state.mainText > 20, `/${url}: main prints`);
  }
});

test('the printout ends with the page address and the print date, web-only sections left out', async () => {
  await open(page, server.base + PLAN);
  const m = await page.evaluate(() => {
    const box = (el) => el && el.checkVisibility() && el.getBoundingClientRect();
    const info = document.querySelector('.print-info');
    return {
      webOnly: [...document.querySelectorAll('.web-only, .doc-actions')].map((el) => ({
        text: el.textContent.trim().slice(0, 60), visible: el.checkVisibility(),
      })),
      info: info && { text: info.textContent.replace(/\s+/g, ' ').trim(), box: box(info) },
      recipients: box(document.querySelector('.recipients')),
      href: location.href,
    };
  });
  assert.ok(m.webOnly.some((w) => /Biểu dương, khen thưởng theo văn bản này/.test(w.text)), 'the plan has a web-only section');
  assert.deepEqual(m.webOnly.filter((w) => w.visible), [], 'web-only sections do not print');
  assert.ok(m.info?.box, 'the address and date print');
  assert.ok(m.info.box.top >= m.recipients.bottom, 'after Nơi nhận');
  assert.ok(m.info.text.includes(m.href), `the page address: ${m.info.text}`);
  const d = new Date();
  const today = `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
  assert.ok(m.info.text.includes(`In ngày ${today}`), `the print date: ${m.info.text}`);
  // On screen the footer is not shown.
  await page.emulateMedia({ media: 'screen' });
  try {
    assert.equal(await page.locator('.print-info').isVisible(), false);
    // The print button prints.
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await page.getByRole('button', { name: 'In văn bản' }).click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
  } finally {
    await page.emulateMedia({ media: 'print' });
  }
});
