//! The editor's routes: the list of content files, the forms, saving,
//! preview and import.

use super::fields::{self, Values};
use super::form_data::FormData;
use super::site::FileEntry;
use super::{store, views, Answer, Editor, FormState, Type};

#[derive(serde::Serialize)]
struct Group {
    heading: &'static str,
    files: Vec<ListedFile>,
}

#[derive(serde::Serialize)]
struct ListedFile {
    #[serde(flatten)]
    entry: FileEntry,
    edit: String,
}

impl Editor {
    pub(super) fn list(&self) -> Answer {
        let snapshot = self.snapshot();
        let (news, documents): (Vec<FileEntry>, Vec<FileEntry>) =
            snapshot.files.iter().cloned().partition(|f| f.news);
        let listed = |files: Vec<FileEntry>| -> Vec<ListedFile> {
            files
                .into_iter()
                .map(|entry| ListedFile {
                    edit: format!(
                        "{}edit?file={}",
                        super::PREFIX,
                        views::query_escape(&entry.path)
                    ),
                    entry,
                })
                .collect()
        };
        let groups = vec![
            Group {
                heading: "Tin bài",
                files: listed(news),
            },
            Group {
                heading: "Văn bản",
                files: listed(documents),
            },
        ];
        let mut context = self.context("Danh sách tệp", "list");
        context.insert("groups", &groups);
        let all: Vec<&crate::diagnostics::Diagnostic> = snapshot.findings.iter().collect();
        context.insert("findings", &views::finding_views(&all, true));
        self.render(200, "list.html", &context)
    }

    /// The form for a file on disk.
    pub(super) fn open(&self, rel: &str, saved: bool) -> Answer {
        let path = match store::content_path(&self.root, rel) {
            Ok(p) => p,
            Err(why) => return self.message(400, "Không mở được tệp", &why),
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return self.message(
                404,
                "Không có tệp này",
                &format!("Không đọc được tệp {rel}."),
            );
        };
        let mut state = match state_from_text(&text) {
            Ok(s) => s,
            Err(why) => return self.message(422, "Không sửa được tệp này ở đây", &why),
        };
        state.file = rel.to_string();
        state.opened = store::fingerprint(&path);
        let messages = if saved {
            vec![format!(
                "Đã lưu {rel}. Trang được dựng lại sau vài giây; kết quả kiểm tra ở bên cạnh là của tệp vừa lưu."
            )]
        } else {
            Vec::new()
        };
        self.form(200, &state, &[], &messages)
    }

    pub(super) fn form(
        &self,
        status: u16,
        state: &FormState,
        errors: &[String],
        messages: &[String],
    ) -> Answer {
        let snapshot = self.snapshot();
        let news = state.kind == Type::News;
        let heading = match (state.file.is_empty(), news, &state.review) {
            (_, _, Some(_)) => "Xem lại văn bản vừa nhập",
            (true, true, _) => "Tạo tin bài mới",
            (true, false, _) => "Tạo văn bản mới",
            (false, true, _) => "Sửa tin bài",
            (false, false, _) => "Sửa văn bản",
        };
        let page = match (&state.review, state.file.is_empty(), news) {
            (Some(_), _, _) => "import",
            (None, true, true) => "new-news",
            (None, true, false) => "new-document",
            _ => "edit",
        };
        let mut context = self.context(heading, page);
        context.insert("heading", heading);
        context.insert("errors", errors);
        context.insert("messages", messages);
        context.insert("token", &self.token);
        context.insert("type", state.kind.name());
        context.insert("file", &state.file);
        context.insert("opened", &state.opened);
        context.insert("unit", &state.unit);
        context.insert("slug", &state.slug);
        context.insert("body", &state.body);
        context.insert("draft", &state.values.contains_key("draft"));
        let report = state.review.as_ref().map(|(_, r)| r);
        context.insert(
            "fields",
            &views::field_views(state.kind.fields(), &state.values, report),
        );
        if let Some((source, report)) = &state.review {
            context.insert("review", &views::review(source, report));
        }
        let url = snapshot
            .files
            .iter()
            .find(|f| f.path == state.file)
            .and_then(|f| f.url.clone());
        context.insert("url", &url);
        let mine = snapshot.findings_for(&state.file);
        context.insert("findings", &views::finding_views(&mine, false));
        views::site_context(&mut context, &snapshot);
        self.render(status, "form.html", &context)
    }

