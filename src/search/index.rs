//! The index writer. Doc ids are assigned after sorting documents by
//! (jurisdiction, kind, year, date, url): filters then compress to few runs,
//! results of one jurisdiction share metadata chunks, and the output does
//! not depend on input order.

use super::format::{self, put_varint, BITMAP, LIST, LIST_LEVELS};
use super::tokenize::{count_words, exact_key, for_each_word, number_terms};
use super::{IndexFile, SearchDoc};
use crate::model::PartialDate;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Shard count is chosen so shards average about this size. A query
    /// fetches one shard per word and per word pair, so this sets its cost.
    pub shard_bytes: usize,
    /// Documents per metadata chunk (~450 B each). Ranked hits are spread
    /// over the corpus, so each shown hit usually costs a chunk of its own:
    /// 4 keeps a page of 20 hits near 40 KB (16 cost ~140 KB at 10,000 docs).
    pub chunk_docs: usize,
    /// Characters of body text kept for snippets.
    pub fragment_chars: usize,
    /// Below this many documents no term becomes a bitmap: bitmaps drop
    /// term frequencies, which would leave a small site with many ties.
    pub bitmap_min_docs: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            shard_bytes: 16 * 1024,
            chunk_docs: 4,
            fragment_chars: 200,
            bitmap_min_docs: 256,
        }
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct Meta {
    pub version: u32,
    pub docs: u32,
    pub shards: u32,
    pub chunk: u32,
    pub bitmap_level: u32,
    /// Folded letter parts of document numbers ("qd", "ubnd"), so queries
    /// can tell a number's codes from ordinary words.
    pub codes: Vec<String>,
    /// (path, name) of every jurisdiction and its ancestors, sorted by path.
    pub jurisdictions: Vec<(String, String)>,
    /// (slug, name), sorted by slug.
    pub kinds: Vec<(String, String)>,
    pub years: Vec<u16>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct ChunkDoc {
    pub u: String,
    pub t: String,
    pub k: String,
    pub kn: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub i: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub d: Option<String>,
    /// Snippet fragment.
    pub f: String,
}

#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    df: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, level: Option<u32>) {
        let delta = u64::from(doc - self.last);
        match level {
            Some(l) => put_varint(&mut self.bytes, delta * 16 + u64::from(l - 1)),
            None => put_varint(&mut self.bytes, delta),
        }
        self.last = doc;
        self.df += 1;
    }
}

/// FxHash: the default SipHash costs a third of build time on the
/// ~10^8 bigram lookups of a national corpus; keys here are not hostile.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Interns words, exact forms and bigrams as numbers so the per-token work
/// is a hash lookup without allocation.
#[derive(Default)]
struct Dict {
    words: FxMap<String, u32>,
    word_strs: Vec<String>,
    /// Lower-cased form as written → (word id, exact id or NONE).
    raw: FxMap<String, (u32, u32)>,
    exact_strs: Vec<String>,
    exact_ids: FxMap<String, u32>,
    bigrams: FxMap<u64, u32>,
    bigram_pairs: Vec<u64>,
}

const NONE: u32 = u32::MAX;

impl Dict {
    fn word(&mut self, folded: &str) -> u32 {
        if let Some(&id) = self.words.get(folded) {
            return id;
        }
        let id = self.word_strs.len() as u32;
        self.words.insert(folded.to_string(), id);
        self.word_strs.push(folded.to_string());
        id
    }

    fn token(&mut self, lower: &str, folded: &str) -> (u32, u32) {
        if let Some(&ids) = self.raw.get(lower) {
            return ids;
        }
        let wid = self.word(folded);
        let exact = exact_key(lower);
        let eid = if exact == folded {
            NONE
        } else if let Some(&e) = self.exact_ids.get(&exact) {
            e
        } else {
            let e = self.exact_strs.len() as u32;
            self.exact_ids.insert(exact.clone(), e);
            self.exact_strs.push(exact);
            e
        };
        self.raw.insert(lower.to_string(), (wid, eid));
        (wid, eid)
    }

    fn bigram(&mut self, a: u32, b: u32) -> u32 {
        let key = u64::from(a) << 32 | u64::from(b);
        let next = self.bigram_pairs.len() as u32;
        let id = *self.bigrams.entry(key).or_insert(next);
        if id == next {
            self.bigram_pairs.push(key);
        }
        id
    }

    fn bigram_str(&self, id: u32) -> String {
        let key = self.bigram_pairs[id as usize];
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        format!("{} {}", self.word_strs[a], self.word_strs[b])
    }
}

fn get_or_new(v: &mut Vec<Postings>, id: u32) -> &mut Postings {
    let i = id as usize;
    if v.len() <= i {
        v.resize_with(i + 1, Postings::default);
    }
    &mut v[i]
}

