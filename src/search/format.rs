//! The on-disk layout of the index under `search/`, shared by the writer,
//! the Rust reader and js/search.js.
//!
//! - `meta.json`: counts, shard count, chunk size, number codes, and the
//!   names of jurisdictions, kinds and years (facet values).
//! - `filters.bin`: run-length list of (docs, jurisdiction, kind, year) in
//!   doc-id order; doc ids are sorted by those keys so runs are few.
//! - `dates.bin`: per-doc month/day, fetched only to sort by date.
//! - `big.bin`: the sorted [`fnv1a`] hashes of the terms that live in files
//!   of their own, as varint deltas; fetched with `meta.json`, so a query
//!   fetches a big term's file at once, in parallel with its shards.
//! - `t/{hash:x}.bin`: every term whose `fnv1a` hash is in `big.bin` (a term
//!   with large postings, and any other term that happens to share its
//!   hash), entries as in a shard.
//! - `s/{n}.bin`: term shards, see [`put_entry`]; the other terms, hashed to
//!   a shard by [`shard_key`].
//! - `records.bin`: where the record chunks start, see [`chunk_records`].
//! - `r/{chunk}.bin`: the records of a range of consecutive doc ids, each
//!   a varint length then the record: the document's metadata (a line of
//!   JSON) and snippet text (gzip). A query fetches the chunks of the hits
//!   shown. One file per record was 640,854 files at 100,000 documents
//!   with their long tail of cited stubs (issue 19); a stub's record is a
//!   line of JSON, so a chunk holds about a hundred of them, or a few
//!   documents with their texts.
//! - every file above also as `{path}.js`, a script that hands the bytes
//!   (base64) to `VanbanSearch.put`: a page opened from `file://` cannot
//!   `fetch()` files, but it can load scripts (see [`script`]).
//!
//! All numbers are unsigned LEB128 varints. Scores are integers so that
//! Rust and JavaScript rank identically without sharing float libraries.

pub const META: &str = "search/meta.json";
pub const FILTERS: &str = "search/filters.bin";
pub const DATES: &str = "search/dates.bin";
pub const BIG: &str = "search/big.bin";

pub fn shard_path(n: u32) -> String {
    format!("search/s/{n}.bin")
}

/// The file of the big terms with this [`fnv1a`] hash.
pub fn term_path(hash: u32) -> String {
    format!("search/t/{hash:x}.bin")
}

/// Where the record chunks start: the first doc id of every chunk but the
/// first (which starts at 0), as varint deltas.
pub const RECORDS: &str = "search/records.bin";

pub fn chunk_path(chunk: u32) -> String {
    format!("search/r/{chunk}.bin")
}

/// Groups records (in doc-id order) into chunks of about `target` bytes:
/// a chunk ends before the record that would take it past `target`, so a
/// large record stands alone. Returns records.bin and the chunks.
pub fn chunk_records(records: &[Vec<u8>], target: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let (mut starts, mut chunks, mut last) = (Vec::new(), Vec::new(), 0u64);
    let mut cur: Vec<u8> = Vec::new();
    for (id, r) in records.iter().enumerate() {
        if !cur.is_empty() && cur.len() + r.len() + 3 > target {
            chunks.push(std::mem::take(&mut cur));
            put_varint(&mut starts, id as u64 - last);
            last = id as u64;
        }
        put_varint(&mut cur, r.len() as u64);
        cur.extend_from_slice(r);
    }
    chunks.push(cur);
    (starts, chunks)
}

/// The first doc id of every chunk, from records.bin.
pub fn parse_starts(buf: &[u8]) -> Option<Vec<u32>> {
    let (mut pos, mut at, mut out) = (0, 0u32, vec![0]);
    while pos < buf.len() {
        at += get_varint(buf, &mut pos)? as u32;
        out.push(at);
    }
    Some(out)
}

/// The chunk holding `doc` and its place in that chunk.
pub fn chunk_of(starts: &[u32], doc: u32) -> (u32, usize) {
    let c = starts.partition_point(|&s| s <= doc).max(1) - 1;
    (c as u32, (doc - starts[c]) as usize)
}

/// The `index`-th record of a chunk.
pub fn record_in(chunk: &[u8], index: usize) -> Option<&[u8]> {
    let mut pos = 0;
    for i in 0.. {
        let len = get_varint(chunk, &mut pos)? as usize;
        if i == index {
            return chunk.get(pos..pos + len);
        }
        pos += len;
    }
    None
}

