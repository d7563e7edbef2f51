//! The referral life cycle: which moves are allowed, what each stage asks of the seeker
//! (the follow-up kith leaves on the agenda), and whether a relationship is ready for the
//! ask at all.

use serde::Serialize;

use super::ReferralStage;
use crate::intro::readiness;
use crate::outreach::Favours;
use crate::parse::ParseError;
use crate::relationship::Stage;

/// A referral only moves forward (stages may be skipped: a referrer who submits without
/// asking for materials goes from agreed to submitted). Thanking is the last stage and is
/// allowed from anywhere once asked, so a "no" can be thanked too.
pub fn check_move(from: ReferralStage, to: ReferralStage) -> Result<(), ParseError> {
    if to > from {
        return Ok(());
    }
    let expected = ReferralStage::ALL
        .iter()
        .filter(|s| **s > from)
        .map(|s| s.as_str())
        .collect::<Vec<_>>();
    let expected = if expected.is_empty() {
        format!("nothing: the referral is {from}, the end of its life cycle")
    } else {
        format!("a later stage than {from}: one of {}", expected.join(", "))
    };
    Err(ParseError::new("referral stage", to.as_str(), expected))
}

/// The follow-up a stage needs: what to do and in how many days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepFollowUp {
    pub action: String,
    pub in_days: i64,
}

/// What each stage asks of the seeker. `name` is the referrer's, `role` and `company` the
/// lead's. Considered needs the decision to ask; asked, a check-in if no answer; agreed,
/// the materials; materials sent and submitted, a check-in; outcome, a thank-you whatever
/// it was. Thanked needs nothing more.
pub fn follow_up(
    stage: ReferralStage,
    name: &str,
    role: &str,
    company: &str,
) -> Option<StepFollowUp> {
    use ReferralStage as R;
    let (action, in_days) = match stage {
        R::Considered => (
            format!(
                "Decide whether to ask {name} for a referral ({role} at {company}); talk first"
            ),
            7,
        ),
        R::Asked => (
            format!("Check in with {name} about the referral ask ({role} at {company})"),
            5,
        ),
        R::Agreed => (
            format!(
                "Send {name} your CV and a three-line blurb for the {role} referral at {company}"
            ),
            1,
        ),
        R::MaterialsSent => (
            format!("Ask {name} whether the {role} referral at {company} went in"),
            7,
        ),
        R::Submitted => (
            format!("Check in with {name} on the {role} referral at {company}; share any news"),
            14,
        ),
        R::Outcome => (
            format!("Thank {name} for the referral ({role} at {company}), whatever the outcome"),
            1,
        ),
        R::Thanked => return None,
    };
    Some(StepFollowUp { action, in_days })
}

/// Why the relationship may not be ready for a referral ask; empty when it is. Not ready:
/// the stage is below conversing or gone quiet (`intro::readiness`), or the seeker has
/// taken more help from them than given. Someone who does not work at the company (as far
/// as kith knows) can introduce the seeker to someone there but not refer them.
pub fn ask_warnings(stage: Stage, favours: Favours, works_there: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !works_there {
        out.push(
            "they do not work there as far as kith knows: ask them for an introduction to \
             someone who does (kith path COMPANY) rather than a referral"
                .to_owned(),
        );
    }
    let ready = readiness(stage);
    if !ready.ready {
        let mut line = format!("not ready for an ask: {}", ready.because);
        if let Some(nurture) = ready.nurture {
            line.push_str(&format!(" — {nurture}"));
        }
        out.push(line);
    }
    if favours.balance() < 0 {
        out.push(format!(
            "favours: {} — offer something before asking for more",
            favours.describe()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralStage as R;

    #[test]
    fn moves_go_forward_only() {
        let cases = [
            (R::Considered, R::Asked, true),
            (R::Asked, R::Agreed, true),
            (R::Agreed, R::Submitted, true),
            (R::Asked, R::Outcome, true),
            (R::Asked, R::Thanked, true),
            (R::Outcome, R::Thanked, true),
            (R::Asked, R::Asked, false),
            (R::Submitted, R::Agreed, false),
            (R::Thanked, R::Outcome, false),
            (R::Thanked, R::Thanked, false),
        ];
        for (from, to, ok) in cases {
            assert_eq!(check_move(from, to).is_ok(), ok, "{from} -> {to}");
        }
        let err = check_move(R::Thanked, R::Asked).unwrap_err().to_string();
        assert!(err.contains("end of its life cycle"), "{err}");
        let err = check_move(R::Submitted, R::Asked).unwrap_err().to_string();
        assert!(err.contains("outcome, thanked"), "{err}");
    }

    #[test]
    fn every_stage_but_thanked_leaves_a_follow_up() {
        for stage in R::ALL {
            let f = follow_up(*stage, "Ada", "Staff Engineer", "Acme");
            assert_eq!(f.is_none(), *stage == R::Thanked, "{stage}");
            if let Some(f) = f {
                assert!(f.action.contains("Ada"), "{stage}: {}", f.action);
                assert!(f.in_days >= 1, "{stage}");
            }
        }
        let thanks = follow_up(R::Outcome, "Ada", "SRE", "Acme").unwrap();
        assert!(thanks.action.starts_with("Thank Ada"), "{}", thanks.action);
        let materials = follow_up(R::Agreed, "Ada", "SRE", "Acme").unwrap();
        assert!(materials.action.contains("CV"), "{}", materials.action);
    }

    #[test]
    fn the_ask_waits_for_a_relationship_and_a_fair_balance() {
        let even = Favours::default();
        let took = Favours {
            given: 0,
            received: 2,
        };
        let cases = [
            (Stage::New, even, 1),
            (Stage::Contacted, even, 1),
            (Stage::Dormant, even, 1),
            (Stage::Conversing, even, 0),
            (Stage::Met, even, 0),
            (Stage::Advocate, even, 0),
            (Stage::Met, took, 1),
            (Stage::Contacted, took, 2),
            (
                Stage::Met,
                Favours {
                    given: 2,
                    received: 2,
                },
                0,
            ),
        ];
        for (stage, favours, n) in cases {
            let w = ask_warnings(stage, favours, true);
            assert_eq!(w.len(), n, "{stage} {favours:?}: {w:?}");
            let elsewhere = ask_warnings(stage, favours, false);
            assert_eq!(elsewhere.len(), n + 1, "{stage}: {elsewhere:?}");
            assert!(elsewhere[0].contains("introduction"), "{elsewhere:?}");
        }
    }
}
