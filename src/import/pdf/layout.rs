//! Reading order from positioned glyphs. A PDF only says where each glyph
//! goes, so the words, lines, cells and paragraphs are rebuilt here:
//! glyphs on one baseline make a row; a wide gap splits a row into cells;
//! rows with a cell on each side of one gap (the NĐ 30/2020 header, the
//! closing block) make a two-column block, read left column first; the
//! other rows are the body, split into paragraphs at a first-line indent,
//! a centred line, a short last line or a wider space between rows.

use super::Glyph;
use crate::text::nfc;

/// A gap wider than this many times the font size separates two cells.
const CELL_GAP: f64 = 2.0;
/// A gap wider than this many times the font size is a space.
const WORD_GAP: f64 = 0.15;

/// The words of one cell of a row, with their horizontal extent.
#[derive(Debug, Clone)]
struct Cell {
    x0: f64,
    x1: f64,
    text: String,
}

impl Cell {
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    fn covers(&self, x: f64, tolerance: f64) -> bool {
        self.x0 - tolerance <= x && x <= self.x1 + tolerance
    }
}

#[derive(Debug, Clone)]
struct Row {
    y: f64,
    size: f64,
    cells: Vec<Cell>,
}

impl Row {
    fn x0(&self) -> f64 {
        self.cells.first().map_or(0.0, |c| c.x0)
    }

    fn x1(&self) -> f64 {
        self.cells.last().map_or(0.0, |c| c.x1)
    }

    /// The row as one cell, its cells joined by a space.
    fn joined(&self) -> Cell {
        Cell {
            x0: self.x0(),
            x1: self.x1(),
            text: join_texts(self.cells.iter().map(|c| c.text.as_str())),
        }
    }

    /// Splits at the widest gap between cells: (left, right).
    fn halves(&self) -> Option<(Cell, Cell)> {
        let k = (1..self.cells.len()).max_by(|&a, &b| {
            let gap = |i: usize| self.cells[i].x0 - self.cells[i - 1].x1;
            gap(a).total_cmp(&gap(b))
        })?;
        let part = |cells: &[Cell]| Row {
            y: self.y,
            size: self.size,
            cells: cells.to_vec(),
        };
        Some((
            part(&self.cells[..k]).joined(),
            part(&self.cells[k..]).joined(),
        ))
    }
}

fn join_texts<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    parts
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's lines in reading order; "" between paragraphs.
pub(super) fn page_lines(glyphs: Vec<Glyph>, page_width: f64) -> Vec<String> {
    let rows = rows(glyphs);
    let body = Body::measure(&rows, page_width);
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Row> = None;
    let mut i = 0;
    while i < rows.len() {
        if let Some((end, left, right)) = column_block(&rows, i) {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            out.extend(left.into_iter().chain(right).map(|c| c.text));
            out.push(String::new());
            prev = None;
            i = end;
            continue;
        }
        let row = &rows[i];
        if prev.is_some_and(|p| body.starts_paragraph(p, row))
            && out.last().is_some_and(|l| !l.is_empty())
        {
            out.push(String::new());
        }
        // A page that starts with an indented line starts a paragraph.
        if prev.is_none() && out.is_empty() && body.indented(row) {
            out.push(String::new());
        }
        out.push(row.joined().text);
        prev = Some(row);
        i += 1;
    }
    out
}

