//! The front-matter fields the editor's forms show, with their Vietnamese
//! labels and help; reading them from a content file and writing them back
//! as the TOML front matter a person would write (`+++` fences, one
//! `key = value` a line, tables last). Keys the forms do not know are kept.

use super::form_data::FormData;
use std::collections::BTreeMap;

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text,
    /// "YYYY-MM-DD" (or "YYYY-MM", "YYYY" where the document gives no more).
    Date,
    Time,
    /// One item a line.
    Lines,
    /// One citation: picked from the documents the site knows, or typed.
    Citation,
    /// Citations, one a line, with the same picker.
    Citations,
    Area,
    Kind,
    Check,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The front-matter key; "image.alt" is key `alt` of table `[image]`.
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub input: Input,
    pub required: bool,
}

const fn f(key: &'static str, label: &'static str, help: &'static str, input: Input) -> Field {
    Field {
        key,
        label,
        help,
        input,
        required: false,
    }
}

const fn req(key: &'static str, label: &'static str, help: &'static str, input: Input) -> Field {
    Field {
        key,
        label,
        help,
        input,
        required: true,
    }
}

use Input::*;

pub const NEWS: &[Field] = &[
    req("title", "Tiêu đề", "Tiêu đề tin bài, viết như trên báo.", Text),
    req("issued", "Ngày đăng", "Ngày của tin, dạng năm-tháng-ngày, ví dụ 2024-03-15.", Date),
    f("time", "Giờ", "Giờ đăng hoặc giờ diễn ra sự kiện, dạng giờ:phút (24 giờ), ví dụ 08:30.", Time),
    f("author", "Tác giả", "Người viết tin, ghi như muốn hiển thị.", Text),
    f("source.name", "Nguồn tin", "Tên cơ quan, báo đưa tin (nếu lấy lại tin của nơi khác).", Text),
    f("source.url", "Địa chỉ nguồn tin", "Địa chỉ trang gốc, bắt đầu bằng https:// (không bắt buộc).", Text),
    f("summary", "Tóm tắt (sapo)", "Một, hai câu mở đầu; hiện dưới tiêu đề và khi chia sẻ lên Zalo, Facebook.", Area),
    f("commended", "Đơn vị, cá nhân được biểu dương", "Mỗi dòng một đơn vị hoặc một người.", Lines),
    f("award", "Hình thức khen thưởng", "“giấy khen”, “bằng khen” hoặc “biểu dương”, có thể ghi tiếp, ví dụ “bằng khen của Chủ tịch UBND tỉnh”.", Text),
    f("movement", "Phong trào, kế hoạch được đưa tin", "Văn bản mà tin bài đưa tin về, ghi như một trích dẫn: “Kế hoạch số 84/KH-UBND ngày 12/3/2019 của UBND tỉnh …”.", Citation),
    f("implements", "Văn bản được triển khai", "Các văn bản tin bài nói đến việc triển khai, mỗi dòng một trích dẫn.", Citations),
    f("image.alt", "Mô tả ảnh (bắt buộc khi có ảnh)", "Ảnh cho thấy gì, để người không xem được ảnh vẫn hiểu, ví dụ “Chủ tịch UBND huyện trao giấy khen cho Bộ phận Một cửa”.", Text),
    f("image.caption", "Chú thích ảnh", "Dòng chữ dưới ảnh: tác giả ảnh, nơi chụp, ngày chụp.", Text),
    f("image.src", "Đường dẫn ảnh", "Tệp ảnh trong trang (ví dụ anh/trao-thuong.jpg); tải ảnh lên ở ô dưới thì ô này tự điền.", Text),
    f("draft", "Bản nháp (chưa đăng)", "Còn đánh dấu thì tin chưa hiện trên trang; bỏ đánh dấu để đăng.", Check),
];

