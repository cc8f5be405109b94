//! Property tests of what reads untrusted text: the citation parser, the
//! importer, the manifest reader and the front-matter loader. They run a
//! bounded number of cases in the test command (64 each, so CI stays
//! fast); set `PROPTEST_CASES` for a longer run, as the README says.

mod common;
use common::*;
use proptest::prelude::*;
use vanban::cite::find_citations;
use vanban::import::{import_bytes, ImportOptions};

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 64;
    }
    c
}

/// Text made of what real documents are made of: Vietnamese letters,
/// digits, the punctuation of numbers and dates, header separators and
/// line breaks, in any order.
fn document_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Quyết định số ".to_string()),
        Just("Kế hoạch ".to_string()),
        Just("Căn cứ ".to_string()),
        Just("Thực hiện ".to_string()),
        Just("ngày ".to_string()),
        Just(" tháng ".to_string()),
        Just(" năm ".to_string()),
        Just("Số: ".to_string()),
        Just("ỦY BAN NHÂN DÂN\n".to_string()),
        Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | ".to_string()),
        Just("của Thủ tướng Chính phủ".to_string()),
        Just("/QĐ-UBND".to_string()),
        Just("&".to_string()),
        Just(";\n".to_string()),
        Just(" | ".to_string()),
        Just("  • ".to_string()),
        "[0-9]{1,5}",
        "[/.\\-]",
        "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ ]{0,12}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn serial() -> impl Strategy<Value = u32> {
    1u32..100_000
}

proptest! {
    #![proptest_config(config())]

    /// Whatever the text, the parser answers, and every citation's spans
    /// lie inside the text on character boundaries with the number where
    /// the number span says.
    #[test]
    fn citation_spans_always_lie_inside_the_text(text in document_like()) {
        for c in find_citations(&text) {
            prop_assert!(c.span.start <= c.number_span.start && c.number_span.end <= c.span.end);
            prop_assert!(c.span.end <= text.len());
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            let digits: String = c.number.written.chars().take_while(char::is_ascii_digit).collect();
            prop_assert!(text[c.number_span.clone()].contains(&digits));
        }
    }

    /// A citation written the usual way is found with its number and date
    /// wherever it sits in ordinary prose.
    #[test]
    fn a_written_citation_is_found_with_its_number_and_date(
        before in "[a-zàáảãạâầấđêếôơưừứ ,]{0,40}",
        after in "[a-zàáảãạâầấđêếôơưừứ ,.]{0,40}",
        n in serial(),
        day in 1u8..=28,
        month in 1u8..=12,
        year in 2000u16..2030,
    ) {
        let number = format!("{n}/QĐ-UBND");
        let text = format!("{before} Quyết định số {number} ngày {day}/{month}/{year} của UBND tỉnh{after}");
        let found = find_citations(&text);
        let c = found.iter().find(|c| c.number.written == number);
        prop_assert!(c.is_some(), "{text:?} → {found:?}");
        let date = c.unwrap().date.expect("date");
        prop_assert_eq!((date.year, date.month, date.day), (year, Some(month), Some(day)));
    }

    /// The importer never fails on text: whatever arrives becomes a
    /// document whose front matter is valid TOML.
    #[test]
    fn import_of_any_text_writes_loadable_front_matter(text in document_like()) {
        let imported = import_bytes("van-ban.txt", text.as_bytes(), &ImportOptions::default());
        let imported = imported.expect("text always imports");
        let markdown = imported.to_markdown();
        let front = markdown
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map(|(front, _)| front);
        prop_assert!(front.is_some(), "{markdown}");
        prop_assert!(toml::from_str::<toml::Value>(front.unwrap()).is_ok(), "{markdown}");
    }

    /// Any bytes, as a .txt or as a .docx, give a document or an error:
    /// never a panic.
    #[test]
    fn import_of_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2_000), docx in any::<bool>()) {
        let name = if docx { "a.docx" } else { "a.txt" };
        let _ = import_bytes(name, &bytes, &ImportOptions::default());
    }

    /// The manifest reader refuses or accepts any bytes without panicking.
    #[test]
    fn manifest_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let _ = vanban::federation::parse(&bytes);
    }

    /// A manifest's titles come back as written, whatever characters they
    /// hold, and a document with a bad date is left out with a note.
    #[test]
    fn manifest_titles_round_trip_and_bad_dates_are_left_out(
        title in "\\PC{1,40}",
        month in 1u8..=20,
    ) {
        let issued = format!("2020-{month:02}-10");
        let manifest = serde_json::json!({
            "vanban_manifest": 1, "title": "Cổng tỉnh", "base_url": "https://kh.example/",
            "jurisdictions": [{"path": "khanh-hoa", "name": "Tỉnh Khánh Hòa", "level": "tinh", "url": "https://kh.example/kh/"}],
            "documents": [{"url": "https://kh.example/kh/kh-1/", "title": title, "kind": "ke-hoach",
                "number": "1/KH-UBND", "issued": issued, "issuer": "UBND tỉnh Khánh Hòa",
                "jurisdiction": "khanh-hoa", "implements": [], "cites": []}]
        });
        match vanban::federation::parse(manifest.to_string().as_bytes()) {
            Ok((m, notes)) if month <= 12 => {
                prop_assert_eq!(m.documents.len(), 1, "{:?}", notes);
                prop_assert_eq!(&m.documents[0].title, &title);
            }
            Ok((m, notes)) => {
                prop_assert!(m.documents.is_empty());
                prop_assert!(!notes.is_empty());
            }
            // A title the reader refuses (markup, control characters) is
            // a refusal with a reason, never a panic.
            Err(why) => prop_assert!(!why.is_empty()),
        }
    }
}

/// The front-matter loader, through a real build: any front matter is
/// either loaded or reported with the file named, never a crash, and a
/// title with quotes, backslashes or any letters comes out as written.
#[test]
fn the_loader_reports_or_loads_any_front_matter() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: config().cases.min(32),
        ..config()
    });
    let word = "[A-Za-zÀ-ỹđĐ0-9,.()]{1,10}";
    let title = proptest::string::string_regex(&format!("{word}( {word}){{0,3}}")).unwrap();
    let strategy = (document_like(), title);
    runner
        .run(&strategy, |(front, title)| {
            let good = doc(
                &format!("title = {}\nkind = \"ke-hoach\"\nnumber = \"5/KH-UBND\"\nissued = \"2020-01-02\"", toml::Value::String(title.clone())),
                "Nội dung.",
            );
            let s = site(&[
                ("content/_index.md", ROOT_INDEX),
                ("content/a.md", &format!("+++\n{front}\n+++\nx")),
                ("content/b.md", &good),
            ]);
            let out = s.path().join("public");
            let o = build(s.path(), &out, &[]);
            let err = stderr(&o);
            prop_assert!(!err.contains("panicked"), "{err}");
            if o.status.success() {
                let html: String = tree(&out)
                    .iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "html"))
                    .map(|p| read(&out.join(p)))
                    .collect();
                let nfc: String = unicode_normalization::UnicodeNormalization::nfc(title.as_str()).collect();
                prop_assert!(html.contains(&nfc), "title {nfc:?} shown as written");
            } else {
                prop_assert!(err.contains("content/a.md"), "{err}");
            }
            Ok(())
        })
        .unwrap();
}
