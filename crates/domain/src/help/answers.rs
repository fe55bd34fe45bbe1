//! The help centre's questions and answers.
//!
//! The username and password answers are written from the rules in force:
//! the [`CredentialPolicy`] of the server's preset (`GET /api/v1/policy`)
//! and its [`SignInLimits`], so a change of preset or lockout changes the
//! help with it and no rule is written twice. The security answers describe
//! what this portal does (argon2id hashes, `HttpOnly` `SameSite=Strict`
//! session cookies, two-step verification, sign-in history).

use crate::api::SignInLimits;
use crate::credentials::{CredentialPolicy, Rule};
use crate::member_id::{BASE_DIGITS, SUFFIX_DIGITS};
use crate::routes::Page;

/// The help centre's groups of questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Who to call.
    Contact,
    /// Registration, username and password, signing in.
    Account,
    /// How the portal keeps data safe; privacy; accessibility; browsers.
    Security,
    /// The glossary.
    Glossary,
}

impl Group {
    /// Every group, in page order.
    pub const ALL: [Group; 4] = [Self::Contact, Self::Account, Self::Security, Self::Glossary];

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Self::Contact => "Contact information",
            Self::Account => "Username & password",
            Self::Security => "Security & transactions",
            Self::Glossary => "Glossary",
        }
    }

    /// The section's anchor.
    pub fn id(self) -> &'static str {
        match self {
            Self::Contact => "contact",
            Self::Account => "username-password",
            Self::Security => "security",
            Self::Glossary => "glossary",
        }
    }
}

/// One question and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Anchor (`forgot-password`).
    pub id: &'static str,
    /// Its group.
    pub group: Group,
    /// The question, as a member would ask it.
    pub question: String,
    /// The answer's paragraphs.
    pub paragraphs: Vec<String>,
    /// A list after the paragraphs (may be empty).
    pub items: Vec<String>,
    /// Pages that do what the answer says, with their link text.
    pub links: Vec<(&'static str, Page)>,
}

impl Answer {
    fn new(id: &'static str, group: Group, question: &str) -> Self {
        Self {
            id,
            group,
            question: question.into(),
            paragraphs: Vec::new(),
            items: Vec::new(),
            links: Vec::new(),
        }
    }

    fn say(mut self, p: impl Into<String>) -> Self {
        self.paragraphs.push(p.into());
        self
    }

    fn list(mut self, items: impl IntoIterator<Item = String>) -> Self {
        self.items.extend(items);
        self
    }

    fn link(mut self, text: &'static str, page: Page) -> Self {
        self.links.push((text, page));
        self
    }

    /// Whether every word of `query` begins a word of the question, the
    /// answer or its list (case-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        text_matches(
            &format!(
                "{} {} {}",
                self.question,
                self.paragraphs.join(" "),
                self.items.join(" ")
            ),
            query,
        )
    }
}

/// Whether every word of `query` begins a word of `text`
/// (case-insensitive); never for a query without words.
pub fn text_matches(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let query = query.to_lowercase();
    let mut wanted = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    wanted.peek().is_some() && wanted.all(|q| words.iter().any(|w| w.starts_with(q)))
}

/// A rule's message without the "Username: " prefix the checklist uses.
fn plain(policy: &CredentialPolicy, rule: Rule) -> String {
    let m = policy.message(rule);
    m.strip_prefix("Username: ")
        .map(str::to_string)
        .unwrap_or(m)
}

/// The example member ID of the answers: as printed, and as typed.
fn example_member_id() -> (String, String) {
    let base: String = "100200300".chars().take(BASE_DIGITS).collect();
    let suffix: String = "02".chars().take(SUFFIX_DIGITS).collect();
    (format!("{base}*{suffix}"), format!("{base}{suffix}"))
}

