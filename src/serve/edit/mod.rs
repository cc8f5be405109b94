//! The editor of `vanban serve --edit`, at `/_editor/`: forms to create and
//! edit news posts and documents, picture upload, import of received files
//! with a field-by-field review, a preview through the site's templates and
//! `check`'s findings beside the form. It writes ordinary content files,
//! which the watcher of `serve` then rebuilds like any other edit.
//!
//! Only on loopback (`serve` refuses `--edit` elsewhere), behind the Host
//! check of every request; every POST must come from the editor's own
//! origin (`Origin`, `Sec-Fetch-Site`) and carry the token this server
//! made at start, which only its own pages know.

mod fields;
mod form_data;
mod pages;
mod site;
mod store;
mod views;

use crate::import::{ImportOptions, Report, SourceEncoding};
use fields::{Field, Values};
use form_data::FormData;
use std::path::{Path, PathBuf};

pub const PREFIX: &str = "/_editor/";

/// Sent with every page of the editor: never framed (no clickjacking of
/// its buttons), nothing loaded or posted elsewhere.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    // Not "no-referrer": under it a browser sends `Origin: null` with the
    // editor's own forms, which the origin check must refuse.
    ("Referrer-Policy", "same-origin"),
];

pub fn is_editor_path(path: &str) -> bool {
    path.starts_with(PREFIX) || path == PREFIX.trim_end_matches('/')
}

/// An answer to one request.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    fn html(status: u16, body: String) -> Answer {
        Answer {
            status,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
            body: body.into_bytes(),
        }
    }

    fn redirect(location: String) -> Answer {
        Answer {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            headers: vec![("Location", location)],
            body: Vec::new(),
        }
    }

    fn asset(content_type: &'static str, text: &str) -> Answer {
        Answer {
            status: 200,
            content_type,
            headers: Vec::new(),
            body: text.as_bytes().to_vec(),
        }
    }
}

pub struct Editor {
    root: PathBuf,
    /// "http://127.0.0.1:1111/".
    base_url: String,
    /// Random, made at start; in every form, checked on every POST.
    token: String,
    tera: tera::Tera,
}

/// Which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    News,
    Document,
}

impl Type {
    fn parse(text: &str) -> Type {
        if text == "news" {
            Type::News
        } else {
            Type::Document
        }
    }

    fn name(self) -> &'static str {
        match self {
            Type::News => "news",
            Type::Document => "document",
        }
    }

    fn fields(self) -> &'static [Field] {
        match self {
            Type::News => fields::NEWS,
            Type::Document => fields::DOCUMENT,
        }
    }
}

/// A form's content, whether opened from disk, imported or sent back.
struct FormState {
    kind: Type,
    values: Values,
    body: String,
    /// The file edited ("" for a new one).
    file: String,
    /// Its fingerprint when opened.
    opened: String,
    /// The jurisdiction folder a new file goes to ("" national).
    unit: String,
    slug: String,
    review: Option<(String, Report)>,
}

impl FormState {
    fn new(kind: Type) -> FormState {
        let mut values = Values::new();
        values.insert("draft".into(), "true".into());
        values.insert("issued".into(), crate::new::today_in_vietnam().iso());
        FormState {
            kind,
            values,
            body: String::new(),
            file: String::new(),
            opened: String::new(),
            unit: String::new(),
            slug: String::new(),
            review: None,
        }
    }
}

impl Editor {
    pub fn new(root: &Path, base_url: &str) -> Editor {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Editor {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            token: crate::text::hex(&bytes),
            tera: views::templates(),
        }
    }

    pub fn handle(&self, request: &super::http::Request) -> Answer {
        let (path, query) = request
            .target
            .split_once('?')
            .unwrap_or((request.target.as_str(), ""));
        let route = path.strip_prefix(PREFIX).unwrap_or("");
        let query = form_data::parse("application/x-www-form-urlencoded", query.as_bytes())
            .unwrap_or_default();
        match request.method.as_str() {
            "GET" | "HEAD" => self.get(route, &query),
            "POST" => match self.guard(request) {
                Ok(form) => self.post(route, &form),
                Err(answer) => answer,
            },
            _ => self.message(405, "Không hỗ trợ", "Trình soạn thảo chỉ nhận GET và POST."),
        }
    }

