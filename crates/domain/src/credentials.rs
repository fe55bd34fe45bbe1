//! The credential policy: username and password rules, shared by the browser
//! (live checklist, nothing sent while a rule is broken) and the server (which
//! enforces the same rules, plus the two it alone can check: previous
//! passwords and commonly used passwords).
//!
//! Every rule has a stable [`Rule::code`] and a plain message; validation
//! returns **all** the rules a value breaks, never only the first.
//!
//! Counting and comparison rules, written down:
//! * lengths count Unicode scalar values (`char`s), not bytes;
//! * usernames are case-insensitive: [`normalize_username`] folds them to
//!   lowercase before they are stored or compared;
//! * "contains the username" is checked case-insensitively;
//! * whitespace is reported by the "no spaces" rule only, and the asterisk in a
//!   username by its own rule only, so one character never produces two
//!   messages about the same thing.

use serde::{Deserialize, Serialize};

/// The named sets of password rules a plan can switch on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyPreset {
    /// Members (the default): 8 to 32 characters, three of four classes,
    /// specials limited to `@ . _ -`.
    #[default]
    Member,
    /// At least 12 characters with upper- and lowercase letters, digits and symbols.
    Strong,
    /// Providers: 8 to 32 characters with at least one digit.
    Provider,
    /// NIST SP 800-63B (section 3.1.1.2): at least 15 characters, or 8 when
    /// two-step verification is on; up to 128; any printable character,
    /// spaces and Unicode included; no composition rules, only the blocklist
    /// of commonly used passwords and context words (the username, the
    /// plan's and the portal's names).
    Nist,
}

impl PolicyPreset {
    /// Every preset, in display order.
    pub const ALL: [PolicyPreset; 4] = [Self::Member, Self::Strong, Self::Provider, Self::Nist];

    /// Stable lowercase name, as used in configuration and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Strong => "strong",
            Self::Provider => "provider",
            Self::Nist => "nist",
        }
    }

    /// Parses the lowercase name (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One credential rule. The serialized form is the stable code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rule {
    /// Username length within the policy's bounds.
    #[serde(rename = "username.length")]
    UsernameLength,
    /// No whitespace in the username.
    #[serde(rename = "username.no_spaces")]
    UsernameNoSpaces,
    /// Never an asterisk in the username.
    #[serde(rename = "username.no_asterisk")]
    UsernameNoAsterisk,
    /// Only letters, digits and `. _ -` in the username.
    #[serde(rename = "username.allowed_chars")]
    UsernameAllowedChars,
    /// Password length within the policy's bounds.
    #[serde(rename = "password.length")]
    PasswordLength,
    /// No whitespace in the password.
    #[serde(rename = "password.no_spaces")]
    PasswordNoSpaces,
    /// The password must not contain the username, in any case.
    #[serde(rename = "password.not_username")]
    PasswordNotUsername,
    /// At least N of: uppercase, lowercase, digit, allowed special.
    #[serde(rename = "password.char_classes")]
    PasswordCharClasses,
    /// Only letters, digits and the allowed special characters.
    #[serde(rename = "password.allowed_chars")]
    PasswordAllowedChars,
    /// Both an uppercase and a lowercase letter.
    #[serde(rename = "password.upper_and_lower")]
    PasswordUpperAndLower,
    /// At least one digit.
    #[serde(rename = "password.digit")]
    PasswordDigit,
    /// At least one symbol (a character that is neither a letter nor a digit).
    #[serde(rename = "password.symbol")]
    PasswordSymbol,
    /// Not one of the member's previous passwords (checked by the server).
    #[serde(rename = "password.not_previous")]
    PasswordNotPrevious,
    /// Not a commonly used password (checked by the server).
    #[serde(rename = "password.not_common")]
    PasswordNotCommon,
    /// Only printable characters (spaces allowed; no control characters).
    #[serde(rename = "password.printable")]
    PasswordPrintable,
    /// Not built on the name of the plan or the portal ([`CONTEXT_WORDS`]).
    #[serde(rename = "password.no_context_words")]
    PasswordNoContextWords,
}