/// The script twin of an index file, for pages opened from `file://`:
/// `VanbanSearch.put("search/s/1.bin","<base64>");`.
pub fn script(path: &str, bytes: &[u8]) -> Vec<u8> {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(bytes.len() * 4 / 3 + path.len() + 32);
    out.extend_from_slice(b"VanbanSearch.put(\"");
    out.extend_from_slice(path.as_bytes());
    out.extend_from_slice(b"\",\"");
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(B64[(n >> shift & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out.extend_from_slice(b"\");\n");
    out
}

/// Fast compression: snippet texts are most of the index's bytes on disk
/// and of its build time; level 6 saves only a few percent more.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::fast(),
    );
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// Decompresses a snippet text; bytes that are not gzip (a proxy that
/// decompressed them) are kept as they are.
pub fn gunzip(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out)?;
    Ok(out)
}

/// Posting encodings. A list of (doc, level) pairs stores
/// `(doc - previous doc) * 16 + level - 1` per posting (first delta from 0).
pub const LIST_LEVELS: u8 = 0;
/// A bitmap of `ceil(docs / 8)` bytes, bit `d % 8` of byte `d / 8`; used when
/// a term is in more than 1/8 of the docs. Every doc gets `bitmap_level`.
pub const BITMAP: u8 = 1;
/// A list of doc deltas only (presence terms: bigrams, title, exact form). Number
/// terms use LIST_LEVELS with level = 1 + how many documents cite them.
pub const LIST: u8 = 2;
/// The docs that do NOT have the term, as a list of deltas; used instead of
/// a bitmap when shorter (a term in nearly every document). Every other doc
/// gets `bitmap_level`, as with a bitmap.
pub const COMPLEMENT: u8 = 4;
/// Presence relative to the term's [`base_term`]: a list of deltas of the
/// docs where the two differ (the term is in a doc exactly when one of the
/// two is). "=văn" against "van", "van hoa" against "van": a few docs
/// instead of a bitmap of every doc.
pub const DIFF: u8 = 5;
// 3 was a pointer to a big term's file (index version 2).

/// Impact levels 1..=16 quantise the BM25 term-frequency factor.
pub const LEVELS: u32 = 16;
pub const BM25_K1: f64 = 1.2;
pub const BM25_B: f64 = 0.75;
/// Fixed-point scale of stored idf values.
pub const IDF_SCALE: f64 = 100.0;

// Score weights, each multiplying a term's idf. A body hit scores
// idf × level (level ≤ 16); a title hit is worth a strong body hit.
pub const W_TITLE: u64 = 16;
/// Added per word whose diacritics match as typed.
pub const W_EXACT: u64 = 4;
/// Multiplies idf × bitmap level of a two-syllable sequence (bigrams are
/// presence-only).
pub const W_BIGRAM: u64 = 2;
/// A whole document number ("1847/QĐ-TTg") outranks any text match.
pub const W_NUMBER: u64 = 64;
/// A serial ("1847") alone is weaker: several documents can share it.
pub const W_SERIAL: u64 = 16;

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn get_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *buf.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// 32-bit FNV-1a: trivial to reproduce in JavaScript with Math.imul.
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The part of a term that picks its shard, so that every term one query
/// word needs (folded, exact, title) lands in one file: the folded word
/// for "=exact" and "^title" terms, and "#serial" for number terms.
pub fn shard_key(term: &str) -> String {
    if let Some(exact) = term.strip_prefix('=') {
        crate::text::fold(exact)
    } else if let Some(title) = term.strip_prefix('^') {
        title.to_string()
    } else if term.starts_with('#') {
        term.split('-').next().unwrap_or(term).to_string()
    } else {
        term.to_string()
    }
}

/// The pseudo-term of the documents that have a text (not stubs of cited
/// documents); every query with words fetches it.
pub const TEXTS: &str = "*";

/// The term a [`DIFF`] entry is relative to, one that every query needing
/// the term also fetches: the folded word of an exact form, the first word
/// of a bigram (in the same field), the body word of a title word, and
/// [`TEXTS`] for a body word. Docs of a difference get the bitmap level.
pub fn base_term(term: &str) -> Option<String> {
    if let Some(exact) = term.strip_prefix('=') {
        Some(crate::text::fold(exact))
    } else if let Some(title) = term.strip_prefix('^') {
        Some(match title.split_once(' ') {
            Some((a, _)) => format!("^{a}"),
            None => title.to_string(),
        })
    } else if term.starts_with('#') || term == TEXTS {
        None
    } else {
        Some(term.split_once(' ').map_or(TEXTS, |(a, _)| a).to_string())
    }
}

/// The sorted docs in exactly one of two sorted lists.
pub fn symmetric_difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// Delta-encoded presence list (LIST, DIFF postings).
pub fn encode_docs(docs: &[u32]) -> Vec<u8> {
    let (mut out, mut last) = (Vec::new(), 0);
    for &d in docs {
        put_varint(&mut out, u64::from(d - last));
        last = d;
    }
    out
}

pub fn shard_of(term: &str, shards: u32) -> u32 {
    fnv1a(&shard_key(term)) % shards.max(1)
}

/// One shard entry: key length, key (UTF-8), idf × 100, encoding, byte
/// length, postings. Entries are sorted by key bytes.
pub fn put_entry(out: &mut Vec<u8>, key: &str, idf: u32, kind: u8, postings: &[u8]) {
    put_varint(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    put_varint(out, u64::from(idf));
    out.push(kind);
    put_varint(out, postings.len() as u64);
    out.extend_from_slice(postings);
}

pub struct Entry<'a> {
    pub idf: u64,
    pub kind: u8,
    pub postings: &'a [u8],
}

pub fn parse_shard(buf: &[u8]) -> Option<Vec<(&str, Entry<'_>)>> {
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < buf.len() {
        let len = get_varint(buf, &mut pos)? as usize;
        let key = std::str::from_utf8(buf.get(pos..pos + len)?).ok()?;
        pos += len;
        let idf = get_varint(buf, &mut pos)?;
        let kind = *buf.get(pos)?;
        pos += 1;
        let plen = get_varint(buf, &mut pos)? as usize;
        let postings = buf.get(pos..pos + plen)?;
        pos += plen;
        out.push((
            key,
            Entry {
                idf,
                kind,
                postings,
            },
        ));
    }
    Some(out)
}

/// Calls `f(doc, level)` for every posting of an index of `docs`
/// documents; presence lists report level 0.
pub fn for_each_posting(e: &Entry, bitmap_level: u32, docs: u32, mut f: impl FnMut(u32, u32)) {
    match e.kind {
        COMPLEMENT => {
            let mut pos = 0;
            let mut next = get_varint(e.postings, &mut pos).map(|v| v as u32);
            for d in 0..docs {
                if next == Some(d) {
                    next = get_varint(e.postings, &mut pos).map(|v| d + v as u32);
                } else {
                    f(d, bitmap_level);
                }
            }
        }
        BITMAP => {
            for (i, &b) in e.postings.iter().enumerate() {
                for bit in 0..8 {
                    if b >> bit & 1 == 1 {
                        f(i as u32 * 8 + bit, bitmap_level);
                    }
                }
            }
        }
        kind => {
            let (mut pos, mut doc) = (0, 0u32);
            while let Some(v) = get_varint(e.postings, &mut pos) {
                if kind == LIST_LEVELS {
                    doc += (v / 16) as u32;
                    f(doc, (v % 16) as u32 + 1);
                } else {
                    doc += v as u32;
                    f(doc, 0);
                }
            }
        }
    }
}

/// Idf of a term in `docs` documents, × 100 and rounded (at least 1).
pub fn idf(docs: usize, df: usize) -> u32 {
    let (n, df) = (docs as f64, df as f64);
    let v = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    (v * IDF_SCALE).round().max(1.0) as u32
}

/// The BM25 term-frequency factor quantised to 1..=16.
pub fn level(tf: u32, doc_len: u32, avg_len: f64) -> u32 {
    let tf = f64::from(tf);
    let norm = 1.0 - BM25_B + BM25_B * f64::from(doc_len) / avg_len.max(1.0);
    let w = tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm);
    let l = (w / (BM25_K1 + 1.0) * f64::from(LEVELS - 1)).round() as u32 + 1;
    l.clamp(1, LEVELS)
}

