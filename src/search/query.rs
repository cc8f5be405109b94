//! The reader: parses a query, fetches only the shards of its terms and the
//! own files of its big terms, scores with integers, filters, and fetches
//! the records of the hits shown, whose snippet is the passage that best
//! matches the query.
//! js/search.js implements the same steps in the same order.

use super::format::{self, for_each_posting, get_varint, parse_shard};
use super::index::{DocRecord, Meta};
use super::tokenize::{exact_key, for_each_word, number_part, number_term};
use super::{FacetCount, Facets, Hit, Query, Results};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io;

/// Words beyond this are ignored: each word owns one bit of a u32 mask.
const MAX_WORDS: usize = 16;
/// How far around a digit run to look for a number's codes.
const NUMBER_SPAN: usize = 4;

struct Word {
    folded: String,
    exacts: Vec<String>,
}

#[derive(Default)]
struct Parsed {
    words: Vec<Word>,
    /// ("a b", required): required when inside a quoted phrase.
    bigrams: Vec<(String, bool)>,
    /// (term, whole number?): "#1847-qd-ttg" is whole, "#1847" a serial.
    numbers: Vec<(String, bool)>,
}

fn parse(text: &str, codes: &HashSet<&str>) -> Parsed {
    let text = crate::text::nfc(text).replace(['“', '”', '„'], "\"");
    // (lower, folded, segment, quoted)
    let mut tokens: Vec<(String, String, usize, bool)> = Vec::new();
    for (seg, part) in text.split('"').enumerate() {
        for_each_word(part, |lower, folded, _, _| {
            tokens.push((lower.to_string(), folded.to_string(), seg, seg % 2 == 1));
        });
    }
    tokens.truncate(MAX_WORDS);
    let mut p = Parsed::default();
    for (lower, folded, _, _) in &tokens {
        let exact = exact_key(lower);
        let i = match p.words.iter().position(|w| &w.folded == folded) {
            Some(i) => i,
            None => {
                p.words.push(Word {
                    folded: folded.clone(),
                    exacts: Vec::new(),
                });
                p.words.len() - 1
            }
        };
        if &exact != folded && !p.words[i].exacts.contains(&exact) {
            p.words[i].exacts.push(exact);
        }
    }
    for pair in tokens.windows(2) {
        if pair[0].2 != pair[1].2 {
            continue;
        }
        let key = format!("{} {}", pair[0].1, pair[1].1);
        match p.bigrams.iter_mut().find(|b| b.0 == key) {
            Some(b) => b.1 |= pair[0].3,
            None => p.bigrams.push((key, pair[0].3)),
        }
    }
    let is_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let numberish = |s: &str| is_digits(s) || codes.contains(s);
    let add = |p: &mut Parsed, term: String, whole: bool| {
        if !p.numbers.iter().any(|n| n.0 == term) {
            p.numbers.push((term, whole));
        }
    };
    for i in 0..tokens.len() {
        if !is_digits(&tokens[i].1) {
            continue;
        }
        for a in i.saturating_sub(NUMBER_SPAN)..=i {
            for b in i..tokens.len().min(i + NUMBER_SPAN + 1) {
                if tokens[a..=b].iter().all(|t| numberish(&t.1)) {
                    if let Some(term) = number_term(tokens[a..=b].iter().map(|t| t.1.as_str())) {
                        add(&mut p, term, true);
                    }
                }
            }
        }
        add(&mut p, format!("#{}", number_part(&tokens[i].1)), false);
    }
    p
}

type Loader<'a> = dyn FnMut(&str) -> io::Result<Vec<u8>> + 'a;

fn bad(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("search index: bad {what}"),
    )
}

/// Searches the index of a built site (the directory containing `search/`).
pub fn search(dir: &std::path::Path, q: &Query, limit: usize) -> io::Result<Results> {
    search_with_loader(&mut |path| std::fs::read(dir.join(path)), q, limit)
}

struct Filters {
    /// Per doc: jurisdiction node + 1 (0 = national), kind, year index + 1.
    leaf: Vec<u32>,
    kind: Vec<u32>,
    year: Vec<u32>,
    /// Run boundaries, for dates.bin.
    runs: Vec<usize>,
}

