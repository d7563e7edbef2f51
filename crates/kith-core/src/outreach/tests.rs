//! Tables of cases for each rule, the context cases the method names, spans on
//! multi-byte text, and a property test that every span is a valid slice.

use proptest::prelude::*;

use super::*;
use crate::interaction::Channel;
use crate::relationship::Stage;

fn ctx(stage: Option<Stage>) -> LintContext {
    LintContext {
        stage,
        ..LintContext::default()
    }
}

fn rules_fired(message: &str, ctx: &LintContext) -> Vec<RuleId> {
    let mut rules: Vec<RuleId> = lint(message, ctx).into_iter().map(|f| f.rule).collect();
    rules.dedup();
    rules
}

/// Asserts whether `rule` fires on each message under its context.
fn check(rule: RuleId, cases: &[(&str, LintContext, bool)]) {
    for (message, ctx, expected) in cases {
        let fired = rules_fired(message, ctx).contains(&rule);
        assert_eq!(fired, *expected, "{rule} on {message:?} at {:?}", ctx.stage);
    }
}

const NEW: Option<Stage> = Some(Stage::New);

#[test]
fn premature_ask_by_phrasing() {
    let cases = [
        ("Could you refer me to the backend team?", true),
        (
            "Would you be able to pass along my resume to your recruiter?",
            true,
        ),
        ("Any chance you could put in a good word for me?", true),
        ("Can we hop on a call this week?", true),
        ("Do you have 15 minutes for a chat?", true),
        ("I'd love to pick your brain about Go.", true),
        ("Are there any openings on your team?", true),
        ("I've attached my CV for your consideration.", true),
        ("Would you be willing to mentor me?", true),
        ("Could you introduce me to your hiring manager?", true),
        ("If you're ever hiring, keep me in mind!", true),
        ("I’d really appreciate a referral.", true),
        ("Thanks in advance for referring me!", true),
        // Not asks.
        ("Congrats on the new job!", false),
        (
            "Congratulations on your new role at Stripe, well deserved.",
            false,
        ),
        ("Thanks for the referral, I got the offer!", false),
        ("You referred me last year and I just got promoted.", false),
        (
            "Not asking for a referral, just wanted to say your talk was great.",
            false,
        ),
        ("No ask here, I just enjoyed your post.", false),
        ("Let me know if I can help with the launch.", false),
        ("Happy to hop on a call if that's useful to you.", false),
        (
            "My friend said \"could you refer me?\" is the question you hear most.",
            false,
        ),
        ("A quick call with my team went well today.", false),
        ("I'd love to connect.", false),
    ];
    let table: Vec<(&str, LintContext, bool)> =
        cases.iter().map(|(m, e)| (*m, ctx(NEW), *e)).collect();
    check(RuleId::PrematureAsk, &table);
}

#[test]
fn premature_ask_by_stage() {
    let referral = "Would you be willing to refer me for the SRE role?";
    let call = "Would you be open to a 20-minute call next week?";
    let cases = [
        (referral, None, Some(Severity::Error)),
        (referral, Some(Stage::New), Some(Severity::Error)),
        (referral, Some(Stage::Contacted), Some(Severity::Error)),
        (referral, Some(Stage::Conversing), Some(Severity::Warning)),
        (referral, Some(Stage::Dormant), Some(Severity::Warning)),
        (referral, Some(Stage::Met), None),
        (referral, Some(Stage::Connected), None),
        // Asking an advocate for a referral is what advocates are for.
        (referral, Some(Stage::Advocate), None),
        (call, Some(Stage::New), Some(Severity::Error)),
        (call, Some(Stage::Contacted), Some(Severity::Error)),
        (call, Some(Stage::Conversing), None),
        (call, Some(Stage::Dormant), None),
        (call, Some(Stage::Met), None),
    ];
    for (message, stage, expected) in cases {
        let severity = lint(message, &ctx(stage))
            .into_iter()
            .find(|f| f.rule == RuleId::PrematureAsk)
            .map(|f| f.severity);
        assert_eq!(severity, expected, "{message:?} at {stage:?}");
    }
}