pub const DOCUMENT: &[Field] = &[
    req(
        "title",
        "Trích yếu",
        "Trích yếu nội dung, như dòng dưới tên loại văn bản.",
        Area,
    ),
    req(
        "kind",
        "Loại văn bản",
        "Tên loại văn bản theo Nghị định 30/2020/NĐ-CP.",
        Kind,
    ),
    f(
        "kind_heading",
        "Tên loại ghi trên văn bản",
        "Chỉ điền khi văn bản ghi tên loại khác cách gọi thông thường.",
        Text,
    ),
    f(
        "number",
        "Số ký hiệu",
        "Ví dụ 84/KH-UBND; để trống nếu văn bản không ghi số.",
        Text,
    ),
    req(
        "issued",
        "Ngày ban hành",
        "Dạng năm-tháng-ngày, ví dụ 2019-03-12.",
        Date,
    ),
    f(
        "issuer",
        "Cơ quan ban hành",
        "Tên cơ quan như văn bản ghi, ví dụ Ủy ban nhân dân tỉnh Thanh Hóa.",
        Text,
    ),
    f(
        "issuer_parent",
        "Cơ quan chủ quản",
        "Cơ quan cấp trên ghi ở dòng trên tên cơ quan ban hành (nếu có).",
        Text,
    ),
    f(
        "place",
        "Địa danh",
        "Địa danh ghi trước ngày tháng, ví dụ Thanh Hóa.",
        Text,
    ),
    f(
        "addressees",
        "Kính gửi",
        "Nơi nhận ghi ở đầu văn bản (công văn), mỗi dòng một nơi.",
        Lines,
    ),
    f(
        "recipients",
        "Nơi nhận",
        "Nơi nhận ở cuối văn bản, mỗi dòng một nơi.",
        Lines,
    ),
    f(
        "recipients_label",
        "Tiêu đề nơi nhận",
        "Chỉ điền khi văn bản ghi khác “Nơi nhận:”.",
        Text,
    ),
    f(
        "signer.authority",
        "Thẩm quyền ký",
        "Ví dụ TM. ỦY BAN NHÂN DÂN hoặc KT. CHỦ TỊCH.",
        Text,
    ),
    f(
        "signer.position",
        "Chức vụ người ký",
        "Ví dụ CHỦ TỊCH, PHÓ CHỦ TỊCH.",
        Text,
    ),
    f(
        "signer.name",
        "Họ tên người ký",
        "Họ và tên như dưới chữ ký.",
        Text,
    ),
    f(
        "based_on",
        "Căn cứ",
        "Văn bản làm căn cứ ban hành, mỗi dòng một trích dẫn.",
        Citations,
    ),
    f(
        "implements",
        "Thực hiện văn bản",
        "Văn bản mà văn bản này triển khai, mỗi dòng một trích dẫn.",
        Citations,
    ),
    f(
        "cites",
        "Văn bản dẫn chiếu",
        "Văn bản khác được nhắc đến, mỗi dòng một trích dẫn.",
        Citations,
    ),
    f(
        "guides",
        "Hướng dẫn văn bản",
        "Văn bản mà văn bản này hướng dẫn thi hành.",
        Citations,
    ),
    f(
        "amends",
        "Sửa đổi, bổ sung",
        "Văn bản được văn bản này sửa đổi, bổ sung.",
        Citations,
    ),
    f(
        "replaces",
        "Thay thế",
        "Văn bản bị văn bản này thay thế.",
        Citations,
    ),
    f(
        "repeals",
        "Bãi bỏ",
        "Văn bản bị văn bản này bãi bỏ toàn bộ.",
        Citations,
    ),
    f(
        "repeals_in_part",
        "Bãi bỏ một phần",
        "Văn bản bị văn bản này bãi bỏ một phần.",
        Citations,
    ),
    f(
        "corrects",
        "Đính chính",
        "Văn bản được văn bản này đính chính.",
        Citations,
    ),
    f(
        "effective",
        "Ngày có hiệu lực",
        "Dạng năm-tháng-ngày; để trống nếu văn bản không ghi.",
        Date,
    ),
    f(
        "expires",
        "Ngày hết hiệu lực",
        "Dạng năm-tháng-ngày; để trống nếu chưa hết hiệu lực.",
        Date,
    ),
    f(
        "status",
        "Tình trạng hiệu lực",
        "Chỉ điền khi biết chắc, ví dụ het-hieu-luc; để trống thì trang tự tính.",
        Text,
    ),
    f("topics", "Chủ đề", "Mỗi dòng một chủ đề.", Lines),
    f(
        "summary",
        "Tóm tắt",
        "Một, hai câu giới thiệu; dùng làm mô tả khi chia sẻ.",
        Area,
    ),
    f(
        "draft",
        "Bản nháp (chưa đăng)",
        "Còn đánh dấu thì văn bản chưa hiện trên trang; bỏ đánh dấu để đăng.",
        Check,
    ),
];