fn load_filters(buf: &[u8], meta: &Meta) -> Option<Filters> {
    let docs = meta.docs as usize;
    let mut pos = 0;
    let mut f = Filters {
        leaf: Vec::with_capacity(docs),
        kind: Vec::with_capacity(docs),
        year: Vec::with_capacity(docs),
        runs: Vec::new(),
    };
    let years = meta.years.len() as u32;
    for leaf in 0..=meta.jurisdictions.len() as u32 {
        for kind in 0..meta.kinds.len() as u32 {
            // Years descending, undated (0) last.
            for y in (1..=years).rev().chain([0]) {
                let count = get_varint(buf, &mut pos)? as usize;
                if count > 0 {
                    f.runs.push(f.leaf.len());
                    f.leaf.extend(std::iter::repeat_n(leaf, count));
                    f.kind.extend(std::iter::repeat_n(kind, count));
                    f.year.extend(std::iter::repeat_n(y, count));
                }
            }
        }
    }
    (f.leaf.len() == docs && pos == buf.len()).then_some(f)
}

/// Like [`search`], reading index files through `load(relative path)`;
/// used to count the bytes a query downloads.
pub fn search_with_loader(load: &mut Loader, q: &Query, limit: usize) -> io::Result<Results> {
    let meta: Meta = serde_json::from_slice(&load(format::META)?).map_err(|_| bad("meta"))?;
    let n = meta.docs as usize;
    let filters = load_filters(&load(format::FILTERS)?, &meta).ok_or_else(|| bad("filters"))?;
    let codes: HashSet<&str> = meta.codes.iter().map(String::as_str).collect();
    let p = parse(&q.text, &codes);

    // Fetch the shards of every term, in shard order.
    let mut wanted: Vec<String> = Vec::new();
    for w in &p.words {
        wanted.push(w.folded.clone());
        wanted.push(format!("^{}", w.folded));
        wanted.extend(w.exacts.iter().map(|e| format!("={e}")));
    }
    for (b, _) in &p.bigrams {
        wanted.push(b.clone());
        wanted.push(format!("^{b}"));
    }
    wanted.extend(p.numbers.iter().map(|n| n.0.clone()));
    if !p.words.is_empty() {
        wanted.push(format::TEXTS.to_string());
    }
    // Big terms (listed in big.bin) are fetched from their own files, the
    // others from their shards: one round of fetches.
    let big = load_big(&load(format::BIG)?).ok_or_else(|| bad("big terms"))?;
    let mut files: BTreeSet<String> = BTreeSet::new();
    for t in &wanted {
        let h = format::fnv1a(t);
        files.insert(if big.contains(&h) {
            format::term_path(h)
        } else {
            format::shard_path(format::shard_of(t, meta.shards))
        });
    }
    let mut bufs = Vec::new();
    for f in &files {
        bufs.push(load(f)?);
    }
    let mut parsed = HashMap::new();
    for buf in &bufs {
        for (key, e) in parse_shard(buf).ok_or_else(|| bad("shard"))? {
            parsed.insert(key, e);
        }
    }
    // Terms stored relative to a base term become bitmaps (their docs get
    // the bitmap level, as the docs of any dense term).
    let mut resolved: Vec<(&str, u64, Vec<u8>)> = Vec::new();
    for key in &wanted {
        if let Some((k, e)) = parsed.get_key_value(key.as_str()) {
            if e.kind == format::DIFF && !resolved.iter().any(|r| r.0 == *k) {
                let mut bits = vec![0u8; n.div_ceil(8)];
                for d in presence(k, &parsed, n as u32) {
                    bits[d as usize / 8] |= 1 << (d % 8);
                }
                resolved.push((k, e.idf, bits));
            }
        }
    }
    let mut entries = parsed;
    for (k, idf, bytes) in &resolved {
        entries.insert(
            k,
            format::Entry {
                idf: *idf,
                kind: format::BITMAP,
                postings: bytes,
            },
        );
    }

    let bl = meta.bitmap_level;
    let mut score = vec![0u64; n];
    let mut mask = vec![0u32; n];
    let mut pmask = vec![0u32; n];
    let mut whole = vec![false; n];
    for (i, w) in p.words.iter().enumerate() {
        let bit = 1u32 << i;
        let body_idf = entries.get(w.folded.as_str()).map_or(0, |e| e.idf);
        if let Some(e) = entries.get(w.folded.as_str()) {
            for_each_posting(e, bl, n as u32, |d, l| {
                score[d as usize] += e.idf * u64::from(l);
                mask[d as usize] |= bit;
            });
        }
        if let Some(e) = entries.get(format!("^{}", w.folded).as_str()) {
            for_each_posting(e, bl, n as u32, |d, _| {
                score[d as usize] += e.idf * format::W_TITLE;
                mask[d as usize] |= bit;
            });
        }
        for x in &w.exacts {
            if let Some(e) = entries.get(format!("={x}").as_str()) {
                for_each_posting(e, bl, n as u32, |d, _| {
                    score[d as usize] += body_idf * format::W_EXACT
                });
            }
        }
    }
    let mut required = 0u32;
    let mut phrase_bigrams = 0;
    for (b, req) in &p.bigrams {
        let mut bit = 0;
        if *req {
            bit = 1u32 << phrase_bigrams;
            phrase_bigrams += 1;
            required |= bit;
        }
        if let Some(e) = entries.get(b.as_str()) {
            // Bigrams are presence lists or bitmaps: one fixed level.
            for_each_posting(e, bl, n as u32, |d, _| {
                score[d as usize] += e.idf * u64::from(bl) * format::W_BIGRAM;
                pmask[d as usize] |= bit;
            });
        }
        if let Some(e) = entries.get(format!("^{b}").as_str()) {
            for_each_posting(e, bl, n as u32, |d, _| {
                score[d as usize] += e.idf * format::W_TITLE;
                pmask[d as usize] |= bit;
            });
        }
    }
    for (t, is_whole) in &p.numbers {
        if let Some(e) = entries.get(t.as_str()) {
            let w = if *is_whole {
                format::W_NUMBER
            } else {
                format::W_SERIAL
            };
            // The level counts citations of the number (1 = uncited).
            for_each_posting(e, bl, n as u32, |d, l| {
                score[d as usize] += e.idf * w * u64::from(l);
                whole[d as usize] |= is_whole;
            });
        }
    }

    let all = if p.words.is_empty() {
        0
    } else {
        u32::MAX >> (32 - p.words.len())
    };
    let browse = p.words.is_empty() && p.numbers.is_empty();
    let mut matches: Vec<u32> = (0..n as u32)
        .filter(|&d| {
            let d = d as usize;
            browse || ((mask[d] == all || whole[d]) && pmask[d] == required)
        })
        .collect();
    if matches.is_empty() && p.words.len() > 1 {
        // No document has every word: accept half of them, but always the
        // digits ("1234/QĐ-UBND" must not list every "UBND" document).
        let digits: u32 = (0..p.words.len())
            .filter(|&i| p.words[i].folded.bytes().all(|b| b.is_ascii_digit()))
            .map(|i| 1u32 << i)
            .sum();
        let half = p.words.len().div_ceil(2) as u32;
        matches = (0..n as u32)
            .filter(|&d| {
                let m = mask[d as usize];
                m & digits == digits && m.count_ones() >= half && pmask[d as usize] == required
            })
            .collect();
    }

    let facets = facets(&meta, &filters, &matches);
    let selected = jurisdiction_filter(&meta, q.jurisdiction.as_deref().filter(|j| !j.is_empty()));
    let kind_ix = q.kind.as_ref().filter(|k| !k.is_empty()).map(|k| {
        meta.kinds
            .iter()
            .position(|x| &x.0 == k)
            .map_or(u32::MAX, |i| i as u32)
    });
    let year_ix = q.year.filter(|&y| y != 0).map(|y| {
        meta.years
            .iter()
            .position(|&x| x == y)
            .map_or(u32::MAX, |i| i as u32 + 1)
    });
    matches.retain(|&d| {
        let d = d as usize;
        let leaf = filters.leaf[d];
        selected
            .as_ref()
            .is_none_or(|s| leaf > 0 && s[leaf as usize - 1])
            && kind_ix.is_none_or(|k| filters.kind[d] == k)
            && year_ix.is_none_or(|y| filters.year[d] == y)
    });

    if q.sort_by_date {
        let md = load_dates(&load(format::DATES)?, &filters).ok_or_else(|| bad("dates"))?;
        let year = |d: usize| match filters.year[d] {
            0 => 0,
            y => meta.years[y as usize - 1],
        };
        matches.sort_by_key(|&d| (Reverse(year(d as usize)), Reverse(md[d as usize]), d));
    } else {
        matches.sort_by_key(|&d| (Reverse(score[d as usize]), d));
    }

    let marks: Vec<&str> = p.words.iter().map(|w| w.folded.as_str()).collect();
    let mut hits = Vec::new();
    let shown: Vec<u32> = matches.iter().take(limit).copied().collect();
    let starts = if shown.is_empty() {
        Vec::new()
    } else {
        format::parse_starts(&load(format::RECORDS)?).ok_or_else(|| bad("records"))?
    };
    let mut chunks: HashMap<u32, Vec<u8>> = HashMap::new();
    for d in shown {
        let (c, i) = format::chunk_of(&starts, d);
        let chunk = match chunks.entry(c) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(load(&format::chunk_path(c))?),
        };
        let bytes = format::record_in(chunk, i).ok_or_else(|| bad("record"))?;
        let nl = bytes
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("record"))?;
        let doc: DocRecord = serde_json::from_slice(&bytes[..nl]).map_err(|_| bad("record"))?;
        let text = format::gunzip(bytes[nl + 1..].to_vec())?;
        let text = String::from_utf8(text).map_err(|_| bad("record"))?;
        hits.push(Hit {
            snippet: snippet(&text, &marks),
            url: doc.u,
            title: doc.t,
            kind: doc.k,
            kind_name: doc.kn,
            number: doc.n,
            issuer: doc.i,
            date: doc.d,
            score: score[d as usize] as f64,
        });
    }
    Ok(Results {
        total: matches.len(),
        hits,
        facets,
    })
}

