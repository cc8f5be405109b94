// The editor of `vanban serve --edit`, driven in Chromium as a propaganda
// office's editor would use it: a news post created with a picture and its
// alt text, published by turning the draft off, then found in the news
// lists, the feeds and the jurisdiction page; a received .docx imported
// and reviewed field by field; writes from another origin or without the
// form's token refused; axe finds nothing on the editor's pages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO, axeViolations, launchBrowser, report, vanbanBin } from './helpers.mjs';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let site;
let child;
let origin;
let browser;

/** A copy of the bundled site's content and configuration to edit. */
function copySite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-editor-'));
  fs.copyFileSync(path.join(REPO, 'config.toml'), path.join(dir, 'config.toml'));
  fs.cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** Starts `vanban serve --edit` on a free port; resolves to its origin. */
function startServe(root) {
  child = spawn(vanbanBin(), ['serve', '--edit', '--port', '0', '--root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/ at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
  });
}

/** GET over plain HTTP: [status, body]. */
async function get(url) {
  const res = await fetch(url);
  return [res.status, await res.text()];
}

/** Polls `url` until its body contains `text` (a rebuild follows a save). */
async function waitFor(url, text) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [status, body] = await get(url);
    if (status === 200 && body.includes(text)) return body;
    if (Date.now() > deadline) assert.fail(`${url} never showed “${text}” (status ${status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A POST with the headers given, by node:http (which sends `Origin` as set). */
function rawPost(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve([res.statusCode, text]));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A .docx holding `paragraphs`, as a stored (uncompressed) zip. */
function makeDocx(paragraphs) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const p = (t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${paragraphs.map(p).join('')}<w:sectPr/></w:body></w:document>`;
  const files = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
    ['word/document.xml', document],
  ];
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of files) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

before(async () => {
  site = copySite();
  origin = await startServe(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  child?.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** A page whose requests to anywhere but the editor's origin fail the test. */
async function editorPage() {
  // The editor's Content-Security-Policy forbids inline scripts, which is
  // how axe is injected: only the test bypasses it.
  const context = await browser.newContext({ bypassCSP: true });
  const outside = [];
  await context.route('**/*', (r) => {
    const url = r.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:')) return r.continue();
    outside.push(url);
    return r.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { context, page, outside };
}

test('a news post is created with a picture and its alt text, published, and listed everywhere', async () => {
  const { context, page, outside } = await editorPage();
  const title = 'Biểu dương Đoàn viên thanh niên xã Vĩnh Lương';
  await page.goto(`${origin}/_editor/new?type=news`);
  await page.getByLabel('Thuộc đơn vị').selectOption('khanh-hoa');
  await page.getByLabel('Tiêu đề', { exact: false }).first().fill(title);
  await page.getByLabel('Ngày đăng').fill('2024-03-15');
  await page.getByLabel('Giờ', { exact: true }).fill('08:30');
  await page.getByLabel('Tác giả').fill('Nguyễn Văn An');
  await page.getByLabel('Nguồn tin', { exact: true }).fill('Ban Tuyên giáo huyện');
  await page.getByLabel('Nội dung').fill('Sáng nay, Đoàn xã tổ chức biểu dương đoàn viên tiêu biểu.');
  await page.getByLabel('Tải ảnh lên').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: PNG });
  assert.ok(await page.getByLabel('Bản nháp (chưa đăng)').isChecked(), 'a new post starts as a draft');

  // Without alt text, nothing is written.
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForLoadState('load');
  const alert = await page.getByRole('alert').textContent();
  assert.match(alert, /Ảnh phải có mô tả/);
  const postFile = path.join(site, 'content/khanh-hoa/tin-tuc/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong.md');
  assert.ok(!fs.existsSync(postFile), 'refused without alt text');
  assert.equal(await page.getByLabel('Tác giả').inputValue(), 'Nguyễn Văn An', 'what was typed is kept');

  // The preview renders the unsaved post through the site's templates.
  await page.getByLabel('Mô tả ảnh (bắt buộc khi có ảnh)').fill('Bí thư Đoàn xã trao giấy khen cho đoàn viên');
  await page.getByLabel('Chú thích ảnh').fill('Ảnh: Đoàn xã Vĩnh Lương');
  const [preview] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: /Xem trước/ }).click(),
  ]);
  await preview.waitForLoadState('load');
  assert.equal(await preview.locator('h1').first().textContent(), title);
  assert.match(await preview.locator('.news-credit').textContent(), /Tác giả: Nguyễn Văn An/);
  await preview.close();

  await page.getByLabel('Tải ảnh lên').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/_editor\/edit\?file=.*saved=1/);
  assert.match(await page.getByRole('status').textContent(), /Đã lưu/);
  const written = fs.readFileSync(postFile, 'utf8');
  assert.match(written, /^\+\+\+\ntitle = "Biểu dương Đoàn viên thanh niên xã Vĩnh Lương"\nkind = "tin-bai"\n/);
  assert.match(written, /draft = true/);
  assert.match(written, /\[image\]\nalt = "Bí thư Đoàn xã trao giấy khen cho đoàn viên"\ncaption = "Ảnh: Đoàn xã Vĩnh Lương"\nsrc = "anh\/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong.png"/);
  assert.deepEqual(fs.readFileSync(path.join(site, 'static/anh/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong.png')), PNG);

  // Published by turning the draft off.
  await page.getByLabel('Bản nháp (chưa đăng)').uncheck();
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/saved=1/);
  assert.doesNotMatch(fs.readFileSync(postFile, 'utf8'), /draft/);

  const postUrl = `${origin}/khanh-hoa/tin-tuc/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong/`;
  const post = await waitFor(postUrl, title);
  assert.match(post, /<img class="news-image" src="[./]*anh\/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong.png" alt="Bí thư Đoàn xã trao giấy khen cho đoàn viên">/);
  assert.match(post, /<figcaption>Ảnh: Đoàn xã Vĩnh Lương<\/figcaption>/);
  assert.equal((await fetch(`${origin}/anh/bieu-duong-doan-vien-thanh-nien-xa-vinh-luong.png`)).status, 200);
  await waitFor(`${origin}/tin-bai/`, title);
  await waitFor(`${origin}/khanh-hoa/tin-bai/`, title);
  await waitFor(`${origin}/tin-bai/atom.xml`, title);
  await waitFor(`${origin}/khanh-hoa/tin-bai/rss.xml`, title);
  const jurisdiction = await waitFor(`${origin}/khanh-hoa/`, title);
  assert.match(jurisdiction, /href="[./]*khanh-hoa\/tin-bai\/">Tin tức của tỉnh Khánh Hòa<\/a>/);
  assert.deepEqual(outside, [], 'the editor loads nothing from elsewhere');
  await context.close();
});

