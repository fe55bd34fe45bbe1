//! Health plans as a member shops for them: the plan design of the
//! cost-sharing engine ([`crate::cost::PlanDesign`]) plus what a catalogue
//! shows (type, metal tier, HSA eligibility, network, monthly premiums per
//! coverage tier), the side-by-side comparison ([`compare`]) and the
//! household's coverage tier.

pub mod api;
pub mod compare;

use crate::api::Relationship;
use crate::code_enum::code_enum;
use crate::cost::PlanDesign;
use crate::money::Money;
use serde::{Deserialize, Serialize};

code_enum! {
    /// How the plan's network works.
    PlanType {
        /// Health maintenance organization: in network only, referrals from a primary care doctor.
        Hmo = "hmo" / "HMO",
        /// Preferred provider organization: out-of-network care covered at a higher cost.
        Ppo = "ppo" / "PPO",
        /// Exclusive provider organization: in network only, no referrals.
        Epo = "epo" / "EPO",
        /// High-deductible health plan (pairs with a health savings account).
        Hdhp = "hdhp" / "HDHP",
    }
}

code_enum! {
    /// The ACA metal tier: roughly how much of the cost the plan pays.
    MetalTier {
        /// About 60%.
        Bronze = "bronze" / "Bronze",
        /// About 70%.
        Silver = "silver" / "Silver",
        /// About 80%.
        Gold = "gold" / "Gold",
        /// About 90%.
        Platinum = "platinum" / "Platinum",
    }
}

code_enum! {
    /// Who the premium covers.
    CoverageTier {
        /// The subscriber alone.
        MemberOnly = "member_only" / "Member only",
        /// Subscriber and spouse.
        MemberSpouse = "member_spouse" / "Member + spouse",
        /// Subscriber and children.
        MemberChildren = "member_children" / "Member + children",
        /// Subscriber, spouse and children.
        Family = "family" / "Family",
    }
}

impl CoverageTier {
    /// The tier of a household from its members' relationships.
    pub fn of_household(relationships: &[Relationship]) -> Self {
        let spouse = relationships.contains(&Relationship::Spouse);
        let child = relationships.contains(&Relationship::Child);
        match (spouse, child) {
            (false, false) => Self::MemberOnly,
            (true, false) => Self::MemberSpouse,
            (false, true) => Self::MemberChildren,
            (true, true) => Self::Family,
        }
    }
}

/// Monthly premiums (the member's share) per coverage tier.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Premiums {
    /// Member only.
    pub member_only: Money,
    /// Member + spouse.
    pub member_spouse: Money,
    /// Member + children.
    pub member_children: Money,
    /// Family.
    pub family: Money,
}

impl Premiums {
    /// The monthly premium of a tier.
    pub fn monthly(&self, tier: CoverageTier) -> Money {
        match tier {
            CoverageTier::MemberOnly => self.member_only,
            CoverageTier::MemberSpouse => self.member_spouse,
            CoverageTier::MemberChildren => self.member_children,
            CoverageTier::Family => self.family,
        }
    }

    /// Twelve months of a tier's premium.
    pub fn yearly(&self, tier: CoverageTier) -> Money {
        Money::from_cents(self.monthly(tier).cents().saturating_mul(12))
    }
}

/// A plan in the catalogue: its design plus what a shopper compares.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Plan code (`EVG-GLD-PPO-2027`).
    pub id: String,
    /// Marketing name.
    pub name: String,
    /// Plan year.
    pub year: i32,
    /// HMO, PPO, EPO or HDHP.
    pub plan_type: PlanType,
    /// Metal tier.
    pub metal: MetalTier,
    /// Eligible to pair with a health savings account.
    pub hsa_eligible: bool,
    /// Network name.
    pub network: String,
    /// Monthly premiums per coverage tier.
    pub premiums: Premiums,
    /// The cost-sharing design the engine prices services with.
    pub design: PlanDesign,
}

impl Plan {
    /// Whether out-of-network care (other than emergencies) is covered.
    pub fn covers_out_of_network(&self) -> bool {
        self.design.out_of_network.is_some()
    }
}