/// The docs that have a term, resolving [`format::DIFF`] against its base.
fn presence(key: &str, entries: &HashMap<&str, format::Entry>, n: u32) -> Vec<u32> {
    let mut docs = Vec::new();
    let Some(e) = entries.get(key) else {
        return docs;
    };
    if e.kind != format::DIFF {
        for_each_posting(e, 0, n, |d, _| docs.push(d));
        return docs;
    }
    let base = format::base_term(key).map_or_else(Vec::new, |b| presence(&b, entries, n));
    let diff = format::Entry {
        idf: 0,
        kind: format::LIST,
        postings: e.postings,
    };
    for_each_posting(&diff, 0, n, |d, _| docs.push(d));
    format::symmetric_difference(&base, &docs)
}

/// big.bin: the hashes of the terms in files of their own.
fn load_big(buf: &[u8]) -> Option<HashSet<u32>> {
    let (mut pos, mut h, mut out) = (0, 0u64, HashSet::new());
    while pos < buf.len() {
        h += get_varint(buf, &mut pos)?;
        out.insert(u32::try_from(h).ok()?);
    }
    Some(out)
}

fn load_dates(buf: &[u8], f: &Filters) -> Option<Vec<u32>> {
    let mut pos = 0;
    let mut out = Vec::with_capacity(f.leaf.len());
    let mut prev = 0;
    let mut next_run = 0;
    for d in 0..f.leaf.len() {
        if f.runs.get(next_run) == Some(&d) {
            prev = 511;
            next_run += 1;
        }
        prev -= get_varint(buf, &mut pos)? as u32;
        out.push(prev);
    }
    Some(out)
}

