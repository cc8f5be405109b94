// Shared by the browser tests: build the bundled site with the vanban
// binary, serve it from 127.0.0.1 with a tiny static server, and drive
// Debian's Chromium through playwright-core. Nothing here downloads a
// browser; a missing Chromium or binary is an error, never a skip.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const REPO = path.resolve(here, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The sub-path the second build is published under. */
export const SUB_PATH_BASE_URL = 'https://tinh.gov.vn/van-hoa-cong-vu/';

/** The vanban binary: $VANBAN_BIN, else the release build of this repo. */
export function vanbanBin() {
  const bin = process.env.VANBAN_BIN || path.join(REPO, 'target/release/vanban');
  if (!fs.existsSync(bin)) {
    throw new Error(`vanban binary not found at ${bin}: build it (cargo build --release) or set VANBAN_BIN`);
  }
  return bin;
}

/**
 * Builds the bundled site (the repo root) into a fresh temp folder with
 * `vanban build --root <repo> --output-dir <tmp> [--base-url <url>]`.
 */
export function buildSite({ baseUrl } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanban-browser-'));
  const args = ['build', '--root', REPO, '--output-dir', dir];
  if (baseUrl) args.push('--base-url', baseUrl);
  const run = spawnSync(vanbanBin(), args, { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`vanban ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return {
    dir,
    pages: htmlPages(dir),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Site-relative URL paths of every HTML file the build wrote, sorted. */
export function htmlPages(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.html')) {
        out.push(entry.name === 'index.html' ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk('');
  return out.sort();
}

/**
 * One page per kind of page: the first page (in URL order) for each set of
 * class names used inside <main>. Pages built from one template with the
 * same features share a set; a new template or feature brings a new one.
 * For the slower checks, where every page would repeat the same markup.
 */
export function representativePages(site, always = []) {
  const seen = new Map();
  for (const url of site.pages) {
    const file = path.join(site.dir, url.endsWith('.html') ? url : `${url}index.html`);
    const html = fs.readFileSync(file, 'utf8');
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    const classes = new Set();
    for (const m of main.matchAll(/class=("[^"]*"|[^\s>]+)/g)) {
      for (const c of m[1].replace(/"/g, '').split(/\s+/)) if (c) classes.add(c);
    }
    const signature = [...classes].sort().join(' ');
    if (!seen.has(signature)) seen.set(signature, url);
  }
  return [...new Set([...always, ...seen.values()])].sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/**
 * Serves `dir` at http://127.0.0.1:<port><prefix>, as a static host would:
 * folders answer with their index.html (and redirect to the slash form),
 * unknown paths with 404.html and status 404.
 */
export async function serve(dir, prefix = '/') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const send404 = () => {
      const page = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(page) ? fs.readFileSync(page) : 'not found');
    };
    if (!pathname.startsWith(prefix)) return send404();
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return send404();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' + url.search }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return send404();
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      // Pages always fresh; styles and fonts cached, as a real host would.
      'cache-control': path.extname(file) === '.html' ? 'no-cache' : 'max-age=3600',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + prefix,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}

/** Launches Debian's Chromium; fails (does not skip) when it is missing. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests need it (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A browser context in which every request that does not go to `origin`
 * is recorded in `blocked` and, with `route` (the default), aborted
 * through page routing. Routing turns Chromium's HTTP cache off, so tests
 * that load many pages for other reasons only record (`route: false`);
 * offline.test.mjs blocks.
 */
export async function guardedContext(browser, origin, options = {}, { route = true } = {}) {
  const context = await browser.newContext(options);
  const blocked = [];
  const local = (url) => url.startsWith(origin + '/') || url.startsWith('data:');
  if (route) {
    await context.route('**/*', (r) => {
      const url = r.request().url();
      if (local(url)) return r.continue();
      blocked.push(url);
      return r.abort('blockedbyclient');
    });
  } else {
    context.on('request', (request) => {
      if (!local(request.url())) blocked.push(request.url());
    });
  }
  return { context, blocked };
}

/** Loads a page and waits until its web fonts are in. */
export async function open(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => {});
  return response;
}

export const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the loaded page: violations of the WCAG A/AA tags. */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160) })),
    }));
  }, AXE_TAGS);
}

/** Formats a list of problems, one a line, for an assertion message. */
export function report(title, problems) {
  return `${title} (${problems.length}):\n  ${problems.slice(0, 60).join('\n  ')}${problems.length > 60 ? '\n  …' : ''}`;
}

/**
 * In-page helper (pass to page.evaluate): a short CSS-ish path naming an
 * element, for failure messages.
 */
export const describeElementSource = `
window.__describe = (el) => {
  if (!el || el.nodeType !== 1) return String(el);
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.localName;
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    if (e.classList.length) s += '.' + [...e.classList].join('.');
    parts.unshift(s);
  }
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return parts.join(' > ') + (text ? ' "' + text + '"' : '');
};
`;

/** Elements reachable with Tab, in DOM order (in-page source). */
export const tabbablesSource = `
window.__tabbables = () => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
  return [...document.querySelectorAll(selector)].filter((el) => {
    if (el.disabled) return false;
    if (el.tabIndex < 0) return false;
    if (el.closest('[inert]')) return false;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') return false;
    return el.getClientRects().length > 0 || el.classList.contains('skip-link');
  });
};
`;
