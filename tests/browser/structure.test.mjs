// Page structure and content, beyond axe: language, landmarks, headings,
// tables, link texts, text size and measure, the self-hosted Vietnamese
// font, breadcrumbs and browsing by jurisdiction, kind and year, former
// districts, and what a document page shows first.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, describeElementSource, guardedContext, launchBrowser, open, report, serve } from './helpers.mjs';

const site = buildSite();
const DOC = 'khanh-hoa/6861-kh-ubnd-2019/';
const DISTRICT_DOC = 'thanh-hoa/trieu-son/879-kh-ubnd-2020/';

let browser;
let server;
let context;
let page;
let blocked;
/** url → facts gathered once per page (see collectFacts). */
const facts = new Map();

/** Runs in the page: everything the per-page tests below look at. */
function collectFacts() {
  const d = window.__describe;
  const visible = (el) => el.checkVisibility({ visibilityProperty: true }) &&
    !el.closest('.visually-hidden, noscript, [hidden]');
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(visible)
    .map((h) => ({ level: Number(h.localName[1]), text: d(h) }));
  const landmarks = {
    banner: [...document.querySelectorAll('header')].filter((h) => !h.closest('article, aside, main, nav, section')).length,
    main: document.querySelectorAll('main').length,
    contentinfo: [...document.querySelectorAll('footer')].filter((f) => !f.closest('article, aside, main, nav, section')).length,
    navs: [...document.querySelectorAll('nav')].map((n) => n.getAttribute('aria-label') || (n.getAttribute('aria-labelledby') && document.getElementById(n.getAttribute('aria-labelledby'))?.textContent) || ''),
    mainNavInBanner: !!document.querySelector('body > header nav[aria-label]'),
  };
  const tables = [...document.querySelectorAll('main table')].map((t) => ({
    name: d(t.closest('section') || t),
    th: t.querySelectorAll('th').length,
    rowsWithoutTh: [...t.querySelectorAll('tbody tr')].filter((r) => !r.querySelector('th')).length,
    metadata: !!t.closest('.metadata'),
    rowThScope: [...t.querySelectorAll('tbody th')].every((th) => th.getAttribute('scope') === 'row'),
  }));
  const links = [...document.querySelectorAll('a[href]')].map((a) => ({
    name: (a.getAttribute('aria-label') || a.textContent || '').replace(/\s+/g, ' ').trim(),
    href: a.getAttribute('href'),
    resolved: a.href,
    where: d(a),
  }));
  // Text size: every visible text run, by its element's computed size.
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    const el = n.parentElement;
    if (!visible(el) || el.closest('sup, sub')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(`${d(el)}: ${size}px`);
  }
  const mainNav = [...document.querySelectorAll('nav[aria-label="Điều hướng chính"] a')].map((a) => ({
    name: a.textContent.trim(),
    path: new URL(a.href).pathname,
  }));
  return {
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    headings,
    landmarks,
    tables,
    links,
    small,
    mainNav,
    bodySize: parseFloat(getComputedStyle(document.body).fontSize),
  };
}

