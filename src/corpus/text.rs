//! Vietnamese prose: fills phrase templates for one document and collects
//! them into Markdown (paragraphs, headings, lists), counting words.

use super::names;
use super::phrases::{TASK_OBJECT, TASK_OPEN, TASK_PURPOSE, TIME_NOTE};
use rand::Rng;

/// What the templates of one document refer to.
pub struct Ctx {
    /// "huyện", "tỉnh", "thành phố"…
    pub cap: String,
    /// "huyện Vĩnh Linh".
    pub place: String,
    /// "UBND huyện Vĩnh Linh".
    pub org: String,
    /// "các cơ quan, đơn vị, địa phương".
    pub units: &'static str,
    /// "UBND các xã, thị trấn".
    pub lower: String,
    /// "các cơ quan chuyên môn thuộc UBND huyện".
    pub agencies: String,
    /// "Phòng Nội vụ" / "Sở Nội vụ".
    pub nv: &'static str,
    /// The body above `nv`: "Sở Nội vụ" / "Bộ Nội vụ".
    pub nv_parent: &'static str,
    /// The document's subject as it follows "Kế hoạch": "triển khai …".
    pub subject: String,
    /// "15/3/2022": the document's day.
    pub day: String,
    pub year: u16,
}

impl Ctx {
    /// Appends `template` to `out` with its placeholders filled.
    pub fn fill<R: Rng>(&self, template: &str, rng: &mut R, out: &mut String) {
        let mut rest = template;
        let n1 = rng.gen_range(2..30u32);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            let key = &after[..close];
            match key {
                "cap" => out.push_str(&self.cap),
                "place" => out.push_str(&self.place),
                "org" => out.push_str(&self.org),
                "units" => out.push_str(self.units),
                "lower" => out.push_str(&self.lower),
                "agencies" => out.push_str(&self.agencies),
                "nv" => out.push_str(self.nv),
                "nv_parent" => out.push_str(self.nv_parent),
                "subject" => out.push_str(&self.subject),
                "day" => out.push_str(&self.day),
                "year" => out.push_str(&self.year.to_string()),
                "n1" => out.push_str(&n1.to_string()),
                "n2" => out.push_str(&rng.gen_range(100..2500u32).to_string()),
                "n3" => out.push_str(&(n1 + rng.gen_range(0..8u32)).to_string()),
                "n4" => out.push_str(&rng.gen_range(0..6u32).to_string()),
                "p1" => {
                    let tenths = rng.gen_range(850..=1000u32);
                    if tenths == 1000 {
                        out.push_str("100");
                    } else {
                        out.push_str(&format!("{},{}", tenths / 10, tenths % 10));
                    }
                }
                "person" => {
                    out.push_str(&names::person(rng));
                    out.push_str(", ");
                    let role = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Trưởng ban Tổ chức"]
                        [rng.gen_range(0..4)];
                    out.push_str(role);
                    out.push(' ');
                    out.push_str(&self.org);
                }
                _ => {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    /// A filled template from `pool`.
    pub fn pick<R: Rng>(&self, pool: &[&str], rng: &mut R) -> String {
        let mut s = String::with_capacity(256);
        self.fill(pool[rng.gen_range(0..pool.len())], rng, &mut s);
        s
    }

    /// A task sentence composed of an opener, an object and a purpose,
    /// sometimes followed by its time limit.
    pub fn task<R: Rng>(&self, rng: &mut R, with_time: bool) -> String {
        let mut s = String::with_capacity(320);
        s.push_str(TASK_OPEN[rng.gen_range(0..TASK_OPEN.len())]);
        s.push(' ');
        self.fill(
            TASK_OBJECT[rng.gen_range(0..TASK_OBJECT.len())],
            rng,
            &mut s,
        );
        s.push_str(", ");
        self.fill(
            TASK_PURPOSE[rng.gen_range(0..TASK_PURPOSE.len())],
            rng,
            &mut s,
        );
        s.push('.');
        if with_time {
            s.push(' ');
            self.fill(TIME_NOTE[rng.gen_range(0..TIME_NOTE.len())], rng, &mut s);
        }
        s
    }
}

/// A Markdown body under construction.
#[derive(Default)]
pub struct Body {
    pub out: String,
    pub words: usize,
    in_list: bool,
}

fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

impl Body {
    pub fn with_capacity(bytes: usize) -> Self {
        Body {
            out: String::with_capacity(bytes),
            words: 0,
            in_list: false,
        }
    }

    fn end_list(&mut self) {
        if self.in_list {
            self.out.push('\n');
            self.in_list = false;
        }
    }

    pub fn para(&mut self, text: &str) {
        self.end_list();
        self.words += count_words(text);
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// "## I. MỤC ĐÍCH, YÊU CẦU".
    pub fn h2(&mut self, roman: &str, text: &str) {
        self.end_list();
        self.words += count_words(text) + 1;
        self.out.push_str("## ");
        self.out.push_str(roman);
        self.out.push_str(". ");
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// "### 1. Mục đích".
    pub fn h3(&mut self, n: usize, text: &str) {
        self.end_list();
        self.words += count_words(text) + 1;
        self.out.push_str("### ");
        self.out.push_str(&n.to_string());
        self.out.push_str(". ");
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// "- item" (consecutive calls make one list).
    pub fn bullet(&mut self, text: &str) {
        self.in_list = true;
        self.words += count_words(text);
        self.out.push_str("- ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// "1. item" (consecutive calls make one list).
    pub fn numbered(&mut self, n: usize, text: &str) {
        self.in_list = true;
        self.words += count_words(text);
        self.out.push_str(&n.to_string());
        self.out.push_str(". ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// "a) item" as its own paragraph, as documents lay them out.
    pub fn lettered(&mut self, i: usize, text: &str) {
        let letter = (b'a' + (i % 26) as u8) as char;
        self.end_list();
        self.words += count_words(text);
        self.out.push(letter);
        self.out.push_str(") ");
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// Raw Markdown (tables, footnote definitions), counted as words.
    pub fn raw(&mut self, text: &str) {
        self.end_list();
        self.words += count_words(text);
        self.out.push_str(text);
    }

    pub fn finish(mut self) -> String {
        self.end_list();
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}

pub const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];
