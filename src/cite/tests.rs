use unicode_normalization::UnicodeNormalization;

use super::*;
use crate::model::kind::KINDS;

fn only(text: &str) -> Citation {
    let found = find_citations(text);
    assert_eq!(
        found.len(),
        1,
        "expected one citation in {text:?}: {found:#?}"
    );
    found.into_iter().next().unwrap()
}

fn summary(c: &Citation) -> (String, String, Option<String>, Option<String>) {
    (
        c.kind.map_or("?", |k| k.slug).to_string(),
        c.number.written.clone(),
        c.date.map(|d| d.iso()),
        c.issuer.clone(),
    )
}

fn check(text: &str, kind: &str, number: &str, date: Option<&str>, issuer: Option<&str>) {
    let c = only(text);
    assert_eq!(
        summary(&c),
        (
            kind.to_string(),
            number.to_string(),
            date.map(str::to_string),
            issuer.map(str::to_string)
        ),
        "in {text:?}"
    );
    assert_eq!(
        &text[c.number_span.clone()],
        number,
        "number span in {text:?}"
    );
    assert!(c.span.start <= c.number_span.start && c.number_span.end <= c.span.end);
}

#[test]
fn full_citation_with_date_and_issuer() {
    let text = "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt";
    check(
        text,
        "quyet-dinh",
        "1847/QĐ-TTg",
        Some("2018-12-27"),
        Some("Thủ tướng Chính phủ"),
    );
    let c = only(text);
    assert_eq!(
        &text[c.span],
        "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ"
    );
    check(
        "Kế hoạch số 1291/KH-UBND ngày 28/3/2019 của UBND tỉnh về việc triển khai",
        "ke-hoach",
        "1291/KH-UBND",
        Some("2019-03-28"),
        Some("UBND tỉnh"),
    );
    check(
        "Chỉ thị số 01/CT-UBND ngày 08/01/2021 của Chủ tịch UBND huyện về tăng cường",
        "chi-thi",
        "01/CT-UBND",
        Some("2021-01-08"),
        Some("Chủ tịch UBND huyện"),
    );
}

#[test]
fn lower_case_kind_and_cong_van_number() {
    check(
        "chỉ đạo tại công văn số 4587/UBND-TH ngày 16/5/2019 để cụ thể hóa",
        "cong-van",
        "4587/UBND-TH",
        Some("2019-05-16"),
        None,
    );
}

#[test]
fn numbers_carrying_their_year() {
    check(
        "Quyết định số 129/2007/QĐ-TTg ngày 2/8/2007 và",
        "quyet-dinh",
        "129/2007/QĐ-TTg",
        Some("2007-08-02"),
        None,
    );
    check(
        "theo Quyết định số 5586/2021/QĐ-UBND ngày 22/9/2021 của UBND huyện và các quy chế",
        "quyet-dinh",
        "5586/2021/QĐ-UBND",
        Some("2021-09-22"),
        Some("UBND huyện"),
    );
}

#[test]
fn a_serial_that_looks_like_a_year_is_a_serial() {
    let c = only("theo Kế hoạch số 2018/KH-UBND ngày 20/8/2019 của Chủ tịch UBND huyện về tổ chức");
    assert_eq!(c.number.written, "2018/KH-UBND");
    assert_eq!(c.number.year(), None);
    assert_eq!(c.date.unwrap().iso(), "2019-08-20");
    assert_eq!(c.issuer.as_deref(), Some("Chủ tịch UBND huyện"));
}

#[test]
fn party_numbering() {
    check(
        "Công văn số 425-CV/HU ngày 01/10/2021.",
        "cong-van",
        "425-CV/HU",
        Some("2021-10-01"),
        None,
    );
}

#[test]
fn long_form_dates() {
    check(
        "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27 tháng 12 năm 2018 của Thủ tướng Chính phủ ban hành về việc phê duyệt",
        "quyet-dinh",
        "1847/QĐ-TTg",
        Some("2018-12-27"),
        Some("Thủ tướng Chính phủ"),
    );
    check(
        "Kế hoạch số 12/KH-UBND ngày   tháng 3 năm 2022 của UBND tỉnh",
        "ke-hoach",
        "12/KH-UBND",
        Some("2022-03"),
        Some("UBND tỉnh"),
    );
}

