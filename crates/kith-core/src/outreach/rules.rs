//! The rules themselves: finding asks (and the context that cancels them), hooks, the
//! balance between "I" and "you", salutations and length, turned into raw findings.

use std::ops::Range;

use super::text::{Pattern, Text, find_elements};
use super::{COLD_MESSAGE_WORD_LIMIT, LINKEDIN_NOTE_LIMIT, LintContext, RuleId, Severity};
use crate::interaction::Channel;
use crate::relationship::Stage;

/// A finding before its excerpt is cut from the message.
#[derive(Debug)]
pub(super) struct Raw {
    pub(super) rule: RuleId,
    pub(super) severity: Severity,
    pub(super) span: Range<usize>,
    pub(super) message: String,
    pub(super) suggestion: String,
}

/// What the seeker is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum AskKind {
    Referral,
    Job,
    Interview,
    Resume,
    Introduction,
    Mentorship,
    Call,
}

impl AskKind {
    fn describe(self) -> &'static str {
        match self {
            AskKind::Referral => "a referral",
            AskKind::Job => "a job or an opening",
            AskKind::Interview => "an interview",
            AskKind::Resume => "a look at a résumé",
            AskKind::Introduction => "an introduction",
            AskKind::Mentorship => "mentorship",
            AskKind::Call => "their time (a call or a chat)",
        }
    }

    /// Small asks (some of their time) are fine once a conversation has started; big
    /// ones (their name on your application, their network) need more.
    fn is_big(self) -> bool {
        self != AskKind::Call
    }

    /// Asks that are one request in substance count once for `several-asks`: a referral,
    /// a résumé to pass on, an opening and an interview are all "get me in".
    fn family(self) -> u8 {
        match self {
            AskKind::Referral | AskKind::Job | AskKind::Interview | AskKind::Resume => 0,
            AskKind::Introduction => 1,
            AskKind::Mentorship => 2,
            AskKind::Call => 3,
        }
    }
}

/// One ask found in the message.
#[derive(Debug, Clone)]
pub(super) struct Ask {
    pub(super) kind: AskKind,
    pub(super) span: Range<usize>,
}

/// An ask pattern; `framed` ones count only in a sentence that requests something (a
/// question, "could you", "I'd love", "please"...), because the words alone also
/// describe things ("a quick call with my team went well").
struct AskPattern {
    kind: AskKind,
    pattern: Pattern,
    framed: bool,
}

const fn ask(kind: AskKind, pattern: &'static str, framed: bool) -> AskPattern {
    AskPattern {
        kind,
        pattern: Pattern(pattern),
        framed,
    }
}

const RESUME: &str = "resume*|cv|cvs|portfolio";
const OPENING: &str = "opening*|vacanc*|position*|role|roles|job|jobs|opportunit*|spot|spots";

