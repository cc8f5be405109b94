//! Import tests: the five real seeds against hand-written front matter, the
//! verbatim check, .docx built here, NFC, TCVN3/VNI and a header-less file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use vanban::import::legacy::{
    cp1252_to_string, decode_tcvn3, decode_vni, encode_tcvn3, encode_vni,
};
use vanban::import::{import_bytes, import_file, ImportOptions, Imported, SourceEncoding};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures().join("seeds"))
        .expect("seeds folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "five seeds");
    v
}

fn import(path: &Path) -> Imported {
    import_file(path, &ImportOptions::default()).expect("imports")
}

fn expected(seed: &Path) -> toml::Value {
    let stem = seed.file_stem().and_then(|s| s.to_str()).expect("stem");
    let path = fixtures()
        .join("import_expected")
        .join(format!("{stem}.toml"));
    let text = std::fs::read_to_string(&path).expect("expected file");
    toml::from_str(&text).expect("expected toml")
}

fn actual(imp: &Imported) -> toml::Value {
    toml::from_str(&imp.front_matter.to_toml()).expect("front matter is toml")
}

#[test]
fn seeds_front_matter_matches_hand_written_files() {
    for seed in seeds() {
        let imp = import(&seed);
        assert_eq!(
            actual(&imp),
            expected(&seed),
            "{}\n{}",
            seed.display(),
            imp.report.to_text()
        );
    }
}

#[test]
fn seeds_suggest_jurisdiction_folders() {
    let want = [
        Some("quang-tri/vinh-linh"),
        None,
        Some("khanh-hoa"),
        Some("thanh-hoa/trieu-son"),
        Some("nam-dinh"),
    ];
    for (seed, want) in seeds().iter().zip(want) {
        assert_eq!(
            import(seed).suggested_dir.as_deref(),
            want,
            "{}",
            seed.display()
        );
    }
}

/// Drops Markdown markup, footnote syntax, superscript markers and all
/// whitespace, leaving the words and punctuation to compare.
fn words_only(s: &str) -> String {
    let refs = regex::Regex::new(r"\[\^\d+\]:?").unwrap();
    let s = refs.replace_all(s, "");
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '\\'))
        .filter(|c| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect()
}

#[test]
fn seeds_bodies_keep_every_word() {
    for seed in seeds() {
        let imp = import(&seed);
        let source = std::fs::read_to_string(&seed)
            .unwrap()
            .nfc()
            .collect::<String>();
        let removed: Vec<usize> = imp.report.removed.iter().map(|r| r.line).collect();
        let mut expected = String::new();
        for (i, line) in source.lines().enumerate() {
            let no = i + 1;
            let in_body = imp
                .report
                .body_lines
                .iter()
                .any(|r| r[0] <= no && no <= r[1]);
            if in_body && !removed.contains(&no) {
                expected.push_str(line);
                expected.push('\n');
            }
        }
        assert_eq!(
            words_only(&imp.body),
            words_only(&expected),
            "{}",
            seed.display()
        );
        assert!(!imp.body.trim().is_empty());
        // Header and closing block do not leak into the body.
        if let Some(n) = &imp.front_matter.number {
            assert!(
                !imp.body.contains(&format!("Số: {n}")),
                "{}",
                seed.display()
            );
        }
        assert!(!imp.body.contains("Nơi nhận:") && !imp.body.contains("Noi nhậm"));
    }
}

#[test]
fn seed_002_joins_broken_lines_and_drops_pipes() {
    let imp = import(&seeds()[2]);
    assert!(!imp.body.lines().any(|l| l.trim() == "|"));
    assert!(imp.body.contains("## I. MỤC ĐÍCH, YÊU CẦU"));
    assert!(imp.body.contains("### 1. Mục đích"));
    assert!(imp.body.contains(
        "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án Văn hóa công vụ (Quyết định số 1847/QĐ-TTg);\n"
    ));
    assert!(imp.body.contains("\n\nb) Khắc phục những hạn chế"));
    let pipes = imp.report.removed.iter().filter(|r| r.text == "|").count();
    assert_eq!(pipes, 6);
    assert!(
        imp.report.not_found.is_empty(),
        "{:?}",
        imp.report.not_found
    );
    assert_eq!(imp.suggested_file_name, "6861-kh-ubnd-2019.md");
}