#[test]
fn without_so_date_or_issuer() {
    check(
        "theo Quyết định 1847/QĐ-TTg của Thủ tướng",
        "quyet-dinh",
        "1847/QĐ-TTg",
        None,
        Some("Thủ tướng"),
    );
    check(
        "thực hiện Quyết định số 1847/QĐ-TTg có hiệu quả",
        "quyet-dinh",
        "1847/QĐ-TTg",
        None,
        None,
    );
    check(
        "Ban hành Kế hoạch số 879/KH-UBND ngày 10/4/2020 về việc triển khai",
        "ke-hoach",
        "879/KH-UBND",
        Some("2020-04-10"),
        None,
    );
}

#[test]
fn upper_case_headings() {
    let text = "A. KẾT QUẢ THỰC HIỆN QUYẾT ĐỊNH SỐ 1847/QĐ-TTG\n\nI. CÔNG TÁC";
    check(text, "quyet-dinh", "1847/QĐ-TTG", None, None);
    check(
        "QUYẾT ĐỊNH SỐ 1847/QĐ-TTG NGÀY 27/12/2018 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC PHÊ DUYỆT",
        "quyet-dinh",
        "1847/QĐ-TTG",
        Some("2018-12-27"),
        Some("THỦ TƯỚNG CHÍNH PHỦ"),
    );
    assert_eq!(
        only("CỦA QUYẾT ĐỊNH SỐ 1847/QĐ-TTG").number.key(),
        "1847-QD-TTG"
    );
}

#[test]
fn bracketed_short_form() {
    let text = "Văn hóa công vụ (Quyết định số 1847/QĐ-TTg);";
    check(text, "quyet-dinh", "1847/QĐ-TTg", None, None);
    assert_eq!(&text[only(text).span], "Quyết định số 1847/QĐ-TTg");
}

#[test]
fn van_ban_takes_the_kind_of_its_number() {
    check(
        "theo văn bản số 123/UBND-VP",
        "cong-van",
        "123/UBND-VP",
        None,
        None,
    );
    check(
        "văn bản số 45/KH-UBND ngày 3/2/2020",
        "ke-hoach",
        "45/KH-UBND",
        Some("2020-02-03"),
        None,
    );
}

#[test]
fn line_breaks_inside_citations() {
    check(
        "Thực hiện Quyết định số\n1847/QĐ-TTg ngày\n27/12/2018 của Thủ tướng Chính phủ về việc",
        "quyet-dinh",
        "1847/QĐ-TTg",
        Some("2018-12-27"),
        Some("Thủ tướng Chính phủ"),
    );
    check(
        "Thực hiện có hiệu quả Quyết định\nsố 1847/QĐ-TTg, và",
        "quyet-dinh",
        "1847/QĐ-TTg",
        None,
        None,
    );
    // A wrapped issuer is joined; a finished one stops at the line end.
    check(
        "Quyết định số 3777/QĐ-UBND ngày 25/12/2015 của Ủy\nban nhân dân tỉnh ban hành",
        "quyet-dinh",
        "3777/QĐ-UBND",
        Some("2015-12-25"),
        Some("Ủy ban nhân dân tỉnh"),
    );
    check(
        "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng\nChính phủ và các nội dung",
        "quyet-dinh",
        "1847/QĐ-TTg",
        Some("2018-12-27"),
        Some("Thủ tướng Chính phủ"),
    );
    check(
        "theo Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\nỦy ban nhân dân tỉnh yêu cầu",
        "quyet-dinh",
        "1847/QĐ-TTg",
        Some("2018-12-27"),
        Some("Thủ tướng Chính phủ"),
    );
}

