//! Scores `vanban import` on real documents (tests/fixtures/real/, see its
//! README): each `<slug>.txt` is imported and compared with the front
//! matter written by hand in `<slug>.toml`, and with the citations listed
//! there. Prints a per-field table and asserts floors on the way to the
//! targets of issue 15 (see `HELD` and `TARGET`):
//!
//! `cargo test --release --test import_real -- --nocapture`

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vanban::import::{command, import_file, ImportOptions};
use vanban::text::fold;

/// Fields every fixture labels whenever the text shows them, so a value
/// the fixture omits is invented.
const SYSTEMATIC: [&str; 7] = [
    "title",
    "kind",
    "number",
    "issued",
    "issuer",
    "place",
    "signer.name",
];
/// Fields labelled only where the fixture writer chose to: scored when
/// labelled, never counted as invented.
const OCCASIONAL: [&str; 4] = [
    "signer.authority",
    "signer.position",
    "addressees",
    "recipients",
];

const MIN_DOCUMENTS: usize = 30;

fn fixture_dir() -> PathBuf {
    repo_root().join("tests/fixtures/real")
}

/// Slugs with both a `.txt` and a `.toml`; fails loudly when the set is
/// missing or too small to score anything.
fn slugs() -> Vec<String> {
    let dir = fixture_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the real fixture set {} is missing ({e}); merge the `fixtures` branch",
            dir.display()
        )
    });
    let mut slugs: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "txt" && p.with_extension("toml").exists())
                .then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    slugs.sort();
    assert!(
        slugs.len() >= MIN_DOCUMENTS,
        "the real fixture set {} has {} documents; at least {MIN_DOCUMENTS} are needed",
        dir.display(),
        slugs.len()
    );
    slugs
}

fn get(v: &toml::Value, field: &str) -> Option<toml::Value> {
    let mut cur = v;
    for part in field.split('.') {
        cur = cur.get(part)?;
    }
    Some(cur.clone())
}

#[derive(Default, Clone, Copy)]
struct Row {
    right: usize,
    wrong: usize,
    missed: usize,
    invented: usize,
}

/// One expected citation and how import did on it.
struct CitationScore {
    found: bool,
    right: bool,
}

fn norm(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number_key(s: &str) -> String {
    vanban::model::DocNumber::new(s).key()
}

fn score_citations(
    slug: &str,
    expected: &toml::Value,
    written: &[String],
    misses: &mut Vec<String>,
) -> (Vec<CitationScore>, usize) {
    let found: Vec<vanban::cite::Citation> = written
        .iter()
        .filter_map(|w| vanban::cite::parse_citation(w))
        .collect();
    let own = get(expected, "number")
        .and_then(|n| n.as_str().map(number_key))
        .filter(|k| !k.is_empty());
    let self_citations = found
        .iter()
        .filter(|c| own.as_deref() == Some(c.number.key().as_str()))
        .count();
    let list = expected
        .get("fixture")
        .and_then(|f| f.get("citations"))
        .and_then(|c| c.as_array())
        .cloned()
        .unwrap_or_default();
    let mut scores = Vec::new();
    for want in list {
        let number = want.get("number").and_then(|n| n.as_str()).unwrap_or("");
        let issued = want.get("issued").and_then(|n| n.as_str());
        let issuer = want.get("issuer").and_then(|n| n.as_str());
        let hit = found.iter().find(|c| c.number.key() == number_key(number));
        let right = hit.is_some_and(|c| {
            c.date.map(|d| d.iso()).as_deref() == issued
                && c.issuer.as_deref().map(norm) == issuer.map(norm)
        });
        if !right {
            misses.push(format!(
                "  {slug}: {number} ngày {issued:?} của {issuer:?} → {}",
                hit.map_or("not found".to_string(), |c| format!(
                    "ngày {:?} của {:?}",
                    c.date.map(|d| d.iso()),
                    c.issuer
                ))
            ));
        }
        scores.push(CitationScore {
            found: hit.is_some(),
            right,
        });
    }
    (scores, self_citations)
}

/// Imports every fixture through the CLI into one site and builds it.
/// Returns (import exit code, import output, build output if it ran).
fn import_and_build(slugs: &[String]) -> (Option<i32>, String, Option<std::process::Output>) {
    let input = tempfile::tempdir().unwrap();
    for s in slugs {
        std::fs::copy(
            fixture_dir().join(format!("{s}.txt")),
            input.path().join(format!("{s}.txt")),
        )
        .unwrap();
    }
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("config.toml"), "title = \"Nhập\"\n").unwrap();
    let o = vanban()
        .arg("import")
        .arg(input.path())
        .arg("--root")
        .arg(root.path())
        .output()
        .unwrap();
    let text = format!("{}{}", stdout(&o), stderr(&o));
    if o.status.code() != Some(0) {
        return (o.status.code(), text, None);
    }
    let out = root.path().join("public");
    let b = build(root.path(), &out, &[]);
    (o.status.code(), text, Some(b))
}

/// What import must reach on the real documents: fields right (per cent),
/// wrong or invented fields, citations right (per cent), self-citations.
#[derive(Debug)]
struct Floors {
    fields: f64,
    wrong: usize,
    citations: f64,
    self_cited: usize,
}

