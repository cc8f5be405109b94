//! Tests on a small hand-written corpus; tests/search_vectors.json is also
//! run by js/search.test.mjs against the index written here, so both
//! readers must agree on every ranking.

use super::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn corpus() -> Vec<SearchDoc> {
    serde_json::from_str(include_str!("../../tests/fixtures/search/corpus.json"))
        .expect("corpus parses")
}

/// Tiny shards and a low big-term threshold so the test corpus spans
/// several shards and has terms in files of their own.
fn fixture_options() -> IndexOptions {
    IndexOptions {
        shard_bytes: 1024,
        big_bytes: 8,
        text_chars: 20_000,
        bitmap_min_docs: 256,
        // Small chunks, so that hits come from several of them.
        chunk_bytes: 2048,
        scripts: true,
    }
}

fn write_index(dir: &Path, files: &[IndexFile]) {
    let _ = std::fs::remove_dir_all(dir.join("search"));
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, &f.bytes).expect("write");
    }
}

/// The test corpus index, written once per test run where the Node tests
/// read it: $VANBAN_SEARCH_FIXTURE or target/search-fixture.
fn fixture() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::var_os("VANBAN_SEARCH_FIXTURE").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/search-fixture"),
            PathBuf::from,
        );
        write_index(&dir, &build_index_with(&corpus(), &fixture_options()));
        dir
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vector {
    query: String,
    #[serde(default)]
    jurisdiction: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    sort_by_date: bool,
    #[serde(default)]
    limit: Option<usize>,
    expect: Vec<String>,
    #[serde(default)]
    total: Option<usize>,
}

fn vector_query(v: &Vector) -> Query {
    Query {
        text: v.query.clone(),
        jurisdiction: v.jurisdiction.clone(),
        kind: v.kind.clone(),
        year: v.year,
        sort_by_date: v.sort_by_date,
    }
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str(include_str!("../../tests/fixtures/search/vectors.json")).expect("vectors")
}

/// Writes, next to the fixture index and to a second one where common terms
/// are bitmaps, the complete Rust results (scores, snippets, facets) of
/// every vector; js/search.test.mjs must reproduce them exactly.
#[test]
fn writes_full_results_for_the_js_tests() {
    let bitmap_dir = fixture().join("bitmap");
    let opts = IndexOptions {
        bitmap_min_docs: 0,
        ..fixture_options()
    };
    write_index(&bitmap_dir, &build_index_with(&corpus(), &opts));
    for dir in [fixture().to_path_buf(), bitmap_dir] {
        let all: Vec<Results> = vectors()
            .iter()
            .map(|v| search(&dir, &vector_query(v), v.limit.unwrap_or(10)).expect("search"))
            .collect();
        let json = serde_json::to_string_pretty(&all).expect("serializes");
        std::fs::write(dir.join("rust-results.json"), json).expect("write results");
    }
}

fn run(q: &str) -> Results {
    let query = Query {
        text: q.to_string(),
        ..Query::default()
    };
    search(fixture(), &query, 10).expect("search runs")
}

fn urls(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.url.as_str()).collect()
}

#[test]
fn shared_vectors_pass() {
    let vectors = vectors();
    assert!(vectors.len() >= 15);
    for v in vectors {
        let r = search(fixture(), &vector_query(&v), v.limit.unwrap_or(10)).expect("search runs");
        assert_eq!(urls(&r), v.expect, "query {:?}", v.query);
        if let Some(t) = v.total {
            assert_eq!(r.total, t, "total of {:?}", v.query);
        }
    }
}

#[test]
fn every_number_spelling_finds_the_decision_first() {
    for q in [
        "1847/QĐ-TTg",
        "1847/qd-ttg",
        "1847 QĐ TTg",
        "qd-ttg 1847",
        "qd ttg 1847",
        "1847",
        "quyết định 1847",
    ] {
        assert_eq!(
            run(q).hits[0].url,
            "/van-ban/quyet-dinh-1847-qd-ttg/",
            "{q}"
        );
    }
    let r = run("01/CT-UBND");
    assert_eq!(r.total, 2);
    let r = run("01/CT-UBND Nam Định");
    assert_eq!(r.hits[0].url, "/nam-dinh/chi-thi-01-ct-ubnd/");
}