#[test]
fn issuer_stops_at_prose_and_punctuation() {
    let tails = [
        " về Đề án",
        " về việc phê duyệt",
        " ban hành Kế hoạch",
        " phê duyệt Đề án",
        " gửi kèm theo",
        " tại Hà Nội",
        " đã ban hành",
        " và các nội dung",
        ", UBND huyện",
        "; Kế hoạch",
        ". Trên đây",
        ") đã",
        " (gửi kèm)",
        "\n\nKế hoạch",
        " luôn được UBND huyện xác định",
        "",
    ];
    for tail in tails {
        let text =
            format!("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ{tail}");
        let c = find_citations(&text).into_iter().next().unwrap();
        assert_eq!(c.issuer.as_deref(), Some("Thủ tướng Chính phủ"), "{text:?}");
    }
    let c = only("Quyết định số 319/QĐ-BNV ngày 18/4/2019 của Bộ Nội vụ ban hành Kế hoạch");
    assert_eq!(c.issuer.as_deref(), Some("Bộ Nội vụ"));
    let c = only("Công văn số 494/SNV-CCVC ngày 18/3/2022 của Sở Nội vụ về việc báo cáo");
    assert_eq!(c.issuer.as_deref(), Some("Sở Nội vụ"));
}

#[test]
fn issuer_must_follow_right_after_and_be_a_name() {
    // "của" attached to something else in the sentence.
    let c = only("Quyết định số 319/QĐ-BNV và Kế hoạch này của Ủy ban nhân dân tỉnh.");
    assert_eq!(c.issuer, None);
    // "của phòng" is "the department's (implementation)", not an issuer.
    let c = only("tham mưu thực hiện Quyết định số 1847/QĐ-TTg của phòng, đơn vị");
    assert_eq!(c.issuer, None);
    // An issuer never swallows the next citation, and a known body's name
    // is taken whole ("và Đầu tư" is part of the ministry's name).
    let text =
        "Quyết định số 12/QĐ-UBND của UBND tỉnh Quyết định số 5/QĐ-UBND của Bộ Kế hoạch và Đầu tư";
    let issuers: Vec<_> = find_citations(text).into_iter().map(|c| c.issuer).collect();
    assert_eq!(
        issuers,
        [
            Some("UBND tỉnh".to_string()),
            Some("Bộ Kế hoạch và Đầu tư".to_string())
        ]
    );
    // A document named after "của" is no issuer.
    assert_eq!(
        only("Quyết định số 12/QĐ-UBND của Kế hoạch này").issuer,
        None
    );
    assert_eq!(
        &"tham mưu thực hiện Quyết định số 1847/QĐ-TTg của phòng"[c.span],
        "Quyết định số 1847/QĐ-TTg"
    );
}

#[test]
fn variants_seen_in_the_wild() {
    for (text, number) in [
        ("Quyết định số 1847/QĐ-TTG ngày 27/12/2018", "1847/QĐ-TTG"),
        ("Quyết định số 1847/QD-TTg ngày 27/12/2018", "1847/QD-TTg"),
        ("Quyết định số 733/QĐ/TTg ngày 14/6/2019", "733/QĐ/TTg"),
        (
            "Quyết định số 129 /2007/QĐ-TTg ngày 2/8/2007",
            "129 /2007/QĐ-TTg",
        ),
        ("Quyết định số 1847/QÐ-TTg ngày 27/12/2018", "1847/QÐ-TTg"),
        ("QUYẾT ÐỊNH SỐ 1847/QÐ-TTG NGÀY 27/12/2018", "1847/QÐ-TTG"),
        ("Quyet dinh so 1847/QD-TTg ngay 27/12/2018", "1847/QD-TTg"),
    ] {
        let c = only(text);
        assert_eq!(c.kind.unwrap().slug, "quyet-dinh", "{text}");
        assert_eq!(c.number.written, number, "{text}");
        assert_eq!(&text[c.number_span.clone()], number, "{text}");
        let year = &text[text.len() - 4..];
        assert_eq!(c.date.map(|d| d.year.to_string()).as_deref(), Some(year));
    }
    assert_eq!(
        only("Quyết định số 129 /2007/QĐ-TTg").number.key(),
        "129-2007-QD-TTG"
    );
    // "Ƣ" as PDF extraction writes "Ư".
    check(
        "theo Chƣơng trình số 05/CTr-UBND ngày 10/01/2020 của UBND tỉnh",
        "chuong-trinh",
        "05/CTr-UBND",
        Some("2020-01-10"),
        Some("UBND tỉnh"),
    );
    check(
        "Hƣớng dẫn số 01/HD-SNV của Sở Nội vụ",
        "huong-dan",
        "01/HD-SNV",
        None,
        Some("Sở Nội vụ"),
    );
}