/// The level every doc of a bitmap term gets: tf 1 in a doc of average length.
pub fn bitmap_level() -> u32 {
    level(1, 1, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut buf = Vec::new();
        for v in [0, 1, 127, 128, 300, 1 << 35] {
            put_varint(&mut buf, v);
        }
        let mut pos = 0;
        for v in [0, 1, 127, 128, 300, 1 << 35] {
            assert_eq!(get_varint(&buf, &mut pos), Some(v));
        }
        assert_eq!(get_varint(&buf, &mut pos), None);
    }

    #[test]
    fn records_are_found_in_their_chunks() {
        let records: Vec<Vec<u8>> = (0..50u8)
            .map(|i| vec![i; 1 + (i as usize % 7) * 40])
            .collect();
        let (starts, chunks) = chunk_records(&records, 300);
        assert!(chunks.len() > 5 && chunks.len() < 50, "{}", chunks.len());
        assert!(chunks
            .iter()
            .all(|c| c.len() <= 300 || record_in(c, 1).is_none()));
        let starts = parse_starts(&starts).unwrap();
        assert_eq!(starts.len(), chunks.len());
        for (id, r) in records.iter().enumerate() {
            let (c, i) = chunk_of(&starts, id as u32);
            assert_eq!(
                record_in(&chunks[c as usize], i),
                Some(r.as_slice()),
                "{id}"
            );
        }
    }

    #[test]
    fn scripts_carry_the_bytes_in_base64() {
        let s = script("search/meta.json", b"{\"a\":1}xy");
        assert_eq!(
            String::from_utf8(s).unwrap(),
            "VanbanSearch.put(\"search/meta.json\",\"eyJhIjoxfXh5\");\n"
        );
        assert!(String::from_utf8(script("p", b"ab"))
            .unwrap()
            .contains("\"YWI=\""));
        assert!(String::from_utf8(script("p", b"a"))
            .unwrap()
            .contains("\"YQ==\""));
    }

    #[test]
    fn shard_keys_group_a_word() {
        assert_eq!(shard_key("=văn"), "van");
        assert_eq!(shard_key("^van hoa"), "van hoa");
        assert_eq!(shard_key("#1847-qd-ttg"), "#1847");
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
