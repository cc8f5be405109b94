//! The received original (front matter `original`): published beside the
//! page, byte for byte, with its type, size and SHA-256, and what a PDF's
//! signature dictionary says about the signer and the signing time, shown
//! as read and never as a verification.

mod common;
use common::*;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

/// A one-page PDF with a signature field whose value is a `/Sig`
/// dictionary, as signing software writes it (the PKCS#7 blob is zeros:
/// the site reads what the file says and verifies nothing).
fn signed_pdf(signer: &str, when: &str) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let (catalog, pages, page, field, sig) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog)
        .pages(pages)
        .insert(Name(b"AcroForm"))
        .dict()
        .pair(Name(b"SigFlags"), 3)
        .insert(Name(b"Fields"))
        .array()
        .item(field);
    pdf.pages(pages).kids([page]).count(1);
    pdf.page(page)
        .parent(pages)
        .media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .annotations([field]);
    let mut widget = pdf.indirect(field).dict();
    widget
        .pair(Name(b"Type"), Name(b"Annot"))
        .pair(Name(b"Subtype"), Name(b"Widget"))
        .pair(Name(b"FT"), Name(b"Sig"))
        .pair(Name(b"T"), TextStr("Chữ ký"))
        .pair(Name(b"V"), sig)
        .pair(Name(b"P"), page);
    widget.insert(Name(b"Rect")).array().items([0, 0, 0, 0]);
    widget.finish();
    let mut dict = pdf.indirect(sig).dict();
    dict.pair(Name(b"Type"), Name(b"Sig"))
        .pair(Name(b"Filter"), Name(b"Adobe.PPKLite"))
        .pair(Name(b"SubFilter"), Name(b"adbe.pkcs7.detached"))
        .pair(Name(b"Name"), TextStr(signer))
        .pair(Name(b"M"), Str(when.as_bytes()))
        .pair(Name(b"Location"), TextStr("Khánh Hòa"))
        .pair(Name(b"Reason"), TextStr("Ký ban hành"))
        .pair(Name(b"Contents"), Str(&[0u8; 64]));
    dict.insert(Name(b"ByteRange"))
        .array()
        .items([0, 10, 20, 30]);
    dict.finish();
    pdf.finish()
}

fn plan(front: &str) -> String {
    doc(
        &format!(
            "title = \"Kế hoạch thực hiện Đề án Văn hóa công vụ\"\nkind = \"ke-hoach\"\nnumber = \"6861/KH-UBND\"\nissued = \"2019-07-12\"\nissuer = \"UBND tỉnh Khánh Hòa\"\n{front}"
        ),
        "## I. MỤC ĐÍCH\n\nNội dung.\n",
    )
}

#[test]
fn a_signed_pdf_original_is_published_beside_the_page_with_its_hash_and_signature_as_read() {
    let bytes = signed_pdf("Ủy ban nhân dân tỉnh Khánh Hòa", "D:20190712013000Z");
    let dir = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/khanh-hoa/_index.md", &province("Tỉnh Khánh Hòa")),
        (
            "content/khanh-hoa/kh-6861.md",
            &plan("original = \"Kế hoạch 6861 ký số.pdf\""),
        ),
    ]);
    std::fs::write(
        dir.path().join("content/khanh-hoa/Kế hoạch 6861 ký số.pdf"),
        &bytes,
    )
    .unwrap();
    let out = dir.path().join("public");
    let o = build(dir.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    let page_dir = out.join("khanh-hoa/6861-kh-ubnd-2019");
    let published =
        std::fs::read(page_dir.join("ke-hoach-6861-ky-so.pdf")).expect("original published");
    assert_eq!(published, bytes, "the original is copied byte for byte");
    let html = read(&page_dir.join("index.html"));
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(html.contains(&hash), "SHA-256 shown:\n{html}");
    assert!(
        html.contains(r#"href="ke-hoach-6861-ky-so.pdf" download"#),
        "a relative download link"
    );
    let kb = bytes.len().div_ceil(1024);
    assert!(
        html.contains(&format!("Tải bản gốc (PDF, {kb} KB)")),
        "type and size in the link"
    );
    assert!(html.contains("Người ký: Ủy ban nhân dân tỉnh Khánh Hòa"));
    // 01:30 UTC is 08:30 in Vietnam, written as NĐ 30/2020 Phụ lục I does.
    assert!(
        html.contains(r#"<time datetime="2019-07-12T08:30:00+07:00">08:30:00 ngày 12/07/2019"#),
        "signing time in Vietnam time"
    );
    assert!(html.contains("nơi ký: Khánh Hòa") && html.contains("lý do: Ký ban hành"));
    assert!(
        html.contains("không kiểm tra tính hợp lệ của chữ ký số"),
        "the page says it did not verify the signature"
    );
    assert!(!html.contains("đã xác thực"), "never claims a verification");

    // Open data carries nothing stale and the build is deterministic.
    let again = dir.path().join("again");
    assert!(build(dir.path(), &again, &[]).status.success());
    assert_eq!(
        std::fs::read(again.join("khanh-hoa/6861-kh-ubnd-2019/index.html")).unwrap(),
        std::fs::read(page_dir.join("index.html")).unwrap()
    );
}

#[test]
fn an_unsigned_word_original_has_no_signature_lines() {
    let dir = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/kh.md", &plan("original = \"kh.docx\"")),
        ("content/kh.docx", "PK not really a zip"),
    ]);
    let out = dir.path().join("public");
    let o = build(dir.path(), &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&out.join("6861-kh-ubnd-2019/index.html"));
    assert!(html.contains("Tải bản gốc (Word, 1 KB)"));
    assert!(html.contains("Tệp không có chữ ký số đọc được."));
    assert!(!html.contains("Người ký: Ủy"));
    assert!(out.join("6861-kh-ubnd-2019/kh.docx").is_file());
}

#[test]
fn a_missing_or_unsafe_original_is_an_error_at_its_line() {
    let dir = site(&[
        ("content/_index.md", ROOT_INDEX),
        ("content/a.md", &plan("original = \"khong-co.pdf\"")),
        (
            "content/b.md",
            &plan("slug = \"b\"\noriginal = \"../../etc/passwd.pdf\""),
        ),
        (
            "content/c.md",
            &plan("slug = \"c\"\noriginal = \"anh.png\""),
        ),
    ]);
    let out = dir.path().join("public");
    let o = build(dir.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/a.md:7:1") && err.contains("original-missing"),
        "{err}"
    );
    assert!(
        err.contains("content/b.md:8:1") && err.contains("original-path"),
        "{err}"
    );
    assert!(
        err.contains("content/c.md:8:1") && err.contains("original-type"),
        "{err}"
    );
    assert!(!out.exists(), "a failed build writes no output");
}
