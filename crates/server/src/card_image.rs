//! The member ID card as an image (PNG): front above back, at four times
//! the card's size in points (972 x 612 pixels a side, about 288 dpi), to
//! save to a phone or send to a provider's office. The layout is the PDF's
//! ([`crate::card_pdf::draw_front`], [`crate::card_pdf::draw_back`]),
//! written as SVG and drawn by `resvg` with the fonts embedded in the
//! server (`assets/fonts/`, DejaVu Sans), never the machine's.

use crate::card_pdf::{draw_back, draw_front, CardCanvas, H, W};
use portal_domain::api::IdCard;
use resvg::{tiny_skia, usvg};
use std::fmt::Write;
use std::sync::{Arc, LazyLock};

/// Pixels per point.
const SCALE: f32 = 4.0;
/// Space around and between the sides, in pixels.
const MARGIN: f32 = 32.0;
/// Height of the "Front" / "Back" caption line above each side.
const CAPTION: f32 = 40.0;
/// The brand colour of the band (the PDF's).
const BRAND: &str = "#0b5e55";
/// The family the SVG asks for (the embedded fonts').
const FAMILY: &str = "DejaVu Sans";

static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(include_bytes!("../assets/fonts/DejaVuSans.ttf").to_vec());
    db.load_font_data(include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf").to_vec());
    db.set_sans_serif_family(FAMILY);
    Arc::new(db)
});

/// Width and height of the image in pixels.
pub fn size() -> (u32, u32) {
    let w = W * SCALE + 2.0 * MARGIN;
    let h = 2.0 * (H * SCALE + CAPTION) + 3.0 * MARGIN;
    (w as u32, h as u32)
}

/// XML text escaping.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One side being written as SVG, its top-left corner at (`left`, `top`).
struct Side<'a> {
    svg: &'a mut String,
    left: f32,
    top: f32,
}

impl CardCanvas for Side<'_> {
    fn text(&mut self, x: f32, y: f32, bold: bool, size: f32, white: bool, s: &str) {
        let _ = write!(
            self.svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="{}" fill="{}">{}</text>"##,
            self.left + x * SCALE,
            self.top + (H - y) * SCALE,
            size * SCALE,
            if bold { "bold" } else { "normal" },
            if white { "#ffffff" } else { "#1a1a1a" },
            escape(s),
        );
    }
}

/// The card as SVG (what [`render`] draws).
pub fn svg(card: &IdCard) -> String {
    let (w, h) = size();
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FAMILY}"><rect width="{w}" height="{h}" fill="#f4f7f6"/>"##
    );
    let (cw, ch) = (W * SCALE, H * SCALE);
    let band = 26.0 * SCALE;
    let radius = 24.0;
    for (i, caption) in ["Front", "Back"].into_iter().enumerate() {
        let left = MARGIN;
        let top = MARGIN + CAPTION + i as f32 * (ch + CAPTION + MARGIN);
        let _ = write!(
            svg,
            r##"<text x="{left}" y="{:.1}" font-size="24" fill="#4a5a63">{caption}</text><clipPath id="c{i}"><rect x="{left}" y="{top}" width="{cw}" height="{ch}" rx="{radius}"/></clipPath><g clip-path="url(#c{i})"><rect x="{left}" y="{top}" width="{cw}" height="{ch}" fill="#ffffff"/><rect x="{left}" y="{top}" width="{cw}" height="{band}" fill="{BRAND}"/></g><rect x="{left}" y="{top}" width="{cw}" height="{ch}" rx="{radius}" fill="none" stroke="#66767c" stroke-width="2"/>"##,
            top - 10.0,
        );
        let mut side = Side {
            svg: &mut svg,
            left,
            top,
        };
        if i == 0 {
            draw_front(&mut side, card);
        } else {
            draw_back(&mut side, card);
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The card as a PNG.
pub fn render(card: &IdCard) -> anyhow::Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: FAMILY.into(),
        fontdb: Arc::clone(&FONTS),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg(card), &options)?;
    let (w, h) = size();
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| anyhow::anyhow!("image size {w}x{h}"))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap.encode_png()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_carries_what_the_card_says() {
        let card = crate::fhir::tests::card();
        let svg = svg(&card);
        // What the No Surprises Act asks on the card, and the rest of the PDF's text.
        for text in [
            "Front",
            "Back",
            "Evergreen Health",
            &card.plan.name,
            &card.member.member_id.printed(),
            &card.group_number,
            &card.rx_bin,
            &card.member_services_phone,
            &card.provider_services_phone,
            "In network",
            "Out of network",
            "Deductible",
            "Out-of-pocket max",
            "$1,500 / $3,000",
            "$6,000 / $12,000",
            portal_domain::api::PLAN_WEBSITE,
        ] {
            assert!(svg.contains(&escape(text)), "{text}");
        }
        let png = render(&card).expect("png");
        let image = tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
        assert_eq!((image.width(), image.height()), size());
        assert_eq!(size(), (1036, 1400));
        // The brand band is drawn at the top of the front; the text is
        // drawn (not every pixel of the card is white).
        let px = |x: u32, y: u32| {
            let p = image.pixel(x, y).expect("in the image");
            (p.red(), p.green(), p.blue())
        };
        let top = (MARGIN + CAPTION) as u32;
        assert_eq!(px(MARGIN as u32 + 300, top + 4), (0x0b, 0x5e, 0x55));
        let inked = (0..image.width())
            .flat_map(|x| (top + 120..top + 330).map(move |y| (x, y)))
            .filter(|&(x, y)| px(x, y).0 < 100)
            .count();
        assert!(inked > 500, "the member's name and ID are drawn: {inked}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("A & B <c> \"d\""),
            "A &amp; B &lt;c&gt; &quot;d&quot;"
        );
    }
}