#[test]
fn seed_003_footnotes_become_markdown_footnotes() {
    let imp = import(&seeds()[3]);
    assert!(imp.body.contains("có hiệu quả[^1]; thực hiện"));
    assert!(imp.body.contains("cải cách hành chính[^2]."));
    assert!(imp
        .body
        .contains("[^1]: Công văn số 254/UBND-NV ngày 18/02/2019;\n    Công văn số 150/UBND-NV"));
    assert!(imp
        .body
        .contains("[^2]: Kế hoạch số 3205/KH-UBND ngày 14/12/2018;"));
    assert!(imp.report.not_found.contains(&"issuer".to_string()));
}

#[test]
fn seed_001_reports_missing_fields_and_the_scraping_leftover() {
    let imp = import(&seeds()[1]);
    for f in ["number", "issued", "issuer", "signer.name"] {
        assert!(imp.report.not_found.contains(&f.to_string()), "{f}");
    }
    // A headerless post with a headline is news, and the report says the
    // kind was inferred rather than read.
    let kind = imp.report.found.iter().find(|f| f.field == "kind").unwrap();
    assert_eq!(
        (kind.value.as_str(), kind.source.as_str()),
        ("tin-bai", "inferred")
    );
    assert!(imp
        .report
        .removed
        .iter()
        .any(|r| r.text == "Xổ số miền Bắc"));
    assert!(!imp.body.contains("Xổ số"));
    let json = serde_json::to_string(&imp.report).unwrap();
    assert!(json.contains("\"not_found\""));
}

#[test]
fn to_markdown_wraps_toml_front_matter() {
    let imp = import(&seeds()[4]);
    let md = imp.to_markdown();
    assert!(md.starts_with("+++\ntitle = \"V/v đẩy mạnh thực hiện Đề án văn hóa công vụ\"\n"));
    let (_, rest) = md.split_once("\n+++\n\n").expect("closing +++");
    assert!(rest.starts_with("Thực hiện Quyết định số 1847/QĐ-TTg"));
    assert!(imp
        .body_text()
        .contains("Quyết định số 129/2007/QĐ-TTg ngày 2/8/2007"));
}

/// Field accuracy against the hand-written files, printed as a table
/// (`cargo test --test import field_accuracy -- --nocapture`).
#[test]
fn field_accuracy() {
    let fields = [
        "title",
        "kind",
        "kind_heading",
        "number",
        "issued",
        "issuer",
        "issuer_parent",
        "place",
        "addressees",
        "recipients",
        "recipients_label",
        "signer.authority",
        "signer.position",
        "signer.name",
    ];
    let get = |v: &toml::Value, f: &str| -> Option<toml::Value> {
        let mut cur = v;
        for part in f.split('.') {
            cur = cur.get(part)?;
        }
        Some(cur.clone())
    };
    let mut table: BTreeMap<usize, (&str, [usize; 5])> = BTreeMap::new();
    for (k, f) in fields.iter().enumerate() {
        table.insert(k, (f, [0; 5]));
    }
    for seed in seeds() {
        let imp = import(&seed);
        let (got, want) = (actual(&imp), expected(&seed));
        for (k, f) in fields.iter().enumerate() {
            let row = &mut table.get_mut(&k).unwrap().1;
            match (get(&want, f), get(&got, f)) {
                (Some(w), Some(g)) if w == g => row[0] += 1,
                (Some(_), Some(_)) => row[1] += 1,
                (Some(_), None) => row[2] += 1,
                (None, Some(_)) => row[3] += 1,
                (None, None) => row[4] += 1,
            }
        }
    }
    println!("\nfield              right  wrong  missed  invented  absent(ok)");
    let mut total = [0usize; 5];
    for (f, row) in table.values() {
        println!(
            "{f:<18} {:>5}  {:>5}  {:>6}  {:>8}  {:>10}",
            row[0], row[1], row[2], row[3], row[4]
        );
        for (t, r) in total.iter_mut().zip(row) {
            *t += r;
        }
    }
    println!(
        "{:<18} {:>5}  {:>5}  {:>6}  {:>8}  {:>10}",
        "total", total[0], total[1], total[2], total[3], total[4]
    );
    assert_eq!(total[1] + total[3], 0, "wrong or invented fields");
}

