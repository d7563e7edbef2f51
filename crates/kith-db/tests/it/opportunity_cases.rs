//! The opportunity contract: targets and the values rubric, leads, referrals with the
//! follow-ups their stages leave, applications with their histories, goals — owned, and
//! written whole or not at all — on both backends.

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::opportunity::{
    ApplicationChannel, ApplicationStatus, Goals, ReferralStage, TargetStatus, Value,
};
use kith_core::{CompanyId, Direction, InteractionKind, PersonId};
use kith_db::Database;
use kith_store::{
    FollowUpFilter, NewApplication, NewCompany, NewInteraction, NewLead, NewPerson, NewReferral,
    Store, StoreError,
};

use crate::harness::fresh_owner;

fn at(day: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + day * 86_400).unwrap()
}

async fn company(s: &dyn Store, name: &str) -> CompanyId {
    s.add_company(NewCompany {
        name: name.into(),
        ..NewCompany::default()
    })
    .await
    .unwrap()
    .id
}

async fn person(s: &dyn Store, name: &str, company: Option<&str>) -> PersonId {
    s.add_person(NewPerson {
        name: name.into(),
        company: company.map(Into::into),
        ..NewPerson::default()
    })
    .await
    .unwrap()
    .id
}

fn lead(company: CompanyId, source: Option<PersonId>, role: &str) -> NewLead {
    NewLead {
        company,
        role: role.into(),
        source,
        url: None,
        heard_at: at(0),
        note: Some("heard over coffee".into()),
        next_step: None,
    }
}

fn value(name: &str, weight: u8) -> Value {
    Value {
        name: name.into(),
        weight,
    }
}

/// Leaves one of each opportunity record (a moved referral, a moved application, scores,
/// goals) in `s`, for the backup cases.
pub(crate) async fn opportunity_network(s: &dyn Store) {
    let acme = company(s, "Opportunity Acme").await;
    let ada = person(s, "Opportunity Ada", Some("Opportunity Acme")).await;
    let chat = s
        .log_interaction(NewInteraction {
            kind: InteractionKind::CoffeeChat,
            occurred_at: at(-3),
            channel: None,
            direction: Direction::Outbound,
            note: Some("four-day week, mission-driven".into()),
            people: vec![ada],
        })
        .await
        .unwrap();
    s.set_target(acme, Some(1), Some(TargetStatus::Engaged))
        .await
        .unwrap();
    s.set_values(&[value("mission", 5), value("work-life balance", 4)])
        .await
        .unwrap();
    s.score_company(
        acme,
        "Mission",
        4,
        Some("told me".into()),
        Some(chat.id),
        at(-2),
    )
    .await
    .unwrap();
    let l = s
        .add_lead(lead(acme, Some(ada), "Staff Engineer"))
        .await
        .unwrap();
    let gone = s.add_lead(lead(acme, None, "Intern")).await.unwrap();
    s.close_lead(gone.number, at(2)).await.unwrap();
    let r = s
        .add_referral(NewReferral {
            referrer: ada,
            lead: l.id,
            stage: ReferralStage::Asked,
            at: at(1),
            today: date(2026, 9, 1),
            note: None,
        })
        .await
        .unwrap();
    s.move_referral(
        r.referral.number,
        ReferralStage::Agreed,
        at(2),
        date(2026, 9, 2),
        Some("yes!".into()),
    )
    .await
    .unwrap();
    let a = s
        .add_application(NewApplication {
            company: acme,
            role: "Staff Engineer".into(),
            channel: ApplicationChannel::Referral,
            lead: Some(l.id),
            tailored: Some(true),
            applied_at: at(3),
            guard_override: None,
            note: None,
        })
        .await
        .unwrap();
    s.move_application(a.number, ApplicationStatus::Screening, at(5), None)
        .await
        .unwrap();
    s.set_goals(Goals {
        coffee_chats: Some(2),
        application_cap: Some(3),
        ..Goals::default()
    })
    .await
    .unwrap();
}

