//! A small PDF 1.4 writer: A4 pages, the standard Type 1 fonts (Helvetica,
//! Helvetica-Bold, Helvetica-Oblique, Courier) in WinAnsiEncoding, wrapped
//! text, simple tables, page footers, and a correct xref table and trailer.
//!
//! Every piece of text goes through [`encode`] (Unicode to WinAnsi bytes; what
//! the encoding cannot show becomes `?`) and [`escape`] (a PDF literal string
//! whose bytes outside printable ASCII are octal escapes), so text is only
//! ever shown, never interpreted, and the content streams are plain ASCII.
//!
//! Lengths are integers in thousandths of a point ("mpt"): the workspace
//! denies float arithmetic, and a glyph's width in a 1000-unit font at an
//! integer size is then exact.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// A4, in points.
const PAGE_W: i64 = 595;
const PAGE_H: i64 = 842;
/// Thousandths of a point per point.
const PT: i64 = 1000;
const MARGIN_X: i64 = 50 * PT;
const TOP: i64 = (PAGE_H - 50) * PT;
/// The lowest a line of body text may reach; the footer sits below it.
const BOTTOM: i64 = 60 * PT;
/// The width text may take.
pub const CONTENT_W: i64 = (PAGE_W - 100) * PT;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Italic,
    Mono,
}

impl Font {
    const ALL: [Font; 4] = [Font::Regular, Font::Bold, Font::Italic, Font::Mono];

    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Italic => "F3",
            Font::Mono => "F4",
        }
    }

    fn base_font(self) -> &'static str {
        match self {
            Font::Regular => "Helvetica",
            Font::Bold => "Helvetica-Bold",
            Font::Italic => "Helvetica-Oblique",
            Font::Mono => "Courier",
        }
    }

    /// Width of one WinAnsi byte in 1/1000 em (the fonts' AFM metrics).
    fn width(self, b: u8) -> i64 {
        match self {
            Font::Mono => 600,
            Font::Regular | Font::Italic => ascii_or_high(b, &HELVETICA),
            Font::Bold => ascii_or_high(b, &HELVETICA_BOLD),
        }
    }
}

/// Helvetica widths for bytes 32..=126 (Helvetica-Oblique has the same).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
];

/// Helvetica-Bold widths for bytes 32..=126.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278,
    278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0 to ?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P to _
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // ` to o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p to ~
];

fn ascii_or_high(b: u8, table: &[u16; 95]) -> i64 {
    if (32..=126).contains(&b) {
        return i64::from(table[usize::from(b - 32)]);
    }
    // Accented letters are as wide as their base letter; the few symbols
    // WinAnsi adds are listed; anything else is taken wide, so that wrapping
    // errs on the safe side.
    let base = match b {
        0xC0..=0xC5 => Some(b'A'),
        0xC7 => Some(b'C'),
        0xC8..=0xCB => Some(b'E'),
        0xD0 => Some(b'D'),
        0xD1 => Some(b'N'),
        0xD2..=0xD6 | 0xD8 => Some(b'O'),
        0xD9..=0xDC => Some(b'U'),
        0xDD | 0x9F => Some(b'Y'),
        0xDE => Some(b'P'),
        0x8A => Some(b'S'),
        0x8E => Some(b'Z'),
        0xE0..=0xE5 => Some(b'a'),
        0xE7 => Some(b'c'),
        0xE8..=0xEB => Some(b'e'),
        0xF0 | 0xF2..=0xF6 | 0xF8 => Some(b'o'),
        0xF1 => Some(b'n'),
        0xF9..=0xFC => Some(b'u'),
        0xFD | 0xFF => Some(b'y'),
        0xFE => Some(b'p'),
        0x9A => Some(b's'),
        0x9E => Some(b'z'),
        _ => None,
    };
    if let Some(base) = base {
        return i64::from(table[usize::from(base - 32)]);
    }
    match b {
        0xCC..=0xCF | 0xEC..=0xEF | 0xA0 => 278,
        0x91 | 0x92 | 0x82 | 0xB7 => 278,
        0x93 | 0x94 | 0x84 => 500,
        0x80 | 0x96 | 0xA2 | 0xA3 | 0xA5 | 0xA7 | 0xAB | 0xBB => 556,
        0xD7 | 0xF7 | 0xAC | 0xB1 => 584,
        0xDF | 0xBF => 611,
        0xA1 => 333,
        0x95 => 350,
        0xB0 => 400,
        0xB6 => 556,
        0xA9 | 0xAE => 737,
        0xE6 => 889,
        0x9C => 944,
        0x85 | 0x89 | 0x97 | 0x99 | 0xC6 | 0x8C => 1000,
        _ => 1000,
    }
}

/// The WinAnsi byte for `c`, if the encoding has it.
fn win_ansi(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7E | 0xA0..=0xFF => u8::try_from(u).ok(),
        _ => Some(match c {
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            _ => return None,
        }),
    }
}