test('a received .docx is imported, reviewed field by field and saved as a draft', async () => {
  const { context, page } = await editorPage();
  const docx = makeDocx([
    'ỦY BAN NHÂN DÂN',
    'TỈNH KHÁNH HÒA',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 27/KH-UBND',
    'Khánh Hòa, ngày 5 tháng 3 năm 2024',
    'KẾ HOẠCH',
    'Tổ chức biểu dương cán bộ, công chức thực hiện tốt văn hóa công vụ năm 2024',
    'Thực hiện Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa, Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:',
    'I. MỤC ĐÍCH',
    'Biểu dương kịp thời các tập thể, cá nhân tiêu biểu.',
    'Nơi nhận:',
    '- Sở Nội vụ;',
    '- Lưu: VT.',
    'TM. ỦY BAN NHÂN DÂN',
    'CHỦ TỊCH',
    'Nguyễn Văn Bình',
  ]);
  await page.goto(`${origin}/_editor/import`);
  await page.getByLabel('Tệp văn bản').setInputFiles({
    name: 'ke-hoach-27.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: docx,
  });
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').textContent(), 'Xem lại văn bản vừa nhập');
  const review = page.getByRole('table', { name: 'Các trường nhận được' });
  const numberRow = review.getByRole('row').filter({ hasText: 'Số ký hiệu' });
  assert.match(await numberRow.textContent(), /27\/KH-UBND/);
  assert.match(await numberRow.locator('td').nth(1).textContent(), /^\d+$/, 'the line it came from');
  assert.match(await review.getByRole('row').filter({ hasText: 'Họ tên người ký' }).textContent(), /Nguyễn Văn Bình/);
  assert.equal(await page.getByLabel('Số ký hiệu').inputValue(), '27/KH-UBND');
  assert.match(await page.locator('#h-number').textContent(), /Nhận từ dòng \d+ \(phần đầu văn bản\)/);
  assert.equal(await page.getByLabel('Loại văn bản').inputValue(), 'ke-hoach');
  assert.match(await page.locator('#f-implements').inputValue(), /6861\/KH-UBND/);
  assert.ok(await page.getByLabel('Bản nháp (chưa đăng)').isChecked());

  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/saved=1/);
  const file = new URL(page.url()).searchParams.get('file');
  assert.match(file, /^content\/khanh-hoa\/.+\.md$/);
  const text = fs.readFileSync(path.join(site, file), 'utf8');
  assert.match(text, /number = "27\/KH-UBND"/);
  assert.match(text, /kind = "ke-hoach"/);
  assert.match(text, /draft = true/);
  assert.match(text, /\[signer\][^]*name = "Nguyễn Văn Bình"/);
  await context.close();
});