    pub(super) fn save(&self, form: &FormData) -> Answer {
        let mut state = state_from_form(form);
        let (rel, text) = match self.prepare(form, &mut state) {
            Ok(ready) => ready,
            Err(errors) => return self.form(400, &state, &errors, &[]),
        };
        match store::write_content(&self.root, &rel, &state.opened, &text) {
            Ok(()) => Answer::redirect(format!(
                "{}edit?file={}&saved=1",
                super::PREFIX,
                views::query_escape(&rel)
            )),
            Err(why) => self.form(409, &state, &[why], &[]),
        }
    }

    /// The file a form makes and where it goes, or why it cannot be
    /// written; saves the uploaded picture.
    fn prepare(
        &self,
        form: &FormData,
        state: &mut FormState,
    ) -> Result<(String, String), Vec<String>> {
        let kind = match state.kind {
            Type::News => "tin-bai".to_string(),
            Type::Document => state.values.get("kind").cloned().unwrap_or_default(),
        };
        let upload = form.file("image_file");
        let mut errors = field_errors(state, &kind, upload.is_some());
        let rel = self.target(state).unwrap_or_else(|e| {
            errors.push(e);
            String::new()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(upload) = upload {
            let stem = state.values.get("title").cloned().unwrap_or_default();
            let src = store::save_image(&self.root, &upload.file_name, &upload.bytes, &stem)
                .map_err(|why| vec![why])?;
            state.values.insert("image.src".into(), src);
        }
        let extra = self.unknown_keys(&state.file, state.kind);
        let front = fields::to_toml(&state.values, state.kind.fields(), &kind, &extra);
        Ok((rel, fields::content_file(&front, &state.body)))
    }

    /// The file the form is saved to: the one opened, or a new one that
    /// does not exist yet.
    fn target(&self, state: &FormState) -> Result<String, String> {
        if !state.file.is_empty() {
            return store::content_path(&self.root, &state.file).map(|_| state.file.clone());
        }
        let slug = match state.slug.as_str() {
            "" => state.values.get("title").map_or("", |t| t.as_str()),
            slug => slug,
        };
        let news = state.kind == Type::News;
        let rel = store::new_file(&self.root, &state.unit, news, &crate::new::short_slug(slug))?;
        if self.root.join(&rel).exists() {
            return Err(format!(
                "Đã có tệp {rel}: hãy đặt tiêu đề hoặc tên tệp khác, hoặc mở tệp đó để sửa."
            ));
        }
        Ok(rel)
    }

    /// The keys of the file on disk that the form does not show, kept.
    fn unknown_keys(&self, rel: &str, kind: Type) -> toml::Table {
        let text = store::content_path(&self.root, rel)
            .ok()
            .and_then(|p| std::fs::read_to_string(p).ok());
        text.as_deref()
            .and_then(|t| crate::content::front_matter::split(t).ok())
            .and_then(|s| s.front_matter.parse::<toml::Table>().ok())
            .map(|table| fields::from_toml(&table, kind.fields()).1)
            .unwrap_or_default()
    }

    pub(super) fn preview(&self, form: &FormData) -> Answer {
        let mut state = state_from_form(form);
        // A picture is only saved with the file: the preview shows the
        // rest, so it does not ask for one.
        if !state.values.contains_key("image.src") {
            state.values.remove("image.alt");
            state.values.remove("image.caption");
        }
        let fake = FormData {
            fields: form.fields.clone(),
            files: Vec::new(),
        };
        let (rel, text) = match self.prepare(&fake, &mut state) {
            Ok(ready) => ready,
            Err(errors) => return self.form(400, &state, &errors, &[]),
        };
        match super::site::preview(&self.root, &self.base_url, &rel, &text) {
            Ok((url, html)) => Answer::html(200, with_base(&html, &url)),
            Err(findings) => {
                let refs: Vec<&crate::diagnostics::Diagnostic> = findings.iter().collect();
                let mut context = self.context("Không xem trước được", "message");
                context.insert("text", "Trang chưa dựng được với nội dung này; sửa các lỗi dưới đây rồi xem trước lại.");
                context.insert("findings", &views::finding_views(&refs, true));
                self.render(422, "message.html", &context)
            }
        }
    }

    pub(super) fn import(&self, form: &FormData) -> Answer {
        let Some(upload) = form.file("source") else {
            let mut context = self.context("Nhập văn bản", "import");
            context.insert("token", &self.token);
            context.insert(
                "errors",
                &["Hãy chọn tệp văn bản (.docx, .pdf hoặc .txt) để nhập."],
            );
            return self.render(400, "import.html", &context);
        };
        let imported = crate::import::import_bytes(
            &upload.file_name,
            &upload.bytes,
            &super::import_options(form),
        );
        let mut imported = match imported {
            Ok(i) => i,
            Err(e) => {
                let mut context = self.context("Nhập văn bản", "import");
                context.insert("token", &self.token);
                context.insert(
                    "errors",
                    &[format!(
                        "Không đọc được tệp {}: {}",
                        upload.file_name, e.problem
                    )],
                );
                return self.render(422, "import.html", &context);
            }
        };
        crate::import::command::add_relations(&mut imported);
        imported.front_matter.draft = true;
        let mut state = match state_from_text(&imported.to_markdown()) {
            Ok(s) => s,
            Err(why) => return self.message(422, "Không nhập được", &why),
        };
        state.unit = imported.suggested_dir.clone().unwrap_or_default();
        state.slug = imported
            .suggested_file_name
            .trim_end_matches(".md")
            .to_string();
        state.review = Some((upload.file_name.clone(), imported.report));
        self.form(200, &state, &[], &[])
    }
}

/// What is missing or wrong in the form's fields (Vietnamese, one
/// message each).
fn field_errors(state: &FormState, kind: &str, uploaded: bool) -> Vec<String> {
    let has = |key: &str| state.values.contains_key(key);
    let mut errors = Vec::new();
    if !has("title") {
        errors.push("Cần nhập tiêu đề (trích yếu).".to_string());
    }
    if state.kind == Type::Document && !has("issued") {
        errors.push("Cần nhập ngày ban hành.".to_string());
    }
    if crate::model::Kind::by_slug(kind).is_none() {
        errors.push(format!("Loại văn bản “{kind}” không có trong danh sách."));
    }
    let has_image = uploaded || has("image.src");
    if has_image && !has("image.alt") {
        errors.push("Ảnh phải có mô tả: hãy nhập ô “Mô tả ảnh” (ảnh cho thấy gì), để người không xem được ảnh vẫn hiểu. Chưa lưu gì cả.".to_string());
    }
    if !has_image && (has("image.alt") || has("image.caption")) {
        errors.push("Có mô tả hoặc chú thích ảnh nhưng chưa có ảnh: hãy tải ảnh lên hoặc xóa mô tả, chú thích.".to_string());
    }
    errors
}

/// The form's state from a content file's text (TOML front matter only).
fn state_from_text(text: &str) -> Result<FormState, String> {
    let split = crate::content::front_matter::split(text).map_err(|e| {
        format!(
            "Tệp không có phần thông tin (front matter) đúng dạng: {}",
            e.message
        )
    })?;
    if split.format != crate::content::front_matter::Format::Toml {
        return Err("Tệp dùng YAML (---): trình soạn thảo chỉ sửa tệp TOML (+++) như vanban new viết. Hãy sửa tệp này bằng trình soạn thảo văn bản.".into());
    }
    let table: toml::Table = split.front_matter.parse().map_err(|e: toml::de::Error| {
        format!("Phần thông tin của tệp có lỗi TOML: {}", e.message())
    })?;
    let news = table.get("kind").and_then(|k| k.as_str()) == Some("tin-bai");
    let kind = if news { Type::News } else { Type::Document };
    let (values, _) = fields::from_toml(&table, kind.fields());
    let mut state = FormState::new(kind);
    state.values = values;
    state.body = split.body.trim().to_string();
    Ok(state)
}

fn state_from_form(form: &FormData) -> FormState {
    let kind = Type::parse(form.get("type"));
    let values: Values = fields::from_form(form, kind.fields());
    let mut state = FormState::new(kind);
    state.values = values;
    state.body = form.get("body").replace("\r\n", "\n");
    state.file = form.get("file").to_string();
    state.opened = form.get("opened").to_string();
    state.unit = form.get("unit").to_string();
    state.slug = form.get("slug").to_string();
    state
}

/// The preview, with relative addresses resolved as on the page itself,
/// so that the served site's styles and pictures load.
fn with_base(html: &str, url: &str) -> String {
    let base = format!("<base href=\"/{}\">", crate::text::escape_markup(url));
    match html.find("<head>") {
        Some(at) => format!("{}{base}{}", &html[..at + 6], &html[at + 6..]),
        None => format!("{base}{html}"),
    }
}