impl Rule {
    /// The stable code, e.g. `password.length`.
    pub fn code(self) -> &'static str {
        match self {
            Self::UsernameLength => "username.length",
            Self::UsernameNoSpaces => "username.no_spaces",
            Self::UsernameNoAsterisk => "username.no_asterisk",
            Self::UsernameAllowedChars => "username.allowed_chars",
            Self::PasswordLength => "password.length",
            Self::PasswordNoSpaces => "password.no_spaces",
            Self::PasswordNotUsername => "password.not_username",
            Self::PasswordCharClasses => "password.char_classes",
            Self::PasswordAllowedChars => "password.allowed_chars",
            Self::PasswordUpperAndLower => "password.upper_and_lower",
            Self::PasswordDigit => "password.digit",
            Self::PasswordSymbol => "password.symbol",
            Self::PasswordNotPrevious => "password.not_previous",
            Self::PasswordNotCommon => "password.not_common",
            Self::PasswordPrintable => "password.printable",
            Self::PasswordNoContextWords => "password.no_context_words",
        }
    }

    /// True for the rules only the server can check (they need stored data).
    pub fn is_server_checked(self) -> bool {
        matches!(self, Self::PasswordNotPrevious | Self::PasswordNotCommon)
    }
}

/// One line of the live checklist: a rule, its message, and whether the
/// current value meets it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCheck {
    /// The rule.
    pub rule: Rule,
    /// Plain-language statement of the rule ("8 to 32 characters").
    pub message: String,
    /// Whether the value meets it.
    pub met: bool,
}

/// Characters other than letters and digits allowed in a username.
pub const USERNAME_SPECIALS: &[char] = &['.', '_', '-'];
/// Special characters allowed in a member-preset password.
pub const MEMBER_PASSWORD_SPECIALS: &[char] = &['@', '.', '_', '-'];

/// Words of this service a password must not contain under the presets
/// that check context words (NIST SP 800-63B: "context-specific words, such
/// as the name of the service"). Compared case-insensitively.
pub const CONTEXT_WORDS: &[&str] = &["evergreen", "memberportal"];

/// The credential rules in force. Build one with [`CredentialPolicy::from_preset`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialPolicy {
    /// Which preset this policy was built from.
    pub preset: PolicyPreset,
    /// Shortest username, in characters.
    pub username_min: usize,
    /// Longest username, in characters.
    pub username_max: usize,
    /// Shortest password, in characters.
    pub password_min: usize,
    /// Longest password, in characters.
    pub password_max: usize,
    /// `Some(list)`: only letters, digits and these specials are allowed.
    /// `None`: any non-whitespace character is allowed.
    pub password_specials: Option<&'static [char]>,
    /// `Some(n)`: at least `n` of uppercase, lowercase, digit, special.
    pub min_char_classes: Option<usize>,
    /// Whether whitespace is refused.
    pub password_no_spaces: bool,
    /// Both an uppercase and a lowercase letter are required.
    pub require_upper_and_lower: bool,
    /// A digit is required.
    pub require_digit: bool,
    /// A symbol is required.
    pub require_symbol: bool,
    /// `Some(n)`: the shortest password is `n` when two-step verification
    /// is on (see [`CredentialPolicy::with_two_step`]).
    pub password_min_two_step: Option<usize>,
    /// Control characters are refused (any other character is allowed).
    pub printable_only: bool,
    /// [`CONTEXT_WORDS`] are refused.
    pub refuse_context_words: bool,
}

impl Default for CredentialPolicy {
    fn default() -> Self {
        Self::from_preset(PolicyPreset::Member)
    }
}

impl CredentialPolicy {
    /// The policy for a preset.
    pub fn from_preset(preset: PolicyPreset) -> Self {
        let base = Self {
            preset,
            username_min: 5,
            username_max: 10,
            password_min: 8,
            password_max: 32,
            password_specials: None,
            min_char_classes: None,
            password_no_spaces: true,
            require_upper_and_lower: false,
            require_digit: false,
            require_symbol: false,
            password_min_two_step: None,
            printable_only: false,
            refuse_context_words: false,
        };
        match preset {
            PolicyPreset::Member => Self {
                password_specials: Some(MEMBER_PASSWORD_SPECIALS),
                min_char_classes: Some(3),
                ..base
            },
            PolicyPreset::Strong => Self {
                password_min: 12,
                password_max: 64,
                require_upper_and_lower: true,
                require_digit: true,
                require_symbol: true,
                ..base
            },
            PolicyPreset::Provider => Self {
                password_no_spaces: false,
                require_digit: true,
                ..base
            },
            PolicyPreset::Nist => Self {
                password_min: 15,
                password_max: 128,
                password_min_two_step: Some(8),
                password_no_spaces: false,
                printable_only: true,
                refuse_context_words: true,
                ..base
            },
        }
    }