#[test]
fn phrase_ranks_above_scattered_and_quotes_require_it() {
    let r = run("văn hóa công vụ");
    let pos = |u: &str| urls(&r).iter().position(|x| *x == u).expect(u);
    assert!(pos("/khanh-hoa/ke-hoach-6861-kh-ubnd/") < pos("/nam-dinh/bao-cao-so-hoa-luu-tru/"));
    let quoted = run("\"văn hóa công vụ\"");
    assert!(!urls(&quoted).contains(&"/nam-dinh/bao-cao-so-hoa-luu-tru/"));
    assert!(quoted.total < r.total);
    // Old tone placement matches as typed either way.
    assert_eq!(urls(&run("văn hoá công vụ")), urls(&r));
}

#[test]
fn exact_diacritics_rank_higher() {
    let r = run("hòa giải");
    assert_eq!(r.hits[0].url, "/thanh-hoa/trieu-son/bao-cao-hoa-giai/");
    let r = run("vạn");
    assert_eq!(r.hits[0].url, "/khanh-hoa/van-ninh/thong-bao-12-tb-ubnd/");
}

#[test]
fn filters_and_facets() {
    let q = |j: Option<&str>, kind: Option<&str>, year| Query {
        text: "công chức".into(),
        jurisdiction: j.map(str::to_string),
        kind: kind.map(str::to_string),
        year,
        sort_by_date: false,
    };
    let all = search(fixture(), &q(None, None, None), 50).expect("search");
    let th = search(fixture(), &q(Some("thanh-hoa"), None, None), 50).expect("search");
    assert!(urls(&th).iter().all(|u| u.starts_with("/thanh-hoa/")));
    assert!(urls(&th).contains(&"/thanh-hoa/trieu-son/chi-thi-01-ct-ubnd/"));
    let fc = |v: &str| {
        all.facets
            .jurisdictions
            .iter()
            .find(|f| f.value == v)
            .map(|f| f.count)
    };
    assert_eq!(fc("thanh-hoa"), Some(th.total));
    let ts = search(fixture(), &q(Some("thanh-hoa/trieu-son"), None, None), 50).expect("s");
    assert_eq!(fc("thanh-hoa/trieu-son"), Some(ts.total));
    let ct = search(fixture(), &q(None, Some("chi-thi"), Some(2022)), 50).expect("search");
    assert_eq!(urls(&ct), ["/thanh-hoa/trieu-son/chi-thi-01-ct-ubnd/"]);
    let kinds: usize = all.facets.kinds.iter().map(|f| f.count).sum();
    assert_eq!(kinds, all.total);
}

#[test]
fn snippets_mark_matches_and_escape() {
    let r = run("đạo đức lối sống");
    let snip = &r.hits[0].snippet;
    assert!(snip.contains("<mark>đạo</mark> <mark>đức</mark>"), "{snip}");
    let r = run("Độc lập");
    assert!(r.hits.iter().all(|h| !h.snippet.starts_with("CỘNG HÒA")));
}

#[test]
fn build_is_deterministic_and_order_free() {
    let docs = corpus();
    let a = build_index_with(&docs, &fixture_options());
    let mut rev = docs.clone();
    rev.reverse();
    let b = build_index_with(&rev, &fixture_options());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs", x.path);
    }
    assert!(a.iter().filter(|f| f.path.starts_with("search/s/")).count() > 3);
    assert!(a.iter().filter(|f| f.path.starts_with("search/t/")).count() > 3);
    // Records come in chunks, fewer files than documents; every file has
    // its script twin for file://.
    let chunks = a
        .iter()
        .filter(|f| f.path.starts_with("search/r/") && f.path.ends_with(".bin"))
        .count();
    assert!(chunks >= 1 && chunks < docs.len(), "{chunks} chunks");
    let (bins, scripts) = a
        .iter()
        .partition::<Vec<_>, _>(|f| !f.path.ends_with(".js"));
    assert_eq!(bins.len(), scripts.len());
}

