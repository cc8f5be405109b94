//! Federation: a national and a provincial site, the provincial one served
//! on 127.0.0.1, linking to each other's documents through their manifests;
//! the cache that keeps an offline build working; and manifests that are
//! unreachable, malformed or hostile, which must never break a build.

mod common;

use common::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A tiny HTTP server on 127.0.0.1 serving a folder and fixed routes.
struct Server {
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    port: u16,
}

impl Server {
    fn start(dir: PathBuf, routes: HashMap<String, Vec<u8>>) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().unwrap().port();
        let s = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let path = request.url().split('?').next().unwrap_or("/").to_string();
                let body = routes.get(&path).cloned().or_else(|| {
                    let mut file = dir.join(path.trim_start_matches('/'));
                    if path.ends_with('/') {
                        file = file.join("index.html");
                    }
                    std::fs::read(file).ok()
                });
                let _ = match body {
                    Some(b) => request.respond(tiny_http::Response::from_data(b)),
                    None => {
                        request.respond(tiny_http::Response::from_string("").with_status_code(404))
                    }
                };
            }
        });
        Server {
            server,
            thread: Some(thread),
            port,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

const NATIONAL: &str = "https://quocgia.example.gov.vn/";

const DECISION: &str = "title = \"Phê duyệt Đề án Văn hóa công vụ\"\nkind = \"quyet-dinh\"\nnumber = \"1847/QĐ-TTg\"\nissued = \"2018-12-27\"\nissuer = \"Thủ tướng Chính phủ\"";

fn provincial_site() -> tempfile::TempDir {
    site(&[
        ("config.toml", "title = \"Văn hóa công vụ tỉnh Khánh Hòa\"\nminify = false\n"),
        ("content/_index.md", ROOT_INDEX),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        (
            "content/khanh-hoa/ke-hoach-6861.md",
            &doc(
                "title = \"Triển khai thực hiện Đề án văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"Ủy ban nhân dân tỉnh Khánh Hòa\"",
                "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt Đề án Văn hóa công vụ, UBND tỉnh ban hành Kế hoạch.\n",
            ),
        ),
        ("content/khanh-hoa/dien-khanh/_index.md", &district("Huyện Diên Khánh")),
        (
            "content/khanh-hoa/dien-khanh/ke-hoach-120.md",
            &doc(
                "title = \"Thực hiện văn hóa công vụ trên địa bàn huyện\"\nkind = \"ke-hoach\"\nnumber = \"120/KH-UBND\"\nissued = \"2019-08-20\"\nissuer = \"Ủy ban nhân dân huyện Diên Khánh\"\nimplements = [\"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa\"]",
                "Nội dung.\n",
            ),
        ),
    ])
}

fn national_site(manifests: &[String], timeout: u64) -> tempfile::TempDir {
    let list: Vec<String> = manifests.iter().map(|m| format!("{m:?}")).collect();
    let config = format!(
        "title = \"Văn hóa công vụ\"\nminify = false\n\n[federation]\nmanifests = [{}]\ntimeout = {timeout}\n",
        list.join(", ")
    );
    site(&[
        ("config.toml", &config),
        ("content/_index.md", ROOT_INDEX),
        ("content/quyet-dinh-1847.md", &doc(DECISION, "")),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        ("content/thanh-hoa/_index.md", &province("Tỉnh Thanh Hóa")),
        (
            "content/thanh-hoa/ke-hoach-84.md",
            &doc(
                "title = \"Thực hiện văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"84/KH-UBND\"\nissued = \"2020-04-02\"\nissuer = \"Ủy ban nhân dân tỉnh Thanh Hóa\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]",
                "Học tập cách làm tại Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa.\n",
            ),
        ),
    ])
}

/// Page text with Tera's escaped "/" put back.
fn page(out: &Path, path: &str) -> String {
    read(&out.join(path)).replace("&#x2F;", "/")
}

fn section<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    &html[start..]
}