#[test]
fn nfd_input_keeps_spans_into_the_original() {
    let nfc_text =
        "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc";
    let nfd: String = nfc_text.nfd().collect();
    assert_ne!(nfd, nfc_text);
    let c = only(&nfd);
    assert_eq!(c.number.written, "1847/QĐ-TTg");
    assert_eq!(
        &nfd[c.number_span.clone()],
        "1847/QĐ-TTg".nfd().collect::<String>()
    );
    assert_eq!(
        crate::text::nfc(&nfd[c.span.clone()]),
        "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ"
    );
    assert_eq!(c.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    assert_eq!(c.date.unwrap().iso(), "2018-12-27");
}

#[test]
fn footnote_lists() {
    let text = "¹\n\nCông văn số 254/UBND-NV ngày 18/02/2019;\n Chỉ thị số 01/CT-UBND ngày 08/01/2021;\n Công văn số 425-CV/HU ngày 01/10/2021.\n\n² Kế hoạch số 3205/KH-UBND ngày 14/12/2018;\nKế hoạch số 87/KH-UBND ngày 12/01/2021.\n";
    let got: Vec<_> = find_citations(text).iter().map(summary).collect();
    let want = [
        ("cong-van", "254/UBND-NV", "2019-02-18"),
        ("chi-thi", "01/CT-UBND", "2021-01-08"),
        ("cong-van", "425-CV/HU", "2021-10-01"),
        ("ke-hoach", "3205/KH-UBND", "2018-12-14"),
        ("ke-hoach", "87/KH-UBND", "2021-01-12"),
    ]
    .map(|(k, n, d)| (k.to_string(), n.to_string(), Some(d.to_string()), None));
    assert_eq!(got, want);
}

#[test]
fn things_that_are_not_citations() {
    for text in [
        "Kế hoạch này",
        "triển khai thực hiện Kế hoạch này.",
        "Đề án Văn hóa công vụ",
        "thực hiện Đề án Văn hóa công vụ năm 2024",
        "Số: /BC-UBND",
        "Số: 6861/KH-UBND",
        "KẾ HOẠCH\nSố: 6861/KH-UBND",
        "Khánh Hòa, ngày 12 tháng 7 năm 2019",
        "ngày 27/12/2018",
        "giai đoạn 2019 - 2025",
        "Kế hoạch năm 2024",
        "Kế hoạch số 12/2019",
        "Xổ số miền Bắc",
        "Quy chế văn hóa công sở",
        "trong tháng 7/2019",
    ] {
        assert_eq!(find_citations(text), vec![], "{text:?}");
    }
}

#[test]
fn every_kind_by_name_in_any_case_and_without_diacritics() {
    for kind in KINDS {
        let number = format!("12/{}-UBND", kind.abbr.unwrap_or("X"));
        for name in [
            kind.name.to_string(),
            kind.name.to_lowercase(),
            kind.name.to_uppercase(),
            crate::text::fold(kind.name),
        ] {
            let text = format!("theo {name} số {number} ngày 3/4/2020 của UBND tỉnh.");
            let c = only(&text);
            assert_eq!(c.kind, Some(*kind), "{text}");
            assert_eq!(c.issuer.as_deref(), Some("UBND tỉnh"), "{text}");
        }
    }
}

#[test]
fn several_citations_in_order() {
    let text = "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án Văn hóa công sở, Quyết định số 733/QĐ-TTg ngày 14/6/2019 của Thủ tướng Chính phủ về việc ban hành; UBND tỉnh đã ban hành Kế hoạch số 38/KH-UBND ngày 19/3/2019 về thực hiện";
    let found = find_citations(text);
    let numbers: Vec<_> = found.iter().map(|c| c.number.written.as_str()).collect();
    assert_eq!(numbers, ["1847/QĐ-TTg", "733/QĐ-TTg", "38/KH-UBND"]);
    assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}

#[test]
fn parses_a_front_matter_citation() {
    let c = parse_citation("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ")
        .unwrap();
    assert_eq!(
        summary(&c),
        (
            "quyet-dinh".to_string(),
            "1847/QĐ-TTg".to_string(),
            Some("2018-12-27".to_string()),
            Some("Thủ tướng Chính phủ".to_string())
        )
    );
    let c = parse_citation("  Kế hoạch số 1291/KH-UBND về việc triển khai").unwrap();
    assert_eq!(c.number.written, "1291/KH-UBND");
    assert_eq!(c.span.start, 2);
    let c = parse_citation("1847/QĐ-TTg ngày 27/12/2018").unwrap();
    assert_eq!(c.kind.unwrap().slug, "quyet-dinh");
    assert_eq!(c.date.unwrap().iso(), "2018-12-27");
    assert_eq!(parse_citation("Kế hoạch này"), None);
    assert_eq!(parse_citation("Đề án Văn hóa công vụ"), None);
    assert_eq!(parse_citation("theo Quyết định số 1847/QĐ-TTg"), None);
    assert_eq!(parse_citation("Số: 6861/KH-UBND"), None);
    assert_eq!(parse_citation(""), None);
}

#[test]
fn serializes_for_templates() {
    let c = parse_citation("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ")
        .unwrap();
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["kind"], "quyet-dinh");
    assert_eq!(json["number"], "1847/QĐ-TTg");
    assert_eq!(json["date"], "2018-12-27");
    assert_eq!(json["issuer"], "Thủ tướng Chính phủ");
    let start = "Quyết định số ".len();
    assert_eq!(json["number_span"]["start"], start);
    assert_eq!(json["span"]["start"], 0);
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Expected {
    kind: String,
    number: String,
    date: Option<String>,
    issuer: Option<String>,
}

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds/");

#[test]
fn parses_every_citation_in_the_seeds() {
    let truth: std::collections::BTreeMap<String, Vec<Expected>> =
        serde_json::from_str(include_str!("seed_citations.json")).unwrap();
    let mut seen = 0;
    let mut report = String::new();
    for entry in std::fs::read_dir(SEEDS).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            seen += 1;
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert!(truth.contains_key(&name), "{name} has no ground truth");
        }
    }
    assert_eq!(seen, truth.len(), "ground truth lists a missing seed");
    for (name, want) in &truth {
        let text = std::fs::read_to_string(format!("{SEEDS}{name}")).unwrap();
        let got: Vec<Expected> = find_citations(&text)
            .iter()
            .map(|c| Expected {
                kind: c.kind.map_or("?", |k| k.slug).to_string(),
                number: c.number.written.clone(),
                date: c.date.map(|d| d.iso()),
                issuer: c.issuer.clone(),
            })
            .collect();
        let located = |i: usize| {
            find_citations(&text).get(i).map_or(String::new(), |c| {
                let line = text[..c.span.start].matches('\n').count() + 1;
                format!(" (line {line}: {:?})", &text[c.span.clone()])
            })
        };
        if want.len() != got.len() {
            report.push_str(&format!(
                "{name}: want {} citations, got {}\n",
                want.len(),
                got.len()
            ));
        }
        for i in 0..want.len().max(got.len()) {
            match (want.get(i), got.get(i)) {
                (Some(w), Some(g)) if w == g => {}
                (w, g) => report.push_str(&format!(
                    "{name} #{i}{}\n  want {w:?}\n  got  {g:?}\n",
                    located(i)
                )),
            }
        }
    }
    assert!(report.is_empty(), "seed citations differ:\n{report}");
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!("{SEEDS}{name}")).unwrap()
}