// ---- .docx built in the test ----

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}
fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}
fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", p(&r(text)))
}

fn build_docx() -> Vec<u8> {
    let header = format!(
        "<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}{}</w:tc></w:tr><w:tr>{}{}</w:tr></w:tbl>",
        p(&r("ỦY BAN NHÂN DÂN")),
        p(&r("TỈNH KHÁNH HÒA")),
        p(&r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        p(&r("Độc lập - Tự do - Hạnh phúc")),
        cell("Số: 12/KH-UBND"),
        cell("Khánh Hòa, ngày 1 tháng 2 năm 2024"),
    );
    let body = [
        header,
        p(&r("KẾ HOẠCH")),
        p(&r("Thử nghiệm nhập văn bản Word")),
        p(&format!("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}", r("Mở đầu"))),
        p(&format!(
            "<w:r><w:rPr><w:b/></w:rPr><w:t>Quan trọng</w:t></w:r>{}<w:r><w:rPr><w:i/></w:rPr><w:t>nghiêng</w:t></w:r>{}",
            r(" là chữ đậm, còn đây là "),
            r(" &amp; hết.")
        )),
        p(&format!(
            "{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}",
            r("Theo quy định"),
            r(" hiện hành.")
        )),
        p(&format!("<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}", r("Mục một"))),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Cột A"),
            cell("Cột B"),
            cell("1"),
            cell("Hai")
        ),
        p(&r("Nơi nhận:")),
        p(&r("- Sở Nội vụ;")),
        p(&r("- Lưu: VT.")),
        p(&r("TM. ỦY BAN NHÂN DÂN")),
        p(&r("CHỦ TỊCH")),
        p(&r("Nguyễn Văn A")),
    ]
    .concat();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"{W}\">\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>",
        r(" Nghị định số 30/2020/NĐ-CP.")
    );
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"{W}\">\
         <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types/>".to_string(),
            ),
            ("word/document.xml", document),
            ("word/footnotes.xml", footnotes),
            ("word/numbering.xml", numbering),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(data.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn docx_imports_to_markdown() {
    let imp = import_bytes("thu.docx", &build_docx(), &ImportOptions::default()).expect("docx");
    let fm = &imp.front_matter;
    assert_eq!(fm.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"));
    assert_eq!(fm.number.as_deref(), Some("12/KH-UBND"));
    assert_eq!(fm.issued.map(|d| d.iso()).as_deref(), Some("2024-02-01"));
    assert_eq!(fm.kind.map(|k| k.slug), Some("ke-hoach"));
    assert_eq!(fm.title.as_deref(), Some("Thử nghiệm nhập văn bản Word"));
    assert_eq!(fm.recipients, vec!["Sở Nội vụ;", "Lưu: VT."]);
    let signer = fm.signer.as_ref().expect("signer");
    assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn A"));
    let body = &imp.body;
    assert!(body.contains("# Mở đầu\n"), "{body}");
    assert!(
        body.contains("**Quan trọng** là chữ đậm, còn đây là *nghiêng* & hết."),
        "{body}"
    );
    assert!(body.contains("Theo quy định[^1] hiện hành."), "{body}");
    assert!(body.contains("- Mục một"), "{body}");
    assert!(
        body.contains("| Cột A | Cột B |\n| --- | --- |\n| 1 | Hai |"),
        "{body}"
    );
    assert!(
        body.trim_end()
            .ends_with("[^1]: Nghị định số 30/2020/NĐ-CP."),
        "{body}"
    );
    assert!(
        !body.contains("Nơi nhận") && !body.contains("CHỦ TỊCH"),
        "{body}"
    );
    assert_eq!(imp.suggested_dir.as_deref(), Some("khanh-hoa"));
}

#[test]
fn not_a_docx_names_the_file() {
    let e = import_bytes("hong.docx", b"not a zip", &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().starts_with("hong.docx: "), "{e}");
    let e = import_file(Path::new("/no/such/file.txt"), &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("/no/such/file.txt"), "{e}");
}

/// A .docx whose entries are `parts`, each written from `size` repeats of
/// `fill` after a prefix (streamed, so the test itself stays small).
fn docx_with(parts: &[(&str, &str, usize)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, fill, repeats) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(b"<?xml version=\"1.0\"?><w:document>")
                .unwrap();
            let chunk = fill.repeat(1 << 16);
            for _ in 0..(repeats / (1 << 16)) {
                zip.write_all(chunk.as_bytes()).unwrap();
            }
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn docx_whose_document_inflates_past_the_cap_is_refused_quickly() {
    // 65 MiB of spaces compress to well under a megabyte.
    let bomb = docx_with(&[("word/document.xml", " ", 65 << 20)]);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let start = std::time::Instant::now();
    let e = import_bytes("bom.docx", &bomb, &ImportOptions::default()).unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with("bom.docx: refused"), "{text}");
    assert!(text.contains("word/document.xml"), "{text}");
    assert!(text.contains("64 MiB"), "{text}");
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn docx_whose_parts_together_pass_the_total_cap_is_refused() {
    // Each part under 64 MiB, together over 128 MiB.
    let bomb = docx_with(&[
        ("word/document.xml", " ", 60 << 20),
        ("word/numbering.xml", " ", 60 << 20),
        ("word/footnotes.xml", " ", 60 << 20),
    ]);
    let e = import_bytes("ba-phan.docx", &bomb, &ImportOptions::default()).unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with("ba-phan.docx: refused"), "{text}");
    assert!(text.contains("word/footnotes.xml"), "{text}");
}

#[test]
fn docx_with_too_many_entries_is_refused() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for k in 0..10_001 {
            zip.start_file(format!("x/{k}"), opts).unwrap();
        }
        zip.finish().unwrap();
    }
    let e = import_bytes("nhieu.docx", &buf.into_inner(), &ImportOptions::default()).unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with("nhieu.docx: refused"), "{text}");
    assert!(text.contains("10001 zip entries"), "{text}");
}

