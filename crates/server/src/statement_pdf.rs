//! A premium statement as a printable PDF: one US Letter page, drawn with
//! [`pdf_writer`] and the standard Helvetica fonts (nothing embedded, the
//! content uncompressed). The figures are the ones `GET /api/v1/billing`
//! sends ([`crate::routes::billing::statements`]); the grace-period words
//! are `portal_domain::billing::wording`'s, as on the billing page.

use chrono::NaiveDate;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use portal_domain::billing::api::{MailPayment, Statement};
use portal_domain::dates::long_date;
use portal_domain::money::Money;

/// Page width in points (8.5 in).
const W: f32 = 612.0;
/// Page height in points (11 in).
const H: f32 = 792.0;
/// Left and right margin.
const MARGIN: f32 = 54.0;

/// What a printed statement says besides the statement itself.
pub struct StatementPrint<'a> {
    /// The statement, as `GET /api/v1/billing` sends it.
    pub statement: &'a Statement,
    /// The plan's name ("Silver PPO 3000").
    pub plan_name: &'a str,
    /// The subscriber's full name.
    pub subscriber: &'a str,
    /// The subscriber's member ID as printed on the card (`100200300*01`).
    pub member_id: &'a str,
    /// What the grace period means for this statement.
    pub grace: &'a str,
    /// Paying by mail: payee (the plan), address and memo.
    pub mail: &'a MailPayment,
    /// Autopay is on.
    pub autopay: bool,
    /// Member Services' phone number.
    pub phone: &'a str,
    /// The day it is printed (figures as of that day).
    pub today: NaiveDate,
}

/// Text in the fonts' encoding: printable ASCII kept, anything else as `?`.
fn ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Splits `text` into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A page being written top to bottom.
struct Page {
    content: Content,
    y: f32,
}

impl Page {
    fn text_at(&mut self, x: f32, y: f32, bold: bool, size: f32, s: &str) {
        let c = &mut self.content;
        c.set_fill_rgb(0.1, 0.1, 0.1);
        c.begin_text();
        c.set_font(Name(if bold { b"F2" } else { b"F1" }), size);
        c.next_line(x, y);
        c.show(Str(&ascii(s)));
        c.end_text();
    }

    /// A line at the cursor, then the cursor moves down.
    fn line(&mut self, bold: bool, size: f32, s: &str) {
        self.text_at(MARGIN, self.y, bold, size, s);
        self.y -= size * 1.45;
    }

    /// A paragraph wrapped to the page's width (10 pt Helvetica averages
    /// about half its size per character: 92 fit in the 504 pt between margins).
    fn paragraph(&mut self, s: &str) {
        for l in wrap(s, 92) {
            self.line(false, 10.0, &l);
        }
        self.y -= 4.0;
    }

    fn heading(&mut self, s: &str) {
        self.y -= 8.0;
        self.line(true, 12.0, s);
    }

    /// A label and its value in two columns.
    fn fact(&mut self, label: &str, value: &str, bold: bool) {
        self.text_at(MARGIN, self.y, false, 10.0, label);
        self.text_at(MARGIN + 170.0, self.y, bold, 10.0, value);
        self.y -= 15.0;
    }
}

/// Renders the statement: letterhead (the plan's name and address), who it
/// is for, the statement's figures and status, what the grace period means,
/// and how to pay (portal, autopay, mail with the memo).
pub fn render(p: &StatementPrint<'_>) -> Vec<u8> {
    let s = p.statement;
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let contents = Ref::new(4);
    let regular = Ref::new(5);
    let bold = Ref::new(6);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);

    let mut page = Page {
        content: Content::new(),
        y: H - 60.0,
    };
    // Brand band.
    page.content.set_fill_rgb(0.043, 0.369, 0.333);
    page.content.rect(0.0, H - 20.0, W, 20.0);
    page.content.fill_nonzero();

    page.line(true, 16.0, &p.mail.payable_to);
    for l in &p.mail.address {
        page.line(false, 10.0, l);
    }
    page.line(false, 10.0, &format!("Member Services: {}", p.phone));
    page.y -= 10.0;
    page.line(true, 18.0, &format!("Premium statement {}", s.number));
    page.line(
        false,
        10.0,
        &format!("Figures as of {}", long_date(p.today)),
    );
    page.y -= 6.0;
    page.fact("Subscriber", p.subscriber, true);
    page.fact("Member ID", p.member_id, true);
    page.fact("Plan", p.plan_name, false);
    page.fact("Statement number", &s.number, true);
    page.fact(
        "Coverage period",
        &format!(
            "{} to {}",
            long_date(s.period_start),
            long_date(s.period_end)
        ),
        false,
    );
    page.fact("Due date", &long_date(s.due), true);
    page.y -= 4.0;
    page.fact("Premium", &s.amount.to_string(), false);
    page.fact("Paid", &s.paid.to_string(), false);
    page.fact("Processing", &s.pending.to_string(), false);
    page.fact("Balance", &s.balance.to_string(), true);
    page.fact("Status", s.status.label(), true);
    if let Some(ends) = s.grace_ends {
        page.fact("Grace period ends", &long_date(ends), true);
    }

    page.heading("The grace period");
    page.paragraph(p.grace);

    page.heading("How to pay");
    if s.balance == Money::ZERO {
        page.paragraph("Nothing more is owed on this statement.");
    }
    page.paragraph(
        "Online: sign in to the member portal and open Billing and payments to pay by card or bank account. You get a receipt with a transaction ID.",
    );
    page.paragraph(if p.autopay {
        "Autopay is on: it pays the balance of each statement on its due date from the payment method you chose."
    } else {
        "Autopay: turn it on in Billing and payments to pay the balance of each statement on its due date."
    });
    page.paragraph(&format!(
        "By mail: make a check or money order payable to {} and mail it to the address below. On the memo line, write {} ({}). Allow 7 to 10 days for mail; pay online if the due date is close.",
        p.mail.payable_to, p.mail.memo, s.number
    ));
    page.y -= 2.0;
    page.line(true, 10.0, &p.mail.payable_to);
    for l in &p.mail.address {
        page.line(false, 10.0, l);
    }

    let mut pg = pdf.page(page_id);
    pg.media_box(Rect::new(0.0, 0.0, W, H));
    pg.parent(tree);
    pg.contents(contents);
    let mut res = pg.resources();
    let mut fonts = res.fonts();
    fonts.pair(Name(b"F1"), regular);
    fonts.pair(Name(b"F2"), bold);
    fonts.finish();
    res.finish();
    pg.finish();
    let data = page.content.finish();
    pdf.stream(contents, &data);
    pdf.type1_font(regular).base_font(Name(b"Helvetica"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
        assert!(wrap("", 10).is_empty());
        // A word longer than the width gets a line of its own.
        assert_eq!(wrap("a verylongword b", 5), ["a", "verylongword", "b"]);
    }
}
