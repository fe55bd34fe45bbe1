//! The member-rights pages: surprise billing protections (No Surprises
//! Act), the notice of nondiscrimination and language assistance (section
//! 1557 of the Affordable Care Act) with taglines, and claims and appeals
//! rights. The plan's numbers come from the contact directory; the federal
//! ones (No Surprises Help Desk, HHS Office for Civil Rights, EBSA) are
//! fixed by law and written here.
//!
//! Sources: 42 U.S.C. 300gg-111 and 300gg-131 to 300gg-135 and 45 CFR
//! 149.110 to 149.420 (surprise billing; CMS's model notice "Your Rights and
//! Protections Against Surprise Medical Bills"); 42 U.S.C. 18116 and 45 CFR
//! part 92 (nondiscrimination); 29 CFR 2560.503-1 and 45 CFR 147.136
//! (claims, appeals and external review).

use super::taglines::TAGLINES;
use super::{call_member_services, HelpFrame, Jump};
use crate::api;
use crate::state::remote::remote;
use leptos::prelude::*;
use portal_domain::claims::eob::{APPEAL_DAYS, NO_SURPRISES_HELP_DESK};
use portal_domain::help::contacts::ContactDirectory;
use portal_domain::routes::Page;

/// The contact directory as a signal (`None` until loaded or on an error:
/// the pages then say "the number on your ID card").
fn directory() -> Signal<Option<ContactDirectory>> {
    let (d, _) = remote(api::help::contacts);
    Signal::derive(move || d.get().and_then(Result::ok))
}

/// "call Member Services at ..." from the directory.
fn member_services_call(dir: Signal<Option<ContactDirectory>>) -> Signal<String> {
    Signal::derive(move || dir.with(|d| call_member_services(d.as_ref())))
}

/// A rights page: the help frame, "Help centre" above the heading, the
/// article.
#[component]
fn RightsArticle(
    /// The page's heading.
    heading: &'static str,
    /// The article below the heading.
    children: Children,
) -> impl IntoView {
    view! {
        <HelpFrame>
            <p class="breadcrumb">
                <a href=Page::Help.href()>"Help centre"</a>
            </p>
            <article class="rights">
                <h1>{heading}</h1>
                {children()}
            </article>
        </HelpFrame>
    }
}

/// `/help/surprise-billing`.
#[component]
pub fn SurpriseBillingPage() -> impl IntoView {
    crate::pages::page("Surprise billing protections");
    let dir = directory();
    let call = member_services_call(dir);
    view! {
        <RightsArticle heading="Your rights and protections against surprise medical bills">
                <p class="lead">
                    "When you get emergency care, or are treated by an out-of-network provider at an in-network hospital or ambulatory surgical center, you are protected from balance billing by the federal No Surprises Act."
                </p>
                <h2>"What is balance billing?"</h2>
                <p>
                    "When you see a doctor or other health care provider, you may owe certain out-of-pocket costs, like a copayment, coinsurance or deductible. You may have other costs or have to pay the entire bill if you see a provider or visit a health care facility that isn't in your plan's network."
                </p>
                <p>
                    "\u{201c}Out-of-network\u{201d} means providers and facilities that haven't signed a contract with your plan. They may be allowed to bill you for the difference between what your plan pays and the full amount charged for a service: this is \u{201c}balance billing.\u{201d} A \u{201c}surprise bill\u{201d} is an unexpected balance bill, for example when you can't control who is involved in your care, as in an emergency or when you schedule a visit at an in-network facility and are treated by an out-of-network provider."
                </p>
                <h2>"You are protected from balance billing for:"</h2>
                <h3>"Emergency services"</h3>
                <p>
                    "If you have an emergency medical condition and get emergency services from an out-of-network provider or facility, the most they can bill you is your plan's in-network cost-sharing amount (such as copayments, coinsurance and deductibles). You can't be balance billed for these emergency services. This includes services you may get after you're in stable condition, unless you give written consent and give up your protections not to be balance billed for these post-stabilization services."
                </p>
                <h3>"Certain services at an in-network hospital or ambulatory surgical center"</h3>
                <p>
                    "When you get services from an in-network hospital or ambulatory surgical center, certain providers there may be out-of-network. In these cases, the most those providers can bill you is your plan's in-network cost-sharing amount. This applies to emergency medicine, anesthesia, pathology, radiology, laboratory, neonatology, assistant surgeon, hospitalist and intensivist services. These providers can't balance bill you and may not ask you to give up your protections not to be balance billed."
                </p>
                <p>
                    "If you get other types of services at these in-network facilities, out-of-network providers can't balance bill you, unless you give written consent and give up your protections."
                </p>
                <h3>"Air ambulance services"</h3>
                <p>
                    "Out-of-network air ambulance providers can't bill you more than your plan's in-network cost-sharing amount. Ground ambulances are not covered by the federal law; your state's law may protect you."
                </p>
                <p class="panel panel--info">
                    "You're never required to give up your protections from balance billing. You also aren't required to get out-of-network care. You can choose a provider or facility in your plan's network."
                </p>
                <h2>"When balance billing isn't allowed, you also have these protections"</h2>
                <ul>
                    <li>"You are only responsible for paying your share of the cost (like the copayments, coinsurance and deductibles that you would pay if the provider or facility were in-network). Your plan pays out-of-network providers and facilities directly."</li>
                    <li>"Your plan must cover emergency services without requiring you to get approval for services in advance (prior authorization), and must cover emergency services by out-of-network providers."</li>
                    <li>"Your plan must base what you owe the provider or facility (cost sharing) on what it would pay an in-network provider or facility, and show that amount in your explanation of benefits."</li>
                    <li>"Your plan must count any amount you pay for emergency services or out-of-network services toward your deductible and out-of-pocket limit."</li>
                </ul>
                <p>
                    "Your explanation of benefits says when a claim is protected: open the claim from your claims list and look for \u{201c}You're protected from surprise bills.\u{201d}"
                </p>
                <h2 id="report">"If you think you've been wrongly billed"</h2>
                <p>
                    {format!("Don't pay more than the amount your explanation of benefits says you owe. Call the federal No Surprises Help Desk at {NO_SURPRISES_HELP_DESK}, or visit ")}
                    <span class="mono">"www.cms.gov/nosurprises"</span>
                    " for more information about your rights under federal law. You can also "
                    {call}
                    ", and tell the provider that the No Surprises Act applies."
                </p>
        </RightsArticle>
    }
}

