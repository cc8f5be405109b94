//! `vanban new KIND "Tiêu đề" [--under JURISDICTION]`: writes a new content
//! file with today's date, a Vietnamese-safe slug and the front matter to
//! fill in. A news post (`tin-bai`) goes into the `tin-tuc/` section of the
//! jurisdiction (created if missing), any other document into the
//! jurisdiction's folder.

use crate::model::{Kind, PartialDate};
use crate::text::slugify;
use std::path::{Path, PathBuf};

/// Longest slug taken from a title: long trích yếu make unwieldy URLs.
const MAX_SLUG: usize = 80;

pub struct NewOptions {
    pub root: PathBuf,
    pub kind: String,
    pub title: String,
    /// Jurisdiction folder under content/ ("khanh-hoa", "quang-tri/vinh-linh").
    pub under: Option<String>,
    /// Defaults to today in Vietnam (UTC+7).
    pub date: Option<String>,
}

/// Why nothing was written; `usage` errors are the caller's mistake (exit 2).
#[derive(Debug)]
pub struct NewError {
    pub message: String,
    pub usage: bool,
}

fn usage(message: String) -> NewError {
    NewError {
        message,
        usage: true,
    }
}

/// Writes the file and returns its path.
pub fn new_content(options: &NewOptions) -> Result<PathBuf, NewError> {
    let kind = Kind::lookup(&options.kind).ok_or_else(|| {
        usage(format!(
            "unknown kind \"{}\"{}: expected one of: {}",
            options.kind,
            Kind::suggestion(&options.kind),
            Kind::allowed_list()
        ))
    })?;
    let title = crate::text::nfc(options.title.trim());
    let slug = short_slug(&title);
    if slug.is_empty() {
        return Err(usage(format!(
            "title \"{}\" has no letters or digits to make a file name from",
            options.title
        )));
    }
    let date = match &options.date {
        Some(d) => PartialDate::parse_iso(d)
            .filter(|p| p.is_full())
            .ok_or_else(|| usage(format!("invalid date \"{d}\": expected YYYY-MM-DD")))?,
        None => today_in_vietnam(),
    };
    let content = options.root.join("content");
    if !content.join("_index.md").is_file() {
        return Err(usage(format!(
            "{} is not a vanban site (no content/_index.md); create one with `vanban init`",
            options.root.display()
        )));
    }
    let mut folder = content.clone();
    if let Some(under) = &options.under {
        let under = under.trim_matches('/');
        let safe = !under.is_empty()
            && Path::new(under)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        folder = content.join(under);
        if !safe || !is_jurisdiction(&folder) {
            return Err(usage(unknown_under(&content, under)));
        }
    }
    if kind.is_news() {
        folder = folder.join("tin-tuc");
        let index = folder.join("_index.md");
        if !index.exists() {
            std::fs::create_dir_all(&folder).map_err(io_error(&folder))?;
            std::fs::write(&index, "+++\ntitle = \"Tin tức\"\n+++\n").map_err(io_error(&index))?;
        }
    }
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(NewError {
            message: format!(
                "{} already exists: choose another title or edit that file",
                path.display()
            ),
            usage: false,
        });
    }
    std::fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    std::fs::write(&path, template(kind, &title, date)).map_err(io_error(&path))?;
    Ok(path)
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> NewError + '_ {
    move |e| NewError {
        message: format!("cannot write {}: {e}", path.display()),
        usage: false,
    }
}

/// What `--under` may name, with the nearest folder to what was typed.
fn unknown_under(content: &Path, under: &str) -> String {
    let folders = jurisdiction_folders(content);
    let hint = crate::text::closest(under, folders.iter().map(String::as_str))
        .map(|f| format!(" Did you mean --under {f}?"))
        .unwrap_or_default();
    let list = if folders.is_empty() {
        "the site has none yet; create content/<folder>/_index.md with `level`".to_string()
    } else {
        format!(
            "the site's jurisdiction folders are: {}",
            folders.join(", ")
        )
    };
    format!("--under {under}: no jurisdiction folder content/{under}/ (a folder whose _index.md has `level`); {list}.{hint}")
}

/// Jurisdiction folders under `content`, as `--under` takes them
/// ("khanh-hoa", "quang-tri/vinh-linh"), in path order.
fn jurisdiction_folders(content: &Path) -> Vec<String> {
    walkdir::WalkDir::new(content)
        .min_depth(1)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && is_jurisdiction(e.path()))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(content).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

fn is_jurisdiction(folder: &Path) -> bool {
    std::fs::read_to_string(folder.join("_index.md")).is_ok_and(|text| {
        text.lines()
            .any(|l| l.trim_start().starts_with("level") && l.contains('='))
            || text.lines().any(|l| l.trim_start().starts_with("level:"))
    })
}

/// The slug of a title, cut at a word boundary.
pub fn short_slug(title: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    slug
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The body `new` writes into a news post, for `check` to find when it is
/// left in.
pub const PLACEHOLDER_BODY: &str = "Nội dung tin bài.";

fn template(kind: Kind, title: &str, date: PartialDate) -> String {
    let head = format!(
        "+++\ntitle = {}\nkind = \"{}\"\nissued = \"{}\"\n\
# Bản nháp: chưa đăng lên trang. Viết xong thì xóa dòng dưới để đăng.\n\
draft = true\n",
        toml_string(title),
        kind.slug,
        date.iso()
    );
    if kind.is_news() {
        format!(
            "{head}\
# Đơn vị, cá nhân được biểu dương, khen thưởng, mỗi mục một chuỗi:
commended = []
# Hình thức: \"giấy khen\", \"bằng khen\" hoặc \"biểu dương\" (có thể ghi tiếp, ví dụ \"bằng khen của Chủ tịch UBND tỉnh\"):
# award = \"bằng khen\"
# Phong trào, kế hoạch mà việc khen thưởng thuộc về, ghi như một trích dẫn văn bản:
# movement = \"Kế hoạch số …/KH-UBND ngày …/…/… của UBND tỉnh …\"
# Ảnh minh họa (không bắt buộc); nếu có ảnh thì phải có alt mô tả nội dung ảnh:
# [image]
# src = \"anh/ten-anh.jpg\"
# alt = \"Mô tả nội dung ảnh cho người không xem được ảnh\"
+++
{PLACEHOLDER_BODY}
"
        )
    } else {
        format!(
            "{head}\
# Số ký hiệu, cơ quan ban hành, địa danh như văn bản ghi:
# number = \"…/KH-UBND\"
# issuer = \"Ủy ban nhân dân tỉnh …\"
# place = \"…\"
# Văn bản mà văn bản này triển khai, ghi như một trích dẫn:
implements = []
recipients = []

# [signer]
# authority = \"TM. ỦY BAN NHÂN DÂN\"
# position = \"CHỦ TỊCH\"
# name = \"…\"
+++
"
        )
    }
}

/// Today's date where the documents are issued (UTC+7, no daylight time).
pub fn today_in_vietnam() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
        + 7 * 3600;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    PartialDate::ymd(y as u16, m as u8, d as u8).expect("a calendar date")
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(18_089), (2019, 7, 12));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let s = short_slug(&"Biểu dương tập thể ".repeat(10));
        assert!(s.len() <= MAX_SLUG && !s.ends_with('-'), "{s}");
        assert!(s.starts_with("bieu-duong-tap-the-"));
    }
}
