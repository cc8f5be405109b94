//! Administrative units from the registry: jurisdictions without folders,
//! stubs placed in the unit that issued them, coverage counted against the
//! whole country, provincial sites.

mod common;
use common::*;

fn plan(number: &str, issued: &str, issuer: &str, body: &str) -> String {
    doc(
        &format!(
            "title = \"Triển khai Đề án Văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"{number}\"\nissued = \"{issued}\"\nissuer = \"{issuer}\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]"
        ),
        body,
    )
}

fn built(files: &[(&str, &str)]) -> (tempfile::TempDir, tempfile::TempDir) {
    let s = site(files);
    let out = tempfile::tempdir().unwrap();
    let o = build(s.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    (s, out)
}

#[test]
fn a_national_site_lists_all_34_provinces_without_folders_and_counts_against_them() {
    let decision = decision_1847();
    let kh = plan("6861/KH-UBND", "2019-07-12", "UBND tỉnh Khánh Hòa", "");
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &decision),
        ("content/khanh-hoa/ke-hoach-6861.md", &kh),
    ]);
    let list = read(&out.path().join("dia-phuong/index.html"));
    for name in [
        "Tỉnh Khánh Hòa",
        "Thành phố Hồ Chí Minh",
        "Tỉnh Lai Châu",
        "Tỉnh Cà Mau",
    ] {
        assert!(list.contains(name), "{name} missing from the list");
    }
    // Every province has a page; a former district with nothing has none.
    assert!(out.path().join("gia-lai/index.html").is_file());
    assert!(out.path().join("binh-dinh/index.html").is_file());
    assert!(!out.path().join("thanh-hoa/trieu-son/index.html").exists());
    let page = read(&out.path().join("khanh-hoa/6861-kh-ubnd-2019/index.html"));
    assert!(page.contains("Tỉnh Khánh Hòa"));
    let decision = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    assert!(
        decision.contains("1/34 tỉnh, thành phố có kế hoạch"),
        "coverage counts against the 34 provinces in force"
    );
    assert!(decision.contains("1/63 tỉnh, thành phố có kế hoạch"));
    assert!(decision.contains("33 tỉnh, thành phố chưa có văn bản nào trên trang"));
    assert!(decision.contains(">Tỉnh Lai Châu</a>"));
}

#[test]
fn a_declared_folder_of_a_province_that_kept_its_name_is_the_province_in_force() {
    // Khánh Hòa (code 56) absorbed Ninh Thuận and kept its name and code:
    // its folder stands for the former and the new province at once, and a
    // site that declares it in `_index.md` counts it among the 34.
    let decision = decision_1847();
    let kh = plan("6861/KH-UBND", "2019-07-12", "UBND tỉnh Khánh Hòa", "");
    let (_s, out) = built(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &decision),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        ("content/khanh-hoa/ke-hoach-6861.md", &kh),
    ]);
    let decision = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    assert!(
        decision.contains("1/34 tỉnh, thành phố có kế hoạch"),
        "Khánh Hòa is a province in force"
    );
    let province = read(&out.path().join("khanh-hoa/index.html"));
    assert!(
        !province.contains("đơn vị hành chính cũ"),
        "not shown as a former unit"
    );
}

#[test]
fn a_2022_district_document_appears_under_the_former_district_and_its_province() {
    let decision = decision_1847();
    let report = doc(
        "title = \"Báo cáo kết quả thực hiện Đề án Văn hóa công vụ\"\nkind = \"bao-cao\"\nnumber = \"120/BC-UBND\"\nissued = \"2022-05-10\"\nissuer = \"UBND huyện Triệu Sơn\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]",
        "",
    );
    let (_s, out) = built(&[
        ("content/quyet-dinh-1847.md", &decision),
        ("content/thanh-hoa/trieu-son/bao-cao-120.md", &report),
    ]);
    let district = read(&out.path().join("thanh-hoa/trieu-son/index.html"));
    assert!(district.contains("120/BC-UBND"));
    assert!(
        district.contains("Huyện Triệu Sơn, đơn vị hành chính cũ</strong>, nay thuộc"),
        "the former district says what it became"
    );
    assert!(district.contains("tỉnh Thanh Hóa"));
    let province = read(&out.path().join("thanh-hoa/index.html"));
    assert!(province.contains("Huyện Triệu Sơn"));
    assert!(province.contains("1 văn bản, kể cả của các đơn vị trực thuộc"));
    let decision = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    assert!(decision.contains("1/34 tỉnh, thành phố có báo cáo"));
}

#[test]
fn stubs_cited_by_a_quang_nam_document_are_placed_in_their_issuers_not_trung_uong() {
    let decision = decision_1847();
    let body = "Thực hiện Kế hoạch số 12/KH-UBND ngày 01/02/2020 của UBND huyện Duy Xuyên và Công văn số 345/UBND-NC ngày 05/3/2020 của UBND tỉnh Quảng Nam, Sở Nội vụ báo cáo như sau.\n";
    let report = doc(
        "title = \"Báo cáo\"\nkind = \"bao-cao\"\nnumber = \"7/BC-SNV\"\nissued = \"2020-06-01\"\nissuer = \"Sở Nội vụ tỉnh Quảng Nam\"",
        body,
    );
    let (_s, out) = built(&[
        ("content/quyet-dinh-1847.md", &decision),
        ("content/quang-nam/bao-cao-7.md", &report),
    ]);
    let files: Vec<String> = tree(out.path())
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let stub = |number: &str| files.iter().find(|f| f.contains(number)).cloned();
    let district_plan = stub("12-kh-ubnd").expect("a page for the district's plan");
    assert!(
        district_plan.starts_with("quang-nam/duy-xuyen/"),
        "{district_plan}"
    );
    let letter = stub("345-ubnd-nc").expect("a page for the province's letter");
    assert!(letter.starts_with("quang-nam/"), "{letter}");
    let district = read(&out.path().join("quang-nam/duy-xuyen/index.html"));
    assert!(district.contains("Huyện Duy Xuyên, đơn vị hành chính cũ"));
    assert!(district.contains("thành phố Đà Nẵng"));
}