pub(crate) async fn targets_are_scored_against_the_rubric_with_evidence(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let acme = company(&*s, "Acme").await;
    let t = s.set_target(acme, None, None).await.unwrap();
    assert_eq!((t.tier, t.status), (2, TargetStatus::Researching));
    assert!(s.company("acme").await.unwrap().target, "the flag follows");
    let t = s
        .set_target(acme, None, Some(TargetStatus::Engaged))
        .await
        .unwrap();
    assert_eq!((t.tier, t.status), (2, TargetStatus::Engaged), "tier kept");
    let bad = s.set_target(acme, Some(4), None).await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    assert_eq!(s.targets().await.unwrap(), vec![t]);

    let none = s.score_company(acme, "mission", 3, None, None, at(0)).await;
    assert!(
        matches!(none, Err(StoreError::Invalid(_))),
        "no rubric yet: {none:?}"
    );
    let rubric = [value("Mission", 5), value("remote", 3), value("stack", 2)];
    assert_eq!(s.set_values(&rubric).await.unwrap(), rubric);
    let dup = s.set_values(&[value("a", 1), value("A", 2)]).await;
    assert!(matches!(dup, Err(StoreError::Invalid(_))), "{dup:?}");
    let heavy = s.set_values(&[value("a", 6)]).await;
    assert!(matches!(heavy, Err(StoreError::Invalid(_))), "{heavy:?}");
    assert_eq!(
        s.values().await.unwrap(),
        rubric,
        "a failed set changes nothing"
    );

    s.score_company(acme, "stack", 5, Some("Rust".into()), None, at(1))
        .await
        .unwrap();
    let m = s
        .score_company(acme, " mission ", 4, Some("climate".into()), None, at(2))
        .await
        .unwrap();
    assert_eq!(m.value, "Mission", "named as the rubric names it");
    let too_high = s.score_company(acme, "remote", 6, None, None, at(0)).await;
    assert!(matches!(too_high, Err(StoreError::Invalid(_))));
    let scores = s.value_scores(acme).await.unwrap();
    let names: Vec<_> = scores.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(names, ["Mission", "stack"], "in the rubric's order");
    // Re-scoring replaces.
    s.score_company(acme, "stack", 2, None, None, at(3))
        .await
        .unwrap();
    assert_eq!(s.value_scores(acme).await.unwrap()[1].score, 2);
    // Dropping a value from the rubric drops its scores; reordering keeps them.
    s.set_values(&[value("stack", 2), value("Mission", 4)])
        .await
        .unwrap();
    let names: Vec<_> = s
        .value_scores(acme)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.value)
        .collect();
    assert_eq!(names, ["stack", "Mission"]);

    // Evidence from someone else's conversation is not reachable.
    let other = db.store(fresh_owner(db).await);
    let stranger = person(&*other, "Stranger", None).await;
    let theirs = other
        .log_interaction(NewInteraction {
            kind: InteractionKind::Call,
            occurred_at: at(0),
            channel: None,
            direction: Direction::Outbound,
            note: None,
            people: vec![stranger],
        })
        .await
        .unwrap();
    let r = s
        .score_company(acme, "stack", 1, None, Some(theirs.id), at(4))
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
    let r = other.set_target(acme, None, None).await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })), "{r:?}");
}