const ASKS: &[AskPattern] = &[
    // Referrals and putting in a word.
    ask(
        AskKind::Referral,
        "refer|recommend|nominate|endorse me",
        false,
    ),
    ask(AskKind::Referral, "referring|recommending me", false),
    ask(
        AskKind::Referral,
        "refer ~3 for ~3 role|position|job|opening*",
        true,
    ),
    ask(AskKind::Referral, "referral|referrals", true),
    ask(
        AskKind::Referral,
        "put|putting|say|saying in ~2 word",
        false,
    ),
    ask(AskKind::Referral, "vouch|vouching for me", false),
    ask(
        AskKind::Referral,
        "pass|passing|forward|forwarding|submit|submitting|hand|handing|share|sharing|send|sending|get|give ~2 my resume*|cv|application|profile",
        true,
    ),
    ask(
        AskKind::Referral,
        "my resume*|cv|application ~2 along|on to",
        true,
    ),
    // Jobs and openings.
    ask(AskKind::Job, "hire|hiring me", false),
    ask(AskKind::Job, "consider|considering me", false),
    ask(AskKind::Job, "keep me in mind", false),
    ask(
        AskKind::Job,
        "keep me ~1 posted|updated|informed ~3 opening*|role|roles|position*|job*|hiring",
        false,
    ),
    ask(
        AskKind::Job,
        "let me know ~3 opening*|vacanc*|position*|hiring",
        false,
    ),
    ask(
        AskKind::Job,
        "any ~2 opening*|vacanc*|position*|role|roles|job|jobs|opportunit*|headcount",
        true,
    ),
    ask(
        AskKind::Job,
        "you|you're|your|team|company|anyone ~2 ?ever hiring",
        true,
    ),
    ask(
        AskKind::Job,
        "help|helping me ~1 get|land|find|secure ~3 job|role|position|offer|foot",
        false,
    ),
    ask(AskKind::Job, "foot in the door", true),
    ask(AskKind::Job, "be considered", true),
    ask(
        AskKind::Job,
        "a|an job|role|position|opening on|at|with|in ~1 your",
        true,
    ),
    ask(
        AskKind::Job,
        "give|offer ~1 me ~1 a|an ~2 job|role|position|chance",
        true,
    ),
    // Interviews (not informational ones: those are a call).
    ask(AskKind::Interview, "interview me", false),
    ask(
        AskKind::Interview,
        "get|land|secure|arrange|give|grant|offer|set ~2 me ~2 a|an interview*",
        true,
    ),
    ask(
        AskKind::Interview,
        "chance|opportunity ~2 to interview",
        true,
    ),
    ask(
        AskKind::Interview,
        "an interview with ~2 your|the team",
        true,
    ),
    // Résumés attached or sent for a look.
    ask(
        AskKind::Resume,
        "attached|attaching|enclosed|enclosing|including|included ~3 my ~2 RESUME",
        false,
    ),
    ask(
        AskKind::Resume,
        "RESUME ~2 is|are ~1 attached|enclosed",
        false,
    ),
    ask(AskKind::Resume, "RESUME attached|enclosed", false),
    ask(AskKind::Resume, "please find ~3 RESUME", false),
    ask(AskKind::Resume, "here's|here is ~1 my ~2 RESUME", false),
    ask(
        AskKind::Resume,
        "look|looking|glance at|over my ~2 RESUME",
        true,
    ),
    ask(
        AskKind::Resume,
        "review|reviewing|check|checking|read ~1 my ~2 RESUME",
        true,
    ),
    ask(
        AskKind::Resume,
        "feedback|thoughts|eyes|opinion|input|notes on ~1 my ~2 RESUME",
        true,
    ),
    // Introductions to someone else.
    ask(AskKind::Introduction, "introduce|introducing me", false),
    ask(AskKind::Introduction, "intro|introduction to|with", true),
    ask(
        AskKind::Introduction,
        "connect|connecting me to|with",
        false,
    ),
    ask(AskKind::Introduction, "put|putting me in touch", false),
    ask(AskKind::Introduction, "make ~1 intro|introduction", true),
    // Mentorship.
    ask(
        AskKind::Mentorship,
        "mentor|mentoring|coach|coaching|guide me",
        false,
    ),
    ask(AskKind::Mentorship, "be my mentor|coach", false),
    ask(AskKind::Mentorship, "mentorship|mentoring", true),
    ask(AskKind::Mentorship, "a|my mentor", true),
    // Their time.
    ask(AskKind::Call, "pick ~1 brain|brains", false),
    ask(
        AskKind::Call,
        "hop|jump|get|chat|talk|speak on ~4 call|phone|zoom|meet|teams",
        true,
    ),
    ask(
        AskKind::Call,
        "quick|short|brief|virtual|phone|video|zoom|informal call|chat|coffee|meeting|conversation",
        true,
    ),
    ask(
        AskKind::Call,
        "5|10|15|20|30|five|ten|fifteen|twenty|thirty|few ~1 min|mins|minute|minutes",
        true,
    ),
    ask(AskKind::Call, "of your time", true),
    ask(AskKind::Call, "grab|get|have|buy ~2 coffee|lunch|tea", true),
    ask(AskKind::Call, "coffee chat", true),
    ask(AskKind::Call, "informational|info interview*", true),
    ask(
        AskKind::Call,
        "schedule|book|arrange|set up ~2 call|chat|meeting|time",
        true,
    ),
    ask(AskKind::Call, "time to chat|talk|speak|meet", true),
    ask(AskKind::Call, "meet up|for", true),
    ask(AskKind::Call, "a call", true),
];

