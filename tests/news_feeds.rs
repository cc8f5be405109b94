//! News posts (commendations), news list pages, `vanban new`, and the Atom
//! and RSS feeds, read back with the feed-rs parser.

mod common;

use common::*;
use std::path::Path;

const BASE: &str = "https://vhcv.example.gov.vn/tinh/";

fn news(title: &str, date: &str, extra: &str) -> String {
    doc(
        &format!("title = \"{title}\"\nkind = \"tin-bai\"\nissued = \"{date}\"\n{extra}"),
        "Nội dung tin.\n",
    )
}

fn news_site() -> tempfile::TempDir {
    site(&[
        ("config.toml", "title = \"Văn hóa công vụ\"\npaginate = 2\nminify = false\n"),
        ("content/_index.md", ROOT_INDEX),
        (
            "content/quyet-dinh-1847.md",
            &decision_1847(),
        ),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        (
            "content/khanh-hoa/ke-hoach-6861.md",
            &doc(
                "title = \"Triển khai thực hiện Đề án văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"Ủy ban nhân dân tỉnh Khánh Hòa\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]",
                "Nội dung.\n",
            ),
        ),
        ("content/khanh-hoa/tin-tuc/_index.md", "+++\ntitle = \"Tin tức\"\n+++\n"),
        (
            "content/khanh-hoa/tin-tuc/bieu-duong-mot-cua.md",
            &news(
                "Biểu dương Bộ phận Một cửa",
                "2020-01-10",
                "commended = [\"Bộ phận Một cửa huyện Diên Khánh\", \"Bà Lê Thị Hoa\"]\naward = \"Giấy khen của Chủ tịch UBND huyện\"\nmovement = \"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa\"\n[image]\nsrc = \"anh/trao-giay-khen.jpg\"\nalt = \"Chủ tịch UBND huyện trao giấy khen cho Bộ phận Một cửa\"",
            ),
        ),
        (
            "content/khanh-hoa/tin-tuc/khen-thuong-2021.md",
            &news("Khen thưởng năm 2021", "2021-12-30", "award = \"bằng khen\""),
        ),
        (
            "content/khanh-hoa/tin-tuc/so-ket-2019.md",
            &news("Sơ kết năm 2019", "2019-12-20", "award = \"biểu dương\""),
        ),
        (
            "content/tin-tuc/_index.md",
            "+++\ntitle = \"Tin tức\"\n+++\n",
        ),
        (
            "content/tin-tuc/tong-ket.md",
            &news("Tổng kết toàn quốc", "2022-03-01", ""),
        ),
    ])
}