/// Glyphs to rows (top to bottom) of cells (left to right).
fn rows(glyphs: Vec<Glyph>) -> Vec<Row> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    // Stable: glyphs on one baseline keep the order they were drawn in.
    order.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut top = f64::INFINITY;
    for k in order {
        let g = &glyphs[k];
        match groups.last_mut() {
            Some(group) if top - g.y <= 0.4 * g.size => group.push(k),
            _ => {
                top = g.y;
                groups.push(vec![k]);
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|mut group| {
            group.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
            let row: Vec<&Glyph> = group.iter().map(|&k| &glyphs[k]).collect();
            make_row(&row)
        })
        .collect()
}

fn is_mark(text: &str) -> bool {
    text.chars()
        .all(unicode_normalization::char::is_combining_mark)
}

/// One baseline's glyphs (left to right) into cells and words.
fn make_row(glyphs: &[&Glyph]) -> Option<Row> {
    let size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let mut cells: Vec<Cell> = Vec::new();
    let mut text = String::new();
    let (mut x0, mut end) = (f64::NAN, f64::NEG_INFINITY);
    let mut last: Option<&Glyph> = None;
    let finish = |text: &mut String, x0: f64, x1: f64, cells: &mut Vec<Cell>| {
        let t = nfc(text.trim());
        if !t.is_empty() {
            cells.push(Cell { x0, x1, text: t });
        }
        text.clear();
    };
    for &g in glyphs {
        // Text drawn twice at the same place (a fake bold) counts once.
        if last.is_some_and(|l| l.text == g.text && (l.x - g.x).abs() < 0.1 * g.size) {
            continue;
        }
        let blank = g.text.trim().is_empty();
        let gap = g.x - end;
        if !text.is_empty() && gap > CELL_GAP * size.max(g.size) {
            finish(&mut text, x0, end, &mut cells);
        }
        if blank {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            if text.is_empty() {
                x0 = g.x;
            } else if gap > WORD_GAP * g.size && !is_mark(&g.text) && !text.ends_with(' ') {
                text.push(' ');
            }
            text.push_str(&g.text);
        }
        end = end.max(g.x + g.advance);
        if blank && text.is_empty() {
            end = f64::NEG_INFINITY;
        }
        last = Some(g);
    }
    let text_end = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| g.x + g.advance)
        .fold(f64::NEG_INFINITY, f64::max);
    finish(&mut text, x0, end.min(text_end), &mut cells);
    let y = glyphs.iter().map(|g| g.y).fold(f64::INFINITY, f64::min);
    (!cells.is_empty()).then_some(Row { y, size, cells })
}

/// A two-column block starting at row `i`: a row with a cell on each side
/// of a gap, and the rows after it whose cells stay on their side. Returns
/// the index after the block and the left and right columns, top down.
fn column_block(rows: &[Row], i: usize) -> Option<(usize, Vec<Cell>, Vec<Cell>)> {
    let (l, r) = rows[i].halves()?;
    let (mut gl, mut gr) = (l.x1, r.x0);
    let (cl, cr) = (l.centre(), r.centre());
    let (mut left, mut right) = (vec![l], vec![r]);
    let mut j = i + 1;
    while j < rows.len() {
        let (prev, row) = (&rows[j - 1], &rows[j]);
        let size = prev.size.max(row.size);
        let drop = prev.y - row.y;
        if let Some((l, r)) = row.halves() {
            if drop > 3.0 * size || l.x1 >= gr || r.x0 <= gl {
                break;
            }
            gl = gl.max(l.x1);
            gr = gr.min(r.x0);
            left.push(l);
            right.push(r);
        } else {
            let cell = row.joined();
            let tol = 0.5 * row.size;
            if drop > 6.0 * size {
                break;
            } else if cell.x1 <= gr + tol && cell.covers(cl, tol) {
                left.push(cell);
            } else if cell.x0 >= gl - tol && cell.covers(cr, tol) {
                right.push(cell);
            } else {
                break;
            }
        }
        j += 1;
    }
    Some((j, left, right))
}

/// The body's measures on one page: left margin, right edge, line pitch.
struct Body {
    margin: f64,
    right: f64,
    pitch: f64,
}