/// The username and password answers under `policy` and `limits`.
pub fn account_answers(policy: &CredentialPolicy, limits: &SignInLimits) -> Vec<Answer> {
    let (printed, typed) = example_member_id();
    let g = Group::Account;
    let password_rules: Vec<String> = policy
        .password_rules()
        .into_iter()
        .filter(|r| !r.is_server_checked())
        .map(|r| policy.message(r))
        .collect();
    let lockout = format!(
        "After {} failed sign-ins in a row, your account is locked for {} minutes, to keep out anyone guessing your password.",
        limits.lockout_attempts, limits.lockout_minutes
    );
    vec![
        Answer::new("register", g, "How do I create an account?")
            .say("Choose \u{201c}Create an account\u{201d} on the sign-in page. You need your member ID card, or the activation code from a letter we mailed you.")
            .say(format!("Type your member ID without the asterisk, but with the {SUFFIX_DIGITS} digits after it: if your card shows {printed}, type {typed}. With it you give your date of birth and the last 4 digits of your Social Security number."))
            .say("Then choose a username and a password (their rules are below). Each person on a plan has their own member ID (the digits after the asterisk differ) and their own account.")
            .link("Create an account", Page::Register),
        Answer::new("username-rules", g, "What can my username be?")
            .say("Your username must have:")
            .list(policy.username_rules().into_iter().map(|r| plain(policy, r)))
            .say("Usernames are not case sensitive: ALEX.M and alex.m are the same username. Passwords are case sensitive."),
        Answer::new("password-rules", g, "What does my password need?")
            .say(format!("Passwords follow the plan's \u{201c}{}\u{201d} rules. Your password needs:", policy.preset.as_str()))
            .list(password_rules),
        Answer::new("password-reuse", g, "Can I use an old password, or a common one?")
            .say(format!("No. A new password must be: {}; and {}. We check these when you send the form, because only we hold the list of your previous passwords (as hashes we cannot read) and of commonly used passwords.",
                policy.message(Rule::PasswordNotPrevious).to_lowercase(),
                policy.message(Rule::PasswordNotCommon).to_lowercase())),
        Answer::new("username-taken", g, "What if the username I want is taken?")
            .say("Usernames are unique. If yours is taken, the form says so and suggests a few free usernames built from the one you typed: choose one, or type another.")
            .say("If you think the taken username is yours, you may already have an account: use \u{201c}Forgot username?\u{201d} instead of registering again."),
        Answer::new("forgot-username", g, "I forgot my username")
            .say("Use \u{201c}Forgot username?\u{201d} and give your member ID, name and date of birth. We send your username to every email address and mobile phone on file; we never show it on the page. If we have no email or phone for you, call Member Services.")
            .link("Forgot username", Page::ForgotUsername),
        Answer::new("forgot-password", g, "I forgot my password")
            .say("Use \u{201c}Forgot password?\u{201d}: after you give your member ID, name and date of birth, we send a 6-digit code to your email and mobile phone on file. Enter it with a new password. The code works once, for a short time. If two-step verification is on, you also need a code from your authenticator app or a recovery code.")
            .link("Forgot password", Page::ForgotPassword),
        Answer::new("change-username", g, "How do I change my username or password?")
            .say("Sign in and open Account. Under Security you can choose a new username or a new password; both ask for your current password. The new ones follow the same rules as at registration, and your other devices are signed out after a password change.")
            .link("Account settings", Page::Account),
        Answer::new("cannot-sign-in", g, "Why can't I sign in?")
            .say("The most common reasons, in order:")
            .list([
                "Caps Lock is on: passwords are case sensitive (usernames are not).".to_string(),
                "You changed your password on another device: use the new one.".to_string(),
                "You are typing your member ID instead of your username: your username is what you chose when you registered.".to_string(),
                format!("Your account is locked. {lockout} Wait until then, or unlock it now with a code sent to your email or phone."),
                "Two-step verification is on and the code was refused: codes change every 30 seconds, so check that your phone's clock is set automatically, or use a recovery code.".to_string(),
                "Your browser blocks cookies or is too old: see \u{201c}Which browsers work?\u{201d} below, which checks your browser.".to_string(),
            ])
            .link("Unlock your account", Page::Unlock)
            .link("Forgot password", Page::ForgotPassword),
        Answer::new("legacy-sign-in", g, "I signed in to the old website with my ID number and PIN")
            .say(format!("The first time, sign in with them here: type your ID number (your member ID without the asterisk, like {typed}) as the username and your PIN ({}-{} digits) as the password.", crate::legacy::PIN_MIN, crate::legacy::PIN_MAX))
            .say(format!("You then choose a username and a password of your own (the rules above), within {} minutes. The PIN works only that once; from then on, sign in with your new username and password.", crate::legacy::TICKET_MINUTES))
            .link("Sign in", Page::Login),
        Answer::new("session-ends", g, "Why was I signed out?")
            .say(format!("For your safety a session ends after {} minutes without activity (we warn you first and you can stay signed in), and after {} hours in all. Signing out on a shared computer ends it at once.", limits.idle_minutes, limits.session_hours)),
    ]
}