/// Pushes one posting per distinct id, with the BM25 level of its count
/// when `doc_len` is given.
fn push_counts(
    ids: &mut [u32],
    doc_len: Option<(u32, f64)>,
    mut push: impl FnMut(u32, Option<u32>),
) {
    ids.sort_unstable();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j < ids.len() && ids[j] == ids[i] {
            j += 1;
        }
        let level = doc_len.map(|(len, avg)| format::level((j - i) as u32, len, avg));
        push(ids[i], level);
        i = j;
    }
}

fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(crate::text::nfc(text))
    }
}

/// The opening of the body for snippets, past the national motto lines
/// that start every administrative document.
fn fragment(body: &str, chars: usize) -> String {
    let mut rest = body.trim_start();
    loop {
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let folded = crate::text::fold(&rest[..line_end]);
        let motto = [
            "cong hoa xa hoi chu nghia",
            "doc lap - tu do",
            "doc lap – tu do",
        ];
        if line_end == rest.len() || !motto.iter().any(|m| folded.contains(m)) {
            break;
        }
        rest = rest[line_end..].trim_start();
    }
    let collapsed: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= chars {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{cut} …")
}

pub fn build_index(docs: &[SearchDoc]) -> Vec<IndexFile> {
    build_index_with(docs, &IndexOptions::default())
}

struct Sorted<'a> {
    doc: &'a SearchDoc,
    leaf: String,
    year: Option<u16>,
    /// month * 32 + day, 0 when unknown.
    md: u32,
}