/// A field's value as the form shows it: text, or lines joined by "\n",
/// or "true" for a checked box.
pub type Values = BTreeMap<String, String>;

/// The form's values read from front-matter TOML; keys no field knows
/// are returned apart, to be written back unchanged.
pub fn from_toml(table: &toml::Table, fields: &[Field]) -> (Values, toml::Table) {
    let mut values = Values::new();
    let mut extra = table.clone();
    for field in fields {
        let (top, sub) = split_key(field.key);
        let value = match sub {
            None => table.get(top),
            Some(sub) => table.get(top).and_then(|t| t.get(sub)),
        };
        if let Some(text) = value.and_then(as_text) {
            values.insert(field.key.to_string(), text);
        }
    }
    // `source = "…"` is the name, or the address when it is one.
    if let Some(toml::Value::String(s)) = table.get("source") {
        let key = if s.starts_with("http") {
            "source.url"
        } else {
            "source.name"
        };
        values.insert(key.into(), s.clone());
    }
    if let Some(kind) = table.get("kind").and_then(as_text) {
        values.insert("kind".into(), kind);
    }
    for field in fields {
        let (top, _) = split_key(field.key);
        extra.remove(top);
    }
    extra.remove("kind");
    (values, extra)
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((t, s)) => (t, Some(s)),
        None => (key, None),
    }
}

fn as_text(value: &toml::Value) -> Option<String> {
    Some(match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Boolean(b) => b.then(|| "true".to_string())?,
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Array(items) => items
            .iter()
            .filter_map(as_text)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => return None,
    })
}

/// The values a form sent, by field.
pub fn from_form(form: &FormData, fields: &[Field]) -> Values {
    let mut values = Values::new();
    for field in fields {
        let value = if field.input == Check {
            if form.checked(field.key) {
                "true".to_string()
            } else {
                String::new()
            }
        } else {
            crate::text::nfc(form.get(field.key).replace("\r\n", "\n").trim())
        };
        if !value.is_empty() {
            values.insert(field.key.to_string(), value);
        }
    }
    if let Some(kind) = Some(form.get("kind")).filter(|k| !k.is_empty()) {
        values.insert("kind".into(), kind.to_string());
    }
    values
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The front matter (without fences): the fields in the form's order, the
/// keys the form did not show, then the tables (`[image]`, `[signer]`).
pub fn to_toml(values: &Values, fields: &[Field], kind: &str, extra: &toml::Table) -> String {
    let mut out = String::new();
    let mut tables: BTreeMap<&str, String> = BTreeMap::new();
    let mut source = Vec::new();
    // The kind is written after the title, whatever field gave it.
    for field in fields.iter().filter(|f| f.key != "kind") {
        let Some(value) = values.get(field.key) else {
            continue;
        };
        let line = match field.input {
            Check => format!("{} = true\n", field.key),
            Lines | Citations => list(field.key, value),
            _ => format!(
                "{} = {}\n",
                split_key(field.key).1.unwrap_or(field.key),
                toml_string(value)
            ),
        };
        match split_key(field.key) {
            ("source", Some(sub)) => source.push(format!("{sub} = {}", toml_string(value))),
            (top, Some(_)) => tables.entry(top).or_default().push_str(&line),
            _ => out.push_str(&line),
        }
        // The kind follows the title, as `vanban new` writes it.
        if field.key == "title" {
            out.push_str(&format!("kind = {}\n", toml_string(kind)));
        }
    }
    if !source.is_empty() {
        out.push_str(&format!("source = {{ {} }}\n", source.join(", ")));
    }
    let (plain, nested): (toml::Table, toml::Table) = extra
        .clone()
        .into_iter()
        .partition(|(_, v)| !matches!(v, toml::Value::Table(_)));
    out.push_str(&toml::to_string(&plain).unwrap_or_default());
    for (name, body) in tables {
        out.push_str(&format!("\n[{name}]\n{body}"));
    }
    if !nested.is_empty() {
        out.push('\n');
        out.push_str(&toml::to_string(&nested).unwrap_or_default());
    }
    out
}

fn list(key: &str, value: &str) -> String {
    let items: Vec<String> = value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("  {},\n", toml_string(l)))
        .collect();
    format!("{key} = [\n{}]\n", items.concat())
}