test('a write from another origin or without the form token is refused', async () => {
  const [, form] = await get(`${origin}/_editor/new?type=news`);
  const token = form.match(/name="token" value="([0-9a-f]{64})"/)[1];
  const body = new URLSearchParams({ token, type: 'news', title: 'Tin giả mạo', issued: '2024-01-01' }).toString();
  const type = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const forged = path.join(site, 'content/tin-tuc/tin-gia-mao.md');

  const [foreign, foreignText] = await rawPost(`${origin}/_editor/save`, { ...type, Origin: 'http://evil.example' }, body);
  assert.equal(foreign, 403);
  assert.match(foreignText, /Yêu cầu bị từ chối/);
  const [crossSite] = await rawPost(`${origin}/_editor/save`, { ...type, 'Sec-Fetch-Site': 'cross-site' }, body);
  assert.equal(crossSite, 403);
  const noToken = new URLSearchParams({ type: 'news', title: 'Tin giả mạo', issued: '2024-01-01' }).toString();
  const [missing] = await rawPost(`${origin}/_editor/save`, { ...type, Origin: origin }, noToken);
  assert.equal(missing, 403);
  const [wrong] = await rawPost(`${origin}/_editor/save`, { ...type, Origin: origin }, body.replace(token, 'f'.repeat(64)));
  assert.equal(wrong, 403);
  const [rebound] = await rawPost(`${origin}/_editor/save`, { ...type, Host: 'rebind.example' }, body);
  assert.equal(rebound, 421, 'the Host check comes first');
  assert.ok(!fs.existsSync(forged), 'nothing was written');

  // A page of another origin that posts a form to the editor is refused
  // by the browser's own Origin header.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('http://evil.example/', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<form method="post" action="${origin}/_editor/save"><input name="token" value="${token}"><input name="type" value="news"><input name="title" value="Tin giả mạo"><button>Gửi</button></form>`,
  }));
  await page.goto('http://evil.example/');
  const [response] = await Promise.all([page.waitForResponse(`${origin}/_editor/save`), page.click('button')]);
  assert.equal(response.status(), 403);
  assert.ok(!fs.existsSync(forged), 'nothing was written');
  await context.close();

  // The token the editor's own pages carry is accepted.
  const [own] = await rawPost(`${origin}/_editor/save`, { ...type, Origin: origin }, body);
  assert.equal(own, 303);
  assert.ok(fs.existsSync(forged));
});

test('axe finds nothing on the editor pages, and every control has a label', async () => {
  const { context, page } = await editorPage();
  const pages = [
    '/_editor/',
    '/_editor/new?type=news',
    '/_editor/new?type=document',
    '/_editor/import',
    '/_editor/edit?file=content/tin-tuc/bieu-duong-bo-phan-mot-cua-khanh-hoa.md',
    '/_editor/edit?file=content/khanh-hoa/ke-hoach-6861.md',
  ];
  const problems = [];
  for (const url of pages) {
    const response = await page.goto(origin + url);
    assert.equal(response.status(), 200, url);
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    for (const v of await axeViolations(page)) {
      problems.push(`${url}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target).join(', ')}`);
    }
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => !el.labels || el.labels.length === 0)
      .map((el) => el.id || el.name));
    for (const id of unlabelled) problems.push(`${url}: no <label for> for ${id}`);
  }
  assert.deepEqual(problems, [], report('accessibility problems on the editor pages', problems));

  // Keyboard: the first Tab reaches the skip link, which moves to the form.
  await page.goto(`${origin}/_editor/new?type=news`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Bỏ qua, đến nội dung chính');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-unit');
  await context.close();
});