fn build_ok(root: &Path, out: &Path) {
    let o = build(root, out, &["--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Positions of the titles in the page, to check their order.
fn in_order(html: &str, titles: &[&str]) {
    let positions: Vec<usize> = titles
        .iter()
        .map(|t| html.find(t).unwrap_or_else(|| panic!("{t} not in page")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{titles:?}");
}

#[test]
fn news_pages_list_newest_first_with_pagination_and_commendations() {
    let s = news_site();
    let out = s.path().join("out");
    build_ok(s.path(), &out);

    // Tera escapes "/" in attribute values.
    let html = |p: &str| read(&out.join(p)).replace("&#x2F;", "/");
    let page1 = html("khanh-hoa/tin-bai/index.html");
    let page2 = html("khanh-hoa/tin-bai/trang/2/index.html");
    in_order(
        &page1,
        &["Khen thưởng năm 2021", "Biểu dương Bộ phận Một cửa"],
    );
    assert!(page2.contains("Sơ kết năm 2019"));
    assert!(!page1.contains("Sơ kết năm 2019"));
    assert!(page1.contains("Bà Lê Thị Hoa") && page1.contains("Giấy khen của Chủ tịch UBND huyện"));
    // The image is found from either depth, with its text alternative.
    assert!(page1.contains(
        "src=\"../../anh/trao-giay-khen.jpg\" alt=\"Chủ tịch UBND huyện trao giấy khen cho Bộ phận Một cửa\""
    ), "{page1}");
    assert!(page2.contains("href=\"../../../../khanh-hoa/tin-tuc/so-ket-2019/\""));

    // Site-wide: every post, the national one included, newest first.
    let all = read(&out.join("tin-bai/index.html"));
    in_order(&all, &["Tổng kết toàn quốc", "Khen thưởng năm 2021"]);
    assert!(out.join("tin-bai/trang/2/index.html").exists());
    assert!(
        !out.join("tin-bai/trang/3/index.html").exists(),
        "four posts, two a page"
    );

    // The home page shows the latest news.
    let home = read(&out.join("index.html"));
    in_order(
        &home,
        &["Tin mới", "Tổng kết toàn quốc", "Khen thưởng năm 2021"],
    );

    // The plan the movement names lists the commendation.
    let plan = html("khanh-hoa/6861-kh-ubnd-2019/index.html");
    let section = &plan[plan
        .find("Biểu dương, khen thưởng theo văn bản này")
        .expect("section")..];
    assert!(section.contains("../../khanh-hoa/tin-tuc/bieu-duong-mot-cua/"));
    assert!(
        !section.contains("so-ket-2019"),
        "only posts naming the plan"
    );

    // The post's own page shows what was awarded to whom.
    let post = read(&out.join("khanh-hoa/tin-tuc/bieu-duong-mot-cua/index.html"));
    assert!(post.contains("Bộ phận Một cửa huyện Diên Khánh"));
    assert!(post.contains("alt=\"Chủ tịch UBND huyện trao giấy khen"));
}

#[test]
fn a_missing_alt_text_is_an_error_naming_file_and_line() {
    let s = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "content/tin-tuc/anh.md",
            "+++\ntitle = \"Tin\"\nkind = \"tin-bai\"\n[image]\nsrc = \"anh.jpg\"\n+++\nX\n",
        ),
    ]);
    let o = build(s.path(), &s.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/tin-tuc/anh.md:4"), "{err}");
    assert!(err.contains("image-alt") && err.contains("`alt`"), "{err}");
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap();
    feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_feed_parses_with_absolute_links_and_entries_newest_first() {
    let s = news_site();
    let out = s.path().join("out");
    build_ok(s.path(), &out);
    let feeds: Vec<_> = tree(&out)
        .into_iter()
        .filter(|p| p.ends_with("atom.xml") || p.ends_with("rss.xml"))
        .collect();
    for expected in [
        "atom.xml",
        "rss.xml",
        "khanh-hoa/atom.xml",
        "khanh-hoa/rss.xml",
        "loai/ke-hoach/atom.xml",
        "loai/tin-bai/rss.xml",
        "tin-bai/atom.xml",
        "khanh-hoa/tin-bai/rss.xml",
    ] {
        assert!(
            feeds.iter().any(|p| p == Path::new(expected)),
            "{expected}: {feeds:?}"
        );
    }
    for path in &feeds {
        let feed = parse_feed(&out.join(path));
        assert!(!feed.entries.is_empty(), "{}", path.display());
        let dates: Vec<_> = feed
            .entries
            .iter()
            .map(|e| e.published.expect("dated entry"))
            .collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{}", path.display());
        assert_eq!(
            feed.updated.map(|u| u.timestamp()),
            Some(dates[0].timestamp()),
            "{}",
            path.display()
        );
        for e in &feed.entries {
            let link = &e.links[0].href;
            assert!(link.starts_with(BASE), "{link}");
            assert_eq!(&e.id, link, "ids are the documents' URLs");
            let local = link.strip_prefix(BASE).unwrap();
            assert!(out.join(local).join("index.html").exists(), "{link}");
        }
    }

    let news = parse_feed(&out.join("khanh-hoa/tin-bai/atom.xml"));
    let titles: Vec<String> = news
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Khen thưởng năm 2021",
            "Biểu dương Bộ phận Một cửa",
            "Sơ kết năm 2019"
        ]
    );
    assert_eq!(
        news.entries[1].published.unwrap().to_rfc3339(),
        "2020-01-09T17:00:00+00:00",
        "midnight in Vietnam"
    );
    let rss = parse_feed(&out.join("khanh-hoa/tin-bai/rss.xml"));
    assert_eq!(rss.entries.len(), 3);
    assert_eq!(rss.entries[1].published, news.entries[1].published);

    let plans = parse_feed(&out.join("loai/ke-hoach/atom.xml"));
    assert_eq!(plans.entries.len(), 1);
    assert_eq!(
        plans.entries[0].title.as_ref().unwrap().content,
        "Kế hoạch số 6861/KH-UBND ngày 12/07/2019: Triển khai thực hiện Đề án văn hóa công vụ"
    );

    // Nothing depends on the clock: a second build writes the same feeds.
    let again = s.path().join("again");
    build_ok(s.path(), &again);
    for path in &feeds {
        assert_eq!(
            read(&out.join(path)),
            read(&again.join(path)),
            "{}",
            path.display()
        );
    }
}

/// Runs `vanban ARGS… --root ROOT` (the `new` command in these tests).
fn new_file(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    vanban()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

#[test]
fn vanban_new_writes_posts_and_documents_that_build() {
    let s = news_site();
    let o = new_file(
        s.path(),
        &[
            "new",
            "tin-bai",
            "Biểu dương Đoàn Thanh niên xã Vĩnh Lương",
            "--under",
            "khanh-hoa",
            "--date",
            "2023-05-19",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = s
        .path()
        .join("content/khanh-hoa/tin-tuc/bieu-duong-doan-thanh-nien-xa-vinh-luong.md");
    assert!(stdout(&o).contains("bieu-duong-doan-thanh-nien-xa-vinh-luong.md"));
    let text = read(&path);
    assert!(text.contains("title = \"Biểu dương Đoàn Thanh niên xã Vĩnh Lương\""));
    assert!(text.contains("issued = \"2023-05-19\"") && text.contains("kind = \"tin-bai\""));
    assert!(text.contains("commended = []") && text.contains("# award ="));

    // A second post of the same title would overwrite the first: refused.
    let again = new_file(
        s.path(),
        &[
            "new",
            "tin-bai",
            "Biểu dương Đoàn Thanh niên xã Vĩnh Lương",
            "--under",
            "khanh-hoa",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));

    // A document, and a site-wide post dated today.
    let o = new_file(
        s.path(),
        &[
            "new",
            "ke-hoach",
            "Thực hiện văn hóa công vụ năm 2024",
            "--under",
            "khanh-hoa",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = new_file(s.path(), &["new", "tin-bai", "Tin mới trong ngày"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let today = read(&s.path().join("content/tin-tuc/tin-moi-trong-ngay.md"));
    let issued = today
        .lines()
        .find_map(|l| l.strip_prefix("issued = \""))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let year: u32 = issued[..4].parse().unwrap();
    assert!(issued.len() == 10 && year >= 2025, "{issued}");

    // What `new` writes is a draft: the next build does not publish it.
    assert!(text.contains("\ndraft = true\n"), "{text}");
    assert!(stdout(&o).contains("draft"), "says how to publish");
    let out = s.path().join("out");
    build_ok(s.path(), &out);
    assert!(!read(&out.join("khanh-hoa/tin-bai/index.html"))
        .contains("Biểu dương Đoàn Thanh niên xã Vĩnh Lương"));
    // check names what is left to do: the placeholder body, and the post
    // filed under the national level.
    let c = vanban()
        .args(["check", "--drafts", "--root"])
        .arg(s.path())
        .output()
        .unwrap();
    let found = format!("{}{}", stdout(&c), stderr(&c));
    assert!(
        found.contains("placeholder-text")
            && found.contains("bieu-duong-doan-thanh-nien-xa-vinh-luong.md"),
        "{found}"
    );
    assert!(
        found.contains("news-without-jurisdiction") && found.contains("tin-moi-trong-ngay.md"),
        "{found}"
    );
    // Deleting the draft line publishes it.
    for file in [
        path.clone(),
        s.path()
            .join("content/khanh-hoa/thuc-hien-van-hoa-cong-vu-nam-2024.md"),
    ] {
        std::fs::write(&file, read(&file).replace("\ndraft = true\n", "\n")).unwrap();
    }
    build_ok(s.path(), &out);
    let list = read(&out.join("khanh-hoa/tin-bai/index.html"));
    assert!(list.contains("Biểu dương Đoàn Thanh niên xã Vĩnh Lương"));
    assert!(out
        .join("khanh-hoa/thuc-hien-van-hoa-cong-vu-nam-2024/index.html")
        .exists());

    for (args, code) in [
        (vec!["new", "tin-bai", "X", "--under", "khong-co"], 2),
        (vec!["new", "khong-phai-loai", "X"], 2),
        (vec!["new", "tin-bai", "!!!"], 2),
    ] {
        let o = new_file(s.path(), &args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    }
    // A near miss names the folder meant and lists the ones there are.
    let o = new_file(s.path(), &["new", "tin-bai", "X", "--under", "khanh-ho"]);
    let err = stderr(&o);
    assert!(err.contains("jurisdiction folders are: khanh-hoa"), "{err}");
    assert!(err.contains("Did you mean --under khanh-hoa?"), "{err}");
    let o = new_file(s.path(), &["new", "ke-hoac", "X"]);
    assert!(
        stderr(&o).contains("did you mean \"ke-hoach\"?"),
        "{}",
        stderr(&o)
    );
}

/// Shared on Zalo or Facebook, each page shows its own title, description
/// and picture; with a relative `base_url` the build says share cards
/// cannot carry addresses.
#[test]
fn every_page_has_its_own_description_and_share_card() {
    let s = news_site();
    let config = s.path().join("config.toml");
    let relative = build(s.path(), &s.path().join("out0"), &[]);
    assert!(
        stderr(&relative).contains("relative-base-url"),
        "{}",
        stderr(&relative)
    );
    std::fs::write(
        &config,
        format!(
            "base_url = \"https://vhcv.khanhhoa.gov.vn/\"\n{}",
            read(&config)
        ),
    )
    .unwrap();
    let out = s.path().join("out");
    let o = build(s.path(), &out, &[]);
    assert!(o.status.success() && !stderr(&o).contains("relative-base-url"));

    let meta = |page: &str, name: &str| -> String {
        let html = read(&out.join(page));
        let at = html
            .find(&format!("=\"{name}\" content=\""))
            .unwrap_or_else(|| panic!("{page} has no {name}"));
        let rest = &html[at + name.len() + 13..];
        rest[..rest.find('"').unwrap()].to_string()
    };
    let plan = "khanh-hoa/6861-kh-ubnd-2019/index.html";
    assert_eq!(
        meta(plan, "description"),
        "Triển khai thực hiện Đề án văn hóa công vụ"
    );
    assert!(meta(plan, "og:title").contains("6861/KH-UBND"));
    assert_eq!(
        meta(plan, "og:url"),
        "https://vhcv.khanhhoa.gov.vn/khanh-hoa/6861-kh-ubnd-2019/"
    );
    let post = "khanh-hoa/tin-tuc/bieu-duong-mot-cua/index.html";
    assert_eq!(meta(post, "og:title"), "Biểu dương Bộ phận Một cửa");
    assert_eq!(
        meta(post, "og:image"),
        "https://vhcv.khanhhoa.gov.vn/anh/trao-giay-khen.jpg"
    );
    assert_eq!(meta(post, "twitter:card"), "summary_large_image");
    // Every page's description is its own, not the site's one line.
    let descriptions: std::collections::BTreeSet<String> =
        [plan, post, "khanh-hoa/index.html", "index.html"]
            .iter()
            .map(|p| meta(p, "description"))
            .collect();
    assert_eq!(descriptions.len(), 4, "{descriptions:?}");
}

#[test]
fn the_navigation_and_jurisdiction_pages_lead_to_the_one_news_list() {
    let s = news_site();
    let out = s.path().join("out");
    build_ok(s.path(), &out);
    let html = |p: &str| read(&out.join(p)).replace("&#x2F;", "/");

    // "Tin tức" in the navigation is the site-wide list with its feeds,
    // not the tin-tuc/ folder's own list.
    let home = html("index.html");
    let nav = &home[home.find("class=\"site-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("<a href=\"tin-bai/\">Tin tức</a>"), "{nav}");
    assert!(!nav.contains("href=\"tin-tuc/\""), "{nav}");
    let list = html("tin-bai/index.html");
    assert!(
        list.contains("href=\"../tin-bai/atom.xml\"")
            && list.contains("href=\"../tin-bai/rss.xml\"")
    );
    assert!(list.contains("<a href=\"../tin-bai/\" aria-current=\"page\">Tin tức</a>"));

    // The folders' own addresses lead to their jurisdiction's list.
    for (folder, target) in [
        ("tin-tuc/index.html", "../tin-bai/"),
        ("khanh-hoa/tin-tuc/index.html", "../../khanh-hoa/tin-bai/"),
    ] {
        let page = html(folder);
        assert!(
            page.contains(&format!("<a href=\"{target}\">Tin tức</a>")),
            "{folder}: {page}"
        );
        assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(
            !page.contains("class=\"doc-list\""),
            "{folder} is no second list"
        );
    }

    // The jurisdiction page links its own news list.
    let province = html("khanh-hoa/index.html");
    assert!(province.contains("<a href=\"../khanh-hoa/tin-bai/\">Tin tức của tỉnh Khánh Hòa</a>"));
}