before(async () => {
  server = await serve(site.dir);
  browser = await launchBrowser();
  ({ context, blocked } = await guardedContext(browser, server.origin, { viewport: { width: 1280, height: 900 } }, { route: false }));
  await context.addInitScript(describeElementSource);
  page = await context.newPage();
  for (const url of site.pages) {
    await open(page, server.base + url);
    facts.set(url, await page.evaluate(collectFacts));
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
  site.cleanup();
});

test('the build writes the pages these tests expect', () => {
  for (const url of ['', DOC, DISTRICT_DOC, '1847-qd-ttg-2018/', 'tim-kiem/', 'dia-phuong/', 'loai/', 'nam/', '404.html']) {
    assert.ok(site.pages.includes(url), `missing page /${url}`);
  }
  assert.ok(site.pages.length > 40, `only ${site.pages.length} pages`);
  assert.deepEqual(blocked, []);
});

test('every page says it is in Vietnamese: <html lang="vi">', () => {
  const wrong = [...facts].filter(([, f]) => f.lang !== 'vi').map(([u, f]) => `/${u}: lang=${f.lang}`);
  assert.deepEqual(wrong, [], report('pages without lang="vi"', wrong));
});

test('every page has header, nav, main and footer landmarks', () => {
  const problems = [];
  for (const [url, f] of facts) {
    const l = f.landmarks;
    if (l.banner !== 1) problems.push(`/${url}: ${l.banner} page <header> (banner)`);
    if (l.main !== 1) problems.push(`/${url}: ${l.main} <main>`);
    if (l.contentinfo !== 1) problems.push(`/${url}: ${l.contentinfo} page <footer> (contentinfo)`);
    if (!l.mainNavInBanner) problems.push(`/${url}: no labelled main navigation in the header`);
    if (l.navs.some((n) => !n.trim())) problems.push(`/${url}: a <nav> without a label`);
    if (new Set(l.navs).size !== l.navs.length) problems.push(`/${url}: two <nav> with the same label: ${l.navs.join(', ')}`);
  }
  assert.deepEqual(problems, [], report('landmark problems', problems));
});

test('every page has exactly one h1 and skips no heading level', () => {
  const problems = [];
  for (const [url, f] of facts) {
    const h1 = f.headings.filter((h) => h.level === 1);
    if (h1.length !== 1) problems.push(`/${url}: ${h1.length} h1 (${h1.map((h) => h.text).join('; ')})`);
    if (f.headings[0]?.level !== 1) problems.push(`/${url}: first heading is not h1: ${f.headings[0]?.text}`);
    for (let i = 1; i < f.headings.length; i++) {
      const [prev, cur] = [f.headings[i - 1], f.headings[i]];
      if (cur.level > prev.level + 1) problems.push(`/${url}: h${prev.level} → h${cur.level} at ${cur.text}`);
    }
  }
  assert.deepEqual(problems, [], report('heading problems', problems));
});

test('tables have header cells; metadata tables a row header on every row', () => {
  const problems = [];
  let metadataTables = 0;
  for (const [url, f] of facts) {
    for (const t of f.tables) {
      if (t.th === 0) problems.push(`/${url}: table without <th> in ${t.name}`);
      if (t.metadata) {
        metadataTables++;
        if (t.rowsWithoutTh) problems.push(`/${url}: ${t.rowsWithoutTh} metadata rows without <th>`);
        if (!t.rowThScope) problems.push(`/${url}: metadata <th> without scope="row"`);
      }
    }
  }
  assert.deepEqual(problems, [], report('table problems', problems));
  // Every page of a numbered document or stub ("khanh-hoa/6861-kh-ubnd-2019/") has one.
  const numbered = site.pages.filter((u) => /(^|\/)\d+[a-z0-9-]*-\d{4}\/$/.test(u)).length;
  assert.ok(numbered > 5 && metadataTables >= numbered, `only ${metadataTables} metadata tables for ${numbered} document pages`);
});

test('no link is named only "xem thêm", "tại đây", "chi tiết" or the like', () => {
  const bare = new Set(['xem thêm', 'tại đây', 'chi tiết', 'xem chi tiết', 'đọc thêm', 'xem', 'đây', 'thêm',
    'bấm vào đây', 'nhấn vào đây', 'click vào đây', 'click', 'liên kết', 'link', 'here', 'click here', 'more',
    'read more', 'tiếp', 'xem tiếp']);
  const problems = [];
  for (const [url, f] of facts) {
    for (const l of f.links) {
      const name = l.name.toLowerCase().replace(/[.…:»›>\s]+$/u, '').trim();
      if (!name) problems.push(`/${url}: link without text to ${l.href} at ${l.where}`);
      else if (bare.has(name)) problems.push(`/${url}: link text "${l.name}" to ${l.href}`);
    }
  }
  assert.deepEqual(problems, [], report('bare link texts', problems));
});

test('body text is at least 16 CSS px everywhere', () => {
  const problems = [];
  for (const [url, f] of facts) {
    if (f.bodySize < 16) problems.push(`/${url}: body font-size ${f.bodySize}px`);
    for (const s of f.small) problems.push(`/${url}: ${s}`);
  }
  assert.deepEqual(problems, [], report('text under 16 px', problems));
});

test('every page lets readers browse by jurisdiction, kind and year', async () => {
  const base = new URL(server.base).pathname;
  const problems = [];
  for (const [url, f] of facts) {
    const paths = f.mainNav.map((l) => l.path);
    for (const want of ['dia-phuong/', 'loai/', 'nam/']) {
      if (!paths.includes(base + want)) problems.push(`/${url}: main navigation has no link to /${want}`);
    }
  }
  assert.deepEqual(problems, [], report('navigation problems', problems));

  // The three index pages list every province, kind and year.
  const linksOn = (url) => facts.get(url).links.map((l) => new URL(l.resolved).pathname.slice(base.length));
  const provinces = fs.readdirSync(path.join(site.dir)).filter((d) => fs.existsSync(path.join(site.dir, d, 'index.html')) &&
    fs.readFileSync(path.join(site.dir, d, 'index.html'), 'utf8').includes('Văn bản của tỉnh'));
  assert.ok(provinces.length >= 4, `provinces found: ${provinces}`);
  for (const p of provinces) assert.ok(linksOn('dia-phuong/').includes(`${p}/`), `/dia-phuong/ does not link /${p}/`);
  const kinds = site.pages.filter((u) => /^loai\/[^/]+\/$/.test(u));
  assert.ok(kinds.length >= 3);
  for (const k of kinds) assert.ok(linksOn('loai/').includes(k), `/loai/ does not link /${k}`);
  const years = site.pages.filter((u) => /^nam\/\d{4}\/$/.test(u));
  assert.ok(years.length >= 3);
  for (const y of years) assert.ok(linksOn('nam/').includes(y), `/nam/ does not link /${y}`);
});

test('breadcrumbs follow the jurisdiction: Trung ương › Tỉnh Thanh Hóa › Huyện Triệu Sơn', async () => {
  await open(page, server.base + DISTRICT_DOC);
  const crumbs = await page.$$eval('nav[aria-label="Vị trí trang"] li', (lis) => lis.map((li) => ({
    text: li.textContent.trim(),
    link: !!li.querySelector('a[href]'),
    current: li.querySelector('[aria-current="page"]') !== null,
  })));
  assert.deepEqual(crumbs.slice(0, 3).map((c) => c.text), ['Trung ương', 'Tỉnh Thanh Hóa', 'Huyện Triệu Sơn']);
  assert.ok(crumbs.slice(0, 3).every((c) => c.link), 'jurisdiction crumbs are links');
  assert.equal(crumbs.length, 4);
  assert.match(crumbs[3].text, /^Kế hoạch số 879\/KH-UBND/);
  assert.ok(crumbs[3].current && !crumbs[3].link, 'the document itself is the current crumb, not a link');
  // The separators are drawn by CSS, with empty alternative text.
  const separators = await page.$$eval('nav[aria-label="Vị trí trang"] li', (lis) =>
    lis.map((li) => getComputedStyle(li, '::before').content));
  assert.equal(separators[0], 'none');
  for (const s of separators.slice(1)) assert.match(s, /^"›"/);

  // Crumbs name the path on jurisdiction pages too, the last one current.
  await open(page, server.base + 'thanh-hoa/trieu-son/');
  const onDistrict = await page.$$eval('nav[aria-label="Vị trí trang"] li', (lis) => lis.map((li) => li.textContent.trim()));
  assert.deepEqual(onDistrict, ['Trung ương', 'Tỉnh Thanh Hóa', 'Huyện Triệu Sơn']);
  assert.equal(await page.getAttribute('nav[aria-label="Vị trí trang"] li:last-child > *', 'aria-current'), 'page');
});

test('a former district is shown as such', async () => {
  await open(page, server.base + 'thanh-hoa/trieu-son/');
  const notice = await page.innerText('main .former-notice');
  assert.match(notice, /Huyện Triệu Sơn, đơn vị hành chính cũ, nay thuộc tỉnh Thanh Hóa \(hoạt động đến ngày 30 tháng 6 năm 2025\)\./);

  await open(page, server.base + DISTRICT_DOC);
  const row = await page.innerText('.metadata tr:has(th:text-is("Địa phương")) td');
  assert.match(row, /Huyện Triệu Sơn\s+Đơn vị hành chính cũ, hoạt động đến ngày 30 tháng 6 năm 2025; đơn vị tiếp nhận: Tỉnh Thanh Hóa\./);

  for (const url of ['dia-phuong/', 'thanh-hoa/']) {
    await open(page, server.base + url);
    const item = await page.innerText(`main li:has(> a[href$="thanh-hoa/trieu-son/"])`);
    assert.match(item, /Huyện Triệu Sơn .*\(đơn vị hành chính cũ, đến ngày 30 tháng 6 năm 2025\)/, `/${url}`);
  }
  // A current province is not marked.
  await open(page, server.base + 'dia-phuong/');
  assert.doesNotMatch(await page.innerText('main li:has(> a[href$="khanh-hoa/"])'), /cũ/);
});

test('a document page opens with kind, number, date, issuer, status and what it implements', async () => {
  await open(page, server.base + DOC);
  const order = await page.evaluate(() => {
    const main = document.querySelector('main');
    const fullText = document.querySelector('.official');
    const rows = [...document.querySelectorAll('.metadata tr')].map((tr) => ({
      th: tr.querySelector('th').textContent.trim(),
      td: tr.querySelector('td').textContent.replace(/\s+/g, ' ').trim(),
      beforeFullText: !!(tr.compareDocumentPosition(fullText) & Node.DOCUMENT_POSITION_FOLLOWING),
      bottom: tr.getBoundingClientRect().bottom,
    }));
    const h1 = main.querySelector('h1');
    return {
      h1: h1.textContent.trim(),
      h1BeforeTable: !!(h1.compareDocumentPosition(document.querySelector('.metadata table')) & Node.DOCUMENT_POSITION_FOLLOWING),
      label: document.querySelector('.doc-label').textContent.trim(),
      rows,
      fullTextTop: fullText.getBoundingClientRect().top,
    };
  });
  assert.equal(order.label, 'Kế hoạch số 6861/KH-UBND ngày 12/07/2019');
  assert.equal(order.h1, 'Triển khai thực hiện Đề án văn hóa công vụ');
  assert.ok(order.h1BeforeTable);
  const wanted = ['Loại văn bản', 'Số ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Tình trạng đăng tải', 'Văn bản được triển khai'];
  const positions = wanted.map((w) => order.rows.findIndex((r) => r.th === w));
  assert.ok(positions.every((p) => p >= 0), `rows: ${order.rows.map((r) => r.th)}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `order of rows: ${order.rows.map((r) => r.th)}`);
  const value = (th) => order.rows.find((r) => r.th === th).td;
  assert.equal(value('Loại văn bản'), 'Kế hoạch');
  assert.equal(value('Số ký hiệu'), '6861/KH-UBND');
  assert.equal(value('Ngày ban hành'), '12 tháng 7 năm 2019');
  assert.equal(value('Cơ quan ban hành'), 'Ủy ban nhân dân tỉnh Khánh Hòa');
  assert.equal(value('Tình trạng đăng tải'), 'Có toàn văn trên trang');
  assert.match(value('Văn bản được triển khai'), /Quyết định số 1847\/QĐ-TTg ngày 27\/12\/2018 của Thủ tướng Chính phủ/);
  for (const r of order.rows) {
    assert.ok(r.beforeFullText && r.bottom <= order.fullTextTop, `${r.th} comes before the full text`);
  }
});

test('line length is near 70 characters in the full text', async (t) => {
  await open(page, server.base + DOC);
  const lines = await page.evaluate(() => {
    const out = [];
    for (const p of document.querySelectorAll('.doc-body > p')) {
      const range = document.createRange();
      range.selectNodeContents(p);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size < 3) continue;
      // Characters per full line: all lines but the last one.
      const text = p.textContent.replace(/\s+/g, ' ').trim();
      const perLine = text.length / (tops.size - 0.5);
      out.push(perLine);
    }
    return out;
  });
  assert.ok(lines.length >= 5, `only ${lines.length} long paragraphs`);
  const mean = lines.reduce((a, b) => a + b, 0) / lines.length;
  t.diagnostic(`about ${mean.toFixed(1)} characters per line over ${lines.length} paragraphs`);
  assert.ok(mean >= 60 && mean <= 80, `about ${mean.toFixed(1)} characters per line (want 60–80)`);
});

test('Vietnamese text is set in the self-hosted Be Vietnam Pro, with font-display: swap', async () => {
  const fontsDir = path.join(site.dir, 'fonts');
  const files = fs.readdirSync(fontsDir);
  for (const subset of ['vietnamese', 'latin-ext', 'latin']) {
    for (const face of ['400-normal', '400-italic', '700-normal', '700-italic']) {
      assert.ok(files.includes(`be-vietnam-pro-${subset}-${face}.woff2`), `fonts/be-vietnam-pro-${subset}-${face}.woff2`);
    }
  }
  assert.match(fs.readFileSync(path.join(fontsDir, 'OFL.txt'), 'utf8'), /SIL OPEN FONT LICENSE Version 1\.1/);

  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const problems = [];
  for (const url of ['', DOC, DISTRICT_DOC, '1847-qd-ttg-2018/', 'thanh-hoa/trieu-son/bao-cao-so-ket-1847/', 'tim-kiem/']) {
    await open(page, server.base + url);
    const faces = await page.evaluate(() => [...document.fonts].map((f) => ({ family: f.family, display: f.display, status: f.status })));
    const ours = faces.filter((f) => f.family.replace(/"/g, '') === 'Be Vietnam Pro');
    if (ours.length !== 12) problems.push(`/${url}: ${ours.length} Be Vietnam Pro faces declared`);
    for (const f of ours) if (f.display !== 'swap') problems.push(`/${url}: font-display ${f.display}`);
    if (!ours.some((f) => f.status === 'loaded')) problems.push(`/${url}: no Be Vietnam Pro face loaded`);
    // Which fonts Chromium actually drew each element's text with.
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      // Footnotes end with comrak's "↩" back-link, a symbol outside the
      // Vietnamese and Latin subsets; its paragraph is left out (the
      // links in it are checked one by one).
      selector: 'body :is(h1, h2, h3, h4, h5, p, li, th, td, a, span, time, label, button, strong, em, blockquote):not(.footnote-backref, :has(> .footnote-backref), .visually-hidden, noscript *)',
    });
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) {
        if (f.familyName !== 'Be Vietnam Pro') {
          const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
          problems.push(`/${url}: ${f.glyphCount} glyphs in ${f.familyName} in ${outerHTML.slice(0, 100)}`);
        }
      }
    }
  }
  await cdp.detach();
  assert.deepEqual(problems, [], report('text not in Be Vietnam Pro', problems));
});
