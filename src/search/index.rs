//! The index writer. Doc ids are assigned after sorting documents by
//! (jurisdiction, kind, year, date, url): filters then compress to few runs
//! and the output does not depend on input order.
//!
//! Documents are tokenised in parallel, one block of consecutive doc ids per
//! thread, each block with its own dictionary; blocks are then merged by
//! appending postings (ids only grow from block to block), so the result is
//! byte-identical whatever the thread count.

use super::format::{self, get_varint, put_varint, BITMAP, COMPLEMENT, DIFF, LIST, LIST_LEVELS};
use super::tokenize::{count_words, exact_key, for_each_word, number_terms};
use super::{IndexFile, SearchDoc};
use crate::model::PartialDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Shard count is chosen so shards of small terms average about this
    /// size. A query fetches one shard per word and per word pair (none
    /// for a word whose terms are all big), so smaller shards mean fewer
    /// bytes per query and more files.
    pub shard_bytes: usize,
    /// A term whose postings exceed this gets a file of its own (listed in
    /// big.bin), so a rare word never pays for a common one that happens
    /// to hash to the same shard.
    pub big_bytes: usize,
    /// Characters of body text kept per document for snippets.
    pub text_chars: usize,
    /// Below this many documents no term becomes a bitmap: bitmaps drop
    /// term frequencies, which would leave a small site with many ties.
    pub bitmap_min_docs: usize,
    /// Records are grouped into chunks of about this many bytes: a query
    /// fetches the chunks of its hits shown, so larger chunks mean fewer
    /// files and more bytes per query.
    pub chunk_bytes: usize,
    /// Also write every file as a script (`{path}.js`), which a page
    /// opened from `file://` can load where it cannot fetch.
    pub scripts: bool,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            shard_bytes: 4 * 1024,
            big_bytes: 2 * 1024,
            text_chars: 20_000,
            bitmap_min_docs: 256,
            chunk_bytes: 16 * 1024,
            scripts: true,
        }
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct Meta {
    pub version: u32,
    pub docs: u32,
    pub shards: u32,
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

/// One document's record (in a chunk `search/r/{n}.bin`), fetched only when
/// the document is shown as a hit: this as one line of JSON, a newline, then
/// the snippet text gzip-compressed (a browser without
/// DecompressionStream still shows the hit, without its snippet).
#[derive(Serialize, Deserialize)]
pub(super) struct DocRecord {
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

    /// Appends the postings of a later block, whose first delta counts from
    /// doc 0: only that one varint is re-encoded.
    fn append(&mut self, other: Postings, levels: bool) {
        if other.df == 0 {
            return;
        }
        let mut pos = 0;
        let v = get_varint(&other.bytes, &mut pos).expect("block postings");
        let (first, level) = if levels { (v / 16, v % 16) } else { (v, 0) };
        let delta = first - u64::from(self.last);
        put_varint(
            &mut self.bytes,
            if levels { delta * 16 + level } else { delta },
        );
        self.bytes.extend_from_slice(&other.bytes[pos..]);
        self.last = other.last;
        self.df += other.df;
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

/// The body text kept for snippets: whitespace collapsed, past the national
/// motto lines that start every administrative document, at most `chars`
/// characters (cut at a space).
fn snippet_text(body: &str, chars: usize) -> String {
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
    let mut out = String::with_capacity(rest.len().min(chars * 2));
    let mut count = 0;
    for w in rest.split_whitespace() {
        let n = w.chars().count();
        if count + n + 1 > chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        count += n + 1;
    }
    out
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

/// What one block of consecutive documents contributes, keyed by its own
/// dictionary's ids.
#[derive(Default)]
struct Block {
    dict: Dict,
    uni: Vec<Postings>,
    exact: Vec<Postings>,
    bi: Vec<Postings>,
    title_uni: HashMap<u32, Postings>,
    title_bi: HashMap<u32, Postings>,
    /// Cited number term → citing docs, ascending.
    cited: HashMap<String, Vec<u32>>,
}

/// Global facts every block needs to recognise cited numbers.
struct Numbers {
    codes: BTreeSet<String>,
    keys: HashSet<String>,
}

fn index_block(first: u32, docs: &[Sorted], lens: &[u32], avg: f64, nums: &Numbers) -> Block {
    let mut b = Block::default();
    let (mut words, mut exacts, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for (i, s) in docs.iter().enumerate() {
        let doc = first + i as u32;
        let dict = &mut b.dict;
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
        cite(&words, &dict.word_strs, &nums.codes, &nums.keys, |key| {
            let docs = b.cited.entry(key).or_default();
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        });
        let len = Some((lens[i], avg));
        push_counts(&mut words, len, |w, l| {
            get_or_new(&mut b.uni, w).push(doc, l)
        });
        // Bigrams record presence only: adjacency is a bonus, and levels
        // would cost a byte on most of the index's largest posting group.
        push_counts(&mut pairs, None, |x, l| {
            get_or_new(&mut b.bi, x).push(doc, l)
        });
        exacts.sort_unstable();
        exacts.dedup();
        for &e in &exacts {
            get_or_new(&mut b.exact, e).push(doc, None);
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
        for name in d.jurisdiction_names.iter().chain(&d.successor_names) {
            field.push('\n');
            field.push_str(name);
        }
        let field = normalized(&field);
        words.clear();
        pairs.clear();
        let dict = &mut b.dict;
        for_each_word(&field, |_, folded, _, _| words.push(dict.word(folded)));
        for p in words.windows(2) {
            pairs.push(dict.bigram(p[0], p[1]));
        }
        push_counts(&mut words, None, |w, l| {
            b.title_uni.entry(w).or_default().push(doc, l)
        });
        push_counts(&mut pairs, None, |x, l| {
            b.title_bi.entry(x).or_default().push(doc, l)
        });
    }
    b
}

/// Term key → (encoding, postings) over all blocks.
type Terms = FxMap<String, (u8, Postings)>;

fn merge_block(terms: &mut Terms, b: Block) {
    let mut add = |key: String, kind: u8, p: Postings| match terms.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut o) => {
            o.get_mut().1.append(p, kind == LIST_LEVELS)
        }
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert((kind, p));
        }
    };
    let dict = &b.dict;
    for (w, p) in b.uni.into_iter().enumerate() {
        add(dict.word_strs[w].clone(), LIST_LEVELS, p);
    }
    for (e, p) in b.exact.into_iter().enumerate() {
        add(format!("={}", dict.exact_strs[e]), LIST, p);
    }
    for (x, p) in b.bi.into_iter().enumerate() {
        add(dict.bigram_str(x as u32), LIST, p);
    }
    // Title maps are hashed: merge in id order so appends stay ascending
    // per key (each key appears once per block, so order across keys is
    // free, but a stable order keeps the merge reproducible).
    let mut tu: Vec<(u32, Postings)> = b.title_uni.into_iter().collect();
    tu.sort_unstable_by_key(|x| x.0);
    for (w, p) in tu {
        add(format!("^{}", dict.word_strs[w as usize]), LIST, p);
    }
    let mut tb: Vec<(u32, Postings)> = b.title_bi.into_iter().collect();
    tb.sort_unstable_by_key(|x| x.0);
    for (x, p) in tb {
        add(format!("^{}", dict.bigram_str(x)), LIST, p);
    }
}

pub fn build_index_with(docs: &[SearchDoc], opts: &IndexOptions) -> Vec<IndexFile> {
    let mut sorted: Vec<Sorted> = docs
        .par_iter()
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
    sorted.par_sort_by(|a, b| {
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
    let (lens, body_lens): (Vec<u32>, Vec<u32>) = sorted
        .par_iter()
        .map(|s| {
            let body = count_words(&s.doc.body);
            (count_words(&s.doc.title) + body, body)
        })
        .unzip();
    let avg = lens.iter().map(|&l| f64::from(l)).sum::<f64>() / n.max(1) as f64;

    let mut nums = Numbers {
        codes: BTreeSet::new(),
        keys: HashSet::new(),
    };
    // Number term → docs carrying it.
    let mut numbers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, s) in sorted.iter().enumerate() {
        if let Some(num) = &s.doc.number {
            let (full, serial, parts) = number_terms(&normalized(num));
            nums.keys.extend(full.clone());
            nums.codes.extend(parts);
            // "#1847" is both serial and whole term of a bare number.
            let mut terms: Vec<String> = full.into_iter().chain(serial).collect();
            terms.dedup();
            for t in terms {
                numbers.entry(t).or_default().push(id as u32);
            }
        }
    }

    // One block per thread: more blocks would only duplicate dictionaries.
    let threads = rayon::current_num_threads().max(1);
    let block_docs = n.div_ceil(threads).max(1);
    let blocks: Vec<Block> = sorted
        .par_chunks(block_docs)
        .enumerate()
        .map(|(b, chunk)| {
            let first = b * block_docs;
            let lens = &lens[first..first + chunk.len()];
            index_block(first as u32, chunk, lens, avg, &nums)
        })
        .collect();
    let mut terms: Terms = FxMap::default();
    let mut cited: HashMap<String, Vec<u32>> = HashMap::new();
    for mut b in blocks {
        for (k, v) in std::mem::take(&mut b.cited) {
            cited.entry(k).or_default().extend(v);
        }
        merge_block(&mut terms, b);
    }

    // A number's level says how often other documents cite it, so the
    // well-known "1847/QĐ-TTg" comes before a công văn that shares "1847".
    let mut doc_citations: Vec<(u32, u32)> = Vec::new();
    for (i, s) in sorted.iter().enumerate() {
        let Some(num) = &s.doc.number else { continue };
        let (full, _, _) = number_terms(&normalized(num));
        let level = full.as_ref().and_then(|f| cited.get(f)).map_or(0, |c| {
            c.iter().filter(|&&citing| citing as usize != i).count()
        });
        doc_citations.push((i as u32, (level as u32 + 1).min(format::LEVELS)));
    }
    for (k, docs) in numbers {
        let mut p = Postings::default();
        for doc in docs {
            let level = doc_citations
                .binary_search_by_key(&doc, |c| c.0)
                .map_or(1, |i| doc_citations[i].1);
            p.push(doc, Some(level));
        }
        terms.insert(k, (LIST_LEVELS, p));
    }
    // The documents with a text, the base of every plain word: a word of
    // nearly every text is then stored as the few texts without it (and
    // the stubs of cited documents, which have none, cost nothing).
    let mut texts = Postings::default();
    for (doc, _) in body_lens.iter().enumerate().filter(|x| *x.1 > 0) {
        texts.push(doc as u32, None);
    }
    terms.insert(format::TEXTS.to_string(), (LIST, texts));

    let bitmap_bytes = n.div_ceil(8);
    let terms: Vec<(String, (u8, Postings))> =
        terms.into_iter().filter(|t| t.1 .1.df > 0).collect();
    let by_key: FxMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.0.as_str(), i))
        .collect();
    let docs_of = |kind: u8, p: &Postings| {
        let mut v = Vec::with_capacity(p.df as usize);
        let e = format::Entry {
            idf: 0,
            kind,
            postings: &p.bytes,
        };
        format::for_each_posting(&e, 0, n as u32, |d, _| v.push(d));
        v
    };
    let mut encoded: Vec<(String, Vec<u8>, bool)> = terms
        .par_iter()
        .map(|(key, (kind, p))| {
            let idf = format::idf(n, p.df as usize);
            let (mut kind, mut postings) = (*kind, p.bytes.clone());
            if p.df as usize * 8 > n && n >= opts.bitmap_min_docs {
                let mut bits = vec![0u8; bitmap_bytes];
                let e = format::Entry {
                    idf: 0,
                    kind,
                    postings: &p.bytes,
                };
                format::for_each_posting(&e, 0, n as u32, |d, _| {
                    bits[d as usize / 8] |= 1 << (d % 8)
                });
                // A term in nearly every doc: list the docs without it.
                let mut absent = Vec::new();
                let mut last = 0;
                for d in 0..n as u32 {
                    if bits[d as usize / 8] >> (d % 8) & 1 == 0 {
                        put_varint(&mut absent, u64::from(d - last));
                        last = d;
                    }
                }
                (kind, postings) = if absent.len() < bits.len() {
                    (COMPLEMENT, absent)
                } else {
                    (BITMAP, bits)
                };
            }
            // A big presence term often differs from its base in few docs.
            // (A word keeps its levels unless it already lost them to a
            // bitmap: a difference is presence only.)
            let base = format::base_term(key).and_then(|b| by_key.get(b.as_str()));
            let big = postings.len() > opts.big_bytes && kind != LIST_LEVELS;
            if let (true, Some(&b)) = (big, base) {
                let (base_kind, base_p) = &terms[b].1;
                let diff = format::symmetric_difference(
                    &docs_of(*base_kind, base_p),
                    &docs_of(terms[by_key[key.as_str()]].1 .0, p),
                );
                let diff = format::encode_docs(&diff);
                if diff.len() < postings.len() {
                    (kind, postings) = (DIFF, diff);
                }
            }
            let mut entry = Vec::new();
            format::put_entry(&mut entry, key, idf, kind, &postings);
            (key.clone(), entry, postings.len() > opts.big_bytes)
        })
        .collect();
    encoded.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

    // Big terms go to files named by their hash, listed in big.bin so that
    // a query knows them without their shard; a small term sharing a big
    // term's hash goes with it, which keeps the list exact.
    let big_hashes: BTreeSet<u32> = encoded
        .iter()
        .filter(|e| e.2)
        .map(|e| format::fnv1a(&e.0))
        .collect();
    let mut big_files: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
    let mut small: Vec<(String, Vec<u8>)> = Vec::with_capacity(encoded.len());
    // `encoded` is sorted by key, so every file's entries are too.
    for (key, entry, _) in encoded {
        let h = format::fnv1a(&key);
        if big_hashes.contains(&h) {
            big_files.entry(h).or_default().extend_from_slice(&entry);
        } else {
            small.push((key, entry));
        }
    }
    let mut big_list = Vec::new();
    let mut last = 0;
    for &h in &big_hashes {
        put_varint(&mut big_list, u64::from(h - last));
        last = h;
    }
    let total: usize = small.iter().map(|e| e.1.len()).sum();
    let shards = total.div_ceil(opts.shard_bytes.max(1)).max(1) as u32;
    let mut by_shard: Vec<Vec<u8>> = (0..shards).map(|_| Vec::new()).collect();
    // `small` is sorted by key, so every shard's entries are too.
    for (key, entry) in small {
        by_shard[format::shard_of(&key, shards) as usize].extend_from_slice(&entry);
    }

    let mut files = Vec::new();
    let (filters, dates, meta_lists) = filters(&sorted);
    let meta = Meta {
        version: 4,
        docs: n as u32,
        shards,
        bitmap_level: format::bitmap_level(),
        codes: nums.codes.into_iter().collect(),
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
    for (i, bytes) in by_shard.into_iter().enumerate() {
        files.push(IndexFile {
            path: format::shard_path(i as u32),
            bytes,
        });
    }
    files.push(IndexFile {
        path: format::BIG.to_string(),
        bytes: big_list,
    });
    files.extend(big_files.into_iter().map(|(h, bytes)| IndexFile {
        path: format::term_path(h),
        bytes,
    }));
    files.extend(record_files(&sorted, opts));
    if opts.scripts {
        let scripts: Vec<IndexFile> = files
            .par_iter()
            .map(|f| IndexFile {
                path: format!("{}.js", f.path),
                bytes: format::script(&f.path, &f.bytes),
            })
            .collect();
        files.extend(scripts);
    }
    files
}

/// records.bin and the record chunks (see [`format::chunk_records`]). A
/// stub of a cited document has no text: its record is one line of JSON.
fn record_files(sorted: &[Sorted], opts: &IndexOptions) -> Vec<IndexFile> {
    let records: Vec<Vec<u8>> = sorted
        .par_iter()
        .map(|s| {
            let record = DocRecord {
                u: s.doc.url.clone(),
                t: crate::text::nfc(&s.doc.title),
                k: s.doc.kind.clone(),
                kn: s.doc.kind_name.clone(),
                n: s.doc.number.clone(),
                i: s.doc.issuer.clone(),
                d: s.doc.date.clone(),
            };
            let mut bytes = serde_json::to_vec(&record).expect("record serializes");
            bytes.push(b'\n');
            if !s.doc.body.is_empty() {
                let text = snippet_text(&normalized(&s.doc.body), opts.text_chars);
                if !text.is_empty() {
                    bytes.extend(format::gzip(text.as_bytes()));
                }
            }
            bytes
        })
        .collect();
    let (starts, chunks) = format::chunk_records(&records, opts.chunk_bytes);
    let mut files = vec![IndexFile {
        path: format::RECORDS.to_string(),
        bytes: starts,
    }];
    files.extend(chunks.into_iter().enumerate().map(|(c, bytes)| IndexFile {
        path: format::chunk_path(c as u32),
        bytes,
    }));
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

/// filters.bin: one varint count per cell of (jurisdiction, kind, year),
/// in doc-id order: jurisdiction index + 1 (0 = national) ascending, kind
/// ascending, year index + 1 descending with 0 (undated) last. A dense grid
/// costs about a byte per cell, a third of a list of runs at national scale.
/// dates.bin: per doc in id order, `previous - md` where md = month*32+day
/// and previous restarts at 511 on each non-empty cell (sorted by md desc).
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
    let mut counts = vec![0u64; (nodes.len() + 1) * kinds.len() * (years.len() + 1)];
    let cell = |leaf: usize, kind: usize, year: usize| {
        // Years descending, undated (0) last.
        let y = if year == 0 {
            years.len()
        } else {
            years.len() - year
        };
        (leaf * kinds.len() + kind) * (years.len() + 1) + y
    };
    let mut dates = Vec::new();
    let mut prev_md = 511;
    let mut prev_cell = usize::MAX;
    for s in sorted {
        let c = cell(
            node_ix.get(s.leaf.as_str()).map_or(0, |&i| i + 1),
            kind_ix[s.doc.kind.as_str()],
            s.year.map_or(0, |y| year_ix[&y] + 1),
        );
        counts[c] += 1;
        if c != prev_cell {
            prev_md = 511;
            prev_cell = c;
        }
        put_varint(&mut dates, u64::from(prev_md - s.md));
        prev_md = s.md;
    }
    let mut out = Vec::with_capacity(counts.len());
    for c in counts {
        put_varint(&mut out, c);
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