    /// This policy for an account with two-step verification on or off: under
    /// a preset with [`CredentialPolicy::password_min_two_step`], a second
    /// factor lowers the shortest password (NIST SP 800-63B allows 8 then).
    pub fn with_two_step(&self, two_step: bool) -> Self {
        match (two_step, self.password_min_two_step) {
            (true, Some(min)) => Self {
                password_min: min,
                password_min_two_step: None,
                ..self.clone()
            },
            _ => self.clone(),
        }
    }

    /// The username rules, in checklist order.
    pub fn username_rules(&self) -> Vec<Rule> {
        vec![
            Rule::UsernameLength,
            Rule::UsernameAllowedChars,
            Rule::UsernameNoSpaces,
            Rule::UsernameNoAsterisk,
        ]
    }

    /// The password rules of this policy, in checklist order, including the
    /// two the server checks.
    pub fn password_rules(&self) -> Vec<Rule> {
        let mut rules = vec![Rule::PasswordLength];
        if self.require_upper_and_lower {
            rules.push(Rule::PasswordUpperAndLower);
        }
        if self.require_digit {
            rules.push(Rule::PasswordDigit);
        }
        if self.require_symbol {
            rules.push(Rule::PasswordSymbol);
        }
        if self.min_char_classes.is_some() {
            rules.push(Rule::PasswordCharClasses);
        }
        if self.password_specials.is_some() {
            rules.push(Rule::PasswordAllowedChars);
        }
        if self.password_no_spaces {
            rules.push(Rule::PasswordNoSpaces);
        }
        if self.printable_only {
            rules.push(Rule::PasswordPrintable);
        }
        rules.push(Rule::PasswordNotUsername);
        if self.refuse_context_words {
            rules.push(Rule::PasswordNoContextWords);
        }
        rules.push(Rule::PasswordNotPrevious);
        rules.push(Rule::PasswordNotCommon);
        rules
    }

    /// The plain message that states a rule under this policy.
    pub fn message(&self, rule: Rule) -> String {
        match rule {
            Rule::UsernameLength => format!(
                "Username: {} to {} characters",
                self.username_min, self.username_max
            ),
            Rule::UsernameNoSpaces => "Username: no spaces".into(),
            Rule::UsernameNoAsterisk => "Username: no asterisk (*)".into(),
            Rule::UsernameAllowedChars => {
                "Username: only letters, digits and . _ - (period, underscore, hyphen)".into()
            }
            Rule::PasswordLength => match self.password_min_two_step {
                Some(min) if min < self.password_min => format!(
                    "{} to {} characters ({min} or more once two-step verification is on)",
                    self.password_min, self.password_max
                ),
                _ => format!(
                    "{} to {} characters",
                    self.password_min, self.password_max
                ),
            },
            Rule::PasswordPrintable => {
                "Any letters, digits, symbols or spaces (no control characters)".into()
            }
            Rule::PasswordNoContextWords => {
                "Does not contain the name of the plan or this site (Evergreen)".into()
            }
            Rule::PasswordNoSpaces => "No spaces".into(),
            Rule::PasswordNotUsername => "Does not contain your username".into(),
            Rule::PasswordCharClasses => format!(
                "At least {} of: an uppercase letter, a lowercase letter, a digit, a special character ({})",
                self.min_char_classes.unwrap_or(0),
                self.specials_text()
            ),
            Rule::PasswordAllowedChars => format!(
                "Only letters, digits and the special characters {}",
                self.specials_text()
            ),
            Rule::PasswordUpperAndLower => "Both uppercase and lowercase letters".into(),
            Rule::PasswordDigit => "At least one digit".into(),
            Rule::PasswordSymbol => "At least one symbol, such as ! # $ % @".into(),
            Rule::PasswordNotPrevious => "Not one of your previous passwords".into(),
            Rule::PasswordNotCommon => "Not a commonly used password".into(),
        }
    }

    /// The allowed specials, space separated (`@ . _ -`), or "any symbol".
    pub fn specials_text(&self) -> String {
        match self.password_specials {
            Some(list) => list
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            None => "any symbol".into(),
        }
    }

