//! The member ID card as a PDF: two card-sized pages (front and back,
//! 3.375 x 2.125 inches, the ISO/IEC 7810 ID-1 size), drawn with
//! [`pdf_writer`] and the standard Helvetica fonts (nothing embedded).

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use portal_domain::api::IdCard;

/// Card width in points (3.375 in).
pub(crate) const W: f32 = 243.0;
/// Card height in points (2.125 in).
pub(crate) const H: f32 = 153.0;

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

struct Page {
    content: Content,
}

/// Where a side of the card is drawn: a PDF page here, the image's SVG in
/// [`crate::card_image`]. One layout ([`draw_front`], [`draw_back`]) for both.
pub(crate) trait CardCanvas {
    /// Text with its baseline at (`x`, `y`) points from the card's
    /// bottom-left corner; `white` on the brand band, dark otherwise.
    fn text(&mut self, x: f32, y: f32, bold: bool, size: f32, white: bool, s: &str);
}

impl CardCanvas for Page {
    fn text(&mut self, x: f32, y: f32, bold: bool, size: f32, white: bool, s: &str) {
        self.put_text(x, y, bold, size, white, s);
    }
}

impl Page {
    fn new() -> Self {
        let mut content = Content::new();
        // Brand band at the top.
        content.set_fill_rgb(0.043, 0.369, 0.333);
        content.rect(0.0, H - 26.0, W, 26.0);
        content.fill_nonzero();
        Self { content }
    }

    fn put_text(&mut self, x: f32, y: f32, bold: bool, size: f32, white: bool, s: &str) {
        let c = &mut self.content;
        if white {
            c.set_fill_rgb(1.0, 1.0, 1.0);
        } else {
            c.set_fill_rgb(0.1, 0.1, 0.1);
        }
        c.begin_text();
        c.set_font(Name(if bold { b"F2" } else { b"F1" }), size);
        c.next_line(x, y);
        c.show(Str(&ascii(s)));
        c.end_text();
    }
}

/// The front: plan, member, member ID as printed, group, copays. The brand
/// band (the top 26 points) is the canvas's.
pub(crate) fn draw_front(c: &mut impl CardCanvas, card: &IdCard) {
    c.text(10.0, H - 17.0, true, 10.0, true, "Evergreen Health");
    c.text(120.0, H - 17.0, false, 7.0, true, &card.plan.name);
    let name = format!("{} {}", card.member.first_name, card.member.last_name);
    c.text(10.0, H - 42.0, false, 6.0, false, "Member");
    c.text(10.0, H - 53.0, true, 10.0, false, &name);
    c.text(10.0, H - 68.0, false, 6.0, false, "Member ID");
    c.text(
        10.0,
        H - 79.0,
        true,
        10.0,
        false,
        &card.member.member_id.printed(),
    );
    // The primary care provider, where one is chosen: the person's name
    // (before the first comma) and phone, beside the member's name.
    if let Some(pcp) = &card.pcp {
        let person: String = pcp
            .name
            .split(',')
            .next()
            .unwrap_or(&pcp.name)
            .chars()
            .take(26)
            .collect();
        c.text(
            130.0,
            H - 42.0,
            false,
            6.0,
            false,
            &format!("Primary care  {}", pcp.phone),
        );
        c.text(130.0, H - 53.0, true, 7.5, false, &person);
    }
    c.text(130.0, H - 68.0, false, 6.0, false, "Group number");
    c.text(130.0, H - 79.0, true, 9.0, false, &card.group_number);
    c.text(
        10.0,
        H - 94.0,
        false,
        6.5,
        false,
        &format!("{} - {} network", card.plan.plan_type, card.plan.network),
    );
    c.text(10.0, 38.0, true, 6.5, false, "Copays");
    for (i, copay) in card.copays.iter().enumerate() {
        let col = (i % 2) as f32;
        let row = (i / 2) as f32;
        c.text(
            10.0 + col * 115.0,
            27.0 - row * 10.0,
            false,
            6.5,
            false,
            &format!("{}: {}", copay.label, copay.amount),
        );
    }
}