#[test]
fn national_and_provincial_sites_link_both_ways_and_coverage_counts_federated_documents() {
    let prov = provincial_site();
    let prov_out = prov.path().join("public");
    let server = Server::start(prov_out.clone(), HashMap::new());
    let prov_base = server.url("");
    let o = build(prov.path(), &prov_out, &["--base-url", &prov_base]);
    assert!(o.status.success(), "{}", stderr(&o));

    let national = national_site(&[server.url("vanban.json")], 5);
    let nat_out = national.path().join("out");
    let o = build(national.path(), &nat_out, &["--base-url", NATIONAL]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("federation"), "{}", stderr(&o));

    // A national-site plan citing Khánh Hòa's plan links to Khánh Hòa's portal.
    let kh_plan = format!("{prov_base}khanh-hoa/6861-kh-ubnd-2019/");
    let th = page(&nat_out, "thanh-hoa/84-kh-ubnd-2020/index.html");
    assert!(th.contains(&format!("<a href=\"{kh_plan}\"")), "{th}");

    // The decision's coverage counts the provincial site's plans, the
    // district plan through the provincial one.
    let decision = page(&nat_out, "1847-qd-ttg-2018/index.html");
    let coverage = section(&decision, "id=\"trien-khai-ca-nuoc\"");
    for label in [
        "Kế hoạch số 6861/KH-UBND",
        "Kế hoạch số 120/KH-UBND",
        "Kế hoạch số 84/KH-UBND",
    ] {
        assert!(
            coverage.contains(label),
            "{label} missing from coverage: {coverage}"
        );
    }
    let implementers = section(&decision, "id=\"van-ban-trien-khai\"");
    assert!(
        implementers.contains("đăng tải trên trang Văn hóa công vụ tỉnh Khánh Hòa")
            && !implementers.contains("chưa đăng tải toàn văn"),
        "federated documents are published elsewhere, not missing: {implementers}"
    );
    // Their local pages lead to the portal.
    let stub = page(&nat_out, "khanh-hoa/6861-kh-ubnd-2019/index.html");
    assert!(stub.contains(&format!("href=\"{kh_plan}\"")));
    assert!(stub.contains("Văn hóa công vụ tỉnh Khánh Hòa"));
    let api: serde_json::Value =
        serde_json::from_str(&read(&nat_out.join("api/documents.json"))).unwrap();
    let implemented_by = &api["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "1847/QĐ-TTg")
        .unwrap()["relations"]["implemented_by"];
    assert!(implemented_by
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["url"] == kh_plan.as_str() && r["published"] == "federated"));
    // The national manifest lists only its own documents.
    let manifest = read(&nat_out.join("vanban.json"));
    assert!(!manifest.contains("\"120/KH-UBND\""));

    // The other way: the provincial site federates the national manifest
    // (a local path) and links the decision there.
    let config = format!(
        "title = \"Văn hóa công vụ tỉnh Khánh Hòa\"\nminify = false\n[federation]\nmanifests = [{:?}]\n",
        nat_out.join("vanban.json").display().to_string()
    );
    std::fs::write(prov.path().join("config.toml"), config).unwrap();
    let o = build(prov.path(), &prov_out, &["--base-url", &prov_base]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plan = page(&prov_out, "khanh-hoa/6861-kh-ubnd-2019/index.html");
    assert!(
        plan.contains(&format!("<a href=\"{NATIONAL}1847-qd-ttg-2018/\"")),
        "{plan}"
    );

    // Offline: with the provincial portal gone, the cached copy is used.
    drop(server);
    assert!(national.path().join(".vanban-cache/federation").is_dir());
    let o = build(national.path(), &nat_out, &["--base-url", NATIONAL]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning")
            && err.contains("unreachable")
            && err.contains("using the copy cached"),
        "{err}"
    );
    let th = page(&nat_out, "thanh-hoa/84-kh-ubnd-2020/index.html");
    assert!(th.contains(&format!("<a href=\"{kh_plan}\"")));
}

fn manifest_with_url(url: &str) -> Vec<u8> {
    serde_json::json!({
        "vanban_manifest": 1, "title": "Trang giả mạo", "base_url": "https://gia-mao.example/",
        "jurisdictions": [{"path": "khanh-hoa", "name": "Tỉnh Khánh Hòa", "level": "tinh", "url": "https://gia-mao.example/khanh-hoa/"}],
        "documents": [{"url": url, "title": "Kế hoạch", "kind": "ke-hoach", "number": "6861/KH-UBND",
            "issued": "2019-07-12", "issuer": "UBND tỉnh Khánh Hòa", "jurisdiction": "khanh-hoa",
            "implements": [], "cites": []}]
    })
    .to_string()
    .into_bytes()
}

#[test]
fn unreachable_and_hostile_manifests_are_skipped_with_a_clear_message() {
    let routes = HashMap::from([
        (
            "/sai.json".to_string(),
            br#"{"vanban_manifest": 1, "title": 5}"#.to_vec(),
        ),
        (
            "/trang.html".to_string(),
            b"<html><body>Not JSON</body></html>".to_vec(),
        ),
        ("/lon.json".to_string(), vec![b' '; 33 * 1024 * 1024]),
        (
            "/js.json".to_string(),
            manifest_with_url("javascript:alert(1)"),
        ),
    ]);
    let empty = tempfile::tempdir().unwrap();
    let server = Server::start(empty.path().to_path_buf(), routes);
    // A server that accepts and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}/vanban.json", silent.local_addr().unwrap());
    std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().take(1).collect();
        std::thread::sleep(std::time::Duration::from_secs(4));
        drop(held);
    });
    // A port nobody listens on: bind one, then free it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("http://{}/vanban.json", closed.local_addr().unwrap());
    drop(closed);

    let manifests = [
        server.url("sai.json"),
        server.url("trang.html"),
        server.url("lon.json"),
        server.url("js.json"),
        server.url("khong-co.json"),
        silent_url.clone(),
        closed_url.clone(),
        "ftp://127.0.0.1/vanban.json".to_string(),
        "khong-co/vanban.json".to_string(),
    ];
    let national = national_site(&manifests, 1);
    let out = national.path().join("out");
    let o = build(national.path(), &out, &["--base-url", NATIONAL]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let line_of = |source: &str| -> String {
        err.lines()
            .find(|l| l.contains(&format!("manifest {source}:")))
            .unwrap_or_else(|| panic!("no message for {source}: {err}"))
            .to_string()
    };
    assert!(line_of(&server.url("sai.json")).contains("rejected: wrong schema"));
    assert!(line_of(&server.url("trang.html")).contains("rejected: not JSON"));
    assert!(line_of(&server.url("lon.json")).contains("rejected: larger than"));
    let js = line_of(&server.url("js.json"));
    assert!(
        js.contains("javascript:alert(1)") && js.contains("not an absolute http(s) URL"),
        "{js}"
    );
    assert!(line_of(&server.url("khong-co.json")).contains("unreachable"));
    assert!(line_of(&silent_url).contains("unreachable"));
    assert!(line_of(&closed_url).contains("unreachable"));
    assert!(
        line_of("ftp://127.0.0.1/vanban.json").contains("only http://, https:// or a file path")
    );
    assert!(line_of("khong-co/vanban.json").contains("cannot read"));
    for m in &manifests {
        assert!(line_of(m).contains("left out of this build"), "{m}");
    }
    // Nothing from the hostile manifest reached a page.
    for file in tree(&out) {
        let text = std::fs::read(out.join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&text).contains("javascript:"),
            "{}",
            file.display()
        );
    }
    // The citation it tried to claim is an ordinary page of this site.
    let th = page(&out, "thanh-hoa/84-kh-ubnd-2020/index.html");
    assert!(
        th.contains("href=\"../../khanh-hoa/6861-kh-ubnd-2019/\""),
        "{th}"
    );
}

