use super::*;
use crate::model::DocNumber;
use std::collections::{BTreeMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

fn temp_dir(tag: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "vanban-corpus-{tag}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Every file under `dir`, sorted by relative path.
fn files(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn tree_hash(dir: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    files(dir).hash(&mut h);
    h.finish()
}

fn split_front(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("+++\n").expect("front matter opens");
    let end = rest.find("\n+++\n").expect("front matter closes");
    (&rest[..end + 1], &rest[end + 5..])
}

#[test]
fn same_seed_gives_identical_tree() {
    let (a, b, c) = (temp_dir("a"), temp_dir("b"), temp_dir("c"));
    let sa = generate(&a, 300, 7).unwrap();
    let sb = generate(&b, 300, 7).unwrap();
    generate(&c, 300, 8).unwrap();
    assert_eq!(sa, sb);
    assert_eq!(tree_hash(&a), tree_hash(&b));
    assert_ne!(tree_hash(&a), tree_hash(&c));
    for d in [a, b, c] {
        fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn two_hundred_documents_with_valid_front_matter() {
    let dir = temp_dir("n200");
    let stats = generate(&dir, 200, 42).unwrap();
    let all = files(&dir);
    let total: u64 = all.iter().map(|(_, t)| t.len() as u64).sum();
    assert_eq!(stats.bytes, total);
    let config: toml::Table =
        toml::from_str(&all.iter().find(|(p, _)| p == "config.toml").unwrap().1).unwrap();
    assert!(config["title"].as_str().is_some());
    assert_eq!(config["base_url"].as_str(), Some("/"));

    let mut documents = 0;
    let mut jurisdictions = 0;
    let mut numbers: HashSet<(String, String, u16)> = HashSet::new();
    for (path, text) in all.iter().filter(|(p, _)| p.ends_with(".md")) {
        let (front, body) = split_front(text);
        let table: toml::Table = toml::from_str(front).unwrap_or_else(|e| panic!("{path}: {e}"));
        if path.ends_with("_index.md") {
            if let Some(level) = table.get("level") {
                jurisdictions += 1;
                assert!(["trung-uong", "tinh", "huyen"].contains(&level.as_str().unwrap()));
                assert!(table["name"].as_str().is_some());
            } else {
                assert!(table["title"].as_str().is_some(), "{path}");
            }
            continue;
        }
        documents += 1;
        assert!(!table["title"].as_str().unwrap().is_empty(), "{path}");
        let kind =
            Kind::lookup(table["kind"].as_str().unwrap()).unwrap_or_else(|| panic!("{path}"));
        assert_eq!(kind.slug, table["kind"].as_str().unwrap());
        let issued = PartialDate::parse_iso(table["issued"].as_str().unwrap())
            .unwrap_or_else(|| panic!("{path}"));
        let district = path.matches('/').count() >= 3 && !path.contains("/tin-tuc/")
            || path.matches('/').count() >= 4;
        if district {
            assert!(issued.iso().as_str() <= "2025-06-30", "{path}: {issued}");
        } else if path.matches('/').count() >= 2 {
            assert!((2019..=2025).contains(&issued.year), "{path}");
        }
        if let Some(number) = table.get("number").and_then(|n| n.as_str()) {
            let n = DocNumber::new(number);
            assert_eq!(
                n.implied_kind().map(|k| k.slug),
                Some(kind.slug),
                "{path}: {number}"
            );
            if n.serial().is_some() {
                let issuer = table
                    .get("issuer")
                    .and_then(|i| i.as_str())
                    .unwrap_or("")
                    .to_string();
                let dir = path.rsplit_once('/').unwrap().0.to_string();
                assert!(
                    numbers.insert((format!("{dir}|{issuer}"), number.to_string(), issued.year)),
                    "duplicate {number} in {path}"
                );
            }
        } else {
            assert!(kind.is_news(), "{path} has no number");
        }
        if !kind.is_news() && path.matches('/').count() >= 2 {
            let signer = table["signer"].as_table().unwrap();
            assert!(signer["name"].as_str().is_some());
            assert!(table["issuer"].as_str().is_some());
        }
        check_citations(path, &table, body);
    }
    assert_eq!(documents, 200);
    assert_eq!(stats.documents, 200);
    assert_eq!(jurisdictions, stats.jurisdictions);
    assert_eq!(
        stats.jurisdictions,
        1 + 34
            + geography::PROVINCES
                .iter()
                .map(|p| p.districts.len())
                .sum::<usize>()
    );
    fs::remove_dir_all(dir).unwrap();
}

fn has_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b'/' || w[1] == b'-'))
}

/// Every citation carries a number: front-matter lists, footnotes, and
/// each "<Kind> số" in the text.
fn check_citations(path: &str, table: &toml::Table, body: &str) {
    for key in ["implements", "cites"] {
        if let Some(list) = table.get(key).and_then(|l| l.as_array()) {
            for item in list {
                assert!(has_number(item.as_str().unwrap()), "{path}: {item}");
            }
        }
    }
    let mut markers = 0;
    for line in body.lines() {
        if line.starts_with("[^") {
            assert!(has_number(line), "{path}: {line}");
        }
        markers += line.matches("[^1]").count();
        if line.starts_with("Thực hiện ") {
            assert!(has_number(line), "{path}: {line}");
        }
        for kind in crate::model::kind::KINDS {
            let cited = format!("{} số ", kind.name);
            for (at, _) in line.match_indices(&cited) {
                let after = &line[at + cited.len()..];
                let first = after.chars().next().unwrap_or(' ');
                assert!(first.is_ascii_digit() || first == '/', "{path}: {line}");
            }
        }
    }
    // A footnote marker always has its definition and the other way round.
    assert!(markers == 0 || markers >= 2, "{path}: lone footnote");
}

#[test]
fn corpus_cites_itself_and_outside_documents() {
    let dir = temp_dir("cites");
    generate(&dir, 2000, 3).unwrap();
    let all = files(&dir);
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for (_, text) in &all {
        if let Some(line) = text.lines().find(|l| l.starts_with("number = ")) {
            *numbers
                .entry(DocNumber::new(line[10..line.len() - 1].trim()).key())
                .or_default() += 1;
        }
    }
    let (mut inside, mut outside, mut province_cited_by_district) = (0, 0, 0);
    for (path, text) in all
        .iter()
        .filter(|(p, _)| p.ends_with(".md") && !p.ends_with("_index.md"))
    {
        let body = split_front(text.as_str()).1;
        for line in body.lines().filter(|l| l.starts_with("Thực hiện ")) {
            for (at, _) in line.match_indices(" số ") {
                let num: String = line[at + " số ".len()..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';')
                    .collect();
                if numbers.contains_key(&DocNumber::new(&num).key()) {
                    inside += 1;
                    if path.matches('/').count() == 3 && line.contains("KH-UBND") {
                        province_cited_by_district += 1;
                    }
                } else {
                    outside += 1;
                }
            }
        }
    }
    assert!(inside > 500, "{inside}");
    assert!(outside > 50, "{outside}");
    assert!(
        province_cited_by_district > 50,
        "{province_cited_by_district}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn hugo_conversion_keeps_every_file() {
    let (src, out) = (temp_dir("hsrc"), temp_dir("hout"));
    generate(&src, 120, 1).unwrap();
    let converted = hugo::write_hugo_site(&src, &out).unwrap();
    let md = files(&src)
        .iter()
        .filter(|(p, _)| p.ends_with(".md"))
        .count();
    assert_eq!(converted, md);
    for (path, text) in files(&out) {
        let (front, _) = split_front(&text);
        let table: toml::Table = toml::from_str(front).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(table["title"].as_str().is_some(), "{path}");
        assert!(table.get("kind").is_none(), "{path}");
        if !path.ends_with("_index.md") {
            assert!(table["date"].as_datetime().is_some(), "{path}");
        }
    }
    fs::remove_dir_all(src).unwrap();
    fs::remove_dir_all(out).unwrap();
}

/// The numbers cited in a body whose issuer is a sở or a district's phòng
/// (the long tail: no such office issues documents in the corpus).
fn long_tail_numbers(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in body.match_indices(" số ") {
        let rest = &body[at + " số ".len()..];
        let num: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ';')
            .collect();
        let tail = rest.split(';').next().unwrap_or("");
        if tail.contains("của Sở ") || tail.contains("của Phòng ") {
            out.push(num);
        }
    }
    out
}

#[test]
fn long_tail_documents_cite_many_distinct_absent_documents() {
    let dir = temp_dir("long");
    let opts = CorpusOptions { long_tail: true };
    generate_with(&dir, 400, 5, opts).unwrap();
    let (mut docs, mut cited, mut words) = (0, Vec::new(), 0usize);
    for (path, text) in files(&dir) {
        if !path.ends_with(".md") || path.ends_with("_index.md") || !path.contains('/') {
            continue;
        }
        let body = split_front(&text).1;
        if text.contains("kind = \"tin-bai\"") || path.matches('/').count() < 2 {
            continue;
        }
        docs += 1;
        words += body.split_whitespace().count();
        let mut mine = long_tail_numbers(body);
        mine.sort();
        mine.dedup();
        assert!(mine.len() >= 3, "{path}: {mine:?}");
        cited.extend(mine);
    }
    let all = cited.len();
    cited.sort();
    cited.dedup();
    assert!(docs > 300, "{docs}");
    assert!(all >= docs * 4, "{all} citations in {docs} documents");
    // Nearly all distinct (numbers repeat across provinces at most).
    assert!(cited.len() * 100 >= all * 97, "{} of {all}", cited.len());
    let avg = words / docs;
    assert!((1200..=2200).contains(&avg), "{avg} words on average");
    // The default corpus is unchanged by the option's existence.
    let (a, b) = (temp_dir("la"), temp_dir("lb"));
    generate(&a, 50, 5).unwrap();
    generate_with(&b, 50, 5, CorpusOptions::default()).unwrap();
    assert_eq!(tree_hash(&a), tree_hash(&b));
    for d in [dir, a, b] {
        fs::remove_dir_all(d).unwrap();
    }
}