    fn get(&self, route: &str, query: &FormData) -> Answer {
        match route {
            "" => self.list(),
            "new" => {
                let state = FormState::new(Type::parse(query.get("type")));
                self.form(200, &state, &[], &[])
            }
            "edit" => self.open(query.get("file"), query.checked("saved")),
            "import" => {
                let mut context = self.context("Nhập văn bản", "import");
                context.insert("token", &self.token);
                self.render(200, "import.html", &context)
            }
            "editor.css" => Answer::asset("text/css; charset=utf-8", views::CSS),
            "editor.js" => Answer::asset("text/javascript; charset=utf-8", views::JS),
            _ => self.message(
                404,
                "Không có trang này",
                "Trình soạn thảo không có trang ở địa chỉ này.",
            ),
        }
    }

    fn post(&self, route: &str, form: &FormData) -> Answer {
        match route {
            "save" => self.save(form),
            "preview" => self.preview(form),
            "import" => self.import(form),
            _ => self.message(
                404,
                "Không có trang này",
                "Trình soạn thảo không nhận dữ liệu ở địa chỉ này.",
            ),
        }
    }

    /// The form of a POST, if it comes from the editor's own pages: its
    /// origin is this server's and it carries this server's token.
    fn guard(&self, request: &super::http::Request) -> Result<FormData, Answer> {
        let refuse = |why: &str| Err(self.message(403, "Yêu cầu bị từ chối", why));
        let host = request.host.as_deref().unwrap_or("");
        if let Some(origin) = request.header("origin") {
            if origin != format!("http://{host}") {
                return refuse("Yêu cầu gửi từ một trang khác (Origin không phải của trình soạn thảo): không ghi gì cả.");
            }
        }
        if let Some(site) = request.header("sec-fetch-site") {
            if site != "same-origin" && site != "none" {
                return refuse("Yêu cầu gửi từ một trang khác: không ghi gì cả.");
            }
        }
        let content_type = request.header("content-type").unwrap_or("");
        let Some(form) = form_data::parse(content_type, &request.body) else {
            return Err(self.message(
                400,
                "Dữ liệu không đọc được",
                "Biểu mẫu gửi lên không đúng dạng.",
            ));
        };
        if !same_token(form.get("token"), &self.token) {
            return refuse("Biểu mẫu thiếu mã phiên hoặc mã đã cũ (có thể do serve đã khởi động lại): hãy tải lại trang rồi làm lại.");
        }
        Ok(form)
    }

    fn context(&self, title: &str, page: &str) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("title", title);
        context.insert("page", page);
        context.insert("errors", &Vec::<String>::new());
        context.insert("messages", &Vec::<String>::new());
        context
    }

    fn render(&self, status: u16, template: &str, context: &tera::Context) -> Answer {
        match self.tera.render(template, context) {
            Ok(html) => Answer::html(status, html),
            Err(e) => Answer::html(500, format!("<!DOCTYPE html><html lang=\"vi\"><title>Lỗi</title><p>Lỗi hiển thị trang: {}</p></html>", crate::text::escape_markup(&format!("{e:?}")))),
        }
    }

    fn message(&self, status: u16, title: &str, text: &str) -> Answer {
        let mut context = self.context(title, "message");
        context.insert("text", text);
        self.render(status, "message.html", &context)
    }

    fn snapshot(&self) -> site::Snapshot {
        site::snapshot(&self.root, &self.base_url)
    }
}

/// Compares the whole token, whatever the first difference.
fn same_token(sent: &str, token: &str) -> bool {
    sent.len() == token.len()
        && sent
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn encoding(name: &str) -> SourceEncoding {
    match name {
        "utf8" => SourceEncoding::Utf8,
        "tcvn3" => SourceEncoding::Tcvn3,
        "vni" => SourceEncoding::Vni,
        _ => SourceEncoding::Auto,
    }
}

fn import_options(form: &FormData) -> ImportOptions {
    ImportOptions {
        from: encoding(form.get("from")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("", "abc"));
        assert!(!same_token("abcd", "abc"));
    }

    #[test]
    fn editor_paths_are_under_the_prefix() {
        assert!(is_editor_path("/_editor/"));
        assert!(is_editor_path("/_editor"));
        assert!(is_editor_path("/_editor/edit"));
        assert!(!is_editor_path("/_editorial/"));
        assert!(!is_editor_path("/tin-bai/"));
    }

    #[test]
    fn the_templates_compile() {
        views::templates();
    }

    #[test]
    fn encodings_are_named_by_the_form() {
        assert_eq!(encoding("tcvn3"), SourceEncoding::Tcvn3);
        assert_eq!(encoding("x"), SourceEncoding::Auto);
    }
}