#[test]
fn common_terms_are_bitmaps() {
    let opts = IndexOptions {
        bitmap_min_docs: 0,
        ..fixture_options()
    };
    let files = build_index_with(&corpus(), &opts);
    let mut kinds = std::collections::HashMap::new();
    let terms = |f: &&IndexFile| {
        (f.path.starts_with("search/s/") || f.path.starts_with("search/t/"))
            && f.path.ends_with(".bin")
    };
    for f in files.iter().filter(terms) {
        for (key, e) in format::parse_shard(&f.bytes).expect("shard parses") {
            kinds.insert(key.to_string(), e.kind);
        }
    }
    // "công" is in every document: the list of docs without it is empty.
    assert_eq!(kinds["cong"], format::COMPLEMENT);
    assert!(kinds.values().any(|&k| k == format::BITMAP));
    assert_eq!(kinds["tet"], format::LIST_LEVELS);
    assert_eq!(kinds["#1847-qd-ttg"], format::LIST_LEVELS);
    assert_eq!(kinds["^phe"], format::LIST);
}

#[test]
fn snippets_show_the_best_matching_passage() {
    let filler = |w: &str, n: usize| vec![w; n].join(" ");
    let text = format!(
        "{} lối sống {} đạo đức, lối sống của cán bộ {}",
        filler("mở", 50),
        filler("giữa", 50),
        filler("cuối", 50)
    );
    let s = query::snippet(&text, &["dao", "duc", "loi", "song"]);
    assert!(
        s.starts_with("… giữa giữa giữa giữa <mark>đạo</mark> <mark>đức</mark>, <mark>lối</mark> <mark>sống</mark> của cán bộ cuối"),
        "{s}"
    );
    assert!(s.ends_with(" …"), "{s}");
    assert_eq!(s.matches("<mark>").count(), 4, "{s}");
    // Nothing matches: the opening; escaped; no leading ellipsis.
    let s = query::snippet("A < B & \"C\" mở đầu", &["xyz"]);
    assert_eq!(s, "A &lt; B &amp; &quot;C&quot; mở đầu");
    assert_eq!(query::snippet("", &["a"]), "");
}

#[test]
fn deep_matches_are_shown_in_results() {
    let r = run("tết");
    assert!(r.hits.iter().all(|h| h.snippet.contains("<mark>")), "{r:?}");
}

fn loaded(files: &[IndexFile], q: &str) -> (Results, Vec<(String, usize)>) {
    let by_path: std::collections::HashMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let mut log = Vec::new();
    let query = Query {
        text: q.into(),
        ..Query::default()
    };
    let r = search_with_loader(
        &mut |p| {
            let b = by_path.get(p).ok_or(std::io::ErrorKind::NotFound)?;
            log.push((p.to_string(), b.len()));
            Ok(b.to_vec())
        },
        &query,
        10,
    )
    .expect("search");
    (r, log)
}