pub fn build_index_with(docs: &[SearchDoc], opts: &IndexOptions) -> Vec<IndexFile> {
    let mut sorted: Vec<Sorted> = docs
        .iter()
        .map(|doc| {
            let date = doc.date.as_deref().and_then(PartialDate::parse_iso);
            Sorted {
                doc,
                leaf: doc.jurisdictions.join("/"),
                year: date.map(|d| d.year),
                md: date.map_or(0, |d| {
                    u32::from(d.month.unwrap_or(0)) * 32 + u32::from(d.day.unwrap_or(0))
                }),
            }
        })
        .collect();
    sorted.sort_by(|a, b| {
        (
            &a.leaf,
            &a.doc.kind,
            Reverse(a.year),
            Reverse(a.md),
            &a.doc.url,
        )
            .cmp(&(
                &b.leaf,
                &b.doc.kind,
                Reverse(b.year),
                Reverse(b.md),
                &b.doc.url,
            ))
    });
    let n = sorted.len();
    // Lengths first (BM25 needs the average); texts are normalised one at a
    // time below so the corpus is never copied whole.
    let lens: Vec<u32> = sorted
        .iter()
        .map(|s| count_words(&s.doc.title) + count_words(&s.doc.body))
        .collect();
    let avg = lens.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64;

    let mut dict = Dict::default();
    let mut uni: Vec<Postings> = Vec::new();
    let mut exact: Vec<Postings> = Vec::new();
    let mut bi: Vec<Postings> = Vec::new();
    let mut title_uni: HashMap<u32, Postings> = HashMap::new();
    let mut title_bi: HashMap<u32, Postings> = HashMap::new();
    // Number term → docs carrying it; cited numbers → citing docs.
    let mut numbers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut cited: HashMap<String, BTreeSet<u32>> = HashMap::new();
    let mut codes = BTreeSet::new();
    let mut number_keys = HashSet::new();
    for s in &sorted {
        if let Some(num) = &s.doc.number {
            let (full, _, parts) = number_terms(&normalized(num));
            number_keys.extend(full);
            codes.extend(parts);
        }
    }
    let (mut words, mut exacts, mut pairs) = (Vec::new(), Vec::new(), Vec::new());

    for (id, s) in sorted.iter().enumerate() {
        let doc = id as u32;
        let text = normalized(&format!("{}\n{}", s.doc.title, s.doc.body)).into_owned();
        words.clear();
        exacts.clear();
        pairs.clear();
        for_each_word(&text, |lower, folded, _, _| {
            let (w, e) = dict.token(lower, folded);
            words.push(w);
            if e != NONE {
                exacts.push(e);
            }
        });
        for p in words.windows(2) {
            pairs.push(dict.bigram(p[0], p[1]));
        }
        cite(&words, &dict.word_strs, &codes, &number_keys, |key| {
            cited.entry(key).or_default().insert(doc);
        });
        let len = Some((lens[id], avg));
        push_counts(&mut words, len, |w, l| get_or_new(&mut uni, w).push(doc, l));
        // Bigrams record presence only: adjacency is a bonus, and levels
        // would cost a byte on most of the index's largest posting group.
        push_counts(&mut pairs, None, |b, l| get_or_new(&mut bi, b).push(doc, l));
        exacts.sort_unstable();
        exacts.dedup();
        for &e in &exacts {
            get_or_new(&mut exact, e).push(doc, None);
        }

        let d = s.doc;
        let mut field = d.title.clone();
        let extras = [
            d.number.as_deref(),
            Some(d.kind_name.as_str()),
            d.issuer.as_deref(),
        ];
        for x in extras.into_iter().flatten() {
            field.push('\n');
            field.push_str(x);
        }
        for name in &d.jurisdiction_names {
            field.push('\n');
            field.push_str(name);
        }
        let field = normalized(&field);
        words.clear();
        pairs.clear();
        for_each_word(&field, |_, folded, _, _| words.push(dict.word(folded)));
        for p in words.windows(2) {
            pairs.push(dict.bigram(p[0], p[1]));
        }
        push_counts(&mut words, None, |w, l| {
            title_uni.entry(w).or_default().push(doc, l)
        });
        push_counts(&mut pairs, None, |b, l| {
            title_bi.entry(b).or_default().push(doc, l)
        });

        if let Some(num) = &d.number {
            let (full, serial, _) = number_terms(&normalized(num));
            // "#1847" is both serial and whole term of a bare number.
            let mut terms: Vec<String> = full.into_iter().chain(serial).collect();
            terms.dedup();
            for t in terms {
                numbers.entry(t).or_default().push(doc);
            }
        }
    }

    // Every term as (key, postings); then encode.
    let mut doc_citations: Vec<(u32, u32)> = Vec::new();
    let mut terms: Vec<(String, Postings, u8)> = Vec::new();
    for (w, p) in uni.into_iter().enumerate() {
        terms.push((dict.word_strs[w].clone(), p, LIST_LEVELS));
    }
    for (e, p) in exact.into_iter().enumerate() {
        terms.push((format!("={}", dict.exact_strs[e]), p, LIST));
    }
    for (b, p) in bi.into_iter().enumerate() {
        terms.push((dict.bigram_str(b as u32), p, LIST));
    }
    for (w, p) in title_uni {
        terms.push((format!("^{}", dict.word_strs[w as usize]), p, LIST));
    }
    for (b, p) in title_bi {
        terms.push((format!("^{}", dict.bigram_str(b)), p, LIST));
    }
    // A number's level says how often other documents cite it, so the
    // well-known "1847/QĐ-TTg" comes before a công văn that shares "1847".
    for d in sorted
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.doc.number.as_ref().map(|n| (i, n)))
    {
        let (full, _, _) = number_terms(&normalized(d.1));
        let level = full.as_ref().and_then(|f| cited.get(f)).map_or(0, |c| {
            c.iter().filter(|&&citing| citing as usize != d.0).count()
        });
        doc_citations.push((d.0 as u32, (level as u32 + 1).min(format::LEVELS)));
    }
    for (k, docs) in numbers {
        let mut p = Postings::default();
        for doc in docs {
            let level = doc_citations
                .binary_search_by_key(&doc, |c| c.0)
                .map_or(1, |i| doc_citations[i].1);
            p.push(doc, Some(level));
        }
        terms.push((k, p, LIST_LEVELS));
    }

    let bitmap_bytes = n.div_ceil(8);
    let mut encoded: Vec<(String, Vec<u8>)> = Vec::with_capacity(terms.len());
    let mut total = 0usize;
    for (key, p, kind) in terms {
        if p.df == 0 {
            continue;
        }
        let idf = format::idf(n, p.df as usize);
        let mut entry = Vec::new();
        if p.df as usize * 8 > n && n >= opts.bitmap_min_docs {
            let mut bits = vec![0u8; bitmap_bytes];
            let e = format::Entry {
                idf: 0,
                kind,
                postings: &p.bytes,
            };
            format::for_each_posting(&e, 0, |d, _| bits[d as usize / 8] |= 1 << (d % 8));
            format::put_entry(&mut entry, &key, idf, BITMAP, &bits);
        } else {
            format::put_entry(&mut entry, &key, idf, kind, &p.bytes);
        }
        total += entry.len();
        encoded.push((key, entry));
    }
    let shards = total.div_ceil(opts.shard_bytes.max(1)).max(1) as u32;
    let mut by_shard: Vec<Vec<(String, Vec<u8>)>> = (0..shards).map(|_| Vec::new()).collect();
    for (key, entry) in encoded {
        by_shard[format::shard_of(&key, shards) as usize].push((key, entry));
    }

    let mut files = Vec::new();
    let (filters, dates, meta_lists) = filters(&sorted);
    let meta = Meta {
        version: 1,
        docs: n as u32,
        shards,
        chunk: opts.chunk_docs.max(1) as u32,
        bitmap_level: format::bitmap_level(),
        codes: codes.into_iter().collect(),
        jurisdictions: meta_lists.0,
        kinds: meta_lists.1,
        years: meta_lists.2,
    };
    files.push(IndexFile {
        path: format::META.to_string(),
        bytes: serde_json::to_vec(&meta).expect("meta serializes"),
    });
    files.push(IndexFile {
        path: format::FILTERS.to_string(),
        bytes: filters,
    });
    files.push(IndexFile {
        path: format::DATES.to_string(),
        bytes: dates,
    });
    for (i, mut entries) in by_shard.into_iter().enumerate() {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        files.push(IndexFile {
            path: format::shard_path(i as u32),
            bytes: entries.into_iter().flat_map(|e| e.1).collect(),
        });
    }
    for (i, chunk) in sorted.chunks(meta.chunk as usize).enumerate() {
        let docs: Vec<ChunkDoc> = chunk
            .iter()
            .map(|s| ChunkDoc {
                u: s.doc.url.clone(),
                t: crate::text::nfc(&s.doc.title),
                k: s.doc.kind.clone(),
                kn: s.doc.kind_name.clone(),
                n: s.doc.number.clone(),
                i: s.doc.issuer.clone(),
                d: s.doc.date.clone(),
                f: fragment(&normalized(&s.doc.body), opts.fragment_chars),
            })
            .collect();
        files.push(IndexFile {
            path: format::chunk_path(i as u32),
            bytes: serde_json::to_vec(&docs).expect("chunk serializes"),
        });
    }
    files
}

