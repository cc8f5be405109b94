/* vanban search client. Mirrors src/search (tokenize.rs, format.rs,
 * query.rs) step by step: scores are integers, so the browser and
 * `vanban search` rank identically. Change both sides together. */
(function (root) {
  'use strict';
  var TONES = '\u0300\u0301\u0303\u0309\u0323';
  var W_TITLE = 16, W_EXACT = 4, W_BIGRAM = 2, W_NUMBER = 64, W_SERIAL = 16;
  var MAX_WORDS = 16, SPAN = 4, LIST_LEVELS = 0, BITMAP = 1, LIST = 2, COMPLEMENT = 4, DIFF = 5;
  var SNIPPET_WORDS = 32, SNIPPET_LEAD = 4, TEXTS = '*';
  var MARK;
  try { MARK = new RegExp('^\\p{M}$', 'u'); } catch (e) {
    MARK = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/;
  }
  var utf8 = new TextEncoder(), utf8d = new TextDecoder();
  var classes = new Map();

  // Like fold_char: '' for a combining mark, the folded ASCII letter or
  // digit for a word character, null for a separator.
  function classify(c) {
    var k = classes.get(c);
    if (k !== undefined) return k;
    if (MARK.test(c)) k = '';
    else if (/[đĐÐð]/.test(c)) k = 'd';
    else if (c === 'Ƣ' || c === 'ƣ') k = 'u';
    else {
      var b = c;
      for (var d of c.normalize('NFD')) if (!MARK.test(d)) { b = d; break; }
      b = b.toLowerCase();
      b = String.fromCodePoint(b.codePointAt(0));
      k = /^[a-z0-9]$/.test(b) ? b : null;
    }
    classes.set(c, k);
    return k;
  }

  // f(lower, folded, start, end) per word; offsets are UTF-16 indices.
  // `lower` stays '' when noLower is set (snippets need only the fold).
  function forEachWord(text, f, noLower) {
    var lower = '', folded = '', start = -1, i = 0;
    for (var c of text) {
      var k = classify(c);
      if (k) {
        if (start < 0) start = i;
        if (!noLower) lower += c.toLowerCase();
        folded += k;
      } else if (k === '' && start >= 0) {
        if (!noLower) lower += c;
      } else if (start >= 0) {
        f(lower, folded, start, i);
        lower = folded = '';
        start = -1;
      }
      i += c.length;
    }
    if (start >= 0) f(lower, folded, start, text.length);
  }

  function fold(s) {
    var out = '';
    for (var c of s) { var k = classify(c); if (k) out += k; }
    return out;
  }

  function exactKey(lower) {
    var base = '', tones = '';
    for (var c of lower.normalize('NFD')) {
      if (TONES.indexOf(c) >= 0) tones += c; else base += c;
    }
    return (base + tones).normalize('NFC');
  }

  var isDigits = function (s) { return /^[0-9]+$/.test(s); };
  function numberPart(p) {
    return isDigits(p) ? (p.replace(/^0+/, '') || '0') : p;
  }
  function numberTerm(parts) {
    var digits = [], codes = [];
    parts.forEach(function (p) {
      if (isDigits(p)) digits.push(numberPart(p)); else codes.push(p);
    });
    return digits.length && codes.length ? '#' + digits.concat(codes).join('-') : null;
  }

  function fnv1a(s) {
    var h = 0x811c9dc5, b = utf8.encode(s);
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
    return h;
  }
  // Like format.rs base_term(): what a DIFF entry is relative to.
  function baseTerm(term) {
    var sp = term.indexOf(' ');
    if (term[0] === '=') return fold(term.slice(1));
    if (term[0] === '^') return sp < 0 ? term.slice(1) : term.slice(0, sp);
    if (term[0] === '#' || term === TEXTS) return null;
    return sp < 0 ? TEXTS : term.slice(0, sp);
  }

  function shardOf(term, shards) {
    var key = term;
    if (term[0] === '=') key = fold(term.slice(1));
    else if (term[0] === '^') key = term.slice(1);
    else if (term[0] === '#') key = term.split('-')[0];
    return fnv1a(key) % Math.max(shards, 1);
  }

  function varint(buf, st) {
    var v = 0, mul = 1, b;
    do {
      if (st.pos >= buf.length) return -1;
      b = buf[st.pos++];
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b >= 0x80);
    return v;
  }

  function parseShard(buf, into) {
    var st = { pos: 0 };
    while (st.pos < buf.length) {
      var len = varint(buf, st);
      var key = utf8d.decode(buf.subarray(st.pos, st.pos + len));
      st.pos += len;
      var idf = varint(buf, st), kind = buf[st.pos++], plen = varint(buf, st);
      into.set(key, { idf: idf, kind: kind, p: buf.subarray(st.pos, st.pos + plen) });
      st.pos += plen;
    }
  }

  // f(doc, level) over a list (LIST_LEVELS, or LIST with level 0); dense
  // terms go through setOf() in search().
  function postings(e, f) {
    var p = e.p, st = { pos: 0 }, doc = 0, v;
    while ((v = varint(p, st)) >= 0) {
      if (e.kind === LIST_LEVELS) {
        doc += Math.floor(v / 16);
        f(doc, (v % 16) + 1);
      } else {
        doc += v;
        f(doc, 0);
      }
    }
  }

  // The hot loop of a dense term, kept monomorphic (typed arrays only).
  function addSet(s, score, w, m, bit) {
    for (var d = 0; d < s.length; d++) if (s[d]) { score[d] += w; m[d] |= bit; }
  }

  function parse(text, codes) {
    var tokens = [];
    text.normalize('NFC').replace(/[“”„]/g, '"').split('"').forEach(function (part, seg) {
      forEachWord(part, function (lower, folded) {
        tokens.push({ lower: lower, folded: folded, seg: seg, quoted: seg % 2 === 1 });
      });
    });
    tokens = tokens.slice(0, MAX_WORDS);
    var p = { words: [], bigrams: [], numbers: [] };
    tokens.forEach(function (t) {
      var exact = exactKey(t.lower);
      var w = p.words.find(function (x) { return x.folded === t.folded; });
      if (!w) { w = { folded: t.folded, exacts: [] }; p.words.push(w); }
      if (exact !== t.folded && w.exacts.indexOf(exact) < 0) w.exacts.push(exact);
    });
    var i, a, b;
    for (i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].seg !== tokens[i + 1].seg) continue;
      var key = tokens[i].folded + ' ' + tokens[i + 1].folded;
      var bg = p.bigrams.find(function (x) { return x[0] === key; });
      if (bg) bg[1] = bg[1] || tokens[i].quoted; else p.bigrams.push([key, tokens[i].quoted]);
    }
    var add = function (term, whole) {
      if (!p.numbers.some(function (x) { return x[0] === term; })) p.numbers.push([term, whole]);
    };
    var numberish = function (t) { return isDigits(t.folded) || codes.has(t.folded); };
    var folded = function (t) { return t.folded; };
    for (i = 0; i < tokens.length; i++) {
      if (!isDigits(tokens[i].folded)) continue;
      for (a = Math.max(0, i - SPAN); a <= i; a++) {
        for (b = i; b < Math.min(tokens.length, i + SPAN + 1); b++) {
          var win = tokens.slice(a, b + 1);
          if (win.every(numberish)) {
            var term = numberTerm(win.map(folded));
            if (term) add(term, true);
          }
        }
      }
      add('#' + numberPart(tokens[i].folded), false);
    }
    return p;
  }

  function escape(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Like query.rs snippet(): the window of SNIPPET_WORDS - SNIPPET_LEAD
  // words starting at a match with the most distinct query words, then the
  // most adjacent pairs of them, then the most matches, then the earliest,
  // shown from SNIPPET_LEAD words before.
  function snippet(text, marks) {
    var words = [];
    forEachWord(text, function (lower, folded, start, end) {
      var i = marks.indexOf(folded);
      words.push([start, end, i < 0 ? 0 : 1 << i]);
    }, true);
    if (!words.length) return '';
    var span = SNIPPET_WORDS - SNIPPET_LEAD, best = [0, 0, 0, 0], i, j;
    for (i = 0; i < words.length; i++) {
      if (!words[i][2]) continue;
      var m = 0, pairs = 0, count = 0, distinct = 0, end = Math.min(words.length, i + span), b;
      for (j = i; j < end; j++) {
        b = words[j][2];
        m |= b;
        if (b) count++;
        if (b && j + 1 < end && words[j + 1][2] && words[j + 1][2] !== b) pairs++;
      }
      for (; m; m &= m - 1) distinct++;
      var c = [distinct, pairs, count];
      if (c[0] > best[0] || (c[0] === best[0] && (c[1] > best[1] || (c[1] === best[1] && c[2] > best[2])))) best = c.concat(i);
    }
    var start = Math.max(0, best[3] - SNIPPET_LEAD), end = Math.min(words.length, start + SNIPPET_WORDS);
    var out = start > 0 ? '… ' : '', last = words[start][0];
    for (i = start; i < end; i++) {
      var w = words[i];
      if (w[2]) {
        out += escape(text.slice(last, w[0])) + '<mark>' + escape(text.slice(w[0], w[1])) + '</mark>';
        last = w[1];
      }
    }
    return out + escape(text.slice(last, words[end - 1][1])) + (end < words.length ? ' …' : '');
  }

  // Snippet texts are gzip; bytes that are not (a proxy decompressed them)
  // are kept as they are.
  async function gunzip(buf) {
    if (buf[0] !== 0x1f || buf[1] !== 0x8b) return buf;
    var s = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(s).arrayBuffer());
  }

  function nul(x) { return x === undefined ? null : x; }

  function create(loader) {
    var cache = new Map();
    function load(path, json) {
      var key = path + (json ? ':j' : '');
      if (!cache.has(key)) {
        cache.set(key, Promise.resolve(loader(path)).then(function (x) {
          if (json) return JSON.parse(typeof x === 'string' ? x : utf8d.decode(x));
          return x instanceof Uint8Array ? x : new Uint8Array(x);
        }));
      }
      return cache.get(key);
    }

    // Like query.rs load_filters(): a count per (jurisdiction, kind, year)
    // cell, years descending and undated last.
    function loadFilters(buf, meta) {
      var n = meta.docs, st = { pos: 0 }, d = 0, leaf, kind, y, j, ny = meta.years.length;
      var f = { leaf: new Uint32Array(n), kind: new Uint32Array(n), year: new Uint32Array(n), runs: [] };
      for (leaf = 0; leaf <= meta.jurisdictions.length; leaf++) {
        for (kind = 0; kind < meta.kinds.length; kind++) {
          for (y = ny; y >= 0; y--) {
            var count = varint(buf, st);
            if (count > 0) f.runs.push(d);
            for (j = 0; j < count; j++, d++) { f.leaf[d] = leaf; f.kind[d] = kind; f.year[d] = y; }
          }
        }
      }
      if (d !== n || st.pos !== buf.length) throw new Error('search index: bad filters');
      return f;
    }

    function facets(meta, f, matches) {
      var index = new Map(meta.jurisdictions.map(function (j, i) { return [j[0], i]; }));
      var lineage = meta.jurisdictions.map(function (j) {
        var path = j[0], v = [];
        for (var i = 0; i < path.length; i++) {
          if (path[i] === '/' && index.has(path.slice(0, i))) v.push(index.get(path.slice(0, i)));
        }
        if (index.has(path)) v.push(index.get(path));
        return v;
      });
      var jc = meta.jurisdictions.map(function () { return 0; });
      var kc = meta.kinds.map(function () { return 0; });
      var yc = meta.years.map(function () { return 0; });
      // Count per leaf first, then add each leaf's count to its lineage.
      var lc = new Uint32Array(meta.jurisdictions.length + 1), i, d;
      for (i = 0; i < matches.length; i++) {
        d = matches[i];
        lc[f.leaf[d]]++;
        kc[f.kind[d]]++;
        if (f.year[d] > 0) yc[f.year[d] - 1]++;
      }
      lineage.forEach(function (v, leaf) { v.forEach(function (a) { jc[a] += lc[leaf + 1]; }); });
      var list = function (names, counts) {
        var out = [];
        names.forEach(function (nm, i) {
          if (counts[i] > 0) out.push({ value: nm[0], name: nm[1], count: counts[i] });
        });
        return out;
      };
      return {
        jurisdictions: list(meta.jurisdictions, jc),
        kinds: list(meta.kinds, kc),
        years: list(meta.years.map(function (y) { return [String(y), String(y)]; }), yc)
      };
    }

    async function search(text, opts) {
      opts = opts || {};
      var limit = opts.limit == null ? 10 : opts.limit;
      var first = await preload(), meta = first[0], filters = first[1], big = first[2];
      var n = meta.docs, bl = meta.bitmap_level;
      var p = parse(text || '', new Set(meta.codes));

      var wanted = [];
      p.words.forEach(function (w) {
        wanted.push(w.folded, '^' + w.folded);
        w.exacts.forEach(function (e) { wanted.push('=' + e); });
      });
      p.bigrams.forEach(function (b) { wanted.push(b[0], '^' + b[0]); });
      p.numbers.forEach(function (x) { wanted.push(x[0]); });
      if (p.words.length) wanted.push(TEXTS);
      // Big terms (listed in big.bin) come from their own files, the others
      // from their shards, all fetched at once.
      var files = Array.from(new Set(wanted.map(function (t) {
        var h = fnv1a(t);
        return big.has(h) ? 'search/t/' + h.toString(16) + '.bin' : 'search/s/' + shardOf(t, meta.shards) + '.bin';
      })));
      var entries = new Map();
      (await Promise.all(files.map(function (f) { return load(f); }))).forEach(function (b) { parseShard(b, entries); });
      // Dense terms (bitmaps, complements, differences from a base term)
      // become one flag per doc, so scoring them is a flat loop.
      // `spare` takes the bits of terms that set none.
      var sets = new Map(), score = new Float64Array(n), spare = new Uint32Array(n);
      var setOf = function (key) {
        if (sets.has(key)) return sets.get(key);
        var e = entries.get(key), s = new Uint8Array(n), st = { pos: 0 }, d = 0, v, i;
        if (!e) { /* absent: no docs */ } else if (e.kind === BITMAP) {
          for (i = 0; i < n; i++) s[i] = (e.p[i >> 3] >> (i & 7)) & 1;
        } else if (e.kind === COMPLEMENT || e.kind === DIFF) {
          if (e.kind === COMPLEMENT) s.fill(1);
          else if (baseTerm(key) !== null) s.set(setOf(baseTerm(key)));
          while ((v = varint(e.p, st)) >= 0) { d += v; s[d] ^= 1; }
        } else postings(e, function (d) { s[d] = 1; });
        sets.set(key, s);
        return s;
      };
      // Adds weight × level (× 1 without levels) to every doc of a term
      // and sets `bit` in `m`.
      var add = function (key, weight, levels, m, bit) {
        var e = entries.get(key);
        if (!e) return;
        if (e.kind === LIST || e.kind === LIST_LEVELS) {
          postings(e, function (d, l) { score[d] += levels ? weight * l : weight; if (m) m[d] |= bit; });
          return;
        }
        addSet(setOf(key), score, levels ? weight * bl : weight, m || spare, bit);
      };

      var mask = new Uint32Array(n), pmask = new Uint32Array(n), whole = new Uint32Array(n);
      p.words.forEach(function (w, i) {
        var bit = 1 << i, e = entries.get(w.folded), t = entries.get('^' + w.folded);
        if (e) add(w.folded, e.idf, true, mask, bit);
        if (t) add('^' + w.folded, t.idf * W_TITLE, false, mask, bit);
        w.exacts.forEach(function (x) { add('=' + x, (e ? e.idf : 0) * W_EXACT, false, null, 0); });
      });
      var required = 0, phrase = 0;
      p.bigrams.forEach(function (b) {
        var bit = 0, e = entries.get(b[0]), t = entries.get('^' + b[0]);
        if (b[1]) { bit = 1 << phrase++; required |= bit; }
        if (e) add(b[0], e.idf * bl * W_BIGRAM, false, pmask, bit);
        if (t) add('^' + b[0], t.idf * W_TITLE, false, pmask, bit);
      });
      p.numbers.forEach(function (x) {
        var e = entries.get(x[0]);
        if (e) add(x[0], e.idf * (x[1] ? W_NUMBER : W_SERIAL), true, whole, x[1] ? 1 : 0);
      });

      var all = p.words.length ? Math.pow(2, p.words.length) - 1 : 0;
      var browse = !p.words.length && !p.numbers.length, matches, d, count = 0, ids = new Uint32Array(n);
      for (d = 0; d < n; d++) {
        if (browse || ((mask[d] === all || whole[d]) && pmask[d] === required)) ids[count++] = d;
      }
      matches = ids.subarray(0, count);
      if (!matches.length && p.words.length > 1) {
        var digits = 0, half = Math.ceil(p.words.length / 2);
        p.words.forEach(function (w, i) { if (isDigits(w.folded)) digits |= 1 << i; });
        var ones = function (m) { var c = 0; for (; m; m &= m - 1) c++; return c; };
        matches = [];
        for (d = 0; d < n; d++) {
          if ((mask[d] & digits) === digits && ones(mask[d]) >= half && pmask[d] === required) matches.push(d);
        }
      }

      var unfiltered = matches, jf = opts.jurisdiction, sel = null;
      if (jf) {
        sel = meta.jurisdictions.map(function (j) {
          var path = j[0];
          return path === jf || path.indexOf(jf + '/') === 0 ||
            (jf.indexOf('/') < 0 && path.split('/').indexOf(jf) >= 0);
        });
      }
      var ki = opts.kind ? meta.kinds.findIndex(function (k) { return k[0] === opts.kind; }) : null;
      if (ki === -1) ki = -2;
      var yi = opts.year ? meta.years.indexOf(Number(opts.year)) + 1 : null;
      if (yi === 0) yi = -2;
      if (sel || ki !== null || yi !== null) matches = matches.filter(function (d) {
        var leaf = filters.leaf[d];
        return (!sel || (leaf > 0 && sel[leaf - 1])) &&
          (ki === null || filters.kind[d] === ki) && (yi === null || filters.year[d] === yi);
      });

      var cmp;
      if (opts.sortByDate) {
        var db = await load('search/dates.bin'), md = new Uint32Array(n), st = { pos: 0 };
        var prev = 0, next = 0;
        for (d = 0; d < n; d++) {
          if (filters.runs[next] === d) { prev = 511; next++; }
          prev -= varint(db, st);
          md[d] = prev;
        }
        var year = function (d) { return filters.year[d] ? meta.years[filters.year[d] - 1] : 0; };
        cmp = function (a, b) { return year(b) - year(a) || md[b] - md[a] || a - b; };
      } else {
        cmp = function (a, b) { return score[b] - score[a] || a - b; };
      }

      // Only the first `limit` in order: a sorted insertion into a short
      // list, instead of sorting every match of a common word.
      var top = [];
      for (var i = 0; i < matches.length && limit > 0; i++) {
        d = matches[i];
        if (top.length === limit && cmp(d, top[limit - 1]) >= 0) continue;
        var at = top.length;
        while (at > 0 && cmp(d, top[at - 1]) < 0) at--;
        top.splice(at, 0, d);
        if (top.length > limit) top.pop();
      }
      var marks = p.words.map(function (w) { return w.folded; });
      // A record: a line of JSON metadata, then the snippet text, gzip.
      // Fetch them while the facets are counted; hand the hits over
      // (opts.onHits) before the snippets are cut.
      // Records come in chunks of consecutive ids (records.bin says where
      // each starts): a varint length, then the record.
      var starts = first[3];
      var recs = top.map(function (d) {
        var lo = 0, hi = starts.length - 1, mid;
        while (lo < hi) { mid = (lo + hi + 1) >> 1; if (starts[mid] <= d) lo = mid; else hi = mid - 1; }
        return load('search/r/' + lo + '.bin').then(function (c) {
          var st = { pos: 0 }, len, k = d - starts[lo];
          for (;;) {
            len = varint(c, st);
            if (len < 0) throw new Error('record ' + d);
            if (!k--) return c.subarray(st.pos, st.pos + len);
            st.pos += len;
          }
        });
      });
      var fc = facets(meta, filters, unfiltered);
      recs = await Promise.all(recs);
      var hits = recs.map(function (buf, i) {
        var c = JSON.parse(utf8d.decode(buf.subarray(0, buf.indexOf(10))));
        return {
          url: c.u, title: c.t, kind: c.k, kind_name: c.kn, number: nul(c.n),
          issuer: nul(c.i), date: nul(c.d), score: score[top[i]], snippet: ''
        };
      });
      var total = matches.length;
      if (opts.onHits) opts.onHits({ total: total, hits: hits, facets: fc });
      await Promise.all(recs.map(async function (buf, i) {
        var text = '';
        try { text = utf8d.decode(await gunzip(buf.subarray(buf.indexOf(10) + 1))); } catch (e) { /* no DecompressionStream */ }
        hits[i].snippet = snippet(text, marks);
      }));
      return { total: total, hits: hits, facets: fc };
    }
    // What every query needs first, fetched while the visitor types.
    // Parsed once per client.
    var ready = null;
    function preload() {
      if (!ready) {
        ready = Promise.all([load('search/meta.json', true), load('search/filters.bin'), load('search/big.bin'),
          load('search/records.bin')])
          .then(function (x) {
            var big = new Set(), st = { pos: 0 }, h = 0, v, starts = [0];
            while ((v = varint(x[2], st)) >= 0) big.add(h += v);
            st = { pos: 0 }; h = 0;
            while ((v = varint(x[3], st)) >= 0) starts.push(h += v);
            // The documents with a text: every query with words needs it.
            h = fnv1a(TEXTS);
            return Promise.resolve(big.has(h) && load('search/t/' + h.toString(16) + '.bin'))
              .then(function () { return [x[0], loadFilters(x[1], x[0]), big, starts]; });
          });
        ready.catch(function () { ready = null; });
      }
      return ready;
    }
    return { search: search, preload: preload };
  }

  var clients = new Map();
  // Opened from file://, a page may not fetch() other files but may load
  // scripts: every index file has a twin `{path}.js` that calls put() with
  // its bytes in base64.
  var waiting = new Map();
  function scriptLoader(base) {
    return function (path) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        var fail = function () { waiting.delete(path); s.remove(); reject(new Error('không tải được ' + path)); };
        waiting.set(path, function (b64) { s.remove(); resolve(b64); });
        s.onerror = fail;
        s.onload = function () { if (waiting.has(path)) fail(); };
        s.src = base + path + '.js';
        document.head.appendChild(s);
      });
    };
  }
  function put(path, b64) {
    var done = waiting.get(path);
    if (!done) return;
    waiting.delete(path);
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    done(out);
  }
  function fetchLoader(base) {
    return function (path) {
      return fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + path);
        return r.arrayBuffer();
      });
    };
  }
  var api = {
    create: create,
    fold: fold,
    put: put,
    client: function (baseUrl) {
      var local = typeof location !== 'undefined' && location.protocol === 'file:' && typeof document !== 'undefined';
      if (!clients.has(baseUrl)) clients.set(baseUrl, create((local ? scriptLoader : fetchLoader)(baseUrl)));
      return clients.get(baseUrl);
    },
    search: function (baseUrl, query, opts) {
      return api.client(baseUrl).search(query, opts);
    }
  };
  root.VanbanSearch = api;
  if (typeof module === 'object' && module.exports) module.exports = api;

  // ---- Page binding ----
  function viDate(s) {
    var p = (s || '').split('-');
    return p.reverse().join('/');
  }
  function link(base, url) {
    if (/^[a-z]+:/i.test(url) || url.indexOf(base) === 0) return url;
    return base.replace(/\/$/, '') + (url[0] === '/' ? '' : '/') + url;
  }
  function bind(doc, win) {
    var form = doc.getElementById('search-form'), out = doc.getElementById('search-results');
    var status = doc.getElementById('search-status');
    if (!form || !out) return;
    var say = function (t) { var el = status || out; if (el.textContent !== t) el.textContent = t; };
    var base = doc.documentElement.dataset.base || '/';
    var field = function (name) { return form.elements[name]; };
    var selects = { tinh: 'jurisdictions', loai: 'kinds', nam: 'years' };

    function fillFacets(facets) {
      Object.keys(selects).forEach(function (name) {
        var sel = field(name);
        if (!sel || !sel.options) return;
        var counts = new Map(facets[selects[name]].map(function (f) { return [f.value, f]; }));
        Array.prototype.forEach.call(sel.options, function (o) {
          if (!o.value) return;
          if (!o.dataset.label) o.dataset.label = o.textContent;
          var f = counts.get(o.value);
          o.textContent = o.dataset.label + ' (' + (f ? f.count : 0) + ')';
          counts.delete(o.value);
        });
        counts.forEach(function (f) {
          if (name === 'tinh' && f.value.indexOf('/') >= 0) return;
          var o = doc.createElement('option');
          o.value = f.value;
          o.dataset.label = f.name;
          o.textContent = f.name + ' (' + f.count + ')';
          sel.appendChild(o);
        });
      });
    }

    // Hits are shown a page at a time; "Xem thêm" adds the next page.
    var PAGE = 10, shown = PAGE, token = 0;
    function item(h) {
      var meta = [h.kind_name, h.number, h.issuer, h.date && viDate(h.date)]
        .filter(Boolean).map(escape).join(' · ');
      return '<li><a href="' + escape(link(base, h.url)) + '">' + escape(h.title) +
        '</a><div class="search-meta">' + meta + '</div></li>';
    }
    // Titles and metadata first, announced; snippets fill in after.
    function render(r) {
      say(r.total ? 'Tìm thấy ' + r.total + ' văn bản' : 'Không tìm thấy văn bản phù hợp');
      out.innerHTML = r.total ? '<ol class="search-hits">' + r.hits.map(item).join('') + '</ol>' +
        (r.total > r.hits.length ? '<p><button type="button" class="search-more">Xem thêm kết quả</button></p>' : '') : '';
      var more = out.querySelector('.search-more');
      if (more) more.addEventListener('click', function () { shown += PAGE; run(r.hits.length); });
    }
    function fill(r) {
      var items = out.querySelectorAll('.search-hits > li');
      r.hits.forEach(function (h, i) {
        if (!h.snippet || !items[i]) return;
        var p = doc.createElement('p');
        p.innerHTML = h.snippet;
        items[i].appendChild(p);
      });
    }

    // Phones: the filters fold behind their summary unless one is set, so
    // that the results follow the search box.
    var filters = doc.querySelector('.search-filters');
    function foldFilters(q) {
      if (!filters || !win.matchMedia || !win.matchMedia('(max-width: 39.99em)').matches) return;
      filters.open = ['tinh', 'loai', 'nam', 'sx'].some(function (k) { return q.get(k); });
    }
    // After a search the count is brought into view (and, after a submit
    // here, focused, so that Tab goes on to the first hit).
    function reveal(focus) {
      if (!status) return;
      if (focus) status.focus({ preventScroll: true });
      var hit = out.querySelector('.search-hits > li') || status;
      if (hit.getBoundingClientRect().bottom > win.innerHeight) status.scrollIntoView({ block: 'start' });
    }

    // `from`: after "Xem thêm", the index of the first new hit, focused;
    // `focus`: move focus to the result count once the hits are in.
    async function run(from, focus) {
      var mine = ++token;
      if (typeof from !== 'number') { from = -1; shown = PAGE; }
      var q = new URLSearchParams(win.location.search);
      ['q', 'tinh', 'loai', 'nam', 'sx'].forEach(function (k) { if (field(k)) field(k).value = q.get(k) || ''; });
      foldFilters(q);
      var revealed = false;
      if (!q.get('q') && !q.get('tinh') && !q.get('loai') && !q.get('nam')) {
        say('');
        out.innerHTML = '';
        return;
      }
      if (from < 0) say('Đang tìm…');
      out.setAttribute('aria-busy', 'true');
      try {
        var r = await api.search(base, q.get('q') || '', {
          jurisdiction: q.get('tinh'), kind: q.get('loai'),
          year: q.get('nam') ? Number(q.get('nam')) : null, sortByDate: q.get('sx') === 'ngay', limit: shown,
          onHits: function (r) {
            if (mine !== token) return;
            render(r);
            var a = from >= 0 && out.querySelectorAll('.search-hits > li > a')[from];
            if (a) a.focus();
            else if (!revealed) { revealed = true; reveal(focus); }
          }
        });
        if (mine !== token) return;
        fill(r);
        fillFacets(r.facets);
      } catch (e) {
        // From file:// the index comes as scripts (search/**/*.js); a copy
        // of the site without them cannot search.
        if (mine === token) {
          say(win.location.protocol === 'file:'
            ? 'Không tải được chỉ mục tìm kiếm từ tệp (file://): thư mục search/ của bản sao này thiếu các tệp .js của chỉ mục. Hãy chép lại cả thư mục trang, hoặc xem văn bản theo địa phương, loại hoặc năm, hoặc mở trang qua máy chủ web (ví dụ lệnh vanban serve).'
            : 'Không tải được chỉ mục tìm kiếm.');
        }
      }
      if (mine === token) out.setAttribute('aria-busy', 'false');
    }

    // The index's first files are fetched once the page is idle, so a
    // query waits only for its own terms.
    var warm = function () { api.client(base).preload().catch(function () { /* reported by the search */ }); };
    if (win.requestIdleCallback) win.requestIdleCallback(warm, { timeout: 2000 }); else win.setTimeout(warm, 200);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var q = new URLSearchParams();
      ['q', 'tinh', 'loai', 'nam', 'sx'].forEach(function (k) {
        var f = field(k);
        if (f && f.value && (f.type !== 'checkbox' || f.checked)) q.set(k, f.value);
      });
      win.history.pushState(null, '', '?' + q.toString());
      run(undefined, true);
    });
    win.addEventListener('popstate', function () { run(); });
    run();
  }
  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { bind(document, window); });
    } else {
      bind(document, window);
    }
  }
})(typeof self !== 'undefined' ? self : this);