#[test]
fn several_asks_counts_kinds_of_ask_not_words() {
    let met = Some(Stage::Met);
    check(
        RuleId::SeveralAsks,
        &[
            (
                "Could we grab coffee, and could you refer me?",
                ctx(met),
                true,
            ),
            (
                "Would you mentor me? Also, could you introduce me to Sam?",
                ctx(met),
                true,
            ),
            // A résumé sent with a referral request is one ask: get me in.
            ("Could you refer me? I've attached my CV.", ctx(met), false),
            ("Quick call? Maybe 15 minutes on Friday?", ctx(met), false),
            (
                "Thanks for the referral! Could we grab coffee?",
                ctx(met),
                false,
            ),
        ],
    );
}

#[test]
fn give_first_weighs_the_favours() {
    let ask = "Could you introduce me to someone on the data team?";
    let no_ask = "I saw your team is hiring, so I shared the post with two friends.";
    let with = |given, received| LintContext {
        stage: Some(Stage::Connected),
        favours: Some(Favours { given, received }),
        ..LintContext::default()
    };
    check(
        RuleId::GiveFirst,
        &[
            (ask, with(0, 1), true),
            (ask, with(0, 3), true),
            (ask, with(1, 3), true),
            (ask, with(1, 2), false),
            (ask, with(2, 2), false),
            (ask, with(0, 0), false),
            (ask, ctx(Some(Stage::Connected)), false),
            (no_ask, with(0, 5), false),
        ],
    );
}

#[test]
fn no_personal_hook_only_on_first_messages() {
    let generic = "Hi Sam, I came across your profile and would love to connect.";
    let hooked = "Hi Sam, your post on flaky tests was great. Would love to connect.";
    let with_facts = |stage, facts: &[&str]| LintContext {
        stage,
        recipient_name: Some("Sam".to_owned()),
        facts: facts.iter().map(|f| (*f).to_owned()).collect(),
        ..LintContext::default()
    };
    check(
        RuleId::NoPersonalHook,
        &[
            (generic, with_facts(NEW, &[]), true),
            (generic, with_facts(None, &[]), true),
            (generic, with_facts(Some(Stage::Contacted), &[]), true),
            (generic, with_facts(Some(Stage::Conversing), &[]), false),
            (hooked, with_facts(NEW, &[]), false),
            (
                "Hi Sam, congrats on joining Stripe!",
                with_facts(NEW, &["Stripe"]),
                false,
            ),
            (
                "Sam, Vinted's Go course was the best.",
                with_facts(NEW, &["Vinted"]),
                false,
            ),
            // Naming their company inside an ask, or in the sender's own story, is no hook.
            (
                "Could you refer me to Stripe?",
                with_facts(NEW, &["Stripe"]),
                true,
            ),
            (
                "I'd love to work at Stripe one day.",
                with_facts(NEW, &["Stripe"]),
                true,
            ),
            (
                "We met at the Rust meetup last week!",
                with_facts(NEW, &[]),
                false,
            ),
        ],
    );
}

#[test]
fn about_me_needs_enough_text_to_judge() {
    let skewed = "Hi Ana, I'm a Go developer. I built a CLI for invoices. I maintain two crates. I'm learning Zig now. I'd like to connect.";
    let balanced = "Hi Ana, I'm a Go developer. I read your post on generics. Your benchmark surprised me. How did you pick the workloads? I'd like to connect.";
    let short = "I'm a Go developer. I'd like to connect.";
    check(
        RuleId::AboutMe,
        &[
            (skewed, ctx(NEW), true),
            (balanced, ctx(NEW), false),
            (short, ctx(NEW), false),
        ],
    );
}

#[test]
fn the_linkedin_note_limit_counts_characters_not_bytes() {
    let note = LintContext {
        stage: Some(Stage::New),
        channel: Some(Channel::Linkedin),
        ..LintContext::default()
    };
    // 300 two-byte characters: 600 bytes, but it fits.
    let fits = "é".repeat(300);
    let over = "é".repeat(301);
    check(
        RuleId::TooLong,
        &[(&fits, note.clone(), false), (&over, note.clone(), true)],
    );
    let finding = lint(&over, &note)
        .into_iter()
        .find(|f| f.rule == RuleId::TooLong)
        .expect("too long");
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.span, 600..602, "the part past the limit");
    assert_eq!(finding.excerpt, "é");
    // After they accept, LinkedIn messages are no longer notes.
    let message = LintContext {
        stage: Some(Stage::Conversing),
        ..note
    };
    check(RuleId::TooLong, &[(&over, message, false)]);
}