/// Calls `f` with every document number cited in a token sequence: a digit
/// word followed by number codes ("1847 qd ttg" in "số 1847/QĐ-TTg ngày"),
/// trying each length so a trailing word that is also a code ("tu") does
/// not hide the number.
fn cite(
    words: &[u32],
    strs: &[String],
    codes: &BTreeSet<String>,
    keys: &HashSet<String>,
    mut f: impl FnMut(String),
) {
    let numberish = |w: u32| {
        let s = &strs[w as usize];
        s.bytes().all(|b| b.is_ascii_digit()) || codes.contains(s)
    };
    for i in 0..words.len() {
        if !strs[words[i] as usize].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut end = i + 1;
        while end < words.len() && end < i + 6 && numberish(words[end]) {
            end += 1;
            let parts = words[i..end].iter().map(|&w| strs[w as usize].as_str());
            if let Some(key) = super::tokenize::number_term(parts) {
                if keys.contains(&key) {
                    f(key);
                }
            }
        }
    }
}

type MetaLists = (Vec<(String, String)>, Vec<(String, String)>, Vec<u16>);

/// filters.bin: varint run count, then per run: docs, jurisdiction index + 1
/// (0 = national), kind index, year index + 1 (0 = undated).
/// dates.bin: per doc in id order, `previous - md` where md = month*32+day
/// and previous restarts at 511 on each run (runs are sorted by md desc).
fn filters(sorted: &[Sorted]) -> (Vec<u8>, Vec<u8>, MetaLists) {
    let mut nodes = BTreeMap::new();
    let mut kinds = BTreeMap::new();
    let mut years = BTreeSet::new();
    for s in sorted {
        let d = s.doc;
        for i in 1..=d.jurisdictions.len() {
            let name = d.jurisdiction_names.get(i - 1).cloned();
            let name = name.unwrap_or_else(|| d.jurisdictions[i - 1].clone());
            nodes
                .entry(d.jurisdictions[..i].join("/"))
                .or_insert_with(|| crate::text::nfc(&name));
        }
        kinds
            .entry(d.kind.clone())
            .or_insert_with(|| crate::text::nfc(&d.kind_name));
        years.extend(s.year);
    }
    let node_ix: HashMap<&str, usize> = nodes
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let kind_ix: HashMap<&str, usize> = kinds
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let year_ix: HashMap<u16, usize> = years.iter().enumerate().map(|(i, &y)| (y, i)).collect();
    let mut runs: Vec<(u64, [u64; 3])> = Vec::new();
    let mut dates = Vec::new();
    let mut prev_md = 511;
    for s in sorted {
        let key = [
            node_ix.get(s.leaf.as_str()).map_or(0, |&i| i as u64 + 1),
            kind_ix[s.doc.kind.as_str()] as u64,
            s.year.map_or(0, |y| year_ix[&y] as u64 + 1),
        ];
        match runs.last_mut() {
            Some((count, k)) if *k == key => *count += 1,
            _ => {
                runs.push((1, key));
                prev_md = 511;
            }
        }
        put_varint(&mut dates, u64::from(prev_md - s.md));
        prev_md = s.md;
    }
    let mut out = Vec::new();
    put_varint(&mut out, runs.len() as u64);
    for (count, key) in runs {
        put_varint(&mut out, count);
        for k in key {
            put_varint(&mut out, k);
        }
    }
    (
        out,
        dates,
        (
            nodes.into_iter().collect(),
            kinds.into_iter().collect(),
            years.into_iter().collect(),
        ),
    )
}