/// Words that make a sentence a request; a question mark does too.
const REQUEST: &[Pattern] = &[
    Pattern("please|pls|kindly"),
    Pattern("would|could|can|will|might ?you"),
    Pattern("would|could|can|may i"),
    Pattern("would it be possible"),
    Pattern("any chance"),
    Pattern("i'd|i'll|would|will ~2 love|like|appreciate|grateful|thankful|welcome|jump"),
    Pattern("i'm|was|am ~1 hoping|wondering"),
    Pattern("hoping|hope you|to|for"),
    Pattern("wonder|wondering|wondered if"),
    Pattern("do|did you have"),
    Pattern("are you free|available|open|around|up"),
    Pattern("open to"),
    Pattern("willing|happy|able to"),
    Pattern("up for"),
    Pattern("let me know"),
    Pattern("if you're|you've|you'd"),
    Pattern("let's|lets"),
    Pattern("if you know|hear|see|could|can|have|are|were|ever"),
    Pattern("know of"),
    Pattern("if there|there's|there is"),
    Pattern("in case"),
    Pattern("mean|means a lot"),
    Pattern("it'd|it would be ~2 great|amazing|helpful"),
    Pattern("thanks|thank ?you in advance"),
    Pattern("appreciate it if"),
    Pattern("looking for|to"),
    Pattern("need|want"),
    Pattern("ask|asking you|for"),
];

/// Words before an ask that say it is not one.
const NEGATION: &[Pattern] = &[
    Pattern(
        "not|no|never|don't|dont|won't|wont|isn't ~2 ask|asking|request|requesting|expecting|looking|after|angling",
    ),
    Pattern("no ~2 ask|agenda|need|strings"),
    Pattern("nothing needed|required|expected"),
    Pattern("without asking"),
];

/// Words before an ask that make it thanks for something already given.
const GRATITUDE: &[Pattern] = &[
    Pattern("thanks|thank|thx|ty ~3 for|to"),
    Pattern("grateful|thankful for"),
    Pattern("glad|happy|lucky ~1 you"),
    Pattern("appreciated"),
    Pattern(
        "because|since|when|after ~1 you ~2 referred|introduced|recommended|mentored|connected|put|passed|forwarded",
    ),
];

/// Thanks for something not yet given: "I'd be grateful for", "thanks in advance for".
const THANKS_AHEAD: &[Pattern] = &[
    Pattern("i'd|would|will ~2 grateful|thankful|appreciate|appreciated"),
    Pattern("in advance"),
];

/// Words before a request for time that make it the seeker's offer, not an ask.
const OFFER: &[Pattern] = &[
    Pattern("happy|glad|free|available to"),
    Pattern("i'm|i am ~1 happy|glad|around|available"),
    Pattern("if i can|could"),
    Pattern("feel free"),
    Pattern("let me know if i"),
    Pattern("if you ever want|need|fancy|feel"),
    Pattern("whenever you"),
];

fn any_before(text: &Text, words: &[usize], patterns: &[Pattern], before: usize) -> bool {
    patterns
        .iter()
        .any(|p| p.find(text, words).iter().any(|m| m.start < before))
}

fn any_in(text: &Text, words: &[usize], patterns: &[Pattern]) -> bool {
    patterns.iter().any(|p| !p.find(text, words).is_empty())
}

fn byte_span(text: &Text, words: &[usize], found: &Range<usize>) -> Range<usize> {
    let first = words[found.start];
    let last = words[found.end - 1];
    text.words[first].span.start..text.words[last].span.end
}

/// Every ask in the seeker's own words, first occurrence of each kind, in message order.
pub(super) fn asks(text: &Text) -> Vec<Ask> {
    let mut found: Vec<Ask> = Vec::new();
    for sentence in &text.sentences {
        let words = text.own_words(sentence);
        if words.is_empty() {
            continue;
        }
        let requested = sentence.question || any_in(text, &words, REQUEST);
        let thanks_ahead = any_in(text, &words, THANKS_AHEAD);
        for candidate in ASKS {
            if candidate.framed && !requested {
                continue;
            }
            let pattern = candidate.pattern.0.replace("RESUME", RESUME);
            let pattern = pattern.replace("OPENING", OPENING);
            let matches = find_owned(&pattern, text, &words);
            for m in matches {
                if any_before(text, &words, NEGATION, m.start)
                    || (!thanks_ahead && any_before(text, &words, GRATITUDE, m.start))
                    || (candidate.kind == AskKind::Call && any_before(text, &words, OFFER, m.start))
                {
                    continue;
                }
                let span = byte_span(text, &words, &m);
                if !found.iter().any(|a| a.kind == candidate.kind) {
                    found.push(Ask {
                        kind: candidate.kind,
                        span,
                    });
                }
            }
        }
    }
    found.sort_by_key(|a| (a.span.start, a.kind));
    found
}