/// Which jurisdiction nodes a filter keeps: the node named by a path or by
/// its last slug, and every node below it.
fn jurisdiction_filter(meta: &Meta, filter: Option<&str>) -> Option<Vec<bool>> {
    let f = filter?;
    let prefix = format!("{f}/");
    Some(
        meta.jurisdictions
            .iter()
            .map(|(path, _)| {
                path == f
                    || path.starts_with(&prefix)
                    || (!f.contains('/') && path.split('/').any(|s| s == f))
            })
            .collect(),
    )
}

fn facets(meta: &Meta, f: &Filters, matches: &[u32]) -> Facets {
    let index: HashMap<&str, usize> = meta
        .jurisdictions
        .iter()
        .enumerate()
        .map(|(i, j)| (j.0.as_str(), i))
        .collect();
    // Each node's own index and its ancestors'.
    let lineage: Vec<Vec<usize>> = meta
        .jurisdictions
        .iter()
        .map(|(path, _)| {
            let mut v = Vec::new();
            for (i, c) in path.char_indices() {
                if c == '/' {
                    v.extend(index.get(&path[..i]));
                }
            }
            v.extend(index.get(path.as_str()));
            v
        })
        .collect();
    let mut jc = vec![0usize; meta.jurisdictions.len()];
    let mut kc = vec![0usize; meta.kinds.len()];
    let mut yc = vec![0usize; meta.years.len()];
    for &d in matches {
        let d = d as usize;
        if f.leaf[d] > 0 {
            for &a in &lineage[f.leaf[d] as usize - 1] {
                jc[a] += 1;
            }
        }
        kc[f.kind[d] as usize] += 1;
        if f.year[d] > 0 {
            yc[f.year[d] as usize - 1] += 1;
        }
    }
    let list = |names: Vec<(String, String)>, counts: Vec<usize>| -> Vec<FacetCount> {
        names
            .into_iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|((value, name), count)| FacetCount { value, name, count })
            .collect()
    };
    let years = meta
        .years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    Facets {
        jurisdictions: list(meta.jurisdictions.clone(), jc),
        kinds: list(meta.kinds.clone(), kc),
        years: list(years, yc),
    }
}