pub(crate) async fn referrals_leave_the_follow_ups_each_stage_needs(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let acme = company(&*s, "Acme").await;
    let ada = person(&*s, "Ada Lovelace", Some("Acme")).await;
    let l = s
        .add_lead(lead(acme, Some(ada), "  Staff Engineer "))
        .await
        .unwrap();
    assert_eq!((l.number, l.role.as_str()), (1, "Staff Engineer"));
    let bad = s.add_lead(lead(acme, None, "  ")).await;
    assert!(matches!(bad, Err(StoreError::Invalid(_))), "{bad:?}");
    assert_eq!(s.leads().await.unwrap(), vec![l.clone()]);
    assert_eq!(l.closed_at, None);
    assert_eq!(s.lead(1).await.unwrap(), l);
    assert!(matches!(s.lead(2).await, Err(StoreError::NotFound { .. })));
    let other_lead = s.add_lead(lead(acme, None, "SRE")).await.unwrap();
    let closed = s.close_lead(other_lead.number, at(3)).await.unwrap();
    assert_eq!(closed.closed_at, Some(at(3)));
    assert_eq!(s.lead(other_lead.number).await.unwrap(), closed);
    assert!(matches!(
        s.close_lead(other_lead.number, at(4)).await,
        Err(StoreError::Conflict { .. })
    ));

    let asked = s
        .add_referral(NewReferral {
            referrer: ada,
            lead: l.id,
            stage: ReferralStage::Asked,
            at: at(1),
            today: date(2026, 9, 1),
            note: None,
        })
        .await
        .unwrap();
    let f = asked.follow_up.expect("asked needs a check-in");
    assert!(
        f.action.contains("Ada Lovelace") && f.action.contains("Acme"),
        "{}",
        f.action
    );
    assert_eq!(f.due, date(2026, 9, 6));
    // It is an ordinary follow-up: the agenda reads it.
    let open = s.follow_ups(&FollowUpFilter::default()).await.unwrap();
    assert_eq!(open, vec![f.clone()]);

    let agreed = s
        .move_referral(1, ReferralStage::Agreed, at(2), date(2026, 9, 2), None)
        .await
        .unwrap();
    assert_eq!(agreed.completed.len(), 1);
    assert_eq!(agreed.completed[0].id, f.id);
    assert_eq!(agreed.completed[0].done_at, Some(at(2)));
    let materials = agreed.follow_up.unwrap();
    assert!(materials.action.contains("CV"), "{}", materials.action);
    assert_eq!(materials.due, date(2026, 9, 3));

    let back = s
        .move_referral(1, ReferralStage::Asked, at(3), date(2026, 9, 3), None)
        .await;
    assert!(matches!(back, Err(StoreError::Invalid(_))), "{back:?}");
    let open = s.follow_ups(&FollowUpFilter::default()).await.unwrap();
    assert_eq!(
        open,
        vec![materials.clone()],
        "a refused move changes nothing"
    );

    let before = s.interactions_with(ada, 10).await.unwrap().len();
    let submitted = s
        .move_referral(1, ReferralStage::Submitted, at(5), date(2026, 9, 5), None)
        .await
        .unwrap();
    let logged = submitted.logged.expect("a submitted referral is logged");
    assert_eq!(logged.kind, InteractionKind::Referral);
    assert_eq!(logged.direction, Direction::Inbound);
    assert!(
        logged
            .note
            .as_deref()
            .unwrap()
            .contains("Staff Engineer at Acme")
    );
    let after = s.interactions_with(ada, 10).await.unwrap();
    assert_eq!(after.len(), before + 1);
    assert_eq!(after[0], logged);
    assert_eq!(
        s.relationship(ada).await.unwrap().touches.len(),
        after.len(),
        "the touch log follows"
    );
    let outcome = s
        .move_referral(
            1,
            ReferralStage::Outcome,
            at(9),
            date(2026, 9, 9),
            Some("hired".into()),
        )
        .await
        .unwrap();
    assert!(outcome.follow_up.unwrap().action.starts_with("Thank Ada"));
    assert!(outcome.logged.is_none());
    let thanked = s
        .move_referral(1, ReferralStage::Thanked, at(10), date(2026, 9, 10), None)
        .await
        .unwrap();
    assert!(thanked.follow_up.is_none());
    assert!(
        s.follow_ups(&FollowUpFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    let r = s.referral(1).await.unwrap();
    let stages: Vec<_> = r.history.iter().map(|m| m.to).collect();
    use ReferralStage as R;
    assert_eq!(
        stages,
        [R::Asked, R::Agreed, R::Submitted, R::Outcome, R::Thanked]
    );
    assert_eq!(r.history[3].note.as_deref(), Some("hired"));
    assert_eq!(s.referrals().await.unwrap(), vec![r]);

    // Another owner's person or lead cannot be used.
    let other = db.store(fresh_owner(db).await);
    let theirs = person(&*other, "Theirs", None).await;
    let cross = s
        .add_referral(NewReferral {
            referrer: theirs,
            lead: l.id,
            stage: ReferralStage::Asked,
            at: at(1),
            today: date(2026, 9, 1),
            note: None,
        })
        .await;
    assert!(
        matches!(cross, Err(StoreError::NotFound { .. })),
        "{cross:?}"
    );
    let cross = other.add_lead(lead(acme, None, "x")).await;
    assert!(
        matches!(cross, Err(StoreError::NotFound { .. })),
        "{cross:?}"
    );
    assert!(other.leads().await.unwrap().is_empty());
    assert!(other.referrals().await.unwrap().is_empty());
}

pub(crate) async fn applications_keep_their_history(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let acme = company(&*s, "Acme").await;
    let globex = company(&*s, "Globex").await;
    let l = s.add_lead(lead(globex, None, "SRE")).await.unwrap();
    let new = |lead| NewApplication {
        company: acme,
        role: "Backend Engineer".into(),
        channel: ApplicationChannel::Cold,
        lead,
        tailored: Some(false),
        applied_at: at(1),
        guard_override: Some("you are networking with Ada".into()),
        note: None,
    };
    let wrong = s.add_application(new(Some(l.id))).await;
    assert!(matches!(wrong, Err(StoreError::Invalid(_))), "{wrong:?}");
    let a = s.add_application(new(None)).await.unwrap();
    assert_eq!((a.number, a.status), (1, ApplicationStatus::Applied));
    assert_eq!(
        a.guard_override.as_deref(),
        Some("you are networking with Ada")
    );
    s.move_application(1, ApplicationStatus::Screening, at(4), None)
        .await
        .unwrap();
    let same = s
        .move_application(1, ApplicationStatus::Screening, at(5), None)
        .await;
    assert!(matches!(same, Err(StoreError::Invalid(_))), "{same:?}");
    let moved = s
        .move_application(
            1,
            ApplicationStatus::Rejected,
            at(9),
            Some("after screen".into()),
        )
        .await
        .unwrap();
    assert_eq!(moved.furthest(), 1);
    assert_eq!(s.application(1).await.unwrap(), moved);
    use ApplicationStatus as S;
    let statuses: Vec<_> = moved.history.iter().map(|m| m.to).collect();
    assert_eq!(statuses, [S::Applied, S::Screening, S::Rejected]);
    assert!(matches!(
        s.move_application(7, S::Offer, at(9), None).await,
        Err(StoreError::NotFound { .. })
    ));
    let other = db.store(fresh_owner(db).await);
    assert!(other.applications().await.unwrap().is_empty());
    assert!(matches!(
        other.add_application(new(None)).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn goals_are_kept_per_owner(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    assert_eq!(s.goals().await.unwrap(), Goals::default());
    let g = Goals {
        new_conversations: Some(3),
        coffee_chats: Some(2),
        follow_ups_done: None,
        applications: Some(1),
        application_cap: Some(3),
    };
    s.set_goals(g).await.unwrap();
    assert_eq!(s.goals().await.unwrap(), g);
    let fewer = Goals {
        coffee_chats: Some(1),
        ..Goals::default()
    };
    s.set_goals(fewer).await.unwrap();
    assert_eq!(s.goals().await.unwrap(), fewer);
    let other = db.store(fresh_owner(db).await);
    assert_eq!(other.goals().await.unwrap(), Goals::default());
}

pub(crate) async fn merging_keeps_leads_and_referrals(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let acme = company(&*s, "Acme").await;
    let keep = person(&*s, "Ada Lovelace", None).await;
    let absorb = person(&*s, "Ada L", None).await;
    let l = s.add_lead(lead(acme, Some(absorb), "SRE")).await.unwrap();
    s.add_referral(NewReferral {
        referrer: absorb,
        lead: l.id,
        stage: ReferralStage::Considered,
        at: at(0),
        today: date(2026, 9, 1),
        note: None,
    })
    .await
    .unwrap();
    let (k, a) = (
        s.person(&kith_core::Handle::parse("ada-lovelace").unwrap())
            .await
            .unwrap(),
        s.person(&kith_core::Handle::parse("ada-l").unwrap())
            .await
            .unwrap(),
    );
    s.merge_people(&k.handle, &a.handle).await.unwrap();
    assert_eq!(s.lead(1).await.unwrap().source, Some(keep));
    assert_eq!(s.referral(1).await.unwrap().referrer, keep);
    // Undoing the merge gives them back to the absorbed person.
    s.undo_merge(kith_store::MergeRef::Latest).await.unwrap();
    assert_eq!(s.lead(1).await.unwrap().source, Some(absorb));
    assert_eq!(s.referral(1).await.unwrap().referrer, absorb);
}

pub(crate) async fn a_version_2_backup_still_restores(db: &Database) {
    let owner = fresh_owner(db).await;
    let s = db.store(owner);
    person(&*s, "Old Timer", None).await;
    let mut json = serde_json::to_value(s.snapshot().await.unwrap()).unwrap();
    // IDs are kept exactly: the original must be gone before its copy can exist.
    db.remove_owner(owner).await.unwrap();
    assert_eq!(json["kith_backup"], 4);
    let map = json.as_object_mut().unwrap();
    map.remove("opportunities");
    map.insert("kith_backup".into(), 2.into());
    let old: kith_store::Backup = serde_json::from_value(json).unwrap();
    let copy = db.store(fresh_owner(db).await);
    copy.restore(&old)
        .await
        .expect("a version 2 backup restores");
    assert_eq!(copy.count_people().await.unwrap(), 1);
    assert!(copy.opportunities().await.unwrap().is_empty());
}