/// [`Pattern::find`] for a pattern built at run time (placeholders filled in).
fn find_owned(pattern: &str, text: &Text, words: &[usize]) -> Vec<Range<usize>> {
    let elements: Vec<&str> = pattern.split_whitespace().collect();
    find_elements(text, words, &elements)
}

fn is_first_message(stage: Option<Stage>) -> bool {
    matches!(stage, None | Some(Stage::New) | Some(Stage::Contacted))
}

pub(super) fn check(text: &Text, message: &str, ctx: &LintContext) -> Vec<Raw> {
    let mut out = Vec::new();
    let asks = asks(text);
    premature_ask(&asks, ctx, &mut out);
    several_asks(&asks, &mut out);
    give_first(&asks, ctx, &mut out);
    if is_first_message(ctx.stage) {
        no_personal_hook(text, message, ctx, &asks, &mut out);
    }
    about_me(text, &mut out);
    too_long(text, message, ctx, &mut out);
    generic_salutation(text, message, ctx, &mut out);
    out
}

fn premature_ask(asks: &[Ask], ctx: &LintContext, out: &mut Vec<Raw>) {
    for ask in asks {
        let severity = match ctx.stage {
            None | Some(Stage::New) | Some(Stage::Contacted) => Severity::Error,
            Some(Stage::Conversing) | Some(Stage::Dormant) if ask.kind.is_big() => {
                Severity::Warning
            }
            _ => continue,
        };
        let (message, suggestion) = match ctx.stage {
            Some(Stage::Dormant) => (
                format!(
                    "Asks for {} of someone you have not been in touch with for a long time.",
                    ask.kind.describe()
                ),
                "Reconnect first: ask how they are, mention something of theirs, and keep the ask for a later message.".to_owned(),
            ),
            Some(Stage::Conversing) => (
                format!(
                    "Asks for {} while you are only exchanging messages.",
                    ask.kind.describe()
                ),
                "Ask for a short call first; a referral or a job comes after you have talked.".to_owned(),
            ),
            _ => (
                format!(
                    "Asks for {} in a first message, before any conversation.",
                    ask.kind.describe()
                ),
                "Drop the ask: say what you noticed about their work, introduce yourself in a line and ask to connect.".to_owned(),
            ),
        };
        out.push(Raw {
            rule: RuleId::PrematureAsk,
            severity,
            span: ask.span.clone(),
            message,
            suggestion,
        });
    }
}

fn several_asks(asks: &[Ask], out: &mut Vec<Raw>) {
    let mut families: Vec<(u8, &Ask)> = Vec::new();
    for ask in asks {
        if !families.iter().any(|(f, _)| *f == ask.kind.family()) {
            families.push((ask.kind.family(), ask));
        }
    }
    if families.len() < 2 {
        return;
    }
    let start = families
        .iter()
        .map(|(_, a)| a.span.start)
        .min()
        .unwrap_or(0);
    let end = families.iter().map(|(_, a)| a.span.end).max().unwrap_or(0);
    let listed: Vec<&str> = families.iter().map(|(_, a)| a.kind.describe()).collect();
    out.push(Raw {
        rule: RuleId::SeveralAsks,
        severity: Severity::Warning,
        span: start..end,
        message: format!(
            "Makes {} asks at once: {}.",
            listed.len(),
            listed.join(", ")
        ),
        suggestion:
            "Keep the one ask that matters most now and save the others for later messages."
                .to_owned(),
    });
}

