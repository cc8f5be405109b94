//! `vanban init`: a new site that builds at once. The theme is not copied:
//! the built-in default theme serves until the site adds `themes/` or
//! `templates/` of its own. National by default; `--don-vi` makes the site
//! of one administrative unit (its registry folder, its plan), which knows
//! only the units that lie in it.

use std::io;
use std::path::Path;

const CONFIG: &str = r#"# Where the site is published; may include a path.
base_url = "/"
title = "Văn bản thực hiện Đề án Văn hóa công vụ"
description = "Kế hoạch, báo cáo, công văn triển khai Đề án Văn hóa công vụ"
# The day "tình trạng hiệu lực" is shown for; unset, the day of the build
# (Vietnam time). `vanban build --as-of YYYY-MM-DD` overrides it.
# as_of = "2024-06-30"
"#;

const ROOT_INDEX: &str = r#"+++
name = "Trung ương"
level = "trung-uong"
+++
"#;

const PROVINCE_INDEX: &str = r#"+++
name = "Tỉnh Mẫu"
level = "tinh"
+++
"#;

const NATIONAL: &str = r#"+++
title = "Phê duyệt Đề án Văn hóa công vụ"
kind = "quyet-dinh"
number = "1847/QĐ-TTg"
issued = "2018-12-27"
issuer = "Thủ tướng Chính phủ"
+++
"#;

const PLAN: &str = r#"+++
title = "Triển khai thực hiện Đề án Văn hóa công vụ"
kind = "ke-hoach"
number = "1/KH-UBND"
issued = "2019-03-01"
issuer = "Ủy ban nhân dân tỉnh Mẫu"
implements = ["Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ"]
+++
Thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án Văn hóa công vụ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung kế hoạch.
"#;

/// Creates the site. `unit`: the name or GSO code of the unit a
/// provincial site publishes for; an unknown one is an error.
pub fn init(dir: &Path, unit: Option<&str>) -> io::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists and is not empty", dir.display()),
        ));
    }
    let mut files: Vec<(String, String)> = vec![
        ("content/_index.md".into(), ROOT_INDEX.into()),
        ("content/quyet-dinh-1847.md".into(), NATIONAL.into()),
    ];
    match unit {
        None => files.extend([
            ("config.toml".into(), CONFIG.into()),
            ("content/tinh-mau/_index.md".into(), PROVINCE_INDEX.into()),
            ("content/tinh-mau/ke-hoach-1.md".into(), PLAN.into()),
        ]),
        Some(text) => {
            let r = crate::registry::registry();
            let found = r.lookup_unit(text);
            let Some(u) = found.first() else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("--don-vi \"{text}\": no administrative unit has this name or code (e.g. \"Tỉnh Khánh Hòa\" or \"56\")"),
                ));
            };
            let config =
                format!(
                "{}\n# The administrative unit this site publishes for ({}).\ndon_vi = \"{}\"\n",
                CONFIG.replace(
                    "title = \"Văn bản thực hiện Đề án Văn hóa công vụ\"",
                    &format!("title = \"Văn bản thực hiện Đề án Văn hóa công vụ – {}\"", u.name)
                ),
                u.name,
                u.code
            );
            let issuer = format!(
                "Ủy ban nhân dân {}",
                crate::render::views::name_in_text(u.name)
            );
            files.push(("config.toml".into(), config));
            files.push((
                format!("content/{}/ke-hoach-1.md", r.path(u)),
                PLAN.replace("Ủy ban nhân dân tỉnh Mẫu", &issuer),
            ));
        }
    }
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
