//! The body of a form POST: `multipart/form-data` (forms with a file) or
//! `application/x-www-form-urlencoded`, parsed by hand — the editor needs
//! no more than names, text values and uploaded files.

/// A file sent with a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub field: String,
    /// As the browser sent it (only the last path segment is kept).
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FormData {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl FormData {
    /// The first value of `name`, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.trim())
    }

    /// Whether a checkbox `name` was sent checked.
    pub fn checked(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    /// The non-empty file sent as `field`.
    pub fn file(&self, field: &str) -> Option<&Upload> {
        self.files
            .iter()
            .find(|f| f.field == field && !f.bytes.is_empty())
    }
}

/// Parses a body by its `Content-Type`; None when it is neither form
/// encoding or is malformed.
pub fn parse(content_type: &str, body: &[u8]) -> Option<FormData> {
    let lower = content_type.to_ascii_lowercase();
    if lower.starts_with("application/x-www-form-urlencoded") {
        return Some(FormData {
            fields: urlencoded(std::str::from_utf8(body).ok()?)?,
            files: Vec::new(),
        });
    }
    if lower.starts_with("multipart/form-data") {
        let boundary = content_type.split(';').find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            k.eq_ignore_ascii_case("boundary")
                .then(|| v.trim_matches('"').to_string())
        })?;
        return multipart(body, &boundary);
    }
    None
}

fn urlencoded(text: &str) -> Option<Vec<(String, String)>> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode_component(k)?, decode_component(v)?))
        })
        .collect()
}

/// `+` as space and percent escapes, as forms encode them.
fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn multipart(body: &[u8], boundary: &str) -> Option<FormData> {
    let delimiter = format!("--{boundary}");
    let mut data = FormData::default();
    let mut rest = body;
    // Everything up to the first delimiter is preamble.
    let start = find(rest, delimiter.as_bytes())?;
    rest = &rest[start + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return Some(data);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        rest = &rest[head_end + 4..];
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())?;
        let content = &rest[..end];
        rest = &rest[end + 2 + delimiter.len()..];
        let (name, file_name) = disposition(head)?;
        match file_name {
            Some(file_name) => data.files.push(Upload {
                field: name,
                file_name,
                bytes: content.to_vec(),
            }),
            None => data
                .fields
                .push((name, String::from_utf8(content.to_vec()).ok()?)),
        }
    }
}

/// The `name` and `filename` of a part's Content-Disposition.
fn disposition(head: &str) -> Option<(String, Option<String>)> {
    let line = head
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    let value = |key: &str| -> Option<String> {
        let at = line.find(&format!("{key}=\""))? + key.len() + 2;
        let end = line[at..].find('"')?;
        Some(line[at..at + end].to_string())
    };
    let name = value(" name").or_else(|| value(";name"))?;
    let file_name =
        value("filename").map(|f| f.rsplit(['/', '\\']).next().unwrap_or_default().to_string());
    Some((name, file_name))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urlencoded_fields() {
        let d = parse(
            "application/x-www-form-urlencoded",
            b"title=Bi%E1%BB%83u+d%C6%B0%C6%A1ng&draft=on&x=",
        )
        .unwrap();
        assert_eq!(d.get("title"), "Biểu dương");
        assert!(d.checked("draft"));
        assert_eq!(d.get("x"), "");
        assert_eq!(d.get("missing"), "");
    }

    #[test]
    fn parses_multipart_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTi\xc3\xaau \xc4\x91\xe1\xbb\x81\r\n--XyZ\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"C:\\\\x\\\\anh.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\r\n\r\n--XyZ--\r\n";
        let d = parse("multipart/form-data; boundary=XyZ", body).unwrap();
        assert_eq!(d.get("title"), "Tiêu đề");
        let f = d.file("image_file").unwrap();
        assert_eq!(f.file_name, "anh.jpg");
        assert_eq!(f.bytes, b"\xff\xd8\r\n");
        assert!(parse("text/plain", b"x").is_none());
        assert!(parse("multipart/form-data; boundary=XyZ", b"garbage").is_none());
    }
}