/// One line of text (no line breaks) as WinAnsi bytes: tabs and the Unicode
/// spaces become spaces, hyphen look-alikes a hyphen, invisible format
/// characters vanish, and every other character the encoding lacks (other
/// scripts, emoji, control characters) becomes `?`.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(b' ')
            }
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\u{00AD}' | '\u{2010}' | '\u{2011}' | '\u{2212}' => out.push(b'-'),
            _ => out.push(win_ansi(c).unwrap_or(b'?')),
        }
    }
    out
}

/// `bytes` as the inside of a PDF literal string: `(`, `)` and `\` escaped,
/// and every byte outside printable ASCII written as an octal escape.
pub fn escape(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 8);
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                s.push('\\');
                s.push(char::from(b));
            }
            0x20..=0x7E => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\{b:03o}");
            }
        }
    }
    s
}

/// A length in thousandths of a point as a PDF number.
fn num(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.abs();
    format!("{sign}{}.{:03}", a / PT, a % PT)
}

fn text_width(bytes: &[u8], font: Font, size: i64) -> i64 {
    bytes.iter().map(|&b| font.width(b)).sum::<i64>() * size
}

/// Line height for a font size, in mpt.
fn leading(size: i64) -> i64 {
    size * 1350
}

/// Splits `text` into lines no wider than `width` (mpt): at line breaks the
/// text has, then between words, and inside a word only when it alone is
/// wider than the line. Always at least one line.
pub fn wrap(text: &str, font: Font, size: i64, width: i64) -> Vec<Vec<u8>> {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let space = font.width(b' ') * size;
    let mut lines = Vec::new();
    for para in normalised.split('\n') {
        let mut line: Vec<u8> = Vec::new();
        let mut line_w = 0;
        for word in encode(para).split(|&b| b == b' ').filter(|w| !w.is_empty()) {
            let word_w = text_width(word, font, size);
            let sep = if line.is_empty() { 0 } else { space };
            if line_w + sep + word_w <= width {
                if !line.is_empty() {
                    line.push(b' ');
                }
                line.extend_from_slice(word);
                line_w += sep + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if word_w <= width {
                line.extend_from_slice(word);
                line_w = word_w;
                continue;
            }
            // A word wider than the line: break it where it overflows.
            for &b in word {
                let w = font.width(b) * size;
                if line_w + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push(b);
                line_w += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// A table column: its heading and width (mpt).
pub struct Column<'a> {
    pub title: &'a str,
    pub width: i64,
    pub font: Font,
}

/// The document's Info dictionary.
pub struct Info<'a> {
    pub title: &'a str,
    pub subject: &'a str,
    /// `D:YYYYMMDDHHmmSSZ`.
    pub created: &'a str,
}

/// A document being laid out top to bottom.
pub struct Doc {
    pages: Vec<String>,
    cur: String,
    /// The top of the space left on the current page (mpt from the bottom).
    y: i64,
    footer: String,
}

impl Doc {
    /// A document whose every page carries `footer` and its page number.
    pub fn new(footer: &str) -> Doc {
        Doc {
            pages: Vec::new(),
            cur: String::new(),
            y: TOP,
            footer: footer.to_string(),
        }
    }

    fn new_page(&mut self) {
        let done = std::mem::take(&mut self.cur);
        self.pages.push(done);
        self.y = TOP;
    }

    /// Starts a new page unless `h` (mpt) still fits on this one.
    fn ensure(&mut self, h: i64) -> bool {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
            return true;
        }
        false
    }

    fn show(&mut self, x: i64, baseline: i64, font: Font, size: i64, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let _ = writeln!(
            self.cur,
            "BT /{} {} Tf {} {} Td ({}) Tj ET",
            font.resource(),
            size,
            num(x),
            num(baseline),
            escape(bytes)
        );
    }

    fn rule(&mut self, x0: i64, x1: i64, y: i64, gray: &str) {
        let _ = writeln!(
            self.cur,
            "q {gray} G 0.5 w {} {} m {} {} l S Q",
            num(x0),
            num(y),
            num(x1),
            num(y)
        );
    }

    /// One line of `size` text at `x`, advancing the cursor.
    fn line(&mut self, x: i64, font: Font, size: i64, bytes: &[u8], gray: bool) {
        let h = leading(size);
        self.ensure(h);
        self.y -= h;
        let baseline = self.y + size * 320;
        if gray {
            self.cur.push_str("0.35 g\n");
        }
        self.show(x, baseline, font, size, bytes);
        if gray {
            self.cur.push_str("0 g\n");
        }
    }

    /// Vertical space (mpt); dropped at the top of a page.
    pub fn gap(&mut self, h: i64) {
        if self.y < TOP {
            self.y -= h.min(self.y - BOTTOM).max(0);
        }
    }

    pub fn title(&mut self, text: &str) {
        for l in wrap(text, Font::Bold, 18, CONTENT_W) {
            self.line(MARGIN_X, Font::Bold, 18, &l, false);
        }
        self.gap(4 * PT);
    }

    /// A section heading with a rule under it; kept with a few lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.gap(10 * PT);
        self.ensure(leading(13) + 4 * leading(9));
        for l in wrap(text, Font::Bold, 13, CONTENT_W) {
            self.line(MARGIN_X, Font::Bold, 13, &l, false);
        }
        let y = self.y - 2 * PT;
        self.rule(MARGIN_X, MARGIN_X + CONTENT_W, y, "0.6");
        self.y -= 5 * PT;
    }

    /// A bold line introducing a block; kept with two lines of what follows.
    pub fn subheading(&mut self, text: &str) {
        self.gap(4 * PT);
        self.ensure(leading(10) + 2 * leading(9));
        for l in wrap(text, Font::Bold, 10, CONTENT_W) {
            self.line(MARGIN_X, Font::Bold, 10, &l, false);
        }
    }

    /// Wrapped text, `indent` (mpt) in from the margin.
    pub fn paragraph(&mut self, font: Font, size: i64, indent: i64, text: &str) {
        for l in wrap(text, font, size, CONTENT_W - indent) {
            self.line(MARGIN_X + indent, font, size, &l, false);
        }
    }

    /// A gray note in small type.
    pub fn remark(&mut self, text: &str) {
        for l in wrap(text, Font::Italic, 8, CONTENT_W) {
            self.line(MARGIN_X, Font::Italic, 8, &l, true);
        }
    }

    /// `label` in a column of its own, `value` wrapped beside it.
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_in(label, value, Font::Regular);
    }

    pub fn field_in(&mut self, label: &str, value: &str, font: Font) {
        const LABEL_W: i64 = 140 * PT;
        let size = 9;
        let labels = wrap(label, Font::Bold, size, LABEL_W - 6 * PT);
        let values = wrap(value, font, size, CONTENT_W - LABEL_W);
        let n = labels.len().max(values.len());
        for i in 0..n {
            let h = leading(size);
            self.ensure(h);
            self.y -= h;
            let baseline = self.y + size * 320;
            if let Some(l) = labels.get(i) {
                self.cur.push_str("0.3 g\n");
                self.show(MARGIN_X, baseline, Font::Bold, size, l);
                self.cur.push_str("0 g\n");
            }
            if let Some(v) = values.get(i) {
                self.show(MARGIN_X + LABEL_W, baseline, font, size, v);
            }
        }
    }

    /// A table; its heading row is repeated on every page it spans, and a
    /// tall row continues on the next page line by line.
    pub fn table(&mut self, cols: &[Column<'_>], rows: &[Vec<String>]) {
        const SIZE: i64 = 8;
        const PAD: i64 = 3 * PT;
        let h = leading(SIZE);
        let header = |doc: &mut Doc| {
            doc.y -= h;
            let baseline = doc.y + SIZE * 320;
            let mut x = MARGIN_X;
            for c in cols {
                let title = wrap(c.title, Font::Bold, SIZE, c.width - 2 * PAD).remove(0);
                doc.show(x + PAD, baseline, Font::Bold, SIZE, &title);
                x += c.width;
            }
            let y = doc.y - PT;
            doc.rule(MARGIN_X, x, y, "0.4");
            doc.y -= 2 * PT;
        };
        self.gap(4 * PT);
        self.ensure(3 * h + 4 * PT);
        header(self);
        let right = MARGIN_X + cols.iter().map(|c| c.width).sum::<i64>();
        for row in rows {
            let cells: Vec<Vec<Vec<u8>>> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    wrap(
                        row.get(i).map(String::as_str).unwrap_or(""),
                        c.font,
                        SIZE,
                        c.width - 2 * PAD,
                    )
                })
                .collect();
            let n = cells.iter().map(Vec::len).max().unwrap_or(1);
            for i in 0..n {
                if self.ensure(h + PT) {
                    header(self);
                }
                self.y -= h;
                let baseline = self.y + SIZE * 320;
                let mut x = MARGIN_X;
                for (c, lines) in cols.iter().zip(&cells) {
                    if let Some(l) = lines.get(i) {
                        self.show(x + PAD, baseline, c.font, SIZE, l);
                    }
                    x += c.width;
                }
            }
            self.y -= PT;
            let y = self.y;
            self.rule(MARGIN_X, right, y, "0.85");
        }
    }

    /// The finished file.
    pub fn finish(mut self, info: &Info<'_>) -> Vec<u8> {
        if !self.cur.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let total = self.pages.len();
        let footer = encode(&self.footer);
        let mut contents = Vec::with_capacity(total);
        for (i, page) in self.pages.iter().enumerate() {
            let mut c = page.clone();
            let y = BOTTOM - 16 * PT;
            let _ = writeln!(
                c,
                "q 0.75 G 0.5 w {} {} m {} {} l S Q",
                num(MARGIN_X),
                num(y + 10 * PT),
                num(MARGIN_X + CONTENT_W),
                num(y + 10 * PT)
            );
            let number = encode(&format!("page {} of {}", i + 1, total));
            let nx = MARGIN_X + CONTENT_W - text_width(&number, Font::Regular, 8);
            let _ = writeln!(c, "0.35 g");
            let _ = writeln!(
                c,
                "BT /F1 8 Tf {} {} Td ({}) Tj ET",
                num(MARGIN_X),
                num(y),
                escape(&footer)
            );
            let _ = writeln!(
                c,
                "BT /F1 8 Tf {} {} Td ({}) Tj ET",
                num(nx),
                num(y),
                escape(&number)
            );
            let _ = writeln!(c, "0 g");
            contents.push(c);
        }
        serialize(&contents, info)
    }
}