/// Hashed shards are even only if no large posting list shares one: a
/// query for rare words must fetch small shards and no big term's file,
/// and moving big terms out must not change any result.
#[test]
fn big_terms_live_in_their_own_files() {
    let mut docs = synthetic(3000, 150);
    for (i, w) in [
        (10, "khuyta"),
        (20, "quynhb"),
        (30, "zozoc"),
        (40, "khuyta quynhb"),
    ] {
        docs[i].body.push_str(&format!(" {w}"));
    }
    let opts = IndexOptions {
        shard_bytes: 2048,
        big_bytes: 256,
        text_chars: 2000,
        bitmap_min_docs: 256,
        ..IndexOptions::default()
    };
    let files = build_index_with(&docs, &opts);
    let inline = build_index_with(
        &docs,
        &IndexOptions {
            big_bytes: usize::MAX,
            ..opts.clone()
        },
    );
    let mut largest = 0;
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("search/s/") && f.path.ends_with(".bin"))
    {
        largest = largest.max(f.bytes.len());
        for (key, e) in format::parse_shard(&f.bytes).expect("shard") {
            assert!(e.postings.len() <= opts.big_bytes, "{key} is big");
        }
    }
    assert!(largest < 4 * opts.shard_bytes, "largest shard {largest} B");
    // big.bin lists exactly the hashes of the terms in files of their own,
    // so a query fetches those files without reading a shard first.
    let bytes = |path: &str| &files.iter().find(|f| f.path == path).expect(path).bytes;
    let (mut pos, mut h, mut big) = (0, 0u64, std::collections::BTreeSet::new());
    while let Some(v) = format::get_varint(bytes(format::BIG), &mut pos) {
        h += v;
        big.insert(h as u32);
    }
    let mut in_files = std::collections::BTreeSet::new();
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("search/t/") && f.path.ends_with(".bin"))
    {
        for (key, _) in format::parse_shard(&f.bytes).expect("term file") {
            let h = format::fnv1a(key);
            assert_eq!(f.path, format::term_path(h), "{key}");
            in_files.insert(h);
        }
    }
    assert_eq!(big, in_files);
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("search/s/") && f.path.ends_with(".bin"))
    {
        for (key, _) in format::parse_shard(&f.bytes).expect("shard") {
            assert!(!big.contains(&format::fnv1a(key)), "{key} is in a shard");
        }
    }
    // "=thực" differs from "thuc" in few documents: stored as that difference.
    let kinds: Vec<u8> = files
        .iter()
        .filter(|f| f.path.starts_with("search/"))
        .filter(|f| (f.path.contains("/s/") || f.path.contains("/t/")) && f.path.ends_with(".bin"))
        .flat_map(|f| format::parse_shard(&f.bytes).expect("shard"))
        .map(|(_, e)| e.kind)
        .collect();
    assert!(kinds.contains(&format::DIFF), "some terms are differences");
    let rare = "khuyta quynhb zozoc";
    for q in ["thực hiện công", rare, "1234/QĐ-UBND"] {
        let (r, log) = loaded(&files, q);
        let (expected, _) = loaded(&inline, q);
        assert_eq!(r, expected, "{q}");
        let shards = log.iter().filter(|f| f.0.starts_with("search/s/")).count();
        assert!(shards <= 8, "{q}: {shards} shards");
        let terms: Vec<_> = log
            .iter()
            .filter(|f| f.0.starts_with("search/t/"))
            .collect();
        if q == rare {
            assert!(terms.is_empty(), "{q}: {terms:?}");
        } else if q.starts_with("thực") {
            assert!(!terms.is_empty(), "common words are big terms");
        }
    }
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let docs = synthetic(600, 80);
    let with = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| build_index_with(&docs, &fixture_options()))
    };
    let (a, b) = (with(1), with(3));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        assert!(x.bytes == y.bytes, "{} differs", x.path);
    }
}

/// Prints current results for the vector queries (to review new vectors).
#[test]
#[ignore]
fn dump_vectors() {
    let vectors: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../tests/fixtures/search/vectors.json"))
            .expect("vectors");
    for v in vectors {
        let q = Query {
            text: v["query"].as_str().unwrap_or("").to_string(),
            jurisdiction: v["jurisdiction"].as_str().map(str::to_string),
            kind: v["kind"].as_str().map(str::to_string),
            year: v["year"].as_u64().map(|y| y as u16),
            sort_by_date: v["sortByDate"].as_bool().unwrap_or(false),
        };
        let limit = v["limit"].as_u64().unwrap_or(10) as usize;
        let r = search(fixture(), &q, limit).expect("search");
        let scores: Vec<f64> = r.hits.iter().map(|h| h.score).collect();
        println!("{:?} total={} {:?} {:?}", q.text, r.total, urls(&r), scores);
    }
}

