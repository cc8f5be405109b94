//! Open data: documents.json, one JSON file per document, the manifest and
//! their JSON Schemas (validated with the jsonschema crate), and the
//! embeddable fragment per jurisdiction.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const BASE: &str = "https://vhcv.example.gov.vn/";

fn open_data_site() -> tempfile::TempDir {
    site(&[
        ("config.toml", "title = \"Văn hóa công vụ\"\nminify = false\n"),
        ("content/_index.md", ROOT_INDEX),
        (
            "content/quyet-dinh-1847.md",
            &decision_1847(),
        ),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        (
            "content/khanh-hoa/ke-hoach-6861.md",
            &doc(
                "title = \"Triển khai thực hiện Đề án văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"Ủy ban nhân dân tỉnh Khánh Hòa\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]\n[signer]\nauthority = \"KT. CHỦ TỊCH\"\nposition = \"PHÓ CHỦ TỊCH\"\nname = \"Đào Công Thiên\"",
                "Tham khảo thêm Nghị định số 01/2011/NĐ-CP ngày 05/01/2011 của Chính phủ.\n",
            ),
        ),
        (
            "content/khanh-hoa/tin-tuc/bieu-duong.md",
            &doc(
                "title = \"Biểu dương Bộ phận Một cửa\"\nkind = \"tin-bai\"\nissued = \"2020-01-10\"\ncommended = [\"Bộ phận Một cửa\"]\naward = \"bằng khen\"\nmovement = \"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa\"\n[image]\nsrc = \"anh/trao.jpg\"\nalt = \"Trao bằng khen\"",
                "Nội dung.\n",
            ),
        ),
    ])
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(out: &Path, schema: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&json(&out.join(schema))).unwrap_or_else(|e| panic!("{schema}: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

#[test]
fn documents_json_lists_metadata_urls_and_relations_and_validates() {
    let s = open_data_site();
    let out = s.path().join("out");
    let o = build(s.path(), &out, &["--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));

    let list = json(&out.join("api/documents.json"));
    let list_schema = validator(&out, "api/schema/documents.schema.json");
    assert_valid(&list_schema, &list, "documents.json");
    assert_eq!(list["count"], 3);
    let docs = list["documents"].as_array().unwrap();
    let by_number = |n: &str| {
        docs.iter()
            .find(|d| d["number"] == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let plan = by_number("6861/KH-UBND");
    assert_eq!(plan["url"], format!("{BASE}khanh-hoa/6861-kh-ubnd-2019/"));
    assert_eq!(plan["kind"], "ke-hoach");
    assert_eq!(plan["issued"], "2019-07-12");
    assert_eq!(plan["issuer"], "Ủy ban nhân dân tỉnh Khánh Hòa");
    assert_eq!(plan["jurisdiction"]["name"], "Tỉnh Khánh Hòa");
    assert_eq!(plan["signer"]["name"], "Đào Công Thiên");
    assert_eq!(plan["relations"]["implements"][0]["number"], "1847/QĐ-TTg");
    assert_eq!(plan["relations"]["implements"][0]["published"], "here");
    assert_eq!(plan["relations"]["cites"][0]["number"], "01/2011/NĐ-CP");
    assert_eq!(plan["relations"]["cites"][0]["published"], "not-published");
    assert_eq!(
        plan["relations"]["cited_by"][0]["url"],
        format!("{BASE}khanh-hoa/tin-tuc/bieu-duong/")
    );
    let decision = by_number("1847/QĐ-TTg");
    assert_eq!(
        decision["relations"]["implemented_by"][0]["url"],
        plan["url"]
    );
    let post = docs.iter().find(|d| d["kind"] == "tin-bai").unwrap();
    assert_eq!(post["news"]["award"], "bằng khen");
    assert_eq!(post["news"]["image"]["src"], format!("{BASE}anh/trao.jpg"));

    // One file per document, with its body, valid against its schema.
    let doc_schema = validator(&out, "api/schema/document.schema.json");
    for d in docs {
        let url = d["json"].as_str().unwrap();
        let local = out.join(url.strip_prefix(BASE).unwrap());
        let one = json(&local);
        assert_valid(&doc_schema, &one, url);
        assert_eq!(one["url"], d["url"]);
    }
    let one_path = out.join("api/van-ban/khanh-hoa/6861-kh-ubnd-2019.json");
    assert!(
        read(&one_path).lines().count() > 10,
        "indented when minify = false"
    );
    let one = json(&one_path);
    assert!(one["body"]
        .as_str()
        .unwrap()
        .contains("Tham khảo thêm Nghị định"));

    // The schemas do reject what does not fit.
    let mut broken = list.clone();
    broken["documents"][0]
        .as_object_mut()
        .unwrap()
        .remove("url");
    assert!(!list_schema.is_valid(&broken));
    let mut broken = list.clone();
    broken["documents"][0]["jurisdiction"]["level"] = "quoc-gia".into();
    assert!(!list_schema.is_valid(&broken));
}

#[test]
fn the_manifest_names_jurisdictions_and_document_identities() {
    let s = open_data_site();
    let out = s.path().join("out");
    let o = build(s.path(), &out, &["--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = json(&out.join("vanban.json"));
    assert_valid(
        &validator(&out, "api/schema/vanban.schema.json"),
        &manifest,
        "vanban.json",
    );
    assert_eq!(manifest["vanban_manifest"], 1);
    assert_eq!(manifest["base_url"], BASE);
    let jurs = manifest["jurisdictions"].as_array().unwrap();
    assert!(jurs.iter().any(|j| j["name"] == "Tỉnh Khánh Hòa"
        && j["path"] == "khanh-hoa"
        && j["level"] == "tinh"
        && j["url"] == format!("{BASE}khanh-hoa/")));
    let plan = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "6861/KH-UBND")
        .unwrap();
    assert_eq!(plan["issuer"], "Ủy ban nhân dân tỉnh Khánh Hòa");
    assert_eq!(plan["issued"], "2019-07-12");
    assert_eq!(plan["jurisdiction"], "khanh-hoa");
    assert_eq!(plan["implements"][0]["number"], "1847/QĐ-TTg");
    assert_eq!(
        plan["implements"][0]["url"],
        format!("{BASE}1847-qd-ttg-2018/")
    );
}

#[test]
fn each_jurisdiction_has_a_light_self_contained_embed() {
    let s = open_data_site();
    let out = s.path().join("out");
    let o = build(s.path(), &out, &["--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Tera escapes "/" in text.
    let embed = read(&out.join("khanh-hoa/nhung/index.html")).replace("&#x2F;", "/");
    assert!(embed.contains("<html lang=\"vi\">"));
    assert!(embed.contains("<h1>Văn bản mới của Tỉnh Khánh Hòa</h1>"));
    assert!(embed.contains("<title>Văn bản mới của Tỉnh Khánh Hòa"));
    // Newest first: the post, then the plan; nothing from elsewhere.
    let post = embed.find("Biểu dương Bộ phận Một cửa").expect("post");
    let plan = embed.find("Kế hoạch số 6861/KH-UBND").expect("plan");
    assert!(post < plan);
    assert!(!embed.contains("1847/QĐ-TTg"));
    // Self-contained and light: the site's own stylesheet (cached with the
    // rest of the site) and nothing else to fetch: no script, image or font
    // link, nothing from another origin.
    assert!(embed.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
    assert_eq!(embed.matches("<link").count(), 1);
    for outside in ["<script", "<img", "@import", "url(", "http://", "https://"] {
        assert!(!embed.contains(outside), "{outside}");
    }
    assert!(embed.len() < 8 * 1024, "{} bytes", embed.len());
    assert!(embed.contains("href=\"../../khanh-hoa/6861-kh-ubnd-2019/\""));
    let national = read(&out.join("nhung/index.html")).replace("&#x2F;", "/");
    assert!(national.contains("Văn bản mới của Trung ương") && national.contains("1847/QĐ-TTg"));
}

/// The bundled example site: its example commendation post is on the home
/// page and in the feeds, and every feed and JSON file it writes validates.
#[test]
fn the_bundled_site_publishes_valid_feeds_and_open_data() {
    let out = tempfile::tempdir().unwrap();
    let o = build(&repo_root(), out.path(), &["--base-url", BASE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = out.path();
    let post = "tin-tuc/bieu-duong-bo-phan-mot-cua-khanh-hoa/";
    assert!(read(&out.join("index.html"))
        .contains(post.trim_end_matches('/').rsplit('/').next().unwrap()));
    assert!(read(&out.join(post).join("index.html")).contains("Bài viết minh họa cho trang mẫu"));

    let mut feeds = 0;
    for file in tree(out) {
        let name = file.to_string_lossy().into_owned();
        if name.ends_with("atom.xml") || name.ends_with("rss.xml") {
            let bytes = std::fs::read(out.join(&file)).unwrap();
            let feed =
                feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"));
            for e in &feed.entries {
                assert!(e.links[0].href.starts_with(BASE), "{name}");
            }
            feeds += 1;
        }
    }
    assert!(feeds >= 10, "{feeds} feeds");
    let news = feed_rs::parser::parse(
        std::fs::read(out.join("tin-bai/atom.xml"))
            .unwrap()
            .as_slice(),
    )
    .unwrap();
    assert_eq!(news.entries[0].links[0].href, format!("{BASE}{post}"));

    let list_schema = validator(out, "api/schema/documents.schema.json");
    let doc_schema = validator(out, "api/schema/document.schema.json");
    assert_valid(
        &list_schema,
        &json(&out.join("api/documents.json")),
        "documents.json",
    );
    let mut documents = 0;
    for file in tree(&out.join("api/van-ban")) {
        let path = out.join("api/van-ban").join(&file);
        assert_valid(&doc_schema, &json(&path), &path.display().to_string());
        assert_eq!(
            read(&path).lines().count(),
            1,
            "minified: {}",
            path.display()
        );
        documents += 1;
    }
    assert_eq!(json(&out.join("api/documents.json"))["count"], documents);
    let manifest = json(&out.join("vanban.json"));
    assert_valid(
        &validator(out, "api/schema/vanban.schema.json"),
        &manifest,
        "vanban.json",
    );
}