#[test]
fn implementation_preamble_in_seed_000() {
    let text = seed("000_6037e8200b8ddc84.txt");
    let first_paragraph = text.find("Thực hiện Quyết định").unwrap();
    let found = find_citations(&text);
    let opening: Vec<_> = found
        .iter()
        .filter(|c| c.span.start >= first_paragraph && c.span.start < first_paragraph + 400)
        .collect();
    let numbers: Vec<_> = opening.iter().map(|c| c.number.written.as_str()).collect();
    assert_eq!(numbers, ["1847/QĐ-TTg", "1291/KH-UBND"]);
    for c in opening {
        assert!(is_implementation_preamble(&text, c), "{:?}", c.number);
    }
    // The same two in "Nêu cao vai trò … thực hiện Quyết định số …" are mentions.
    for c in found.iter().skip(2) {
        assert!(!is_implementation_preamble(&text, c), "{:?}", c.number);
    }
}

#[test]
fn implementation_preamble_forms() {
    let yes = [
        "Căn cứ Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ;",
        "Triển khai Kế hoạch số 1291/KH-UBND ngày 28/3/2019 của UBND tỉnh, UBND huyện",
        "BÁO CÁO\n\nVề việc triển khai, thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018",
        "các xã, thị trấn\na) Căn cứ Quyết định số 1847/QĐ-TTg,",
        "**2. Căn cứ** Quyết định số 1847/QĐ-TTg",
        "Theo Quyết định số 319/QĐ-BNV ngày 18/4/2019 của Bộ Nội vụ",
    ];
    for text in yes {
        let c = only(text);
        assert!(is_implementation_preamble(text, &c), "{text:?}");
    }
    let no = [
        "Hàng năm, Huyện đã ban hành các văn bản chỉ đạo để tổ chức thực hiện Quyết định số 1847/QĐ-TTg có hiệu quả",
        "Thực hiện tốt Kế hoạch. Trên đây là Báo cáo về việc triển khai thực hiện Quyết định số 1847/QĐ-TTg",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 02/01/2020",
    ];
    for text in no {
        let c = find_citations(text).pop().unwrap();
        assert!(!is_implementation_preamble(text, &c), "{text:?}");
    }
    // Later items of a ";"-separated list after "Căn cứ" are implemented too.
    let text = "Căn cứ Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án Văn hóa công vụ;\nKế hoạch số 1291/KH-UBND ngày 28/3/2019 của UBND tỉnh;\nChỉ thị số 01/CT-UBND,";
    let found = find_citations(text);
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|c| is_implementation_preamble(text, c)));
}