/// A manifest document in `jurisdiction` at `url` that implements 1847,
/// with no number, so that its page is named after the last part of its
/// link.
fn unnumbered(url: &str, jurisdiction: &str) -> serde_json::Value {
    serde_json::json!({"url": url, "title": "Tin", "kind": "tin-bai", "number": null,
        "issued": "2024-01-02", "issuer": null, "jurisdiction": jurisdiction,
        "implements": [{"number": "1847/QĐ-TTg", "issued": "2018-12-27", "issuer": null, "url": null}],
        "cites": []})
}

#[test]
fn a_manifest_never_fails_the_build_its_bad_documents_are_warnings() {
    let reserved = [
        "loai",
        "nhung",
        "tin-bai",
        "tim-kiem",
        "chu-de",
        "dia-phuong",
        "ho-tro-tiep-can",
        "trang",
        "api",
    ];
    let mut documents: Vec<serde_json::Value> = reserved
        .iter()
        .map(|r| unnumbered(&format!("https://kh.example/{r}"), ""))
        .collect();
    documents.push(unnumbered("https://kh.example/kh/nhung", "khanh-hoa"));
    let mut bad_date = unnumbered("https://kh.example/ngay-sai", "");
    bad_date["issued"] = "2019-13-45".into();
    let mut markup = unnumbered("https://kh.example/loai-sai", "");
    markup["kind"] = "<b>ke-hoach</b>".into();
    let unlisted = unnumbered("https://kh.example/khong-ro", "khong-co");
    documents.extend([bad_date, markup, unlisted]);
    let manifest = serde_json::json!({
        "vanban_manifest": 1, "title": "Cổng tỉnh", "base_url": "https://kh.example/",
        "jurisdictions": [
            {"path": "", "name": "Trung ương", "level": "trung-uong", "url": "https://kh.example/"},
            {"path": "khanh-hoa", "name": "Tỉnh Khánh Hòa", "level": "<i>tinh</i>", "url": "https://kh.example/kh/"}
        ],
        "documents": documents,
    });
    let national = national_site(&["lien-thong.json".to_string()], 1);
    std::fs::write(
        national.path().join("lien-thong.json"),
        manifest.to_string(),
    )
    .unwrap();
    let out = national.path().join("out");
    for _ in 0..2 {
        let o = build(national.path(), &out, &["--base-url", NATIONAL]);
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(!err.contains("error"), "{err}");
        for (what, said) in [
            ("ngay-sai", "2019-13-45"),
            ("loai-sai", "<b>ke-hoach</b>"),
            ("khong-ro", "khong-co"),
        ] {
            let line = err
                .lines()
                .find(|l| l.contains(what))
                .unwrap_or_else(|| panic!("no warning for {what}: {err}"));
            assert!(
                line.contains("warning") && line.contains(said) && line.contains("left out"),
                "{line}"
            );
        }
        assert!(err.contains("unknown level \"<i>tinh</i>\""), "{err}");
    }
    // The site's own pages are its own; each federated page found a free name.
    assert!(page(&out, "loai/index.html").contains("Văn bản theo loại"));
    assert!(page(&out, "tim-kiem/index.html").contains("<form"));
    let all: Vec<String> = tree(&out)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for r in reserved {
        assert!(all.contains(&format!("{r}-2/index.html")), "{r}: {all:?}");
    }
    assert!(all.contains(&"khanh-hoa/nhung-2/index.html".to_string()));
}