impl Body {
    fn measure(rows: &[Row], page_width: f64) -> Body {
        let single: Vec<&Row> = rows.iter().filter(|r| r.cells.len() == 1).collect();
        let right = single.iter().map(|r| r.x1()).fold(0.0, f64::max);
        // The margin: where most lines start (continuation lines of
        // justified paragraphs), rounded to a point.
        let mut starts: Vec<i64> = single.iter().map(|r| r.x0().round() as i64).collect();
        starts.sort_unstable();
        let margin = most_common(&starts).map_or(0.0, |m| m as f64);
        let mut drops: Vec<f64> = rows
            .windows(2)
            .map(|w| w[0].y - w[1].y)
            .filter(|d| *d > 0.0)
            .collect();
        drops.sort_by(f64::total_cmp);
        let pitch = drops
            .get(drops.len() / 2)
            .copied()
            .unwrap_or(page_width / 40.0);
        Body {
            margin,
            right,
            pitch,
        }
    }

    fn centred(&self, row: &Row) -> bool {
        let mid = (self.margin + self.right) / 2.0;
        (row.joined().centre() - mid).abs() < row.size && row.x0() > self.margin + 2.0 * row.size
    }

    fn indented(&self, row: &Row) -> bool {
        row.x0() > self.margin + 0.7 * row.size && !self.centred(row)
    }

    /// Whether `row`, under `prev`, starts a new paragraph.
    fn starts_paragraph(&self, prev: &Row, row: &Row) -> bool {
        let (pc, rc) = (self.centred(prev), self.centred(row));
        if pc && rc {
            return prev.y - row.y > 1.6 * self.pitch;
        }
        pc != rc
            || prev.y - row.y > 1.35 * self.pitch
            || self.indented(row)
            || prev.x1() < self.right - 2.0 * prev.size
    }
}

fn most_common(sorted: &[i64]) -> Option<i64> {
    let mut best: Option<(i64, usize)> = None;
    let mut k = 0;
    while k < sorted.len() {
        let n = sorted[k..].iter().take_while(|v| **v == sorted[k]).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((sorted[k], n));
        }
        k += n;
    }
    best.map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from `x` on baseline `y`, each 0.5 em wide.
    fn text(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, c)| Glyph {
                x: x + k as f64 * 0.5 * size,
                y,
                advance: 0.5 * size,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn header_columns_read_left_then_right_and_a_centred_line_ends_them() {
        let mut g = Vec::new();
        g.extend(text(300.0, 800.0, 12.0, "CONG HOA XA HOI"));
        g.extend(text(100.0, 800.0, 12.0, "UBND TINH"));
        g.extend(text(110.0, 785.0, 12.0, "SO NOI VU"));
        g.extend(text(320.0, 784.5, 13.0, "Doc lap"));
        g.extend(text(95.0, 760.0, 12.0, "So: 12/SNV"));
        g.extend(text(310.0, 760.0, 12.0, "Ha Noi, ngay 1"));
        // A V/v line under the number only, in the left cell.
        g.extend(text(90.0, 746.0, 12.0, "V/v cong vu"));
        // Centred on the page, below: the start of the body.
        g.extend(text(250.0, 700.0, 14.0, "Kinh gui"));
        let lines = page_lines(g, 595.0);
        assert_eq!(
            lines,
            [
                "UBND TINH",
                "SO NOI VU",
                "So: 12/SNV",
                "V/v cong vu",
                "CONG HOA XA HOI",
                "Doc lap",
                "Ha Noi, ngay 1",
                "",
                "Kinh gui"
            ]
        );
    }

    #[test]
    fn spaces_come_from_gaps_and_tone_marks_join_their_letter() {
        let mut g = text(100.0, 500.0, 10.0, "Vie");
        // A zero-width combining dot below and circumflex, then "t".
        for (c, x) in [('\u{323}', 115.0), ('\u{302}', 115.0)] {
            g.push(Glyph {
                x,
                y: 500.0,
                advance: 0.0,
                size: 10.0,
                text: c.to_string(),
            });
        }
        g.extend(text(115.0, 500.0, 10.0, "t"));
        // The next word 3 points on: a space, though no space glyph.
        g.extend(text(123.0, 500.0, 10.0, "Nam"));
        assert_eq!(page_lines(g, 595.0), ["Việt Nam"]);
    }
}