    /// All the username rules `username` breaks (empty when it is valid).
    pub fn validate_username(&self, username: &str) -> Vec<Rule> {
        self.username_rules()
            .into_iter()
            .filter(|&r| !self.username_meets(r, username))
            .collect()
    }

    /// The username checklist: every username rule with whether it is met.
    pub fn username_checklist(&self, username: &str) -> Vec<RuleCheck> {
        self.username_rules()
            .into_iter()
            .map(|rule| RuleCheck {
                rule,
                message: self.message(rule),
                met: self.username_meets(rule, username),
            })
            .collect()
    }

    /// Whether `username` meets one username rule.
    pub fn username_meets(&self, rule: Rule, username: &str) -> bool {
        match rule {
            Rule::UsernameLength => {
                let n = username.chars().count();
                (self.username_min..=self.username_max).contains(&n)
            }
            Rule::UsernameNoSpaces => !username.chars().any(char::is_whitespace),
            Rule::UsernameNoAsterisk => !username.contains('*'),
            Rule::UsernameAllowedChars => username
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '*')
                .all(|c| c.is_ascii_alphanumeric() || USERNAME_SPECIALS.contains(&c)),
            _ => true,
        }
    }

    /// All the client-checkable password rules `password` breaks, given the
    /// username it will belong to (empty when it is valid). The server adds
    /// [`Rule::PasswordNotPrevious`] and [`Rule::PasswordNotCommon`].
    pub fn validate_password(&self, password: &str, username: &str) -> Vec<Rule> {
        self.password_rules()
            .into_iter()
            .filter(|r| !r.is_server_checked())
            .filter(|&r| !self.password_meets(r, password, username))
            .collect()
    }

    /// The live password checklist: each client-checkable rule with whether
    /// `password` meets it.
    pub fn password_checklist(&self, password: &str, username: &str) -> Vec<RuleCheck> {
        self.password_rules()
            .into_iter()
            .filter(|r| !r.is_server_checked())
            .map(|rule| RuleCheck {
                rule,
                message: self.message(rule),
                met: self.password_meets(rule, password, username),
            })
            .collect()
    }

    /// Whether `password` meets one client-checkable rule. Server-checked
    /// rules always report `true` here.
    pub fn password_meets(&self, rule: Rule, password: &str, username: &str) -> bool {
        let chars = || password.chars();
        match rule {
            Rule::PasswordLength => {
                let n = chars().count();
                (self.password_min..=self.password_max).contains(&n)
            }
            Rule::PasswordNoSpaces => !chars().any(char::is_whitespace),
            Rule::PasswordNotUsername => {
                let user = username.trim();
                user.is_empty() || !password.to_lowercase().contains(&user.to_lowercase())
            }
            Rule::PasswordCharClasses => {
                self.char_classes(password) >= self.min_char_classes.unwrap_or(0)
            }
            Rule::PasswordAllowedChars => match self.password_specials {
                Some(specials) => chars()
                    .filter(|c| !c.is_whitespace())
                    .all(|c| c.is_ascii_alphanumeric() || specials.contains(&c)),
                None => true,
            },
            Rule::PasswordUpperAndLower => {
                chars().any(char::is_uppercase) && chars().any(char::is_lowercase)
            }
            Rule::PasswordDigit => chars().any(|c| c.is_ascii_digit()),
            Rule::PasswordSymbol => chars().any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
            Rule::PasswordPrintable => !chars().any(char::is_control),
            Rule::PasswordNoContextWords => {
                let folded: String = password
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                !CONTEXT_WORDS.iter().any(|w| folded.contains(w))
            }
            _ => true,
        }
    }

    /// How many of the four classes (uppercase, lowercase, digit, allowed
    /// special) `password` uses.
    pub fn char_classes(&self, password: &str) -> usize {
        let has = |f: &dyn Fn(char) -> bool| password.chars().any(f);
        let specials = self.password_specials.unwrap_or(MEMBER_PASSWORD_SPECIALS);
        [
            has(&|c| c.is_ascii_uppercase()),
            has(&|c| c.is_ascii_lowercase()),
            has(&|c| c.is_ascii_digit()),
            has(&|c| specials.contains(&c)),
        ]
        .into_iter()
        .filter(|&b| b)
        .count()
    }
}