fn give_first(asks: &[Ask], ctx: &LintContext, out: &mut Vec<Raw>) {
    let (Some(favours), Some(ask)) = (ctx.favours, asks.first()) else {
        return;
    };
    let only_taken = favours.received > 0 && favours.given == 0;
    let far_behind = favours.received >= favours.given.saturating_add(2);
    if !(only_taken || far_behind) {
        return;
    }
    out.push(Raw {
        rule: RuleId::GiveFirst,
        severity: Severity::Warning,
        span: ask.span.clone(),
        message: format!(
            "Asks again of someone who has helped you {} time(s) while you have helped them {} time(s).",
            favours.received, favours.given
        ),
        suggestion: "Give before you ask: share something useful, make an introduction or offer help, then ask.".to_owned(),
    });
}

/// Words that, after "your", point at something of theirs; generic ones ("your profile",
/// "your company", "your experience") are left out because they fit anyone.
const THEIR_WORK: &str = "talk|talks|post|posts|article*|blog*|project*|work|writing|write|writeup|thread*|tweet*|video*|podcast*|episode*|newsletter*|book|books|course*|paper*|research|library|libraries|crate*|gem|package*|repo*|plugin*|tool|tools|framework*|demo*|presentation*|keynote*|slides|workshop*|comment*|answer*|journey|story|transition|move|switch|promotion|launch*|release*|startup|new|recent|latest|open|contribution*|pr|prs|team's|company's|app|product|panel|interview|essay*|guide|tutorial*|stream*|newsletter|side|diagram*|explanation|approach|thoughts|take|point|advice|book's|lightning|conference";

const HOOKS: &[Pattern] = &[
    Pattern("your|you're ~2 THEIR_WORK"),
    Pattern(
        "you|you've ~2 wrote|write|built|build|gave|shared|share|posted|post|spoke|said|mentioned|presented|published|maintain|created|led|launched|moved|joined|started|made|designed|explained|described|talked|answered|organized|organised|hosted|run|ran|recently|did|were|won|became|got|just|helped",
    ),
    Pattern("we|we've ~1 met|spoke|talked|chatted|both|share|worked|studied|were"),
    Pattern("our ~1 chat|call|conversation|talk|meeting|mutual|shared"),
    Pattern("mutual|fellow|alum|alumni|alumnus|alumna"),
    Pattern("met|saw|heard|watched|read|noticed|loved|enjoyed ~1 you|your"),
    Pattern("congrat*"),
    Pattern("you|you've ~1 *ed"),
    Pattern("thank*|thx ~3 for"),
    Pattern("follow|following|circling|bumping up|back ~1 on|this|my"),
    Pattern("same bootcamp|school|meetup|university|team|company|cohort|program"),
];

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "about", "that", "this", "into", "their", "they", "talk",
    "team", "work", "new", "job", "role", "com", "org", "net", "io", "www",
];