/// `/help/language-assistance`.
#[component]
pub fn NondiscriminationPage() -> impl IntoView {
    crate::pages::page("Nondiscrimination and language assistance");
    let dir = directory();
    let call = member_services_call(dir);
    // The number for a language: its own line when it has one, else Member Services.
    let numbers = move |lang: &str| {
        dir.with(|d| {
            let lines = d
                .as_ref()
                .and_then(|d| d.audience("members"))
                .map(|a| a.lines.clone());
            let lines = lines.unwrap_or_default();
            let base = lang.split('-').next().unwrap_or(lang);
            let own = lines.iter().find(|l| l.lang.as_deref() == Some(base));
            let line = own.or(lines.first());
            match line {
                Some(l) => (
                    l.phone.clone().unwrap_or_default(),
                    l.tty.clone().unwrap_or_else(|| "711".into()),
                ),
                None => ("—".into(), "711".into()),
            }
        })
    };
    let taglines = move || {
        TAGLINES
            .iter()
            .map(|t| {
                let (phone, tty) = numbers(t.lang);
                let text = t.text.replace("{tty}", &tty);
                // The number is kept whole and left to right, also in Arabic.
                let (before, after) = text.split_once("{phone}").unwrap_or((text.as_str(), ""));
                let (before, after) = (before.to_string(), after.to_string());
                view! {
                    <li class="tagline">
                        <span class="tagline__language">
                            {t.english} " (" <span lang=t.lang>{t.native}</span> ")"
                        </span>
                        <p lang=t.lang dir=if t.rtl { "rtl" } else { "ltr" }>
                            {before}
                            <bdi class="phone" dir="ltr">{phone}</bdi>
                            {after}
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    let english = move || {
        let (phone, tty) = numbers("en");
        format!("Free language help is available. Call {phone} (TTY: {tty}).")
    };
    view! {
        <RightsArticle heading="Notice of nondiscrimination and language assistance">
                <p class="lead">{english}</p>
                <nav aria-label="On this page">
                    <ul class="help-topics__inline">
                        <li><Jump to="languages">"Help in your language"</Jump></li>
                        <li><Jump to="complaints">"How to file a complaint"</Jump></li>
                    </ul>
                </nav>
                <h2>"Discrimination is against the law"</h2>
                <p>
                    "Evergreen Health complies with applicable federal civil rights laws and does not discriminate on the basis of race, color, national origin, age, disability or sex. Evergreen Health does not exclude people or treat them differently because of race, color, national origin, age, disability or sex."
                </p>
                <h2>"Free aids and services"</h2>
                <p>"Evergreen Health provides, free of charge:"</p>
                <ul>
                    <li>"Aids and services to people with disabilities to communicate effectively with us, such as qualified sign language interpreters, and written information in other formats (large print, audio, accessible electronic formats, Braille)."</li>
                    <li>"Language services to people whose primary language is not English, such as qualified interpreters and information written in other languages."</li>
                </ul>
                <p>"If you need these services, " {call} "."</p>
                <h2 id="complaints" tabindex="-1">"How to file a complaint"</h2>
                <p>
                    "If you believe that Evergreen Health has failed to provide these services or discriminated in another way on the basis of race, color, national origin, age, disability or sex, you can file a grievance with our Civil Rights Coordinator. To file one, or if you need help filing one, "
                    {call}
                    "; you can file it by phone or in writing."
                </p>
                <p>
                    "You can also file a civil rights complaint with the U.S. Department of Health and Human Services, Office for Civil Rights, electronically through the Office for Civil Rights Complaint Portal at "
                    <span class="mono">"ocrportal.hhs.gov/ocr/portal/lobby.jsf"</span>
                    ", or by mail or phone at: U.S. Department of Health and Human Services, 200 Independence Avenue SW, Room 509F, HHH Building, Washington, DC 20201; 1-800-368-1019, 800-537-7697 (TDD). Complaint forms are available at "
                    <span class="mono">"www.hhs.gov/ocr/complaints"</span>
                    "."
                </p>
                <h2 id="languages" tabindex="-1">"Help in your language"</h2>
                <p>"Free interpreters are available for any language. In the languages most spoken in our service area:"</p>
                <ul class="taglines">{taglines}</ul>
        </RightsArticle>
    }
}

/// `/help/appeals`.
#[component]
pub fn AppealsRightsPage() -> impl IntoView {
    crate::pages::page("Claims and appeals rights");
    let dir = directory();
    let call = member_services_call(dir);
    view! {
        <RightsArticle heading="Your claims and appeals rights">
                <p class="lead">
                    "If we deny a claim or a request for care, in whole or in part, you can ask us to look at it again, and in many cases ask an independent reviewer."
                </p>
                <h2>"1. Ask us to reconsider: an internal appeal"</h2>
                <p>
                    {format!("You have {APPEAL_DAYS} days from the day you receive our notice of the decision to appeal. The notice (your explanation of benefits for a claim) says why we decided as we did, and the portal shows the last day to appeal on every denied claim.")}
                </p>
                <ul>
                    <li>"You, or someone you name to act for you (such as a family member or your doctor), can appeal. To appeal, " {call} ", or write to us."</li>
                    <li>"Say which claim or request you are appealing and why you think the decision is wrong. You can send written comments, documents, records and a letter from your doctor."</li>
                    <li>"You can ask, free of charge, for copies of all documents, records and other information relevant to your claim."</li>
                    <li>"The appeal is decided by someone who did not make the first decision; when it depends on a medical judgment, we consult a health care professional with the right training and experience."</li>
                </ul>
                <h2>"How long a decision takes"</h2>
                <ul>
                    <li>"Urgent care (when waiting could seriously jeopardize your life, health or ability to regain maximum function): as soon as possible, and within 72 hours. You can ask for an expedited appeal by phone."</li>
                    <li>"Care you have not yet received (a pre-service request): within 30 days."</li>
                    <li>"Care you have already received (a claim): within 60 days."</li>
                </ul>
                <p>"If we are reducing or ending a course of treatment that we approved earlier, you can appeal before it is reduced or ends, and coverage continues while the appeal is decided."</p>
                <h2>"2. Independent external review"</h2>
                <p>
                    "If we uphold our decision after your appeal, you may be able to ask for an external review by an independent review organization that has no ties to us. You have 4 months from the day you receive our final decision to ask for one. External review is available for decisions that involve medical judgment (for example, whether care is medically necessary or experimental) and for a cancellation of coverage. The reviewer's decision is binding on us."
                </p>
                <p>
                    "In urgent situations you can ask for an expedited external review at the same time as your expedited internal appeal; the reviewer then decides as quickly as your condition requires and within 72 hours. A standard external review is decided within 45 days."
                </p>
                <h2>"Other help"</h2>
                <ul>
                    <li>"If your coverage is through a private employer, you can contact the Employee Benefits Security Administration of the U.S. Department of Labor at 1-866-444-3272 (askebsa.dol.gov). You may also have a right to bring a civil action under section 502(a) of the Employee Retirement Income Security Act (ERISA) after your appeals."</li>
                    <li>"For questions about your rights, or help with an appeal, " {call} "."</li>
                </ul>
                <p>
                    <a href=Page::Claims.href()>"Find a claim in your claims list"</a>
                    " (sign-in needed): each denied claim shows its reason, its appeal deadline and what to send."
                </p>
        </RightsArticle>
    }
}