#[test]
fn cold_messages_are_limited_in_words() {
    let words = |n: usize| vec!["word"; n].join(" ");
    let email = |stage| LintContext {
        stage,
        channel: Some(Channel::Email),
        ..LintContext::default()
    };
    check(
        RuleId::TooLong,
        &[
            (&words(150), email(NEW), false),
            (&words(151), email(NEW), true),
            (&words(151), email(Some(Stage::Dormant)), true),
            (&words(151), email(Some(Stage::Met)), false),
        ],
    );
}

#[test]
fn generic_salutations_and_placeholders() {
    let named = |stage| LintContext {
        stage,
        recipient_name: Some("Ben".to_owned()),
        ..LintContext::default()
    };
    let cases = [
        ("Dear Sir/Madam, I am writing to apply.", true),
        ("To whom it may concern: please find my CV.", true),
        ("Hi there! Loved your talk.", true),
        ("Hello friend, let's connect.", true),
        ("Dear Hiring Manager, I am excited to apply.", true),
        ("Hi [Name], loved your talk.", true),
        ("Hello {{first_name}}, loved your talk.", true),
        ("Hi there Ben! Loved your talk.", false),
        ("Hi Ben, loved your talk.", false),
        ("Hello! Loved your talk.", false),
        ("Thanks for the hint, there was a bug after all.", false),
    ];
    let table: Vec<(&str, LintContext, bool)> =
        cases.iter().map(|(m, e)| (*m, named(NEW), *e)).collect();
    check(RuleId::GenericSalutation, &table);
}

#[test]
fn spans_point_into_multibyte_text() {
    let message = "Zoë, your FOSDEM talk 🎉 was great! I’m job hunting — could you refer me?";
    let findings = lint(message, &ctx(NEW));
    let ask = findings
        .iter()
        .find(|f| f.rule == RuleId::PrematureAsk)
        .expect("an ask");
    assert_eq!(ask.excerpt, "refer me");
    assert_eq!(&message[ask.span.clone()], "refer me");
    // Curly apostrophes read as straight ones.
    let curly = lint("I’d love to pick your brain.", &ctx(NEW));
    let ask = curly.iter().find(|f| f.rule == RuleId::PrematureAsk);
    assert_eq!(ask.map(|f| f.excerpt.as_str()), Some("pick your brain"));
}

#[test]
fn findings_are_sorted_and_serialize_in_kebab_case() {
    let message = "Dear Sir/Madam, could we hop on a call, and could you refer me?";
    let findings = lint(message, &ctx(NEW));
    let keys: Vec<(usize, usize, RuleId)> = findings
        .iter()
        .map(|f| (f.span.start, f.span.end, f.rule))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let rules: Vec<RuleId> = findings.iter().map(|f| f.rule).collect();
    for rule in [
        RuleId::GenericSalutation,
        RuleId::PrematureAsk,
        RuleId::SeveralAsks,
        RuleId::NoPersonalHook,
    ] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let json = serde_json::to_value(&findings[0]).expect("serializes");
    assert_eq!(json["rule"], "generic-salutation");
    assert_eq!(json["severity"], "warning");
    assert_eq!(json["span"]["start"], 0);
    assert_eq!(json["excerpt"], "Dear Sir/Madam");
    for rule in RuleId::ALL {
        assert_eq!(rule.as_str().parse::<RuleId>().expect("round trip"), *rule);
    }
}

#[test]
fn an_empty_message_has_no_findings() {
    assert!(lint("", &LintContext::default()).is_empty());
    assert!(lint("   \n\n ", &LintContext::default()).is_empty());
}

proptest! {
    #[test]
    fn every_span_is_a_valid_slice(message in "(\\PC|[’“”🎉é\\n ]){0,200}", stage in 0usize..7) {
        let ctx = LintContext {
            stage: Stage::ALL.get(stage).copied(),
            channel: Some(Channel::Linkedin),
            ..LintContext::default()
        };
        for finding in lint(&message, &ctx) {
            let slice = message.get(finding.span.clone());
            prop_assert_eq!(slice, Some(finding.excerpt.as_str()));
        }
    }

    #[test]
    fn asks_survive_surrounding_noise(prefix in "[a-z ,]{0,40}", suffix in "[a-z ,]{0,40}") {
        let message = format!("{prefix}. Could you refer me? {suffix}");
        let fired = rules_fired(&message, &ctx(NEW));
        prop_assert!(fired.contains(&RuleId::PrematureAsk), "{:?}", message);
    }
}