/// The security, privacy and accessibility answers.
pub fn security_answers() -> Vec<Answer> {
    let g = Group::Security;
    vec![
        Answer::new("protection", g, "How does the portal protect my information?")
            .list([
                "Passwords are stored only as argon2id hashes, which cannot be turned back into the password; no one at the plan can see your password.".to_string(),
                "Your session is a random key in a cookie that scripts cannot read (HttpOnly) and that other sites cannot send (SameSite=Strict); it ends when you sign out, after a time without activity, or when you sign out everywhere.".to_string(),
                "Pages may only run the portal's own code: no advertising, analytics or third-party scripts.".to_string(),
                "Every sign-in, failed sign-in and security change is recorded in your sign-in history, and we tell you by email or text when your password or contact details change, or when someone signs in from a new device or browser.".to_string(),
                "Family members see each other's claims only when the person they belong to has agreed.".to_string(),
            ]),
        Answer::new("your-part", g, "What can I do to keep my account safe?")
            .list([
                "Turn on two-step verification: after your password, the portal asks for a code from an authenticator app on your phone.".to_string(),
                "Check your sign-in history now and then, and use \u{201c}Sign out everywhere\u{201d} if you see a sign-in that was not you; then change your password.".to_string(),
                "Use a password you do not use anywhere else, and never share it: the plan will never ask for it by phone, email or text.".to_string(),
            ])
            .link("Security settings", Page::Account),
        Answer::new("transactions", g, "How do I know a change went through?")
            .say("Every change you make here (a plan change, new contact details, a new password) is confirmed on the page; a plan change gets a confirmation number to quote if you call us, and stays cancellable while it is pending. A new password or new contact details are also confirmed to your email or phone on file.")
            .link("Plans", Page::Plans),
        Answer::new("privacy", g, "Privacy notice for this website")
            .say("This notice is about the member portal. How the plan uses and shares your health information is explained in our Notice of Privacy Practices under HIPAA, which you can ask Member Services for at any time, free of charge.")
            .say("What the portal keeps: your account (username, a hash of your password, the email and phone you give us, your alert and sharing choices), and your sign-in history (when, from which address and which kind of browser) to protect your account. It uses two cookies, both needed for the site to work: the session cookie while you are signed in, and, if you choose to trust a device at two-step verification, a cookie that remembers it. We do not use advertising or tracking cookies and we do not sell your information.")
            .say("Your health information appears only on pages you open while signed in. Our server logs record the kind of request and its result, never the search words or the details of your claims."),
        Answer::new("accessibility", g, "Accessibility statement")
            .say("We want everyone to be able to use the portal. It aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA: every page works with a keyboard and with screen readers, text can be enlarged to 200% without losing content, and every page is checked with automated accessibility tests at phone and desktop sizes before each release.")
            .say("If something does not work for you, or you need a letter, an explanation of benefits or this site's information in large print, Braille, audio or another format, call Member Services (TTY 711). These aids are free.")
            .link("Language assistance and nondiscrimination", Page::Nondiscrimination),
        Answer::new("browsers", g, "Which browsers work? I cannot see my claims")
            .say("The check below looks at the browser you are using now. The portal needs cookies, JavaScript and WebAssembly, which every browser in the list has."),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::PolicyPreset;

    #[test]
    fn account_answers_follow_the_policy_in_force() {
        let limits = SignInLimits {
            lockout_attempts: 3,
            lockout_minutes: 20,
            idle_minutes: 10,
            session_hours: 8,
        };
        for preset in PolicyPreset::ALL {
            let policy = CredentialPolicy::from_preset(preset);
            let answers = account_answers(&policy, &limits);
            let rules = answers
                .iter()
                .find(|a| a.id == "password-rules")
                .expect("password rules");
            assert!(rules.items.contains(&policy.message(Rule::PasswordLength)));
            assert!(rules.paragraphs[0].contains(preset.as_str()));
            let username = answers
                .iter()
                .find(|a| a.id == "username-rules")
                .expect("username rules");
            assert!(username.items[0].contains(&format!(
                "{} to {}",
                policy.username_min, policy.username_max
            )));
            let cannot = answers
                .iter()
                .find(|a| a.id == "cannot-sign-in")
                .expect("cannot sign in");
            assert!(cannot
                .items
                .iter()
                .any(|i| i.contains("After 3 failed sign-ins") && i.contains("20 minutes")));
        }
        let strong = account_answers(
            &CredentialPolicy::from_preset(PolicyPreset::Strong),
            &limits,
        );
        assert!(strong
            .iter()
            .any(|a| a.items.iter().any(|i| i.contains("12 to 64"))));
    }

    #[test]
    fn registration_answer_shows_the_member_id_as_typed() {
        let answers = account_answers(&CredentialPolicy::default(), &SignInLimits::default());
        let register = &answers[0];
        assert!(register.paragraphs[1].contains("100200300*02"));
        assert!(register.paragraphs[1].contains("type 10020030002"));
        let typed = "10020030002";
        assert!(crate::MemberId::parse_typed(typed).is_ok());
    }

    #[test]
    fn answers_match_searches() {
        let answers = account_answers(&CredentialPolicy::default(), &SignInLimits::default());
        let security = security_answers();
        let ids = |q: &str| -> Vec<&str> {
            answers
                .iter()
                .chain(security.iter())
                .filter(|a| a.matches(q))
                .map(|a| a.id)
                .collect()
        };
        assert!(ids("locked").contains(&"cannot-sign-in"));
        assert!(ids("FORGOT pass").contains(&"forgot-password"));
        assert!(ids("").is_empty());
        assert!(ids("zebra").is_empty());
        let mut anchors: Vec<&str> = answers.iter().map(|a| a.id).collect();
        anchors.extend(security_answers().iter().map(|a| a.id));
        let n = anchors.len();
        anchors.sort_unstable();
        anchors.dedup();
        assert_eq!(anchors.len(), n, "anchors are unique");
    }
}