fn has_hook(text: &Text, ctx: &LintContext, asks: &[Ask]) -> bool {
    let all: Vec<usize> = (0..text.words.len()).collect();
    let fact_words: Vec<String> = ctx
        .facts
        .iter()
        .flat_map(|fact| Text::new(fact).words)
        .map(|w| bare(&w.text).to_owned())
        .filter(|w| w.len() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .collect();
    // A fact is a hook when it is said about them, not when it names the company in an
    // ask or describes the sender ("I'm a Java developer", "I'd love to work at Monzo").
    let asked_in: Vec<Range<usize>> = asks.iter().map(|a| a.span.clone()).collect();
    for sentence in &text.sentences {
        let words = &text.words[sentence.words.clone()];
        if !words
            .iter()
            .any(|w| fact_words.iter().any(|f| f == bare(&w.text)))
        {
            continue;
        }
        let span =
            words.first().map_or(0, |w| w.span.start)..words.last().map_or(0, |w| w.span.end);
        let has_ask = asked_in
            .iter()
            .any(|a| a.start >= span.start && a.end <= span.end);
        let is = |set: &str| words.iter().any(|w| set.split('|').any(|s| s == w.text));
        let about_me = is(FIRST_PERSON) && !is(SECOND_PERSON);
        if !has_ask && !about_me {
            return true;
        }
    }
    // Their name counts when something of theirs follows it ("Hiro's post").
    if let Some(name) = &ctx.recipient_name {
        let name = Text::new(name);
        if let Some(first) = name.words.first() {
            let possessive = format!("{}'s", first.text);
            if text.words.iter().any(|w| w.text == possessive) {
                return true;
            }
        }
    }
    HOOKS.iter().any(|p| {
        let pattern = p.0.replace("THEIR_WORK", THEIR_WORK);
        let elements: Vec<&str> = pattern.split_whitespace().collect();
        !find_elements(text, &all, &elements).is_empty()
    })
}

/// A word without its possessive: `vinted's` is `vinted`.
fn bare(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

fn no_personal_hook(
    text: &Text,
    message: &str,
    ctx: &LintContext,
    asks: &[Ask],
    out: &mut Vec<Raw>,
) {
    if text.words.is_empty() || has_hook(text, ctx, asks) {
        return;
    }
    let trimmed_start = message.len() - message.trim_start().len();
    let trimmed_end = message.trim_end().len();
    out.push(Raw {
        rule: RuleId::NoPersonalHook,
        severity: Severity::Warning,
        span: trimmed_start..trimmed_end.max(trimmed_start),
        message: "Says nothing specific to them: no mention of their work, their company, a talk, a post or something you share.".to_owned(),
        suggestion: "Open with one specific thing about them (a post, a talk, a project, a move) and why it caught your eye.".to_owned(),
    });
}

const FIRST_PERSON: &str = "i|i'm|i've|i'd|i'll|me|my|mine|myself";
const SECOND_PERSON: &str = "you|your|you're|you've|you'd|you'll|yours|yourself|ur|u";

fn about_me(text: &Text, out: &mut Vec<Raw>) {
    let mut me = 0;
    let mut you = 0;
    let mut first_me: Option<Range<usize>> = None;
    let mut last_me: Option<Range<usize>> = None;
    for sentence in &text.sentences {
        // Salutations, sign-offs and one-liners say nothing about the balance.
        if sentence.words.len() < 4 {
            continue;
        }
        let words = &text.words[sentence.words.clone()];
        let has = |set: &str| words.iter().any(|w| set.split('|').any(|s| s == w.text));
        let span = words.first().map(|w| w.span.start).unwrap_or(0)
            ..words.last().map(|w| w.span.end).unwrap_or(0);
        if has(FIRST_PERSON) {
            me += 1;
            first_me.get_or_insert(span.clone());
            last_me = Some(span);
        }
        if has(SECOND_PERSON) {
            you += 1;
        }
    }
    if me >= 4 && you * 3 <= me {
        let (Some(first), Some(last)) = (first_me, last_me) else {
            return;
        };
        out.push(Raw {
            rule: RuleId::AboutMe,
            severity: Severity::Warning,
            span: first.start..last.end,
            message: format!(
                "Is about you: {me} sentences talk about you and {you} about them."
            ),
            suggestion: "Cut your story to one line and spend the rest on them: their work, a question about it, why you reached out.".to_owned(),
        });
    }
}

fn too_long(text: &Text, message: &str, ctx: &LintContext, out: &mut Vec<Raw>) {
    let body = message.trim_end();
    let note =
        ctx.channel == Some(Channel::Linkedin) && matches!(ctx.stage, None | Some(Stage::New));
    if note {
        let chars = body.chars().count();
        if chars > LINKEDIN_NOTE_LIMIT {
            let cut = body
                .char_indices()
                .nth(LINKEDIN_NOTE_LIMIT)
                .map(|(i, _)| i)
                .unwrap_or(body.len());
            out.push(Raw {
                rule: RuleId::TooLong,
                severity: Severity::Error,
                span: cut..body.len(),
                message: format!(
                    "Is {chars} characters; a LinkedIn invitation note holds {LINKEDIN_NOTE_LIMIT}, so the highlighted part would be cut."
                ),
                suggestion: "Keep the hook and the ask to connect; move your story to the first message after they accept.".to_owned(),
            });
        }
        return;
    }
    let cold = matches!(
        ctx.stage,
        None | Some(Stage::New) | Some(Stage::Contacted) | Some(Stage::Dormant)
    );
    let short_form = matches!(
        ctx.channel,
        Some(Channel::Phone | Channel::Video | Channel::InPerson)
    );
    if cold && !short_form && text.word_count() > COLD_MESSAGE_WORD_LIMIT {
        let start = text.words[COLD_MESSAGE_WORD_LIMIT].span.start;
        out.push(Raw {
            rule: RuleId::TooLong,
            severity: Severity::Warning,
            span: start..body.len(),
            message: format!(
                "Is {} words; a message to someone who does not know you yet should stay under {COLD_MESSAGE_WORD_LIMIT}.",
                text.word_count()
            ),
            suggestion: "Say who you are in one line, what you noticed about them in one, and end with one easy question.".to_owned(),
        });
    }
}

const GENERIC_OPENINGS: &[Pattern] = &[
    Pattern("dear|hello|hi sir|madam|sirs ?or ?madam|sir"),
    Pattern("to whom it may concern"),
    Pattern("hi|hello|hey|greetings there"),
    Pattern("hi|hello|hey|dear friend|friends|all|everyone|folks|team|colleague"),
    Pattern("dear|hi|hello ?the hiring|recruiting|recruitment|talent manager|team|manager"),
    Pattern("dear|hi|hello recruiter|recruiters|manager"),
    Pattern("dear|hi|hello linkedin ?member|user|connection"),
    Pattern("dear|hi|hello|hey valued|fellow ?professional|connection|member"),
    Pattern("dear|hi|hello|hey professional|connection|member"),
    Pattern("greetings|salutations"),
    Pattern("good morning|afternoon|evening ?sir|madam|all|everyone"),
];

/// Template placeholders left in ("Hi [Name]", "{first_name}").
fn placeholder(message: &str) -> Option<Range<usize>> {
    for (open, close) in [('[', ']'), ('{', '}'), ('<', '>')] {
        let mut from = 0;
        while let Some(rel) = message[from..].find(open) {
            let start = from + rel;
            let Some(len) = message[start..].find(close) else {
                break;
            };
            let inner = message[start + open.len_utf8()..start + len].to_ascii_lowercase();
            let inner = inner.trim_matches(|c| c == '{' || c == '}' || c == ' ');
            if matches!(
                inner,
                "name"
                    | "first name"
                    | "first_name"
                    | "firstname"
                    | "recipient"
                    | "company"
                    | "company name"
                    | "company_name"
                    | "their name"
                    | "contact"
                    | "your name"
            ) {
                let end = start + len + close.len_utf8();
                let end = message[end..]
                    .char_indices()
                    .find(|(_, c)| *c != '}' && *c != ']')
                    .map_or(message.len(), |(i, _)| end + i);
                return Some(start..end);
            }
            from = start + len;
        }
    }
    None
}

fn generic_salutation(text: &Text, message: &str, ctx: &LintContext, out: &mut Vec<Raw>) {
    if let Some(span) = placeholder(message) {
        out.push(Raw {
            rule: RuleId::GenericSalutation,
            severity: Severity::Error,
            span,
            message: "Contains a template placeholder that was never filled in.".to_owned(),
            suggestion: "Replace the placeholder with their name or the fact it stands for."
                .to_owned(),
        });
        return;
    }
    let mut push = |span: Range<usize>, message: &str| {
        out.push(Raw {
            rule: RuleId::GenericSalutation,
            severity: Severity::Warning,
            span,
            message: message.to_owned(),
            suggestion: "Greet them by name (\"Hi Priya,\"), as you would in person.".to_owned(),
        });
    };
    let Some(first) = text.sentences.first() else {
        return;
    };
    let words: Vec<usize> = first.words.clone().take(6).collect();
    // "Hi there, Sam": the name in the greeting makes it personal after all.
    let named = ctx.recipient_name.as_deref().is_some_and(|name| {
        let name = Text::new(name);
        name.words
            .first()
            .is_some_and(|n| words.iter().any(|&w| text.words[w].text == n.text))
    });
    if !named {
        for pattern in GENERIC_OPENINGS {
            if let Some(m) = pattern
                .find(text, &words)
                .into_iter()
                .find(|m| m.start == 0)
            {
                let span = byte_span(text, &words, &m);
                push(
                    span,
                    "Opens with a salutation that could be sent to anyone.",
                );
                return;
            }
        }
    }
}