/// The back: pharmacy routing, phone numbers, help, deductibles and
/// out-of-pocket maximums in and out of network (No Surprises Act), coverage.
pub(crate) fn draw_back(c: &mut impl CardCanvas, card: &IdCard) {
    c.text(10.0, H - 17.0, true, 9.0, true, "Pharmacy and contacts");
    let rx = [
        ("Rx BIN", &card.rx_bin),
        ("Rx PCN", &card.rx_pcn),
        ("Rx group", &card.rx_group),
    ];
    for (i, (label, value)) in rx.iter().enumerate() {
        let x = 10.0 + i as f32 * 75.0;
        c.text(x, H - 36.0, false, 5.5, false, label);
        c.text(x, H - 45.0, true, 8.0, false, value);
    }
    c.text(10.0, H - 59.0, false, 5.5, false, "Member services");
    c.text(
        10.0,
        H - 68.0,
        true,
        8.0,
        false,
        &card.member_services_phone,
    );
    c.text(130.0, H - 59.0, false, 5.5, false, "Provider services");
    c.text(
        130.0,
        H - 68.0,
        true,
        8.0,
        false,
        &card.provider_services_phone,
    );
    c.text(
        10.0,
        H - 78.0,
        false,
        5.5,
        false,
        &format!(
            "Help: {} or the phone numbers above (TTY 711)",
            card.website
        ),
    );
    // Deductibles and out-of-pocket maximums (No Surprises Act).
    let pair = |l: &portal_domain::cost::Limits, deductible: bool| {
        if deductible {
            format!(
                "{} / {}",
                l.deductible_individual.short(),
                l.deductible_family.short()
            )
        } else {
            format!("{} / {}", l.oop_individual.short(), l.oop_family.short())
        }
    };
    let out = |deductible: bool| {
        card.limits
            .out_of_network
            .as_ref()
            .map_or("Not covered".to_string(), |l| pair(l, deductible))
    };
    c.text(10.0, H - 91.0, false, 5.5, false, "Individual / family");
    c.text(105.0, H - 91.0, false, 5.5, false, "In network");
    c.text(172.0, H - 91.0, false, 5.5, false, "Out of network");
    c.text(10.0, H - 101.0, true, 6.5, false, "Deductible");
    c.text(
        105.0,
        H - 101.0,
        false,
        6.5,
        false,
        &pair(&card.limits.in_network, true),
    );
    c.text(172.0, H - 101.0, false, 6.5, false, &out(true));
    c.text(10.0, H - 110.0, true, 6.5, false, "Out-of-pocket max");
    c.text(
        105.0,
        H - 110.0,
        false,
        6.5,
        false,
        &pair(&card.limits.in_network, false),
    );
    c.text(172.0, H - 110.0, false, 6.5, false, &out(false));
    c.text(
        10.0,
        22.0,
        false,
        5.5,
        false,
        &format!("Coverage {} to {}", card.coverage_start, card.coverage_end),
    );
    c.text(
        10.0,
        12.0,
        false,
        5.5,
        false,
        "Show this card when you get care. In an emergency, call 911.",
    );
}

/// Renders the card: page 1 the front (plan, member, member ID as printed,
/// group, copays), page 2 the back (pharmacy routing, phone numbers, coverage).
pub fn render(card: &IdCard) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let pages = [Ref::new(3), Ref::new(4)];
    let contents = [Ref::new(5), Ref::new(6)];
    let regular = Ref::new(7);
    let bold = Ref::new(8);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(pages).count(2);

    let mut front = Page::new();
    draw_front(&mut front, card);
    let mut back = Page::new();
    draw_back(&mut back, card);

    for (i, page) in [front, back].into_iter().enumerate() {
        let mut p = pdf.page(pages[i]);
        p.media_box(Rect::new(0.0, 0.0, W, H));
        p.parent(tree);
        p.contents(contents[i]);
        let mut res = p.resources();
        let mut fonts = res.fonts();
        fonts.pair(Name(b"F1"), regular);
        fonts.pair(Name(b"F2"), bold);
        fonts.finish();
        res.finish();
        p.finish();
        let data = page.content.finish();
        pdf.stream(contents[i], &data);
    }
    pdf.type1_font(regular).base_font(Name(b"Helvetica"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold"));
    pdf.finish()
}
