//! The digital member ID card.

use crate::browser::long_date;
use leptos::prelude::*;
use portal_domain::api::IdCard;

/// The member ID card, front and back as on the plastic card: the front has
/// the plan, member, member ID in its printed form (`100200300*01`), group
/// and copays; the back pharmacy routing (BIN, PCN, group), phone numbers
/// and coverage dates. A `<section>` labelled by its own heading, with a
/// link to the server-made PDF.
#[component]
pub fn IdCardView(
    /// The card to show.
    card: IdCard,
    /// Heading level 2 text (defaults to "Member ID card").
    #[prop(optional, into)]
    title: MaybeProp<String>,
) -> impl IntoView {
    let heading_id = format!("id-card-{}", card.member.id);
    let labelled_by = heading_id.clone();
    let title = title
        .get_untracked()
        .unwrap_or_else(|| "Member ID card".to_string());
    let name = format!("{} {}", card.member.first_name, card.member.last_name);
    let pdf_whose = name.clone();
    let pdf_href = crate::api::coverage::card_pdf_href(card.member.id);
    let pdf_name = format!("id-card-{}.pdf", card.member.member_id.suffix());
    let png_whose = name.clone();
    let png_href = crate::api::coverage::card_png_href(card.member.id);
    let png_name = format!("id-card-{}.png", card.member.member_id.suffix());
    let tel = |phone: &str| {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    };
    let limit = |l: Option<portal_domain::cost::Limits>, deductible: bool| match l {
        Some(l) if deductible => format!(
            "{} / {}",
            l.deductible_individual.short(),
            l.deductible_family.short()
        ),
        Some(l) => format!("{} / {}", l.oop_individual.short(), l.oop_family.short()),
        None => "Not covered".to_string(),
    };
    // The PCP's name on the front (beside the group number, no extra row),
    // their phone on the back with the other numbers.
    let pcp = card.pcp.clone().map(|p| {
        view! {
            <div class="id-card__item">
                <dt>"Primary care"</dt>
                <dd>{p.name.split(',').next().unwrap_or(&p.name).to_string()}</dd>
            </div>
        }
    });
    let pcp_phone = card.pcp.clone().map(|p| {
        let href = tel(&p.phone);
        view! {
            // On screen only: the printed back is full (its test measures it).
            <div class="id-card__copay no-print">
                <dt>"Primary care"</dt>
                <dd>
                    <a href=href>{p.phone}</a>
                </dd>
            </div>
        }
    });
    let pcp_change = card.pcp_change.clone().map(|c| {
        view! {
            <p class="id-card__change">
                {format!(
                    "New primary care provider from {}: {} ({}). Your card shows them from that day.",
                    long_date(c.effective),
                    c.name,
                    c.phone
                )}
            </p>
        }
    });
    let dates = format!(
        "{} to {}",
        long_date(card.coverage_start),
        long_date(card.coverage_end)
    );
    view! {
        <section class="id-card" aria-labelledby=labelled_by>
            <h2 class="id-card__heading" id=heading_id>
                {title}
            </h2>
            <div class="id-card__faces">
            <div class="id-card__face id-card__face--front">
                <p class="visually-hidden">"Front of the card"</p>
                <div class="id-card__top">
                    <p class="id-card__plan">{card.plan.name.clone()}</p>
                    <p class="id-card__network">
                        {card.plan.plan_type.clone()} " · " {card.plan.network.clone()}
                    </p>
                </div>
                <dl class="id-card__main">
                    <div class="id-card__item">
                        <dt>"Member"</dt>
                        <dd class="id-card__name">{name}</dd>
                    </div>
                    <div class="id-card__item">
                        <dt>"Member ID"</dt>
                        <dd class="id-card__mono">{card.member.member_id.printed()}</dd>
                    </div>
                    <div class="id-card__item">
                        <dt>"Group number"</dt>
                        <dd class="id-card__mono">{card.group_number.clone()}</dd>
                    </div>
                    {pcp}
                </dl>
                <h3 class="id-card__subheading">"Copays"</h3>
                <dl class="id-card__copays">
                    {card
                        .copays
                        .iter()
                        .map(|c| {
                            view! {
                                <div class="id-card__copay">
                                    <dt>{c.label.clone()}</dt>
                                    <dd>{c.amount.to_string()}</dd>
                                </div>
                            }
                        })
                        .collect_view()}
                </dl>
            </div>
            <div class="id-card__face id-card__face--back">
                <p class="visually-hidden">"Back of the card"</p>
                <h3 class="id-card__subheading">"Pharmacy"</h3>
                <dl class="id-card__rx">
                    <div class="id-card__copay">
                        <dt>"Rx BIN"</dt>
                        <dd class="id-card__mono">{card.rx_bin.clone()}</dd>
                    </div>
                    <div class="id-card__copay">
                        <dt>"Rx PCN"</dt>
                        <dd class="id-card__mono">{card.rx_pcn.clone()}</dd>
                    </div>
                    <div class="id-card__copay">
                        <dt>"Rx group"</dt>
                        <dd class="id-card__mono">{card.rx_group.clone()}</dd>
                    </div>
                </dl>
                <dl class="id-card__phones">
                    <div class="id-card__copay">
                        <dt>"Member services"</dt>
                        <dd>
                            <a href=tel(&card.member_services_phone)>
                                {card.member_services_phone.clone()}
                            </a>
                        </dd>
                    </div>
                    <div class="id-card__copay">
                        <dt>"Provider services"</dt>
                        <dd>
                            <a href=tel(&card.provider_services_phone)>
                                {card.provider_services_phone.clone()}
                            </a>
                        </dd>
                    </div>
                    {pcp_phone}
                    <div class="id-card__copay">
                        <dt>"Coverage"</dt>
                        <dd>{dates}</dd>
                    </div>
                </dl>
                <p class="id-card__help">
                    "Help: " {card.website.clone()} " or the phone numbers above (TTY 711)"
                </p>
                <table class="id-card__limits">
                    <caption class="visually-hidden">
                        "Deductible and out-of-pocket maximum, individual / family"
                    </caption>
                    <thead>
                        <tr>
                            <td>
                                <span class="id-card__limits-note">"Individual / family"</span>
                            </td>
                            <th scope="col">"In network"</th>
                            <th scope="col">"Out of network"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"Deductible"</th>
                            <td>{limit(Some(card.limits.in_network), true)}</td>
                            <td>{limit(card.limits.out_of_network, true)}</td>
                        </tr>
                        <tr>
                            <th scope="row">"Out-of-pocket max"</th>
                            <td>{limit(Some(card.limits.in_network), false)}</td>
                            <td>{limit(card.limits.out_of_network, false)}</td>
                        </tr>
                    </tbody>
                </table>
                <p class="id-card__note">"Show this card when you get care. In an emergency, call 911."</p>
            </div>
            </div>
            {pcp_change}
            <p class="id-card__download no-print">
                <a href=pdf_href download=pdf_name rel="external">
                    "Download PDF"
                    <span class="visually-hidden">{format!(" of {pdf_whose}'s card")}</span>
                </a>
                <a href=png_href download=png_name rel="external">
                    "Download image"
                    <span class="visually-hidden">{format!(" of {png_whose}'s card")}</span>
                </a>
            </p>
            <crate::components::CardShares
                member_id=card.member.id
                first_name=card.member.first_name.clone()
            />
        </section>
    }
}