/// The case-folded form a username is stored and compared in
/// (`Alex01` and `alex01` are the same account).
pub fn normalize_username(username: &str) -> String {
    username.to_lowercase()
}

/// Candidate usernames derived from a taken one, each valid under `policy`,
/// in the order they should be offered. The server filters out the taken
/// ones and offers the first few. `seed` varies the numeric suffixes.
pub fn username_candidates(policy: &CredentialPolicy, taken: &str, seed: u32) -> Vec<String> {
    let stem: String = normalize_username(taken)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || USERNAME_SPECIALS.contains(c))
        .collect();
    let mut out = Vec::new();
    for i in 0..12u32 {
        let n = (seed.wrapping_add(i.wrapping_mul(37))) % 100;
        let suffixes = [format!("{n}"), format!("_{n}"), format!(".{n:02}")];
        for suffix in suffixes {
            let room = policy.username_max.saturating_sub(suffix.chars().count());
            let mut base: String = stem.chars().take(room).collect();
            while base.chars().count() + suffix.chars().count() < policy.username_min {
                base.push('x');
            }
            let candidate = format!("{base}{suffix}");
            if policy.validate_username(&candidate).is_empty()
                && candidate != normalize_username(taken)
                && !out.contains(&candidate)
            {
                out.push(candidate);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn member() -> CredentialPolicy {
        CredentialPolicy::from_preset(PolicyPreset::Member)
    }

    /// Each password breaks exactly the rules listed (in any order).
    fn check_passwords(p: &CredentialPolicy, user: &str, cases: &[(&str, &[Rule])]) {
        for (input, expected) in cases {
            let mut got = p.validate_password(input, user);
            got.sort();
            let mut want = expected.to_vec();
            want.sort();
            assert_eq!(got, want, "{:?} password {input:?}", p.preset);
        }
    }

    #[test]
    fn username_table() {
        use Rule::*;
        let cases: &[(&str, &[Rule])] = &[
            ("abcd", &[UsernameLength]),
            ("abcde", &[]),
            ("abcdefghij", &[]),
            ("abcdefghijk", &[UsernameLength]),
            ("", &[UsernameLength]),
            ("al ex01", &[UsernameNoSpaces]),
            ("alex*01", &[UsernameNoAsterisk]),
            ("alex!01", &[UsernameAllowedChars]),
            ("a.b_c-d9", &[]),
            ("Alex01", &[]),
            ("äbcde", &[UsernameAllowedChars]),
            (
                "a* b!",
                &[UsernameAllowedChars, UsernameNoSpaces, UsernameNoAsterisk],
            ),
            ("a*", &[UsernameLength, UsernameNoAsterisk]),
            ("  ", &[UsernameLength, UsernameNoSpaces]),
        ];
        for (input, expected) in cases {
            let mut got = member().validate_username(input);
            got.sort();
            let mut want = expected.to_vec();
            want.sort();
            assert_eq!(got, want, "username {input:?}");
        }
    }

    #[test]
    fn usernames_are_case_folded() {
        assert_eq!(normalize_username("Alex01"), normalize_username("alex01"));
        assert_eq!(normalize_username("ALEX.01"), "alex.01");
    }

    #[test]
    fn member_password_table() {
        use Rule::*;
        let user = "alex01";
        let cases: &[(&str, &[Rule])] = &[
            ("Abcdef1", &[PasswordLength]),
            ("Abcdefg1", &[]),
            ("Abcdefghijklmnopqrstuvwxyz123456", &[]),
            ("Abcdefghijklmnopqrstuvwxyz1234567", &[PasswordLength]),
            // class combinations: 1 and 2 classes fail, 3 and 4 pass
            ("abcdefgh", &[PasswordCharClasses]),
            ("ABCDEFGH", &[PasswordCharClasses]),
            ("12345678", &[PasswordCharClasses]),
            ("@@@@....", &[PasswordCharClasses]),
            ("abcdEFGH", &[PasswordCharClasses]),
            ("abcd1234", &[PasswordCharClasses]),
            ("abcd@.-_", &[PasswordCharClasses]),
            ("ABCD1234", &[PasswordCharClasses]),
            ("ABCD@@@@", &[PasswordCharClasses]),
            ("1234@@@@", &[PasswordCharClasses]),
            ("abcDEF12", &[]),
            ("abcDEF@@", &[]),
            ("abc123@@", &[]),
            ("ABC123@@", &[]),
            ("aBc123@.", &[]),
            ("Demo.Pass1", &[]),
            ("Demo Pass1", &[PasswordNoSpaces]),
            ("Demo!Pass1", &[PasswordAllowedChars]),
            ("Demo#Pass 1", &[PasswordNoSpaces, PasswordAllowedChars]),
            ("xxALEX01xx", &[PasswordNotUsername]),
            ("Alex01.Go", &[PasswordNotUsername]),
            ("", &[PasswordLength, PasswordCharClasses]),
        ];
        check_passwords(&member(), user, cases);
    }

    #[test]
    fn password_is_case_sensitive_but_not_username_check() {
        let p = member();
        assert!(p.validate_password("Demo.Pass1", "member1").is_empty());
        assert_ne!(
            p.validate_password("MEMBER1.x", "member1"),
            Vec::<Rule>::new()
        );
    }

    #[test]
    fn strong_preset_table() {
        use Rule::*;
        let p = CredentialPolicy::from_preset(PolicyPreset::Strong);
        let cases: &[(&str, &[Rule])] = &[
            ("Abcdefgh12!", &[PasswordLength]),
            ("Abcdefgh123!", &[]),
            ("abcdefgh123!", &[PasswordUpperAndLower]),
            ("ABCDEFGH123!", &[PasswordUpperAndLower]),
            ("Abcdefghijk!", &[PasswordDigit]),
            ("Abcdefgh1234", &[PasswordSymbol]),
            ("Abcdefgh 123!", &[PasswordNoSpaces]),
            ("Abc#def(gh)1~", &[]),
        ];
        check_passwords(&p, "someone", cases);
    }

    #[test]
    fn provider_preset_table() {
        use Rule::*;
        let p = CredentialPolicy::from_preset(PolicyPreset::Provider);
        let cases: &[(&str, &[Rule])] = &[
            ("abcdefg1", &[]),
            ("abcdef1", &[PasswordLength]),
            ("abcdefgh", &[PasswordDigit]),
            ("a!#$%^&*1", &[]),
            ("drsmith01", &[PasswordNotUsername]),
            ("abcdefghijklmnopqrstuvwxyz1234567", &[PasswordLength]),
        ];
        check_passwords(&p, "drsmith", cases);
    }

    #[test]
    fn nist_preset_table() {
        use Rule::*;
        let p = CredentialPolicy::from_preset(PolicyPreset::Nist);
        let cases: &[(&str, &[Rule])] = &[
            // length only: no composition rules at all
            ("correcthorsebat", &[]),
            ("correcthorseba", &[PasswordLength]),
            ("aaaaaaaaaaaaaaa", &[]),
            ("correct horse battery staple", &[]),
            ("ünïcödé pässwörd ✓", &[]),
            ("tab\there is not printable", &[PasswordPrintable]),
            ("line\nbreak is not printable", &[PasswordPrintable]),
            ("my evergreen password", &[PasswordNoContextWords]),
            ("Ever-Green health 2026", &[PasswordNoContextWords]),
            ("i am drsmith01 really", &[PasswordNotUsername]),
            (&"x".repeat(128), &[]),
            (&"x".repeat(129), &[PasswordLength]),
            ("", &[PasswordLength]),
        ];
        check_passwords(&p, "drsmith01", cases);
    }

    #[test]
    fn nist_two_step_lowers_the_minimum_to_eight() {
        let p = CredentialPolicy::from_preset(PolicyPreset::Nist);
        let cases: &[(bool, &str, bool)] = &[
            (false, "eightchr", false),
            (true, "eightchr", true),
            (true, "sevench", false),
            (false, "fifteen chars!!", true),
        ];
        for (two_step, pw, ok) in cases {
            let got = p.with_two_step(*two_step).validate_password(pw, "someone");
            assert_eq!(got.is_empty(), *ok, "{pw:?} two-step {two_step}: {got:?}");
        }
        assert!(p.message(Rule::PasswordLength).contains("8 or more"));
        assert_eq!(
            member().with_two_step(true),
            member(),
            "member preset unchanged"
        );
    }

    #[test]
    fn nist_has_no_composition_rules() {
        let rules = CredentialPolicy::from_preset(PolicyPreset::Nist).password_rules();
        for r in [
            Rule::PasswordCharClasses,
            Rule::PasswordAllowedChars,
            Rule::PasswordNoSpaces,
            Rule::PasswordUpperAndLower,
            Rule::PasswordDigit,
            Rule::PasswordSymbol,
        ] {
            assert!(!rules.contains(&r), "{r:?}");
        }
        assert!(rules.contains(&Rule::PasswordNotCommon));
    }

    #[test]
    fn every_rule_has_distinct_code_and_message() {
        for preset in PolicyPreset::ALL {
            let p = CredentialPolicy::from_preset(preset);
            let rules: Vec<Rule> = p
                .username_rules()
                .into_iter()
                .chain(p.password_rules())
                .collect();
            let mut codes: Vec<_> = rules.iter().map(|r| r.code()).collect();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), rules.len());
            for r in rules {
                assert!(!p.message(r).is_empty());
                let json = serde_json::to_string(&r).expect("serialize");
                assert_eq!(json, format!("\"{}\"", r.code()));
            }
        }
    }

    #[test]
    fn member_allowed_chars_message_names_the_specials() {
        let p = member();
        assert!(p.message(Rule::PasswordAllowedChars).contains("@ . _ -"));
    }

    #[test]
    fn presets_parse() {
        assert_eq!(PolicyPreset::parse("STRONG"), Some(PolicyPreset::Strong));
        assert_eq!(PolicyPreset::parse("nope"), None);
        assert_eq!(PolicyPreset::parse("nist"), Some(PolicyPreset::Nist));
    }

    #[test]
    fn checklist_matches_validation() {
        let p = member();
        let list = p.password_checklist("abc", "alex01");
        let broken: Vec<Rule> = list.iter().filter(|c| !c.met).map(|c| c.rule).collect();
        assert_eq!(broken, p.validate_password("abc", "alex01"));
        assert!(list.iter().all(|c| !c.rule.is_server_checked()));
    }

    #[test]
    fn suggestions_are_valid_and_differ_from_taken() {
        let p = member();
        for taken in ["member1", "abcdefghij", "ab", "x*y z"] {
            let s = username_candidates(&p, taken, 7);
            assert!(s.len() >= 3, "{taken}: {s:?}");
            for c in s {
                assert!(p.validate_username(&c).is_empty(), "{c}");
                assert_ne!(c, normalize_username(taken));
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_unicode(u in "\\PC*", pw in "\\PC*") {
            for preset in PolicyPreset::ALL {
                let p = CredentialPolicy::from_preset(preset);
                let _ = p.validate_username(&u);
                let _ = p.validate_password(&pw, &u);
                let _ = p.password_checklist(&pw, &u);
            }
        }

        #[test]
        fn accepted_password_meets_each_rule_alone(pw in "[A-Za-z0-9@._\\-!# ]{0,40}", user in "[a-z0-9]{5,10}") {
            for preset in PolicyPreset::ALL {
                let p = CredentialPolicy::from_preset(preset);
                if p.validate_password(&pw, &user).is_empty() {
                    let n = pw.chars().count();
                    prop_assert!(n >= p.password_min && n <= p.password_max);
                    prop_assert!(!pw.to_lowercase().contains(&user));
                    if p.password_no_spaces { prop_assert!(!pw.contains(' ')); }
                    if p.printable_only { prop_assert!(!pw.chars().any(char::is_control)); }
                    if let Some(k) = p.min_char_classes { prop_assert!(p.char_classes(&pw) >= k); }
                    if p.require_digit { prop_assert!(pw.chars().any(|c| c.is_ascii_digit())); }
                }
            }
        }

        #[test]
        fn accepted_username_meets_each_rule_alone(u in "[A-Za-z0-9._\\-* !]{0,14}") {
            let p = member();
            if p.validate_username(&u).is_empty() {
                let n = u.chars().count();
                prop_assert!((5..=10).contains(&n));
                prop_assert!(!u.contains('*') && !u.contains(' '));
                prop_assert!(u.chars().all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c)));
            }
        }

        #[test]
        fn username_rules_ignore_case(u in "[A-Za-z0-9._\\-]{0,14}") {
            let p = member();
            prop_assert_eq!(p.validate_username(&u), p.validate_username(&normalize_username(&u)));
        }
    }
}
