//! The digital member ID card.

use crate::browser::long_date;
use leptos::prelude::*;
use portal_domain::api::IdCard;

/// The member ID card: plan, member, member ID in its printed form
/// (`100200300*01`), group, pharmacy routing, copays, phone numbers and
/// coverage dates. A `<section>` labelled by its own heading.
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
    let tel = |phone: &str| {
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    };
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
            <div class="id-card__face">
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
                    <div class="id-card__item">
                        <dt>"Coverage"</dt>
                        <dd>{dates}</dd>
                    </div>
                </dl>
                <div class="id-card__columns">
                    <div>
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
                    <div>
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
                    </div>
                </div>
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
                </dl>
            </div>
        </section>
    }
}
