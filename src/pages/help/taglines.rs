//! Taglines: "free language help is available" in the 15 languages most
//! spoken, after English, in the plan's (fictional) service area, each
//! marked with its language (`lang`, and `dir` for Arabic) so screen
//! readers pronounce it and browsers pick the right fonts. The wording
//! follows the sample translations the US Department of Health and Human
//! Services' Office for Civil Rights published for section 1557 notices;
//! `{phone}` is replaced with the line's number from the contact directory.

/// One tagline.
pub struct Tagline {
    /// BCP 47 language tag.
    pub lang: &'static str,
    /// Right-to-left script.
    pub rtl: bool,
    /// The language's name in English.
    pub english: &'static str,
    /// The language's name in itself.
    pub native: &'static str,
    /// The tagline, with `{phone}` and `{tty}` for the numbers.
    pub text: &'static str,
}

/// The taglines, most spoken language first.
pub const TAGLINES: [Tagline; 15] = [
    Tagline { lang: "es", rtl: false, english: "Spanish", native: "Español",
        text: "ATENCIÓN: si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística. Llame al {phone} (TTY: {tty})." },
    Tagline { lang: "zh-Hant", rtl: false, english: "Chinese", native: "繁體中文",
        text: "注意：如果您使用繁體中文，您可以免費獲得語言援助服務。請致電 {phone}（TTY：{tty}）。" },
    Tagline { lang: "vi", rtl: false, english: "Vietnamese", native: "Tiếng Việt",
        text: "CHÚ Ý: Nếu bạn nói Tiếng Việt, có các dịch vụ hỗ trợ ngôn ngữ miễn phí dành cho bạn. Gọi số {phone} (TTY: {tty})." },
    Tagline { lang: "ko", rtl: false, english: "Korean", native: "한국어",
        text: "주의: 한국어를 사용하시는 경우, 언어 지원 서비스를 무료로 이용하실 수 있습니다. {phone} (TTY: {tty})번으로 전화해 주십시오." },
    Tagline { lang: "tl", rtl: false, english: "Tagalog", native: "Tagalog",
        text: "PAUNAWA: Kung nagsasalita ka ng Tagalog, maaari kang gumamit ng mga serbisyo ng tulong sa wika nang walang bayad. Tumawag sa {phone} (TTY: {tty})." },
    Tagline { lang: "ru", rtl: false, english: "Russian", native: "Русский",
        text: "ВНИМАНИЕ: Если вы говорите на русском языке, то вам доступны бесплатные услуги перевода. Звоните {phone} (телетайп: {tty})." },
    Tagline { lang: "ar", rtl: true, english: "Arabic", native: "العربية",
        text: "ملحوظة: إذا كنت تتحدث اللغة العربية، فإن خدمات المساعدة اللغوية تتوافر لك بالمجان. اتصل برقم {phone} (رقم هاتف الصم والبكم: {tty})." },
    Tagline { lang: "fr", rtl: false, english: "French", native: "Français",
        text: "ATTENTION : si vous parlez français, des services d'aide linguistique vous sont proposés gratuitement. Appelez le {phone} (ATS : {tty})." },
    Tagline { lang: "ht", rtl: false, english: "Haitian Creole", native: "Kreyòl Ayisyen",
        text: "ATANSYON: Si w pale Kreyòl Ayisyen, gen sèvis èd pou lang ki disponib gratis pou ou. Rele {phone} (TTY: {tty})." },
    Tagline { lang: "pt", rtl: false, english: "Portuguese", native: "Português",
        text: "ATENÇÃO: se fala português, encontram-se disponíveis serviços linguísticos, grátis. Ligue para {phone} (TTY: {tty})." },
    Tagline { lang: "de", rtl: false, english: "German", native: "Deutsch",
        text: "ACHTUNG: Wenn Sie Deutsch sprechen, stehen Ihnen kostenlos sprachliche Hilfsdienstleistungen zur Verfügung. Rufnummer: {phone} (TTY: {tty})." },
    Tagline { lang: "pl", rtl: false, english: "Polish", native: "Polski",
        text: "UWAGA: Jeżeli mówisz po polsku, możesz skorzystać z bezpłatnej pomocy językowej. Zadzwoń pod numer {phone} (TTY: {tty})." },
    Tagline { lang: "it", rtl: false, english: "Italian", native: "Italiano",
        text: "ATTENZIONE: in caso la lingua parlata sia l'italiano, sono disponibili servizi di assistenza linguistica gratuiti. Chiamare il numero {phone} (TTY: {tty})." },
    Tagline { lang: "ja", rtl: false, english: "Japanese", native: "日本語",
        text: "注意事項：日本語を話される場合、無料の言語支援をご利用いただけます。{phone}（TTY：{tty}）まで、お電話にてご連絡ください。" },
    Tagline { lang: "hi", rtl: false, english: "Hindi", native: "हिंदी",
        text: "ध्यान दें: यदि आप हिंदी बोलते हैं तो आपके लिए मुफ्त में भाषा सहायता सेवाएं उपलब्ध हैं। {phone} (TTY: {tty}) पर कॉल करें।" },
];

#[cfg(test)]
mod tests {
    use super::TAGLINES;

    #[test]
    fn every_tagline_has_a_language_and_both_numbers() {
        let mut langs: Vec<&str> = TAGLINES.iter().map(|t| t.lang).collect();
        langs.sort_unstable();
        langs.dedup();
        assert_eq!(langs.len(), 15);
        for t in TAGLINES {
            assert!(
                t.text.contains("{phone}") && t.text.contains("{tty}"),
                "{}",
                t.lang
            );
            assert_eq!(t.rtl, t.lang == "ar");
        }
    }
}