pub(super) fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Words shown in a snippet, and how many of them come before the first
/// match of the chosen passage.
const SNIPPET_WORDS: usize = 32;
const SNIPPET_LEAD: usize = 4;

/// The passage of `text` that best matches the query: of the windows of
/// `SNIPPET_WORDS - SNIPPET_LEAD` words starting at a matched word, the one
/// with the most distinct query words, then the most adjacent pairs of
/// them, then the most matches, then the earliest; shown from `SNIPPET_LEAD` words before it, HTML-escaped, with
/// query words in `<mark>` and "…" where text was cut. The opening when
/// nothing matches (a title or number hit).
pub(super) fn snippet(text: &str, marks: &[&str]) -> String {
    // (start, end, bit of the query word or 0)
    let mut words: Vec<(usize, usize, u32)> = Vec::new();
    for_each_word(text, |_, folded, start, end| {
        let bit = marks
            .iter()
            .position(|m| *m == folded)
            .map_or(0, |i| 1u32 << i);
        words.push((start, end, bit));
    });
    if words.is_empty() {
        return String::new();
    }
    let span = SNIPPET_WORDS - SNIPPET_LEAD;
    let mut best = (0u32, 0usize, 0usize, 0usize);
    for i in 0..words.len() {
        if words[i].2 == 0 {
            continue;
        }
        let window = &words[i..words.len().min(i + span)];
        let distinct = window.iter().fold(0u32, |m, w| m | w.2).count_ones();
        // Adjacent matches of two different query words: the phrase.
        let pairs = window
            .windows(2)
            .filter(|p| p[0].2 != 0 && p[1].2 != 0 && p[0].2 != p[1].2)
            .count();
        let count = window.iter().filter(|w| w.2 != 0).count();
        if (distinct, pairs, count) > (best.0, best.1, best.2) {
            best = (distinct, pairs, count, i);
        }
    }
    let start = best.3.saturating_sub(SNIPPET_LEAD);
    let end = words.len().min(start + SNIPPET_WORDS);
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut last = words[start].0;
    for &(s, e, bit) in &words[start..end] {
        if bit != 0 {
            escape(&text[last..s], &mut out);
            out.push_str("<mark>");
            escape(&text[s..e], &mut out);
            out.push_str("</mark>");
            last = e;
        }
    }
    escape(&text[last..words[end - 1].1], &mut out);
    if end < words.len() {
        out.push_str(" …");
    }
    out
}