/// Synthetic corpus for measurements: Zipf-distributed Vietnamese-like
/// syllables (a few hundred real ones, then generated rare ones).
fn synthetic_vocab() -> Vec<String> {
    const COMMON: &str = "và của các có được trong cho với là không người những này đã công tác \
        thực hiện cán bộ quản lý nhà nước văn bản quy định theo tỉnh huyện xã ủy ban nhân dân \
        kế hoạch năm về việc đơn vị cơ quan chức viên phát triển kinh tế xã hội chính sách \
        đảm bảo trách nhiệm nhiệm vụ tổ chức triển khai báo cáo kết quả nội dung hướng dẫn \
        đề nghị sở ngành địa phương chương trình xây dựng văn hóa giáo dục y tế đầu tư \
        hành chính thủ tục cải cách số chuyển đổi dịch vụ công trực tuyến kiểm tra giám sát";
    const ONSETS: [&str; 16] = [
        "b", "ch", "d", "đ", "gi", "h", "kh", "l", "m", "ng", "nh", "ph", "s", "th", "tr", "v",
    ];
    const RHYMES: [&str; 16] = [
        "a", "an", "anh", "ao", "ăm", "âu", "e", "êm", "i", "inh", "o", "ông", "ơi", "u", "ưa",
        "ương",
    ];
    const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
    let mut vocab: Vec<String> = COMMON.split_whitespace().map(str::to_string).collect();
    for t in TONES {
        for o in ONSETS {
            for r in RHYMES {
                let mut chars = r.chars();
                let first = chars.next().expect("rhyme");
                vocab.push(crate::text::nfc(&format!(
                    "{o}{first}{t}{}",
                    chars.as_str()
                )));
            }
        }
    }
    vocab
}