#[test]
fn a_plan_cited_but_not_published_is_shown_as_known_not_missing() {
    let decision = decision_1847();
    let letter = doc(
        "title = \"Đẩy mạnh thực hiện Đề án văn hóa công vụ\"\nkind = \"cong-van\"\nnumber = \"1250/UBND-VP8\"\nissued = \"2021-11-02\"\nissuer = \"Ủy ban nhân dân tỉnh Nam Định\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]",
        "Thực hiện Kế hoạch số 38/KH-UBND ngày 25/3/2019 của UBND tỉnh về triển khai Đề án, UBND tỉnh yêu cầu các sở, ngành tiếp tục thực hiện.\n",
    );
    let (_s, out) = built(&[
        ("content/quyet-dinh-1847.md", &decision),
        ("content/nam-dinh/cong-van-1250.md", &letter),
    ]);
    let decision = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    assert!(
        decision.contains("Có kế hoạch (chưa đăng trên trang): <a"),
        "the plan the letter cites is known"
    );
    assert!(decision.contains("38/KH-UBND"));
    assert!(decision.contains("1/34 tỉnh, thành phố có kế hoạch (trong đó 1"));
    // The new province lists what its former province issued.
    let ninh_binh = read(&out.path().join("ninh-binh/index.html"));
    assert!(ninh_binh.contains("Văn bản của các đơn vị hành chính cũ nay thuộc Tỉnh Ninh Bình"));
    assert!(ninh_binh.contains("1250/UBND-VP8"));
    let nam_dinh = read(&out.path().join("nam-dinh/index.html"));
    assert!(nam_dinh.contains("Tỉnh Nam Định, đơn vị hành chính cũ</strong>, nay thuộc"));
}

#[test]
fn init_with_a_unit_makes_a_provincial_site_that_counts_its_districts_and_communes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = vanban()
        .args(["init", "--don-vi", "Tỉnh Khánh Hòa"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let config = read(&root.join("config.toml"));
    assert!(config.contains("don_vi = \"56\""), "{config}");
    assert!(root.join("content/khanh-hoa/ke-hoach-1.md").is_file());
    let out = tempfile::tempdir().unwrap();
    let b = build(&root, out.path(), &[]);
    assert!(b.status.success(), "{}", stderr(&b));
    let decision = read(&out.path().join("1847-qd-ttg-2018/index.html"));
    assert!(
        decision.contains("đơn vị cấp huyện cũ và cấp xã có kế hoạch"),
        "a provincial site counts its own units"
    );
    // Only the province's units: no page for another province.
    assert!(out.path().join("khanh-hoa/index.html").is_file());
    assert!(!out.path().join("ha-noi/index.html").exists());

    let bad = vanban()
        .args(["init", "--don-vi", "Tỉnh Atlantis"])
        .arg(dir.path().join("other"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("Tỉnh Atlantis"), "{}", stderr(&bad));
}

#[test]
fn init_without_a_unit_stays_national() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = vanban().arg("init").arg(&root).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!read(&root.join("config.toml")).contains("don_vi"));
    let out = tempfile::tempdir().unwrap();
    assert!(build(&root, out.path(), &[]).status.success());
    assert!(out.path().join("ha-noi/index.html").is_file());
}

/// A reader who knows only today's commune finds the 2022 report of the
/// district that commune's area belonged to.
#[test]
fn a_former_districts_document_is_found_by_the_name_of_a_commune_that_now_holds_it() {
    let r = vanban::registry::registry();
    let district = r
        .lookup_unit("Huyện Triệu Sơn")
        .into_iter()
        .find(|u| !u.in_force())
        .expect("the former district");
    let communes = r.successor_communes(district);
    // A commune whose name is not the district's: the match must come from
    // the succession, not from the words of the district's name.
    let commune = communes
        .iter()
        .find(|c| !c.short_name.contains("Triệu"))
        .expect("a successor commune");
    let report = doc(
        "title = \"Báo cáo kết quả thực hiện Đề án Văn hóa công vụ\"\nkind = \"bao-cao\"\nnumber = \"120/BC-UBND\"\nissued = \"2022-05-10\"\nissuer = \"UBND huyện Triệu Sơn\"",
        "Nội dung báo cáo.\n",
    );
    let (_s, out) = built(&[("content/thanh-hoa/trieu-son/bao-cao-120.md", &report)]);
    let search = |q: &str| {
        let o = vanban()
            .args(["search", q, "--json", "--site"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    let folded = vanban::text::fold(commune.short_name);
    for q in [commune.short_name.to_string(), folded] {
        assert!(
            search(&q).contains("120-bc-ubnd-2022"),
            "\"{q}\" finds the report of the district it took over"
        );
    }
    assert!(!search("Hoàn Kiếm").contains("120-bc-ubnd-2022"));
}