// ---- Unicode and legacy encodings ----

const SAMPLE: &str = "Số: 15/BC-UBND\n\nKhánh Hòa, ngày 3 tháng 4 năm 2020\n\nBÁO CÁO\n\nKết quả thực hiện văn hóa công vụ\n\nI. KẾT QUẢ\n\nĐội ngũ cán bộ, công chức đã thực hiện nghiêm túc các quy định về văn hóa công vụ; ứng xử lịch sự với người dân.\n";

#[test]
fn nfd_input_comes_out_nfc() {
    let nfd: String = SAMPLE.nfd().collect();
    assert_ne!(nfd, SAMPLE);
    let imp = import_bytes("nfd.txt", nfd.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(imp.front_matter.place.as_deref(), Some("Khánh Hòa"));
    assert_eq!(
        imp.front_matter.title.as_deref(),
        Some("Kết quả thực hiện văn hóa công vụ")
    );
    let md = imp.to_markdown();
    assert_eq!(md.nfc().collect::<String>(), md);
    assert!(imp.body.contains("Đội ngũ cán bộ, công chức"));
}

/// Every lower-case Vietnamese letter, for round trips.
fn all_lower_letters() -> String {
    let bases = "aăâeêioôơuưy";
    let marks = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"];
    let mut s = String::from("đ ");
    for b in bases.chars() {
        for m in marks {
            s.push(b);
            s.push_str(m);
            s.push(' ');
        }
    }
    s.nfc().collect()
}

#[test]
fn tcvn3_round_trip_and_detection() {
    let letters = all_lower_letters();
    let bytes = encode_tcvn3(&letters).expect("encodable");
    assert_eq!(decode_tcvn3(&cp1252_to_string(&bytes)), letters);
    // A document whose capitals carry no tone, as ABC text does.
    let bytes = encode_tcvn3(
        SAMPLE
            .replace("BÁO CÁO", "Báo cáo")
            .replace("KẾT QUẢ", "Kết quả")
            .as_str(),
    )
    .expect("encodable");
    assert!(std::str::from_utf8(&bytes).is_err(), "raw single-byte file");
    let imp = import_bytes("abc.txt", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(imp.report.encoding, "tcvn3 (detected)");
    assert_eq!(imp.front_matter.number.as_deref(), Some("15/BC-UBND"));
    assert_eq!(imp.front_matter.place.as_deref(), Some("Khánh Hòa"));
    assert!(imp
        .body
        .contains("Đội ngũ cán bộ, công chức đã thực hiện nghiêm túc"));
    // The same text already shown as Windows-1252 (mojibake in a UTF-8 file).
    let mojibake = cp1252_to_string(&bytes);
    let imp = import_bytes("abc.txt", mojibake.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(imp.report.encoding, "tcvn3 (detected)");
    // Hand-written known strings.
    assert_eq!(decode_tcvn3("B¸o c¸o thùc tËp"), "Báo cáo thực tập");
    assert_eq!(decode_tcvn3("B¸o c¸o"), "Báo cáo");
    assert_eq!(decode_tcvn3("Uû ban nh©n d©n"), "Uỷ ban nhân dân");
    let opts = ImportOptions {
        from: SourceEncoding::Tcvn3,
    };
    let imp = import_bytes(
        "x.txt",
        "Uû ban nh©n d©n tØnh Kh¸nh Hßa lµm viÖc.".as_bytes(),
        &opts,
    )
    .unwrap();
    assert_eq!(imp.body.trim(), "Uỷ ban nhân dân tỉnh Khánh Hòa làm việc.");
}

#[test]
fn vni_round_trip_and_detection() {
    let letters = all_lower_letters();
    let upper: String = letters.to_uppercase();
    for s in [&letters, &upper, &SAMPLE.to_string()] {
        let bytes = encode_vni(s).expect("encodable");
        assert_eq!(&decode_vni(&cp1252_to_string(&bytes)), s);
    }
    let bytes = encode_vni(SAMPLE).unwrap();
    let imp = import_bytes("vni.txt", &bytes, &ImportOptions::default()).unwrap();
    assert_eq!(imp.report.encoding, "vni (detected)");
    assert_eq!(imp.front_matter.kind_heading, None);
    assert_eq!(imp.front_matter.kind.map(|k| k.slug), Some("bao-cao"));
    assert_eq!(
        imp.front_matter.title.as_deref(),
        Some("Kết quả thực hiện văn hóa công vụ")
    );
    assert_eq!(
        imp.front_matter.issued.map(|d| d.iso()).as_deref(),
        Some("2020-04-03")
    );
    assert_eq!(decode_vni("UÛy ban nhaân daân"), "Ủy ban nhân dân");
    let opts = ImportOptions {
        from: SourceEncoding::Vni,
    };
    let imp = import_bytes("x.txt", "Baùo caùo thöïc taäp.".as_bytes(), &opts).unwrap();
    assert_eq!(imp.body.trim(), "Báo cáo thực tập.");
}

#[test]
fn utf8_option_rejects_legacy_bytes() {
    let bytes = encode_tcvn3("Báo cáo").unwrap();
    let opts = ImportOptions {
        from: SourceEncoding::Utf8,
    };
    assert!(import_bytes("x.txt", &bytes, &opts).is_err());
}

#[test]
fn file_without_header_infers_nothing() {
    let text = "Đây là một đoạn văn bản bình thường, không có tiêu đề, không có số ký hiệu, không có ngày tháng và cũng không có chữ ký của người có thẩm quyền ở cuối văn bản.\n\nĐoạn thứ hai cũng vậy.\n";
    let imp = import_bytes("trang.md", text.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(imp.front_matter, Default::default());
    assert_eq!(imp.front_matter.to_toml(), "");
    for f in [
        "title",
        "kind",
        "number",
        "issued",
        "issuer",
        "place",
        "recipients",
        "signer.name",
    ] {
        assert!(imp.report.not_found.contains(&f.to_string()), "{f}");
    }
    assert_eq!(imp.body, text);
    assert!(imp.report.found.is_empty());
    assert_eq!(imp.suggested_file_name, "trang.md");
}

#[test]
fn keep_original_copies_the_received_word_file_beside_the_content_file_for_download() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("config.toml"), "title = \"Thử\"\n").unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "+++\nname = \"Trung ương\"\nlevel = \"trung-uong\"\n+++\n",
    )
    .unwrap();
    let received = dir.path().join("Kế hoạch 12.docx");
    let bytes = build_docx();
    std::fs::write(&received, &bytes).unwrap();
    let vanban = || std::process::Command::new(env!("CARGO_BIN_EXE_vanban"));
    let o = vanban()
        .args(["import", "--keep-original", "--format", "json", "--root"])
        .arg(&root)
        .arg(&received)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    let outcome: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let target = PathBuf::from(
        outcome[0]["target"]
            .as_str()
            .or(outcome["files"][0]["target"].as_str())
            .unwrap_or_else(|| panic!("{outcome}")),
    );
    let kept = target.with_extension("docx");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "the received file is kept"
    );
    let text = std::fs::read_to_string(&target).unwrap();
    let name = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert!(text.contains(&format!("original = \"{name}\"")), "{text}");
    assert!(
        std::fs::read(&received).unwrap() == bytes,
        "the input is untouched"
    );

    let out = dir.path().join("public");
    let o = vanban()
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output-dir")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".docx"))
        .expect("the original is published");
    assert_eq!(std::fs::read(page.path()).unwrap(), bytes);
    let html = std::fs::read_to_string(page.path().with_file_name("index.html")).unwrap();
    assert!(
        html.contains("Tải bản gốc (Word,"),
        "download link on the page"
    );
}

/// A district's document that never names its province still lands in the
/// province's folder: the registry of administrative units knows where
/// huyện Vĩnh Linh was.
#[test]
fn the_unit_registry_suggests_the_folder_of_a_district_that_omits_its_province() {
    let text = "ỦY BAN NHÂN DÂN\nHUYỆN VĨNH LINH\n\nSố: 45/KH-UBND\n\nVĩnh Linh, ngày 15 tháng 3 năm 2020\n\nKẾ HOẠCH\nThực hiện văn hóa công vụ năm 2020\n\nI. MỤC ĐÍCH\n\nNâng cao đạo đức công vụ.\n";
    let imp = import_bytes("kh.txt", text.as_bytes(), &ImportOptions::default()).expect("txt");
    assert_eq!(imp.suggested_dir.as_deref(), Some("quang-tri/vinh-linh"));
    let found = imp
        .report
        .found
        .iter()
        .find(|f| f.field == "suggested_dir")
        .expect("reported");
    assert!(found.value.contains("unit registry"), "{}", found.value);
}
