//! `vanban serve` end to end: start it on a free loopback port, fetch pages
//! over HTTP, edit files and watch the rebuild arrive as a reload event,
//! break a file and see the overlay, fix it, and check that what is served
//! equals a fresh `vanban build` of the same files byte for byte.

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Generous: only guards against a hung server, measures nothing.
const WAIT: Duration = Duration::from_secs(120);
const SCRIPT_TAG: &str = r#"<script src="/__vanban/reload.js"></script>"#;

struct Server {
    child: Child,
    /// "127.0.0.1:PORT"
    address: String,
    /// Lines the server printed after "Serving …".
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    start_with(root, &[])
}

/// Starts serve with extra environment variables.
fn start_with(root: &Path, env: &[(&str, &str)]) -> Server {
    start_full(root, env, &[])
}

/// Starts serve with extra environment variables and arguments.
fn start_full(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Server {
    let mut child = vanban()
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start vanban serve");
    let stdout: ChildStdout = child.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut server = Server {
        child,
        address: String::new(),
        lines,
    };
    loop {
        let line = server
            .lines
            .recv_timeout(WAIT)
            .expect("serve prints where it listens");
        if let Some(rest) = line.split(" at http://").nth(1) {
            server.address = rest.split('/').next().unwrap().to_string();
            break;
        }
    }
    server
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A raw HTTP/1.1 GET, so that paths go out exactly as written.
fn get(server: &Server, target: &str) -> Response {
    get_as(server, target, Some(&server.address))
}

/// A GET that sends `host` as its `Host` header (none if `None`).
/// The status, headers and body of the answer on `stream`.
fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split(' ').nth(1).unwrap().parse().unwrap();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get_as(server: &Server, target: &str, host: Option<&str>) -> Response {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
    )
    .unwrap();
    read_response(&mut stream)
}

/// The `data:` of every `reload` event, as they arrive.
fn events(server: &Server) -> Receiver<String> {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET /__vanban/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let (ready_tx, ready) = mpsc::channel();
    std::thread::spawn(move || {
        let mut is_reload = false;
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line == ": connected" {
                let _ = ready_tx.send(());
            }
            if line == "event: reload" {
                is_reload = true;
            } else if let Some(data) = line.strip_prefix("data: ") {
                if is_reload && tx.send(data.to_string()).is_err() {
                    break;
                }
                is_reload = false;
            }
        }
    });
    ready.recv_timeout(WAIT).expect("event stream opens");
    rx
}

fn next_reload(events: &Receiver<String>) -> serde_json::Value {
    let data = events.recv_timeout(WAIT).expect("a reload event");
    serde_json::from_str(&data).unwrap()
}

/// The rebuild line serve printed for the build that just finished.
fn next_rebuild_line(server: &Server) -> String {
    loop {
        let line = server.lines.recv_timeout(WAIT).expect("a rebuild line");
        if line.starts_with("Rebuilt") || line.starts_with("Build failed") {
            return line;
        }
    }
}

