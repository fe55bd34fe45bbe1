//! A small accessible (tagged) PDF writer for the portal's documents, on
//! [`pdf_writer`]: US Letter pages laid out top to bottom with headings,
//! paragraphs, key-value lists and tables, every piece of text in a marked
//! content sequence tied to its structure element (`H1`-`H3`, `P`, `L`/`LI`,
//! `Table`/`TR`/`TH`/`TD`, with column scope on header cells), decoration
//! marked as artifacts, the document title shown in the title bar and the
//! language set (PDF/UA's basics). Text is real text in the standard
//! Helvetica fonts (printable ASCII; anything else becomes `?`).

use pdf_writer::types::{StructRole, TableHeaderScope};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// Page width (8.5 in) and height (11 in), in points.
const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
/// Margin.
const MARGIN: f32 = 54.0;

/// A date as the documents print it: `November 11, 2026`.
pub fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// Text in the fonts' encoding: printable ASCII kept, anything else as `?`.
pub fn ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => b'\'',
            '\u{201c}' | '\u{201d}' => b'"',
            '\u{2013}' | '\u{2014}' => b'-',
            c if c.is_ascii() && !c.is_ascii_control() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// An approximate Helvetica advance width of `s` at `size` (for wrapping:
/// it errs wide so lines never run past the margin).
fn width(s: &str, size: f32, bold: bool) -> f32 {
    let em: f32 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '\'' | '|' | ' ' => 0.30,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '/' => 0.36,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.86,
            c if c.is_ascii_uppercase() => 0.70,
            c if c.is_ascii_digit() => 0.56,
            '$' | '*' => 0.56,
            _ => 0.57,
        })
        .sum();
    em * size * if bold { 1.06 } else { 1.0 }
}

/// Splits `text` into lines at most `max` points wide.
pub fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size, bold) <= max || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

enum Kid {
    Elem(usize),
    Mcid { page: usize, mcid: i32 },
}

struct Elem {
    role: StructRole,
    parent: Option<usize>,
    kids: Vec<Kid>,
    /// A header cell's scope.
    header: Option<TableHeaderScope>,
}

struct PageBuf {
    content: Content,
    /// The structure element of each MCID on the page, in MCID order.
    owners: Vec<usize>,
}

/// A document being written.
pub struct TaggedPdf {
    title: String,
    elems: Vec<Elem>,
    pages: Vec<PageBuf>,
    y: f32,
    footer: String,
}

/// How a table's columns are laid out.
pub struct Columns<'a> {
    /// Header texts.
    pub headers: &'a [&'a str],
    /// Each column's share of the width (they need not add up to 1).
    pub widths: &'a [f32],
    /// Columns whose cells are right-aligned (amounts).
    pub right: &'a [usize],
}

impl TaggedPdf {
    /// A new document titled `title` (also its first heading's usual text),
    /// with `footer` printed on every page as an artifact.
    pub fn new(title: &str, footer: &str) -> Self {
        let mut doc = Self {
            title: title.to_string(),
            elems: vec![Elem {
                role: StructRole::Document,
                parent: None,
                kids: Vec::new(),
                header: None,
            }],
            pages: Vec::new(),
            y: 0.0,
            footer: footer.to_string(),
        };
        doc.new_page();
        doc
    }

    fn new_page(&mut self) {
        let mut content = Content::new();
        // Brand band and footer: decoration, not content.
        content.begin_marked_content(Name(b"Artifact"));
        content.set_fill_rgb(0.043, 0.369, 0.333);
        content.rect(0.0, PAGE_H - 18.0, PAGE_W, 18.0);
        content.fill_nonzero();
        content.set_fill_rgb(0.35, 0.35, 0.35);
        content.begin_text();
        content.set_font(Name(b"F1"), 7.5);
        content.next_line(MARGIN, 28.0);
        let n = self.pages.len() + 1;
        content.show(Str(&ascii(&format!("{}  -  page {n}", self.footer))));
        content.end_text();
        content.end_marked_content();
        self.pages.push(PageBuf {
            content,
            owners: Vec::new(),
        });
        self.y = PAGE_H - 54.0;
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < 48.0 {
            self.new_page();
        }
    }

    fn elem(&mut self, role: StructRole, parent: usize) -> usize {
        self.elems.push(Elem {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            header: None,
        });
        let id = self.elems.len() - 1;
        self.elems[parent].kids.push(Kid::Elem(id));
        id
    }

    /// Writes `lines` at `x` from the current line down, as content of `owner`.
    fn lines(&mut self, owner: usize, x: f32, size: f32, bold: bool, lines: &[String], tag: &[u8]) {
        let page = self.pages.len() - 1;
        let buf = &mut self.pages[page];
        let mcid = i32::try_from(buf.owners.len()).unwrap_or(i32::MAX);
        buf.owners.push(owner);
        self.elems[owner].kids.push(Kid::Mcid { page, mcid });
        let c = &mut buf.content;
        c.begin_marked_content_with_properties(Name(tag))
            .properties()
            .identify(mcid);
        c.set_fill_rgb(0.1, 0.1, 0.1);
        c.begin_text();
        c.set_font(Name(if bold { b"F2" } else { b"F1" }), size);
        let lead = size * 1.3;
        let mut y = self.y - size;
        for l in lines {
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
            c.show(Str(&ascii(l)));
            y -= lead;
        }
        c.end_text();
        c.end_marked_content();
    }