#[test]
fn implementation_preamble_in_seed_003() {
    let text = seed("003_22cb969596d83775.txt");
    let found = find_citations(&text);
    let implemented: Vec<_> = found
        .iter()
        .filter(|c| is_implementation_preamble(&text, c))
        .map(|c| (c.number.written.as_str(), c.date.map(|d| d.iso())))
        .collect();
    assert_eq!(
        implemented,
        [
            ("1847/QĐ-TTg", Some("2018-12-27".to_string())), // title "Về việc triển khai, thực hiện"
            ("494/SNV-CCVC", Some("2022-03-18".to_string())),
            ("1847/QĐ-TTg", Some("2018-12-27".to_string())),
        ]
    );
}

#[test]
fn large_texts_stay_linear() {
    let mut text = String::new();
    for seed_name in [
        "000_6037e8200b8ddc84.txt",
        "002_e90fb17365945cc9.txt",
        "003_22cb969596d83775.txt",
    ] {
        text.push_str(&seed(seed_name));
    }
    // Prose with long runs of near-citations ("của" chains, kind words with
    // no numbers) on top of the real documents, about 50 KB in all.
    let real = find_citations(&text).len();
    let mut added = 0;
    while text.len() < 50_000 {
        text.push_str("Kế hoạch này của Quyết định số của Thủ tướng Chính phủ Kế hoạch ");
        text.push_str("Quyết định số 1/QĐ-UBND ngày 1/1/2020 của ");
        added += 1;
    }
    let found = find_citations(&text);
    assert_eq!(found.len(), real + added);
    assert!(found[real..].iter().all(|c| c.issuer.is_none()));
    let preambles = found
        .iter()
        .filter(|c| is_implementation_preamble(&text, c))
        .count();
    assert!(preambles >= 3);
}