#[test]
fn real_documents_import_no_worse_than_the_held_floors() {
    let slugs = slugs();
    let mut table: BTreeMap<&str, Row> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    let mut citations: Vec<CitationScore> = Vec::new();
    let mut self_citations = 0;
    for slug in &slugs {
        let path = fixture_dir().join(format!("{slug}.txt"));
        let want: toml::Value =
            toml::from_str(&std::fs::read_to_string(path.with_extension("toml")).unwrap())
                .unwrap_or_else(|e| panic!("{slug}.toml: {e}"));
        let mut imported = import_file(Path::new(&path), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        command::add_relations(&mut imported);
        let got: toml::Value = toml::from_str(&imported.front_matter.to_toml()).unwrap();
        for field in SYSTEMATIC.iter().chain(OCCASIONAL.iter()) {
            let row = table.entry(field).or_default();
            match (get(&want, field), get(&got, field)) {
                (Some(w), Some(g)) if w == g => row.right += 1,
                (Some(w), Some(g)) => {
                    row.wrong += 1;
                    problems.push(format!("  {slug} {field}: wrong {g} (want {w})"));
                }
                (Some(w), None) => {
                    row.missed += 1;
                    problems.push(format!("  {slug} {field}: missed (want {w})"));
                }
                (None, Some(g)) if SYSTEMATIC.contains(field) => {
                    row.invented += 1;
                    problems.push(format!("  {slug} {field}: invented {g}"));
                }
                _ => {}
            }
        }
        let written: Vec<String> = imported
            .front_matter
            .implements
            .iter()
            .chain(&imported.front_matter.cites)
            .cloned()
            .collect();
        let (scores, own) = score_citations(slug, &want, &written, &mut misses);
        if own > 0 {
            problems.push(format!("  {slug}: cites its own number"));
        }
        self_citations += own;
        citations.extend(scores);
    }

    println!("\n{} real documents", slugs.len());
    println!("field              right  wrong  missed  invented");
    let mut total = Row::default();
    for (field, r) in &table {
        println!(
            "{field:<18} {:>5}  {:>5}  {:>6}  {:>8}",
            r.right, r.wrong, r.missed, r.invented
        );
        total.right += r.right;
        total.wrong += r.wrong;
        total.missed += r.missed;
        total.invented += r.invented;
    }
    let labelled = total.right + total.wrong + total.missed;
    println!(
        "{:<18} {:>5}  {:>5}  {:>6}  {:>8}   ({} labelled)",
        "total", total.right, total.wrong, total.missed, total.invented, labelled
    );
    let found = citations.iter().filter(|c| c.found).count();
    let right = citations.iter().filter(|c| c.right).count();
    println!(
        "citations: {} labelled, {found} found, {right} with the right date and issuer; self-citations: {self_citations}",
        citations.len()
    );
    println!("field problems:\n{}", problems.join("\n"));
    println!("citation problems:\n{}", misses.join("\n"));

    let (code, import_out, build_out) = import_and_build(&slugs);
    let builds = build_out.as_ref().is_some_and(|b| b.status.success());
    match (&code, &build_out) {
        (Some(0), Some(b)) => println!(
            "site of all imported files: import exit 0, build {}",
            if builds {
                "succeeded".to_string()
            } else {
                format!("FAILED:\n{}", stderr(b))
            }
        ),
        _ => println!(
            "site of all imported files: import exit {code:?}; summary: {}",
            import_out
                .lines()
                .filter(|l| l.contains(" of ") && l.contains("files need"))
                .collect::<Vec<_>>()
                .join(" / ")
        ),
    }

    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let field_rate = pct(total.right, labelled);
    let citation_rate = pct(right, citations.len());
    println!("fields right: {field_rate:.1}%  citations right: {citation_rate:.1}%");
    // An import that does not exit 0 must say which files need what.
    let site_ok = builds || (code == Some(1) && import_out.contains("files need"));
    // The targets, and the floors this test holds today so that no
    // change makes import worse. Issue 15 stays open until the floors are
    // the targets; raise a floor whenever import gets better.
    const TARGET: Floors = Floors {
        fields: 95.0,
        wrong: 0,
        citations: 97.0,
        self_cited: 0,
    };
    const HELD: Floors = Floors {
        fields: 74.0,
        wrong: 12,
        citations: 81.0,
        self_cited: 3,
    };
    println!("targets of issue 15: {TARGET:?}; held by this test: {HELD:?}");
    let mut failures = Vec::new();
    if field_rate < HELD.fields {
        failures.push(format!(
            "{field_rate:.1}% of labelled fields right (floor {}%)",
            HELD.fields
        ));
    }
    if total.wrong + total.invented > HELD.wrong {
        failures.push(format!(
            "{} wrong and {} invented fields (floor {})",
            total.wrong, total.invented, HELD.wrong
        ));
    }
    if citation_rate < HELD.citations {
        failures.push(format!(
            "{citation_rate:.1}% of citations with the right date and issuer (floor {}%)",
            HELD.citations
        ));
    }
    if self_citations > HELD.self_cited {
        failures.push(format!(
            "{self_citations} self-citations (floor {})",
            HELD.self_cited
        ));
    }
    if !site_ok {
        failures.push(
            "the imported site neither builds nor does import exit 1 naming what is missing".into(),
        );
    }
    assert!(
        failures.is_empty(),
        "floors not met:\n{}",
        failures.join("\n")
    );
}