/// Writes the objects, the xref table and the trailer. Objects: 1 catalog,
/// 2 page tree, 3-6 fonts, 7 info, then each page and its content stream.
fn serialize(contents: &[String], info: &Info<'_>) -> Vec<u8> {
    const FIRST_PAGE: usize = 8;
    let font_refs: String = Font::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| format!("/{} {} 0 R ", f.resource(), 3 + i))
        .collect();
    let resources = format!("<< /Font << {font_refs}>> /ProcSet [/PDF /Text] >>");
    let media_box = format!("[0 0 {PAGE_W} {PAGE_H}]");
    let kids: Vec<String> = (0..contents.len())
        .map(|i| format!("{} 0 R", FIRST_PAGE + 2 * i))
        .collect();

    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            contents.len()
        )
        .into_bytes(),
    );
    for f in Font::ALL {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                f.base_font()
            )
            .into_bytes(),
        );
    }
    // Info strings are PDFDocEncoding, which agrees with WinAnsi only on
    // ASCII: anything else is written as `?`.
    let ascii = |s: &str| -> Vec<u8> {
        encode(s)
            .into_iter()
            .map(|b| if b.is_ascii() { b } else { b'?' })
            .collect()
    };
    objects.push(
        format!(
            "<< /Title ({}) /Subject ({}) /Producer (Accord) /Creator (accord export) /CreationDate ({}) >>",
            escape(&ascii(info.title)),
            escape(&ascii(info.subject)),
            escape(&ascii(info.created))
        )
        .into_bytes(),
    );
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox {media_box} /Resources {resources} /Contents {} 0 R >>",
                FIRST_PAGE + 2 * i + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    let mut out: Vec<u8> = Vec::new();
    out.extend_from_slice(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let id = hex::encode(&Sha256::digest(&out)[..16]);
    let xref_at = out.len();
    let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(xref, "{off:010} 00000 n ");
    }
    let _ = write!(
        xref,
        "trailer\n<< /Size {} /Root 1 0 R /Info 7 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref_at}\n%%EOF",
        objects.len() + 1
    );
    out.extend_from_slice(xref.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_delimiters_and_non_ascii() {
        assert_eq!(escape(&encode("a(b)c\\d")), "a\\(b\\)c\\\\d");
        assert_eq!(
            escape(&encode("Amélie")),
            "Am\\351lie",
            "é is 0xE9 in WinAnsi, written in octal"
        );
        assert_eq!(escape(&encode("€—")), "\\200\\227");
        assert_eq!(
            escape(&encode("日本 🙂")),
            "?? ?",
            "characters WinAnsi lacks become ?"
        );
        assert_eq!(
            escape(&encode("a\u{7}b")),
            "a?b",
            "control characters are never written raw"
        );
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        let lines = wrap("aaa bbb ccc", Font::Mono, 10, 7 * 6 * PT);
        assert_eq!(
            lines,
            vec![b"aaa bbb".to_vec(), b"ccc".to_vec()],
            "7 Courier glyphs at 10pt fill 42pt"
        );
        let lines = wrap("abcdefghij", Font::Mono, 10, 4 * 6 * PT);
        assert_eq!(
            lines.len(),
            3,
            "a word wider than the line is broken inside"
        );
        assert_eq!(
            wrap("one\ntwo", Font::Regular, 10, CONTENT_W).len(),
            2,
            "line breaks are kept"
        );
        assert_eq!(wrap("", Font::Regular, 10, CONTENT_W).len(), 1);
    }

    #[test]
    fn numbers_are_exact() {
        assert_eq!(num(50_000), "50.000");
        assert_eq!(num(1_234), "1.234");
        assert_eq!(num(-500), "-0.500");
    }
}