/// "N bodies rendered" from a rebuild line.
fn bodies_rendered(line: &str) -> usize {
    let before = line.split(" bodies rendered").next().unwrap();
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

/// "N pages rendered" from a rebuild line.
fn pages_rendered(line: &str) -> usize {
    let before = line.split(" pages rendered").next().unwrap();
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

/// "N pages compared" from a page-level rebuild line: the pages whose
/// context was made at all.
fn pages_compared(line: &str) -> usize {
    let before = line.split(" pages compared").next().unwrap();
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

/// Waits for the line saying the site-wide files of a page-level rebuild
/// were swapped in.
fn next_caught_up_line(server: &Server) -> String {
    loop {
        let line = server.lines.recv_timeout(WAIT).expect("a caught-up line");
        if line.starts_with("Caught up") {
            return line;
        }
    }
}

/// Saves the Khánh Hòa report with this title and body.
fn write_report(root: &Path, title: &str, body: &str) {
    write_files(
        root,
        &[("content/khanh-hoa/bao-cao.md", &report(title, body))],
    );
}

fn report(title: &str, body: &str) -> String {
    doc(
        &format!(
            "title = \"{title}\"\nkind = \"bao-cao\"\nnumber = \"12/BC-UBND\"\nissued = \"2020-12-01\"\ncites = [\"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh\"]"
        ),
        body,
    )
}

fn plan(title: &str, body: &str) -> String {
    doc(
        &format!(
            "title = \"{title}\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"Ủy ban nhân dân tỉnh Khánh Hòa\"\nimplements = [\"Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ\"]"
        ),
        body,
    )
}

fn test_site() -> tempfile::TempDir {
    site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        (
            "content/quyet-dinh-1847.md",
            &doc(
                "title = \"Phê duyệt Đề án Văn hóa công vụ\"\nkind = \"quyet-dinh\"\nnumber = \"1847/QĐ-TTg\"\nissued = \"2018-12-27\"\nissuer = \"Thủ tướng Chính phủ\"",
                "## Mục tiêu\n\nXây dựng phong cách ứng xử chuẩn mực của cán bộ, công chức.\n",
            ),
        ),
        (
            "content/khanh-hoa/ke-hoach.md",
            &plan(
                "Triển khai thực hiện Đề án Văn hóa công vụ",
                "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.\n",
            ),
        ),
        (
            "content/khanh-hoa/bao-cao.md",
            &doc(
                "title = \"Kết quả thực hiện văn hóa công vụ năm 2020\"\nkind = \"bao-cao\"\nnumber = \"12/BC-UBND\"\nissued = \"2020-12-01\"\ncites = [\"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh\"]",
                "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019, các cơ quan đã triển khai.\n",
            ),
        ),
    ])
}

/// Every file of a fresh build is served, byte for byte (HTML with the
/// reload script taken out again).
fn assert_same_as_full_build(server: &Server, root: &Path) {
    let out = tempfile::tempdir().unwrap();
    let o = build(
        root,
        out.path(),
        &["--base-url", &format!("http://{}/", server.address)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(out.path());
    assert!(files.len() > 10);
    for file in files {
        if file.as_os_str() == ".vanban-output" {
            // The marker says a folder is a build's output; serve writes none.
            continue;
        }
        let built = std::fs::read(out.path().join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&built).contains("__vanban"),
            "build output never carries serve's script"
        );
        let target = format!("/{}", file.to_string_lossy());
        let r = get(server, &target);
        assert_eq!(r.status, 200, "{target}");
        let served = if target.ends_with(".html") {
            let text = r.text();
            assert_eq!(text.matches(SCRIPT_TAG).count(), 1, "{target}");
            text.replacen(SCRIPT_TAG, "", 1).into_bytes()
        } else {
            r.body
        };
        assert!(
            served == built,
            "{target} differs from a full build:\nserved: {}\nbuilt:  {}",
            String::from_utf8_lossy(&served),
            String::from_utf8_lossy(&built)
        );
    }
}

#[test]
fn edits_rebuild_only_what_they_touch_and_equal_a_full_build() {
    let site = test_site();
    let root = site.path();
    let server = start(root);
    assert!(
        server.address.starts_with("127.0.0.1:"),
        "loopback by default"
    );

    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert!(home.headers.contains("text/html"));
    assert!(
        home.text().contains(SCRIPT_TAG),
        "serve injects its reload script"
    );
    let page = "/khanh-hoa/6861-kh-ubnd-2019/";
    assert!(get(&server, page)
        .text()
        .contains("Triển khai thực hiện Đề án Văn hóa công vụ"));
    let redirect = get(&server, "/khanh-hoa");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("Location: /khanh-hoa/"));
    assert_eq!(get(&server, "/khong-co-trang-nay/").status, 404);

    // Change one document's title and body.
    let reloads = events(&server);
    write_files(
        root,
        &[(
            "content/khanh-hoa/ke-hoach.md",
            &plan(
                "Tổ chức thực hiện Đề án Văn hóa công vụ năm 2019",
                "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.\n\nNội dung mới được bổ sung.\n",
            ),
        )],
    );
    let event = next_reload(&reloads);
    assert_eq!(event["errors"], 0, "{event}");
    let line = next_rebuild_line(&server);
    assert_eq!(bodies_rendered(&line), 1, "only the edited body: {line}");
    assert!(line.contains("page-level"), "{line}");
    let text = get(&server, page).text();
    assert!(text.contains("Tổ chức thực hiện Đề án Văn hóa công vụ năm 2019"));
    assert!(text.contains("Nội dung mới được bổ sung."));
    // The page of what it implements lists it under its new title.
    assert!(get(&server, "/1847-qd-ttg-2018/")
        .text()
        .contains("Tổ chức thực hiện Đề án Văn hóa công vụ năm 2019"));
    assert_same_as_full_build(&server, root);

    // A new document citing the plan, and a deleted one.
    write_files(
        root,
        &[(
            "content/khanh-hoa/huong-dan.md",
            &doc(
                "title = \"Hướng dẫn thực hiện Kế hoạch 6861\"\nkind = \"huong-dan\"\nnumber = \"3/HD-SNV\"\nissued = \"2019-08-01\"\nimplements = [\"Kế hoạch số 6861/KH-UBND ngày 12/7/2019 của UBND tỉnh Khánh Hòa\"]",
                "Căn cứ Kế hoạch số 6861/KH-UBND ngày 12/7/2019.\n",
            ),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    // Documents after it in site order shift by one, which changes none of
    // the links in the others' bodies.
    let line = next_rebuild_line(&server);
    assert_eq!(bodies_rendered(&line), 1, "only the new body: {line}");
    std::fs::remove_file(root.join("content/khanh-hoa/bao-cao.md")).unwrap();
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert_eq!(bodies_rendered(&line), 0, "{line}");
    assert_eq!(get(&server, "/khanh-hoa/12-bc-ubnd-2020/").status, 404);
    assert!(get(&server, page)
        .text()
        .contains("Hướng dẫn thực hiện Kế hoạch 6861"));
    assert_same_as_full_build(&server, root);

    // config.toml rebuilds everything.
    write_files(
        root,
        &[("config.toml", "title = \"Cổng văn bản thử nghiệm\"\n")],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = loop {
        let l = next_rebuild_line(&server);
        if l.contains("config.toml") {
            break l;
        }
    };
    assert!(line.contains(" 0 reused;"), "{line}");
    assert!(get(&server, page)
        .text()
        .contains("Cổng văn bản thử nghiệm"));
    assert_same_as_full_build(&server, root);

    assert!(!root.join("public").exists(), "serve writes nothing");
}

#[test]
fn a_broken_file_shows_an_overlay_over_the_last_good_page_until_fixed() {
    let site = test_site();
    let root = site.path();
    let server = start(root);
    let page = "/khanh-hoa/6861-kh-ubnd-2019/";
    let reloads = events(&server);

    // Line 3: an unknown key (front matter denies unknown fields).
    let good = plan("Triển khai thực hiện Đề án Văn hóa công vụ", "Nội dung.\n");
    let broken = good.replacen("kind = ", "kindd = ", 1);
    assert!(broken.lines().nth(2).unwrap().starts_with("kindd"));
    write_files(root, &[("content/khanh-hoa/ke-hoach.md", &broken)]);
    let event = next_reload(&reloads);
    assert!(event["errors"].as_u64().unwrap() >= 1, "{event}");

    let r = get(&server, page);
    assert_eq!(r.status, 200, "the last good page is still served");
    let text = r.text();
    assert!(text.contains("Triển khai thực hiện Đề án Văn hóa công vụ"));
    assert!(text.contains("vanban-error-overlay"), "{text}");
    assert!(
        text.contains("content/khanh-hoa/ke-hoach.md:3"),
        "file and line"
    );
    assert!(text.contains("kindd"), "the message names the key");
    // Other pages show it too, and non-HTML files are untouched.
    assert!(get(&server, "/").text().contains("vanban-error-overlay"));
    assert!(!get(&server, "/sitemap.xml")
        .text()
        .contains("vanban-error-overlay"));

    write_files(
        root,
        &[(
            "content/khanh-hoa/ke-hoach.md",
            &plan("Triển khai Đề án Văn hóa công vụ đã sửa", "Nội dung.\n"),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let text = get(&server, page).text();
    assert!(
        !text.contains("vanban-error-overlay"),
        "fixing clears the overlay"
    );
    assert!(text.contains("Triển khai Đề án Văn hóa công vụ đã sửa"));
    assert_same_as_full_build(&server, root);
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors() {
    let site = site(&[
        ("content/_index.md", ROOT_INDEX),
        (
            "content/a.md",
            &doc("title = \"Thử\"\nkind = \"khong-co-loai-nay\"", "x\n"),
        ),
    ]);
    let server = start(site.path());
    let r = get(&server, "/");
    assert_eq!(r.status, 500);
    assert!(r.text().contains("content/a.md:3"), "{}", r.text());
    let reloads = events(&server);
    write_files(
        site.path(),
        &[(
            "content/a.md",
            &doc("title = \"Thử\"\nkind = \"ke-hoach\"", "x\n"),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let r = get(&server, "/");
    assert_eq!(r.status, 200);
    assert!(!r.text().contains("vanban-error-overlay"));
}

#[test]
fn answers_only_requests_for_loopback_names_or_its_own_address() {
    let site = test_site();
    let server = start(site.path());
    let port = server.address.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("localhost:{port}"),
        server.address.clone(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_as(&server, "/", Some(&host)).status, 200, "{host}");
    }
    // A rebinding domain pointed at 127.0.0.1 must not read the site.
    for host in [Some(format!("rebind.example:{port}")), None] {
        let response = get_as(&server, "/", host.as_deref());
        assert_eq!(response.status, 421, "{host:?}");
        assert!(!String::from_utf8_lossy(&response.body).contains("<html"));
    }
}

#[test]
fn caps_the_connections_it_serves_at_once() {
    let site = test_site();
    let server = start(site.path());
    // Connections that never send a request hold their place until they
    // time out; past the cap the server says it is busy instead of
    // spawning without bound.
    let idle: Vec<TcpStream> = (0..130)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Refused: a 503, or, when the refusal wins the race with the request,
    // a reset connection; never the page.
    let refused = std::panic::catch_unwind(|| get(&server, "/").status);
    assert!(matches!(refused, Ok(503) | Err(_)), "{refused:?}");
    drop(idle);
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(&server, "/").status != 200 {
        assert!(
            Instant::now() < deadline,
            "still busy after the idle connections closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn refuses_paths_that_escape_the_site() {
    let site = test_site();
    let server = start(site.path());
    for target in [
        "/../config.toml",
        "/khanh-hoa/../../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E%2Fconfig.toml",
        "/..%2fconfig.toml",
        "/khanh-hoa/%2e%2e/%2e%2e/content/_index.md",
        "/..%5cconfig.toml",
    ] {
        let r = get(&server, target);
        assert_eq!(r.status, 403, "{target}");
        assert!(!r.text().contains("Trung ương"), "{target}");
    }
    assert_eq!(get(&server, "/khanh-hoa/").status, 200);
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_the_document() {
    let site = test_site();
    let root = site.path();
    let server = start(root);
    let reloads = events(&server);

    // The report's body now also cites the national decision: its own
    // page, and the decision's page (which lists what cites it) change.
    write_report(
        root,
        "Kết quả thực hiện văn hóa công vụ năm 2020",
        "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019 và Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ, các cơ quan đã triển khai.\n\nĐoạn sửa đổi lần thứ nhất.\n",
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    // At once after the reload, the site-wide files already say it too.
    let api = get(&server, "/api/van-ban/khanh-hoa/12-bc-ubnd-2020.json");
    assert_eq!(api.status, 200);
    assert!(
        api.text().contains("Đoạn sửa đổi lần thứ nhất."),
        "{}",
        api.text()
    );
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    assert_eq!(bodies_rendered(&line), 1, "{line}");
    assert_eq!(
        pages_rendered(&line),
        2,
        "the report and the decision it now cites: {line}"
    );
    let report_page = get(&server, "/khanh-hoa/12-bc-ubnd-2020/").text();
    assert!(report_page.contains("Đoạn sửa đổi lần thứ nhất."));
    assert!(
        report_page.contains("1847-qd-ttg-2018/>Quyết định số 1847/QĐ-TTg</a>")
            || report_page.contains("1847-qd-ttg-2018/\">Quyết định số 1847/QĐ-TTg</a>"),
        "the new citation is linked: {report_page}"
    );
    let decision = get(&server, "/1847-qd-ttg-2018/").text();
    assert!(
        decision.contains("Kết quả thực hiện văn hóa công vụ năm 2020"),
        "the decision's page lists the report that now cites it"
    );
    // The plan's page lists the report as before.
    assert!(get(&server, "/khanh-hoa/6861-kh-ubnd-2019/")
        .text()
        .contains("Kết quả thực hiện văn hóa công vụ năm 2020"));
    next_caught_up_line(&server);
    assert_same_as_full_build(&server, root);

    // A new title shows on every list that names the report.
    write_report(
        root,
        "Sơ kết ba năm thực hiện văn hóa công vụ",
        "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019, các cơ quan đã triển khai.\n",
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    for page in [
        "/khanh-hoa/",
        "/loai/bao-cao/",
        "/nam/2020/",
        "/khanh-hoa/6861-kh-ubnd-2019/",
    ] {
        assert!(
            get(&server, page)
                .text()
                .contains("Sơ kết ba năm thực hiện văn hóa công vụ"),
            "{page}"
        );
    }
    assert!(!get(&server, "/1847-qd-ttg-2018/")
        .text()
        .contains("Sơ kết ba năm thực hiện văn hóa công vụ"));
    assert_same_as_full_build(&server, root);

    // A passage on a conduct standard puts the report on that topic's page.
    write_report(
        root,
        "Sơ kết ba năm thực hiện văn hóa công vụ",
        "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019, các cơ quan đã triển khai.\n\n## 2. Chuẩn mực giao tiếp, ứng xử\n\nCán bộ lắng nghe ý kiến người dân.\n",
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    assert!(get(&server, "/chu-de/chuan-muc-giao-tiep-ung-xu/")
        .text()
        .contains("Cán bộ lắng nghe ý kiến người dân."));
    assert_same_as_full_build(&server, root);
}

#[test]
fn a_new_number_or_date_rebuilds_the_whole_site_and_equals_a_full_build() {
    let site = test_site();
    let root = site.path();
    let server = start(root);
    let reloads = events(&server);

    // Another date: the report's citation no longer fits the plan.
    let plan_text = plan(
        "Triển khai thực hiện Đề án Văn hóa công vụ",
        "Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.\n",
    );
    write_files(
        root,
        &[(
            "content/khanh-hoa/ke-hoach.md",
            &plan_text.replace("2019-07-12", "2019-07-15"),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(!line.contains("page-level"), "{line}");
    assert_same_as_full_build(&server, root);

    // Another number: another URL.
    write_files(
        root,
        &[(
            "content/khanh-hoa/ke-hoach.md",
            &plan_text.replace("6861/KH-UBND", "6870/KH-UBND"),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(!line.contains("page-level"), "{line}");
    assert!(get(&server, "/khanh-hoa/6870-kh-ubnd-2019/")
        .text()
        .contains("Triển khai thực hiện Đề án Văn hóa công vụ"));
    assert_same_as_full_build(&server, root);
}

/// The HTML pages of a full build of `root` served at `address`.
fn built_pages(root: &Path, address: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let o = build(
        root,
        out.path(),
        &["--base-url", &format!("http://{address}/")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    tree(out.path())
        .into_iter()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let bytes = std::fs::read(out.path().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// The pages whose bytes differ between two builds.
fn changed_pages(
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    after: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same pages"
    );
    after
        .iter()
        .filter(|(path, bytes)| before[*path] != **bytes)
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn a_title_edit_renders_only_the_list_pages_that_show_the_document() {
    // Two documents a page, and three reports newer than the one edited,
    // before it in site order, all on one conduct standard: it is on the
    // second page of its province's list, of the reports' list and of the
    // topic's, and alone on its year's.
    let site = test_site();
    let root = site.path();
    const TOPIC: &str =
        "\n## 2. Chuẩn mực giao tiếp, ứng xử\n\nCán bộ lắng nghe ý kiến người dân.\n";
    let body = format!(
        "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019, các cơ quan đã triển khai.\n{TOPIC}"
    );
    write_files(
        root,
        &[
            ("config.toml", "title = \"Thử nghiệm\"\npaginate = 2\n"),
            (
                "content/khanh-hoa/bao-cao.md",
                &report("Kết quả thực hiện văn hóa công vụ năm 2020", &body),
            ),
        ],
    );
    for year in 2021u16..=2023 {
        write_files(
            root,
            &[(
                &format!("content/khanh-hoa/bao-cao-{year}.md"),
                &doc(
                    &format!(
                        "title = \"Kết quả thực hiện văn hóa công vụ năm {year}\"\nkind = \"bao-cao\"\nnumber = \"{}/BC-UBND\"\nissued = \"{year}-12-01\"",
                        [1, 10, 11][year as usize - 2021]
                    ),
                    &format!("Các cơ quan đã triển khai.\n{TOPIC}"),
                ),
            )],
        );
    }
    let server = start(root);
    let reloads = events(&server);
    let before = built_pages(root, &server.address);

    write_files(
        root,
        &[(
            "content/khanh-hoa/bao-cao.md",
            &report("Sơ kết ba năm thực hiện văn hóa công vụ", &body),
        )],
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    let after = built_pages(root, &server.address);
    let changed = changed_pages(&before, &after);
    assert_eq!(
        changed,
        [
            "chu-de/chuan-muc-giao-tiep-ung-xu/trang/2/index.html",
            "index.html",
            "khanh-hoa/12-bc-ubnd-2020/index.html",
            "khanh-hoa/6861-kh-ubnd-2019/index.html",
            "khanh-hoa/nhung/index.html",
            "khanh-hoa/trang/2/index.html",
            "loai/bao-cao/trang/2/index.html",
            "nam/2020/index.html",
            "nhung/index.html",
        ],
        "its page, the plan it cites, the home page, the second pages of \
         its lists and topic, its year and the embeddable lists"
    );
    assert_eq!(
        pages_rendered(&line),
        changed.len(),
        "exactly the pages that changed went through the templates: {line}"
    );
    assert_eq!(
        pages_compared(&line),
        changed.len(),
        "no other list or topic page was even made: {line}"
    );
    assert!(get(&server, "/khanh-hoa/trang/2/")
        .text()
        .contains("Sơ kết ba năm thực hiện văn hóa công vụ"));
    next_caught_up_line(&server);
    assert_same_as_full_build(&server, root);

    // A summary shows on the document's own page only.
    let before = after;
    let text = report("Sơ kết ba năm thực hiện văn hóa công vụ", &body).replacen(
        "+++\n",
        "+++\nsummary = \"Tóm tắt kết quả ba năm.\"\n",
        1,
    );
    write_files(root, &[("content/khanh-hoa/bao-cao.md", &text)]);
    assert_eq!(next_reload(&reloads)["errors"], 0);
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    let after = built_pages(root, &server.address);
    let changed = changed_pages(&before, &after);
    assert_eq!(changed, ["khanh-hoa/12-bc-ubnd-2020/index.html"]);
    assert_eq!(pages_rendered(&line), 1, "{line}");
    assert_eq!(pages_compared(&line), 1, "{line}");
    assert!(get(&server, "/khanh-hoa/12-bc-ubnd-2020/")
        .text()
        .contains("Tóm tắt kết quả ba năm."));
    next_caught_up_line(&server);
    assert_same_as_full_build(&server, root);
}

#[test]
fn large_pages_follow_the_reload_and_are_never_served_stale() {
    // Every page counts as large: the pages of the documents that list the
    // edited one are made after the reload message.
    let site = test_site();
    let root = site.path();
    let server = start_with(root, &[("VANBAN_SERVE_LARGE_PAGE", "0")]);
    let reloads = events(&server);
    write_report(
        root,
        "Sơ kết ba năm thực hiện văn hóa công vụ",
        "Theo Kế hoạch số 6861/KH-UBND ngày 12/7/2019, các cơ quan đã triển khai.\n",
    );
    assert_eq!(next_reload(&reloads)["errors"], 0);
    // Asked for at once: the plan's page waits until it lists the new title.
    assert!(get(&server, "/khanh-hoa/6861-kh-ubnd-2019/")
        .text()
        .contains("Sơ kết ba năm thực hiện văn hóa công vụ"));
    let line = next_rebuild_line(&server);
    assert!(line.contains("page-level"), "{line}");
    assert!(
        line.contains("then 1 large pages"),
        "the plan's page: {line}"
    );
    next_caught_up_line(&server);
    assert_same_as_full_build(&server, root);
}

/// A raw POST of a urlencoded form with the extra `headers` (one
/// "Name: value" each).
fn post(server: &Server, target: &str, headers: &[&str], body: &str) -> Response {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    write!(
        stream,
        "POST {target} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
        server.address,
        body.len()
    )
    .unwrap();
    read_response(&mut stream)
}

#[test]
fn edit_is_refused_off_loopback() {
    let site = test_site();
    let out = vanban()
        .args([
            "serve",
            "--edit",
            "--interface",
            "0.0.0.0",
            "--port",
            "0",
            "--root",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only served on loopback"), "{err}");
}

#[test]
fn the_editor_writes_only_for_its_own_pages() {
    let site = test_site();
    let root = site.path();
    // Without --edit there is no editor, and nothing is written.
    let plain = start(root);
    assert_eq!(get(&plain, "/_editor/").status, 404);
    assert_eq!(post(&plain, "/_editor/save", &[], "title=x").status, 405);
    drop(plain);

    let server = start_full(root, &[], &["--edit"]);
    let page = get(&server, "/_editor/new?type=news");
    assert_eq!(page.status, 200);
    assert!(
        page.headers.contains("X-Frame-Options: DENY"),
        "{}",
        page.headers
    );
    let html = page.text();
    let at = html
        .find("name=\"token\" value=\"")
        .expect("a token in the form")
        + 20;
    let token = &html[at..at + 64];
    let form = format!("token={token}&type=news&unit=khanh-hoa&title=Bi%E1%BB%83u+d%C6%B0%C6%A1ng&issued=2024-03-15&body=N%E1%BB%99i+dung.");
    let target = root.join("content/khanh-hoa/tin-tuc/bieu-duong.md");
    let own = format!("Origin: http://{}", server.address);

    let foreign = post(
        &server,
        "/_editor/save",
        &["Origin: http://evil.example"],
        &form,
    );
    assert_eq!(foreign.status, 403);
    assert!(foreign.text().contains("Yêu cầu bị từ chối"));
    let tokenless = form.replace(token, "");
    assert_eq!(
        post(&server, "/_editor/save", &[&own], &tokenless).status,
        403
    );
    let cross = post(
        &server,
        "/_editor/save",
        &["Sec-Fetch-Site: cross-site"],
        &form,
    );
    assert_eq!(cross.status, 403);
    let escape = format!("{form}&file=content/../config.toml&opened=x");
    assert_eq!(post(&server, "/_editor/save", &[&own], &escape).status, 400);
    assert!(!target.exists(), "nothing written by refused requests");

    let saved = post(&server, "/_editor/save", &[&own], &form);
    assert_eq!(saved.status, 303, "{}", saved.text());
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with(
            "+++\ntitle = \"Biểu dương\"\nkind = \"tin-bai\"\nissued = \"2024-03-15\"\n"
        ),
        "{text}"
    );
    // A second new post of the same title never overwrites the first.
    let again = post(&server, "/_editor/save", &[&own], &form);
    assert_eq!(again.status, 400);
    assert!(again
        .text()
        .contains("Đã có tệp content/khanh-hoa/tin-tuc/bieu-duong.md"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), text);

    // The editor's files are not part of the site a build publishes.
    let out = tempfile::tempdir().unwrap();
    assert!(build(root, out.path(), &[]).status.success());
    for entry in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        assert!(!name.starts_with("editor."), "{}", entry.path().display());
    }
    assert!(!std::fs::read_to_string(out.path().join("index.html"))
        .unwrap()
        .contains("_editor"));
}