fn synthetic(docs: usize, words: usize) -> Vec<SearchDoc> {
    let vocab = synthetic_vocab();
    // Zipf: rank r has weight 1/(r+1); sample by a precomputed CDF.
    let cdf: Vec<f64> = vocab
        .iter()
        .enumerate()
        .scan(0.0, |acc, (r, _)| {
            *acc += 1.0 / (r as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = cdf[cdf.len() - 1];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let word = |rand: &mut dyn FnMut() -> u64| {
        let x = (rand() >> 11) as f64 / (1u64 << 53) as f64 * total;
        vocab[cdf.partition_point(|&c| c < x).min(cdf.len() - 1)].clone()
    };
    let kinds = [
        ("quyet-dinh", "Quyết định", "QĐ"),
        ("ke-hoach", "Kế hoạch", "KH"),
        ("cong-van", "Công văn", "UBND"),
        ("bao-cao", "Báo cáo", "BC"),
        ("chi-thi", "Chỉ thị", "CT"),
    ];
    (0..docs)
        .map(|i| {
            let k = kinds[rand() as usize % kinds.len()];
            let province = rand() % 63;
            let district = rand() % 12;
            let mut juris = vec![format!("tinh-{province}")];
            let mut names = vec![format!("Tỉnh {province}")];
            if district < 8 {
                juris.push(format!("huyen-{district}"));
                names.push(format!("Huyện {district}"));
            }
            let title: Vec<String> = (0..12).map(|_| word(&mut rand)).collect();
            let body: Vec<String> = (0..words).map(|_| word(&mut rand)).collect();
            SearchDoc {
                url: format!("/van-ban/{i}/"),
                title: title.join(" "),
                kind: k.0.into(),
                kind_name: k.1.into(),
                number: Some(format!("{}/{}-UBND", rand() % 9000 + 1, k.2)),
                issuer: Some(format!("UBND {}", names.join(" "))),
                date: Some(format!(
                    "{}-{:02}-{:02}",
                    2015 + rand() % 10,
                    rand() % 12 + 1,
                    rand() % 28 + 1
                )),
                jurisdictions: juris,
                jurisdiction_names: names,
                successor_names: Vec::new(),
                body: body.join(" "),
            }
        })
        .collect()
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    field("VmHWM:").max(field("VmRSS:"))
}

/// cargo test --release --lib bench_synthetic -- --ignored --nocapture
/// (VANBAN_BENCH_DOCS=100000 for the national scale).
#[test]
#[ignore]
fn bench_synthetic() {
    let n: usize = std::env::var("VANBAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let docs = synthetic(n, 1500);
    let rss_before = peak_rss_kib();
    let t = std::time::Instant::now();
    let files = build_index(&docs);
    let elapsed = t.elapsed();
    let rss_after = peak_rss_kib();
    let size = |prefix: &str| -> usize {
        files
            .iter()
            .filter(|f| f.path.starts_with(prefix))
            .map(|f| f.bytes.len())
            .sum()
    };
    let count = |prefix: &str| files.iter().filter(|f| f.path.starts_with(prefix)).count();
    println!(
        "docs {n}, build {elapsed:.2?}, peak RSS {} MiB -> {} MiB",
        rss_before / 1024,
        rss_after / 1024
    );
    println!(
        "total {:.1} MiB; shards {} files {:.1} MiB; big terms {} files {:.1} MiB; records {} files {:.1} MiB; filters {} B; dates {} B; meta {} B",
        size("search/") as f64 / 1048576.0,
        count("search/s/"),
        size("search/s/") as f64 / 1048576.0,
        count("search/t/"),
        size("search/t/") as f64 / 1048576.0,
        count("search/r/"),
        size("search/r/") as f64 / 1048576.0,
        size(format::FILTERS),
        size(format::DATES),
        size(format::META),
    );
    let mut kinds = [0usize; 5];
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("search/s/") && f.path.ends_with(".bin"))
    {
        for (key, e) in format::parse_shard(&f.bytes).expect("shard") {
            let class = match key.as_bytes()[0] {
                b'=' => 1,
                b'^' => 2,
                b'#' => 3,
                _ if key.contains(' ') => 4,
                _ => 0,
            };
            kinds[class] += e.postings.len() + key.len() + 4;
        }
    }
    println!(
        "shard bytes: words {} exact {} title {} numbers {} bigrams {}",
        kinds[0], kinds[1], kinds[2], kinds[3], kinds[4]
    );
    let sizes: Vec<usize> = files
        .iter()
        .filter(|f| f.path.starts_with("search/s/") && f.path.ends_with(".bin"))
        .map(|f| f.bytes.len())
        .collect();
    println!(
        "shard size max {} B",
        sizes.iter().max().copied().unwrap_or(0)
    );
    let by_path: std::collections::HashMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let vocab = synthetic_vocab();
    let rare = [1, 40, 90]
        .map(|i| vocab[vocab.len() - i].clone())
        .join(" ");
    for (label, text, sort) in [
        ("common", "thực hiện công", false),
        ("common+date", "thực hiện công", true),
        ("rare", rare.as_str(), false),
        ("number", "1234/QĐ-UBND", false),
    ] {
        let mut fetched: Vec<(String, usize)> = Vec::new();
        let t = std::time::Instant::now();
        let q = Query {
            text: text.into(),
            sort_by_date: sort,
            ..Query::default()
        };
        let r = search_with_loader(
            &mut |p| {
                let b = by_path.get(p).ok_or(std::io::ErrorKind::NotFound)?;
                fetched.push((p.to_string(), b.len()));
                Ok(b.to_vec())
            },
            &q,
            10,
        )
        .expect("search");
        let all: usize = fetched.iter().map(|f| f.1).sum();
        let per_query: usize = fetched
            .iter()
            .filter(|f| !f.0.starts_with("search/meta") && !f.0.ends_with("filters.bin"))
            .map(|f| f.1)
            .sum();
        println!(
            "{label:12} {text:?}: total {} hits, {} files, {} B with meta/filters/dates, {} B shards+terms+records, {:.1?}",
            r.total,
            fetched.len(),
            all,
            per_query,
            t.elapsed()
        );
    }
}

/// A word of nearly every text is stored as its difference from the
/// documents that have a text, so the stubs of cited documents (no text)
/// cost nothing; results are those of the plain bitmaps.
#[test]
fn a_word_of_every_text_is_stored_against_the_texts() {
    let mut docs = synthetic(2000, 150);
    for (i, d) in docs.iter_mut().enumerate().filter(|(i, _)| i % 4 == 0) {
        d.body.clear();
        d.title = format!("Quyết định số {i}/QĐ-UBND");
    }
    let opts = IndexOptions {
        shard_bytes: 2048,
        big_bytes: 128,
        text_chars: 2000,
        bitmap_min_docs: 256,
        ..IndexOptions::default()
    };
    let files = build_index_with(&docs, &opts);
    let plain = build_index_with(
        &docs,
        &IndexOptions {
            big_bytes: usize::MAX,
            ..opts.clone()
        },
    );
    let entries: std::collections::HashMap<String, u8> = files
        .iter()
        .filter(|f| {
            (f.path.starts_with("search/s/") || f.path.starts_with("search/t/"))
                && f.path.ends_with(".bin")
        })
        .flat_map(|f| format::parse_shard(&f.bytes).expect("shard"))
        .map(|(k, e)| (k.to_string(), e.kind))
        .collect();
    assert_eq!(entries["va"], format::DIFF);
    assert_eq!(format::base_term("va").as_deref(), Some(format::TEXTS));
    for q in ["và của các", "công tác cán bộ", "quyết định 12"] {
        let (r, log) = loaded(&files, q);
        assert_eq!(r, loaded(&plain, q).0, "{q}");
        assert!(r.total > 0, "{q}");
        let bytes: usize = log.iter().map(|f| f.1).sum();
        let plain_bytes: usize = loaded(&plain, q).1.iter().map(|f| f.1).sum();
        assert!(bytes < plain_bytes, "{q}: {bytes} B, plain {plain_bytes} B");
    }
}

/// Records come in chunks: a query loads records.bin and only the chunks
/// that hold its hits shown, each once, and the results do not depend on
/// the chunk size (one record per chunk gives the same hits and snippets).
#[test]
fn hits_come_from_the_chunks_that_hold_them() {
    let docs = corpus();
    let files = build_index_with(&docs, &fixture_options());
    let single = build_index_with(
        &docs,
        &IndexOptions {
            chunk_bytes: 1,
            ..fixture_options()
        },
    );
    let chunks = |fs: &[IndexFile]| {
        fs.iter()
            .filter(|f| f.path.starts_with("search/r/") && f.path.ends_with(".bin"))
            .count()
    };
    assert_eq!(chunks(&single), docs.len(), "one record per chunk");
    assert!(chunks(&files) < docs.len() / 2, "{} chunks", chunks(&files));
    for q in ["văn hóa công vụ", "1847/QĐ-TTg", "công chức"] {
        let (r, log) = loaded(&files, q);
        let (one, _) = loaded(&single, q);
        assert!(!r.hits.is_empty(), "{q}");
        assert_eq!(r, one, "{q}");
        let fetched: Vec<&String> = log
            .iter()
            .map(|f| &f.0)
            .filter(|p| p.starts_with("search/r/"))
            .collect();
        let mut unique = fetched.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), fetched.len(), "{q}: a chunk is loaded once");
        assert!(fetched.len() <= r.hits.len(), "{q}: {fetched:?}");
        assert!(log.iter().any(|f| f.0 == "search/records.bin"), "{q}");
    }
    // Every file has its script twin carrying the same bytes.
    let meta = files.iter().find(|f| f.path == "search/meta.json").unwrap();
    let twin = files
        .iter()
        .find(|f| f.path == "search/meta.json.js")
        .unwrap();
    assert_eq!(twin.bytes, super::format::script(&meta.path, &meta.bytes));
}