/// A whole content file.
pub fn content_file(front_matter: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    format!("+++\n{front_matter}+++\n\n{}\n", body.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_fields_in_order_tables_last_and_keeps_unknown_keys() {
        let text = "title = \"Biểu dương\"\nkind = \"tin-bai\"\nissued = \"2024-03-15\"\ncommended = [\"A\", \"B\"]\nsource = \"https://bao.vn/x\"\nweight = 3\n[image]\nsrc = \"anh/a.jpg\"\nalt = \"Trao thưởng\"\n[extra_table]\nk = 1\n";
        let table: toml::Table = text.parse().unwrap();
        let (values, extra) = from_toml(&table, NEWS);
        assert_eq!(values["commended"], "A\nB");
        assert_eq!(values["source.url"], "https://bao.vn/x");
        assert_eq!(values["image.alt"], "Trao thưởng");
        assert!(extra.contains_key("weight") && !extra.contains_key("image"));
        let written = to_toml(&values, NEWS, "tin-bai", &extra);
        assert!(
            written.starts_with(
                "title = \"Biểu dương\"\nkind = \"tin-bai\"\nissued = \"2024-03-15\"\n"
            ),
            "{written}"
        );
        let back: toml::Table = written.parse().expect(&written);
        assert_eq!(back["image"]["alt"].as_str(), Some("Trao thưởng"));
        assert_eq!(back["source"]["url"].as_str(), Some("https://bao.vn/x"));
        assert_eq!(back["weight"].as_integer(), Some(3));
        assert_eq!(back["extra_table"]["k"].as_integer(), Some(1));
        assert_eq!(back["commended"].as_array().unwrap().len(), 2);
        assert!(back.get("draft").is_none());
    }

    #[test]
    fn a_document_writes_its_kind_once_after_the_title_and_its_signer_last() {
        let mut values = Values::new();
        for (k, v) in [
            ("title", "Triển khai Đề án"),
            ("kind", "ke-hoach"),
            ("number", "27/KH-UBND"),
            ("signer.name", "Nguyễn Văn Bình"),
            ("implements", "Kế hoạch số 6861/KH-UBND ngày 12/7/2019"),
        ] {
            values.insert(k.into(), v.into());
        }
        let written = to_toml(&values, DOCUMENT, "ke-hoach", &toml::Table::new());
        assert_eq!(written.matches("kind = ").count(), 1, "{written}");
        assert!(
            written.starts_with(
                "title = \"Triển khai Đề án\"\nkind = \"ke-hoach\"\nnumber = \"27/KH-UBND\"\n"
            ),
            "{written}"
        );
        assert!(
            written.ends_with("\n[signer]\nname = \"Nguyễn Văn Bình\"\n"),
            "{written}"
        );
    }

    #[test]
    fn checkboxes_and_lines_come_from_the_form() {
        let form = FormData {
            fields: vec![
                ("title".into(), " Tin  ".into()),
                ("draft".into(), "on".into()),
                ("commended".into(), "A\r\n\r\nB\r\n".into()),
            ],
            files: Vec::new(),
        };
        let values = from_form(&form, NEWS);
        assert_eq!(values["title"], "Tin");
        assert_eq!(values["draft"], "true");
        let written = to_toml(&values, NEWS, "tin-bai", &toml::Table::new());
        assert!(written.contains("draft = true\n"));
        assert!(
            written.contains("commended = [\n  \"A\",\n  \"B\",\n]\n"),
            "{written}"
        );
    }
}
