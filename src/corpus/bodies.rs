//! Document bodies per kind: the structure (headings, lists, footnotes) of
//! plans, reports, công văn, decisions… filled with phrases until a target
//! length in words.

use super::citations::{lower_first, DateStyle, Ref, LEGAL_BASES};
use super::phrases::*;
use super::text::{Body, Ctx, ROMAN};
use rand::seq::SliceRandom;
use rand::Rng;

/// What a body refers to.
pub struct Cites {
    /// Documents named in the opening sentence, in order.
    pub primary: Vec<Ref>,
    /// Documents listed in a footnote.
    pub footnote: Vec<Ref>,
    pub style: DateStyle,
}

impl Cites {
    fn opening(&self) -> String {
        self.primary
            .iter()
            .map(|r| r.full(self.style))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn bare_list(&self) -> String {
        let bare: Vec<String> = self.primary.iter().take(3).map(Ref::bare).collect();
        bare.join(", ")
    }

    fn footnote_line(&self) -> Option<String> {
        if self.footnote.is_empty() {
            return None;
        }
        let items: Vec<String> = self.footnote.iter().map(|r| r.short(self.style)).collect();
        Some(format!("[^1]: {}.\n", items.join("; ")))
    }
}

/// Words a body of this kind aims at.
pub fn target_words<R: Rng>(kind: &str, rng: &mut R) -> usize {
    match kind {
        "ke-hoach" | "bao-cao" | "huong-dan" | "chuong-trinh" | "nghi-quyet" => {
            rng.gen_range(800..=2000)
        }
        "chi-thi" => rng.gen_range(500..=1200),
        "quyet-dinh" => rng.gen_range(300..=1200),
        "to-trinh" => rng.gen_range(400..=900),
        "tin-bai" => rng.gen_range(300..=800),
        _ => rng.gen_range(200..=700),
    }
}

fn some<'a, R: Rng>(pool: &'a [&'a str], rng: &mut R, lo: usize, hi: usize) -> Vec<&'a str> {
    let n = rng.gen_range(lo..=hi.min(pool.len()));
    pool.choose_multiple(rng, n).copied().collect()
}

/// Builds the Markdown body of a document.
pub fn body<R: Rng>(kind: &str, ctx: &Ctx, cites: &Cites, rng: &mut R) -> String {
    let target = target_words(kind, rng);
    body_of(kind, ctx, cites, rng, target)
}

/// Builds a body of about `target` words.
pub fn body_of<R: Rng>(kind: &str, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) -> String {
    let mut b = Body::with_capacity(target * 8);
    match kind {
        "ke-hoach" | "chuong-trinh" | "huong-dan" | "nghi-quyet" => {
            plan(kind, &mut b, ctx, cites, rng, target)
        }
        "bao-cao" => report(&mut b, ctx, cites, rng, target),
        "quyet-dinh" => decision(&mut b, ctx, cites, rng, target),
        "chi-thi" => directive(&mut b, ctx, cites, rng, target),
        "tin-bai" => news(&mut b, ctx, cites, rng, target),
        _ => letter(kind, &mut b, ctx, cites, rng, target),
    }
    b.finish()
}

fn opening_sentence(cites: &Cites, ctx: &Ctx, tail: &str) -> String {
    if cites.primary.is_empty() {
        format!("Căn cứ tình hình thực tế, {} {tail}", ctx.org)
    } else {
        format!("Thực hiện {}, {} {tail}", cites.opening(), ctx.org)
    }
}

fn themes<R: Rng>(b: &mut Body, ctx: &Ctx, rng: &mut R, start: usize) -> usize {
    let sections: [(&str, &[&str]); 4] = [
        ("Tinh thần, thái độ làm việc", TINH_THAN),
        ("Chuẩn mực giao tiếp, ứng xử", GIAO_TIEP),
        ("Chuẩn mực đạo đức, lối sống", DAO_DUC),
        ("Trang phục", TRANG_PHUC),
    ];
    for (i, (heading, pool)) in sections.iter().enumerate() {
        b.h3(start + i, heading);
        for s in some(pool, rng, 2, 4) {
            let mut line = String::with_capacity(s.len() + 32);
            ctx.fill(s, rng, &mut line);
            b.bullet(&line);
        }
    }
    start + sections.len()
}

fn plan<R: Rng>(kind: &str, b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    let what = match kind {
        "huong-dan" => "hướng dẫn",
        "chuong-trinh" => "ban hành Chương trình",
        "nghi-quyet" => "ban hành Nghị quyết",
        _ => "ban hành Kế hoạch",
    };
    b.para(&opening_sentence(
        cites,
        ctx,
        &format!("{what} {} như sau:", ctx.subject),
    ));
    b.h2("I", "MỤC ĐÍCH, YÊU CẦU");
    b.h3(1, "Mục đích");
    for (i, s) in some(MUC_DICH, rng, 2, 3).into_iter().enumerate() {
        b.lettered(i, &ctx.pick(&[s], rng));
    }
    b.h3(2, "Yêu cầu");
    for (i, s) in some(YEU_CAU, rng, 2, 3).into_iter().enumerate() {
        b.lettered(i, &ctx.pick(&[s], rng));
    }
    let heading = match kind {
        "huong-dan" => "NỘI DUNG HƯỚNG DẪN",
        "nghi-quyet" => "NHIỆM VỤ, GIẢI PHÁP",
        _ => "NỘI DUNG THỰC HIỆN",
    };
    b.h2("II", heading);
    let next = themes(b, ctx, rng, 1);
    b.h3(next, "Giải pháp thực hiện");
    let reserve = 170;
    let mut n = 1;
    while n <= 3 || (b.words + reserve < target && n < 40) {
        b.numbered(n, &ctx.task(rng, kind != "nghi-quyet"));
        n += 1;
    }
    let mut roman = 2;
    if rng.gen_bool(0.5) {
        b.h2(ROMAN[roman], "KINH PHÍ THỰC HIỆN");
        b.para("Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và lồng ghép trong dự toán chi thường xuyên của các cơ quan, đơn vị.");
        roman += 1;
    }
    b.h2(ROMAN[roman], "TỔ CHỨC THỰC HIỆN");
    b.h3(1, ctx.nv);
    let basis = if cites.primary.is_empty() {
        String::new()
    } else {
        format!("{} và ", cites.bare_list())
    };
    b.lettered(
        0,
        &format!(
            "Hướng dẫn, theo dõi, đôn đốc {} trong quá trình thực hiện {basis}Kế hoạch này.",
            ctx.units
        ),
    );
    b.lettered(
        1,
        &format!(
            "Tổng hợp, báo cáo kết quả thực hiện về {} trước ngày 15/11 hằng năm.",
            ctx.org
        ),
    );
    b.h3(2, &format!("Thủ trưởng {}", ctx.agencies));
    let marker = if cites.footnote.is_empty() {
        ""
    } else {
        "[^1]"
    };
    b.para(&format!(
        "Căn cứ {basis}các văn bản có liên quan{marker}, xây dựng kế hoạch cụ thể phù hợp với tình hình thực tiễn của cơ quan, đơn vị; định kỳ báo cáo kết quả về {} (qua {}) trước ngày 10/11 hằng năm.",
        ctx.org, ctx.nv
    ));
    b.h3(3, &ctx.lower.clone());
    b.para(&ctx.task(rng, false));
    b.para(&ctx.pick(CLOSING_PLAN, rng));
    if let Some(f) = cites.footnote_line() {
        b.raw(&f);
    }
}

fn report<R: Rng>(b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    b.para(&opening_sentence(
        cites,
        ctx,
        "báo cáo kết quả thực hiện, cụ thể như sau:",
    ));
    b.h2("I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN");
    for s in some(DIRECTION, rng, 1, 2) {
        b.para(&ctx.pick(&[s], rng));
    }
    if !cites.footnote.is_empty() {
        b.para(&format!(
            "Hằng năm, {} đã ban hành các văn bản chỉ đạo để tổ chức thực hiện Đề án Văn hóa công vụ có hiệu quả[^1]; thực hiện tốt việc rà soát, sửa đổi, bổ sung các quy định, nội quy, quy chế làm việc của cơ quan, đơn vị.",
            ctx.org
        ));
    }
    b.h2("II", "KẾT QUẢ THỰC HIỆN");
    let sections: [(&str, &[&str]); 4] = [
        ("Về tinh thần, thái độ làm việc", TINH_THAN),
        ("Về chuẩn mực giao tiếp, ứng xử", GIAO_TIEP),
        ("Về chuẩn mực đạo đức, lối sống", DAO_DUC),
        ("Về trang phục", TRANG_PHUC),
    ];
    for (i, (heading, pool)) in sections.iter().enumerate() {
        b.h3(i + 1, heading);
        let rule = lower_first(&ctx.pick(pool, rng));
        b.para(&format!(
            "Nhìn chung, cán bộ, công chức, viên chức đã thực hiện tốt quy định: {rule}"
        ));
        b.para(&ctx.pick(RESULT, rng));
    }
    b.h3(5, "Công tác kiểm tra, xử lý vi phạm");
    b.para(&ctx.pick(RESULT, rng));
    if rng.gen_bool(0.3) {
        let mut t = String::from(
            "| Nội dung | Quý I | Quý II | Quý III | Quý IV |\n|---|---:|---:|---:|---:|\n",
        );
        for row in [
            "Số cuộc kiểm tra",
            "Số cơ quan, đơn vị được kiểm tra",
            "Số trường hợp vi phạm",
        ] {
            t.push_str(&format!(
                "| {row} | {} | {} | {} | {} |\n",
                rng.gen_range(0..12),
                rng.gen_range(0..12),
                rng.gen_range(0..12),
                rng.gen_range(0..12)
            ));
        }
        t.push('\n');
        b.raw(&t);
    }
    b.h2("III", "ĐÁNH GIÁ CHUNG");
    b.h3(1, "Ưu điểm");
    for s in some(STRENGTH, rng, 2, 3) {
        b.bullet(&ctx.pick(&[s], rng));
    }
    b.h3(2, "Tồn tại, hạn chế");
    for s in some(WEAKNESS, rng, 2, 3) {
        b.bullet(&ctx.pick(&[s], rng));
    }
    b.h3(3, "Nguyên nhân");
    for s in some(CAUSE, rng, 1, 2) {
        b.para(s);
    }
    b.h2("IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI");
    let mut n = 1;
    while n <= 2 || (b.words + 80 < target && n < 40) {
        b.numbered(n, &ctx.task(rng, false));
        n += 1;
    }
    b.h2("V", "ĐỀ XUẤT, KIẾN NGHỊ");
    for s in some(PROPOSAL, rng, 1, 2) {
        b.bullet(&ctx.pick(&[s], rng));
    }
    b.para(&format!(
        "Trên đây là báo cáo {} của {}./.",
        ctx.subject, ctx.org
    ));
    if let Some(f) = cites.footnote_line() {
        b.raw(&f);
    }
}

fn decision<R: Rng>(b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    for s in some(LEGAL_BASES, rng, 1, 3) {
        b.para(s);
    }
    for r in &cites.primary {
        b.para(&format!("Căn cứ {};", r.full(cites.style)));
    }
    b.para(&format!("Theo đề nghị của {}.", ctx.nv));
    b.para("**QUYẾT ĐỊNH:**");
    let regulation = ctx.subject.strip_prefix("ban hành ");
    if let Some(what) = regulation {
        b.para(&format!(
            "**Điều 1.** Ban hành kèm theo Quyết định này {what}."
        ));
    } else {
        b.para(&format!(
            "**Điều 1.** {}.",
            super::citations::upper_first(&ctx.task(rng, false).replace('.', ""))
        ));
    }
    b.para("**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.");
    b.para(&format!(
        "**Điều 3.** Chánh Văn phòng {}, {}, Thủ trưởng {}, Chủ tịch {} chịu trách nhiệm thi hành Quyết định này./.",
        ctx.org, ctx.nv, ctx.agencies, ctx.lower
    ));
    if regulation.is_some() {
        b.raw("## Chương I. QUY ĐỊNH CHUNG\n\n");
        b.para("**Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng**");
        b.para(&format!(
            "Quy chế này quy định về tinh thần, thái độ làm việc, chuẩn mực giao tiếp, ứng xử, đạo đức, lối sống và trang phục của cán bộ, công chức, viên chức và người lao động làm việc tại {}.",
            ctx.units
        ));
        b.raw("## Chương II. NỘI DUNG QUY CHẾ\n\n");
        let mut article = 2;
        let pools: [(&str, &[&str]); 4] = [
            ("Tinh thần, thái độ làm việc", TINH_THAN),
            ("Giao tiếp, ứng xử", GIAO_TIEP),
            ("Đạo đức, lối sống", DAO_DUC),
            ("Trang phục", TRANG_PHUC),
        ];
        let mut i = 0;
        while article < 6 || (b.words + 40 < target && article < 30) {
            let (name, pool) = pools[i % pools.len()];
            b.para(&format!("**Điều {article}. {name}**"));
            for s in some(pool, rng, 2, 4) {
                b.bullet(&ctx.pick(&[s], rng));
            }
            article += 1;
            i += 1;
        }
    }
}

fn directive<R: Rng>(b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    b.para(&format!(
        "{} Tuy nhiên, {}",
        ctx.pick(STRENGTH, rng),
        lower_first(&ctx.pick(WEAKNESS, rng))
    ));
    if !cites.primary.is_empty() {
        b.para(&format!(
            "Để thực hiện nghiêm {}, tiếp tục nâng cao văn hóa công vụ, Chủ tịch {} yêu cầu:",
            cites.opening(),
            ctx.org
        ));
    } else {
        b.para(&format!(
            "Để tiếp tục nâng cao văn hóa công vụ, Chủ tịch {} yêu cầu:",
            ctx.org
        ));
    }
    let groups = [
        format!("Thủ trưởng {}, Chủ tịch {}", ctx.agencies, ctx.lower),
        ctx.nv.to_string(),
        "Cán bộ, công chức, viên chức và người lao động".to_string(),
    ];
    let mut g = 0;
    while g < 2 || (b.words + 60 < target && g < 12) {
        b.para(&format!("**{}. {}:**", g + 1, groups[g % groups.len()]));
        for _ in 0..rng.gen_range(2..=4) {
            b.bullet(&ctx.task(rng, false));
        }
        g += 1;
    }
    b.para(&format!(
        "Chỉ thị này được phổ biến đến toàn thể cán bộ, công chức, viên chức và người lao động. Yêu cầu Thủ trưởng {}, Chủ tịch {} nghiêm túc thực hiện./.",
        ctx.agencies, ctx.lower
    ));
}

fn news<R: Rng>(b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    b.para(&ctx.pick(NEWS_OPEN, rng));
    if let Some(r) = cites.primary.first() {
        b.para(&format!(
            "Thực hiện {}, các cơ quan, đơn vị trên địa bàn đã triển khai nhiều giải pháp thiết thực.",
            r.full(cites.style)
        ));
    }
    let pools: [&[&str]; 5] = [TINH_THAN, GIAO_TIEP, RESULT, STRENGTH, NEWS_QUOTE];
    let mut i = 0;
    while i < 3 || (b.words + 30 < target && i < 30) {
        let pool = pools[i % pools.len()];
        let s = ctx.pick(pool, rng);
        if pool.as_ptr() == TINH_THAN.as_ptr() || pool.as_ptr() == GIAO_TIEP.as_ptr() {
            b.para(&format!("Theo quy định, {}", lower_first(&s)));
        } else {
            b.para(&s);
        }
        i += 1;
    }
}

fn letter<R: Rng>(kind: &str, b: &mut Body, ctx: &Ctx, cites: &Cites, rng: &mut R, target: usize) {
    let tail = match kind {
        "thong-bao" => "thông báo như sau:",
        "to-trinh" => "kính trình xem xét, quyết định một số nội dung sau:",
        _ => "đề nghị các cơ quan, đơn vị, địa phương thực hiện một số nội dung sau:",
    };
    b.para(&opening_sentence(cites, ctx, tail));
    if !cites.footnote.is_empty() {
        b.para("(Các văn bản có liên quan được gửi kèm theo[^1].)");
    }
    if kind == "thong-bao" {
        b.para(&ctx.pick(STRENGTH, rng));
        b.para(&format!(
            "Tuy nhiên, {}",
            lower_first(&ctx.pick(WEAKNESS, rng))
        ));
    }
    let mut n = 1;
    while n <= 3 || (b.words + 50 < target && n < 20) {
        let timed = rng.gen_bool(0.3);
        b.numbered(n, &ctx.task(rng, timed));
        n += 1;
    }
    let close = match kind {
        "thong-bao" => format!("{} thông báo để các cơ quan, đơn vị biết, thực hiện./.", ctx.org),
        "to-trinh" => format!("{} kính trình xem xét, quyết định./.", ctx.org),
        _ => format!(
            "Yêu cầu Thủ trưởng {}, Chủ tịch {} nghiêm túc triển khai thực hiện; báo cáo kết quả về {} (qua {}) trước ngày 15/{}/{}./.",
            ctx.agencies,
            ctx.lower,
            ctx.org,
            ctx.nv,
            rng.gen_range(1..=12),
            ctx.year
        ),
    };
    b.para(&close);
    if let Some(f) = cites.footnote_line() {
        b.raw(&f);
    }
}