    /// A heading of `level` (1-3).
    pub fn heading(&mut self, level: u8, text: &str) {
        let (role, size) = match level {
            1 => (StructRole::H1, 17.0),
            2 => (StructRole::H2, 12.5),
            _ => (StructRole::H3, 10.5),
        };
        let lines = wrap(text, size, true, PAGE_W - 2.0 * MARGIN);
        let h = lines.len() as f32 * size * 1.3;
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(h + 40.0);
        self.y -= if level == 1 { 0.0 } else { 8.0 };
        let e = self.elem(role, 0);
        self.lines(e, MARGIN, size, true, &lines, role_tag(role));
        self.y -= h + 3.0;
    }

    /// A paragraph.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, 9.5, false);
    }

    /// A paragraph in bold (a lead-in sentence).
    pub fn strong_paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, 9.5, true);
    }

    fn paragraph_styled(&mut self, text: &str, size: f32, bold: bool) {
        let lines = wrap(text, size, bold, PAGE_W - 2.0 * MARGIN);
        let h = lines.len() as f32 * size * 1.3;
        self.ensure(h);
        let e = self.elem(StructRole::P, 0);
        self.lines(e, MARGIN, size, bold, &lines, b"P");
        self.y -= h + 4.0;
    }

    /// A bulleted list.
    pub fn list(&mut self, items: &[String]) {
        if items.is_empty() {
            return;
        }
        let size = 9.5;
        let l = self.elem(StructRole::L, 0);
        for item in items {
            let lines = wrap(item, size, false, PAGE_W - 2.0 * MARGIN - 14.0);
            let h = lines.len() as f32 * size * 1.3;
            self.ensure(h);
            let li = self.elem(StructRole::LI, l);
            let lbl = self.elem(StructRole::Lbl, li);
            self.lines(lbl, MARGIN + 2.0, size, false, &["-".to_string()], b"Lbl");
            let body = self.elem(StructRole::LBody, li);
            self.lines(body, MARGIN + 14.0, size, false, &lines, b"LBody");
            self.y -= h + 2.0;
        }
        self.y -= 3.0;
    }

    /// A table: a header row (column scope) and body rows, cells wrapped in
    /// their column; a row never splits across pages.
    pub fn table(&mut self, cols: &Columns<'_>, rows: &[Vec<String>]) {
        let size = 8.0;
        let lead = size * 1.3;
        let total: f32 = cols.widths.iter().sum();
        let avail = PAGE_W - 2.0 * MARGIN;
        let widths: Vec<f32> = cols.widths.iter().map(|w| w / total * avail).collect();
        let table = self.elem(StructRole::Table, 0);
        let head = self.elem(StructRole::THead, table);
        let body = self.elem(StructRole::TBody, table);
        let row_out = |doc: &mut Self, parent: usize, cells: &[String], header: bool| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(c, size, header, w - 6.0))
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let h = n as f32 * lead + 4.0;
            doc.ensure(h);
            let tr = doc.elem(StructRole::TR, parent);
            let mut x = MARGIN;
            for (i, (lines, w)) in wrapped.iter().zip(&widths).enumerate() {
                let role = if header {
                    StructRole::TH
                } else {
                    StructRole::TD
                };
                let cell = doc.elem(role, tr);
                doc.elems[cell].header = header.then_some(TableHeaderScope::Column);
                let right = cols.right.contains(&i);
                let cx = if right {
                    let longest = lines
                        .iter()
                        .map(|l| width(l, size, header))
                        .fold(0.0, f32::max);
                    (x + w - 3.0 - longest).max(x + 3.0)
                } else {
                    x + 3.0
                };
                doc.lines(cell, cx, size, header, lines, role_tag(role));
                x += w;
            }
            // Row rule: decoration.
            let page = doc.pages.len() - 1;
            let c = &mut doc.pages[page].content;
            c.begin_marked_content(Name(b"Artifact"));
            c.set_stroke_rgb(0.75, 0.75, 0.75);
            c.set_line_width(if header { 0.9 } else { 0.4 });
            c.move_to(MARGIN, doc.y - h + 1.0);
            c.line_to(PAGE_W - MARGIN, doc.y - h + 1.0);
            c.stroke();
            c.end_marked_content();
            doc.y -= h + 1.0;
        };
        let headers: Vec<String> = cols.headers.iter().map(|h| h.to_string()).collect();
        row_out(self, head, &headers, true);
        for r in rows {
            row_out(self, body, r, false);
        }
        self.y -= 6.0;
    }

    /// Label-value pairs as a two-column table with row headers.
    pub fn facts(&mut self, pairs: &[(&str, String)]) {
        let size = 9.0;
        let lead = size * 1.3;
        let label_w = 150.0;
        let table = self.elem(StructRole::Table, 0);
        let body = self.elem(StructRole::TBody, table);
        for (label, value) in pairs {
            let lines = wrap(value, size, false, PAGE_W - 2.0 * MARGIN - label_w - 6.0);
            let h = lines.len() as f32 * lead + 2.0;
            self.ensure(h);
            let tr = self.elem(StructRole::TR, body);
            let th = self.elem(StructRole::TH, tr);
            self.elems[th].header = Some(TableHeaderScope::Row);
            self.lines(th, MARGIN, size, true, &[label.to_string()], b"TH");
            let td = self.elem(StructRole::TD, tr);
            self.lines(td, MARGIN + label_w, size, false, &lines, b"TD");
            self.y -= h;
        }
        self.y -= 6.0;
    }

    /// Writes the file.
    pub fn finish(self) -> Vec<u8> {
        let mut next = 1;
        let mut alloc = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        let catalog = alloc();
        let tree = alloc();
        let info = alloc();
        let regular = alloc();
        let bold = alloc();
        let root = alloc();
        let page_refs: Vec<Ref> = self.pages.iter().map(|_| alloc()).collect();
        let content_refs: Vec<Ref> = self.pages.iter().map(|_| alloc()).collect();
        let parent_arrays: Vec<Ref> = self.pages.iter().map(|_| alloc()).collect();
        let elem_refs: Vec<Ref> = self.elems.iter().map(|_| alloc()).collect();

        let mut pdf = Pdf::new();
        {
            let mut cat = pdf.catalog(catalog);
            cat.pages(tree);
            cat.lang(TextStr("en-US"));
            cat.viewer_preferences().display_doc_title(true);
            cat.mark_info().marked(true);
            cat.pair(Name(b"StructTreeRoot"), root);
        }
        pdf.document_info(info)
            .title(TextStr(&self.title))
            .creator(TextStr("Evergreen Health member portal"));
        pdf.pages(tree)
            .kids(page_refs.iter().copied())
            .count(i32::try_from(page_refs.len()).unwrap_or(0));
        pdf.type1_font(regular).base_font(Name(b"Helvetica"));
        pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold"));
        {
            let mut r = pdf
                .indirect(root)
                .start::<pdf_writer::writers::StructTreeRoot>();
            r.child(elem_refs[0]);
            let mut tree = r.parent_tree();
            let mut nums = tree.nums();
            for (i, a) in parent_arrays.iter().enumerate() {
                nums.insert(i32::try_from(i).unwrap_or(0), *a);
            }
            nums.finish();
            tree.finish();
            r.parent_tree_next_key(i32::try_from(self.pages.len()).unwrap_or(0));
        }
        for (i, p) in self.pages.iter().enumerate() {
            let mut page = pdf.page(page_refs[i]);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .parent(tree)
                .contents(content_refs[i])
                .struct_parents(i32::try_from(i).unwrap_or(0));
            page.resources()
                .fonts()
                .pair(Name(b"F1"), regular)
                .pair(Name(b"F2"), bold);
            page.finish();
            pdf.indirect(parent_arrays[i])
                .array()
                .items(p.owners.iter().map(|o| elem_refs[*o]));
        }
        for (i, e) in self.elems.iter().enumerate() {
            let mut se = pdf.struct_element(elem_refs[i]);
            se.kind(e.role);
            se.parent(e.parent.map_or(root, |p| elem_refs[p]));
            if let Some(scope) = e.header {
                se.attributes().push().table().scope(scope);
            }
            let mut kids = se.children();
            for k in &e.kids {
                match k {
                    Kid::Elem(id) => {
                        kids.struct_element(elem_refs[*id]);
                    }
                    Kid::Mcid { page, mcid } => {
                        kids.marked_content_ref()
                            .page(page_refs[*page])
                            .marked_content_id(*mcid);
                    }
                }
            }
        }
        for (i, p) in self.pages.into_iter().enumerate() {
            pdf.stream(content_refs[i], &p.content.finish());
        }
        pdf.finish()
    }
}

fn role_tag(role: StructRole) -> &'static [u8] {
    match role {
        StructRole::H1 => b"H1",
        StructRole::H2 => b"H2",
        StructRole::H3 => b"H3",
        StructRole::TH => b"TH",
        StructRole::TD => b"TD",
        _ => b"P",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text = "The provider may not bill you for the difference between their charge and what your plan allowed.";
        let lines = wrap(text, 9.5, false, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 9.5, false) <= 200.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_document_is_tagged_titled_and_in_english() {
        let mut doc = TaggedPdf::new("Explanation of benefits", "Footer");
        doc.heading(1, "Explanation of benefits");
        doc.paragraph("Hello");
        doc.table(
            &Columns {
                headers: &["Service", "You owe"],
                widths: &[3.0, 1.0],
                right: &[1],
            },
            &[vec!["Office visit".into(), "$25.00".into()]],
        );
        let bytes = doc.finish();
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            "/StructTreeRoot",
            "/MarkInfo",
            "/Marked true",
            "/Lang (en-US)",
            "/DisplayDocTitle true",
            "/S /TH",
            "/Scope /Column",
            "/MCID 0",
            "(Explanation of benefits)",
        ] {
            assert!(text.contains(needle), "{needle}");
        }
    }
}
