//! The command line as clap sees it: every subcommand, flag and help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "kith",
    version,
    about = "A networking-first job search: build your network, keep it alive, find the warm path in.",
    propagate_version = true
)]
pub(crate) struct Cli {
    /// The database: a SQLite file path or a postgres:// URL [env: KITH_DB]
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub(crate) db: Option<String>,

    /// Print JSON instead of tables (read commands and the results of writes)
    #[arg(long, global = true)]
    pub(crate) json: bool,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create the database if it does not exist and say where it is
    Init,
    /// Add, list, show, edit and remove people
    #[command(subcommand)]
    Person(PersonCommand),
    /// Add, list, show, edit and remove companies
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Record an interaction with one or more people
    Log(LogArgs),
    /// Dated actions you owe someone
    #[command(subcommand, name = "follow-up")]
    FollowUp(FollowUpCommand),
    /// Full-text search over people, companies, tags and notes
    Search(SearchArgs),
    /// Import contacts (LinkedIn Connections.csv, vCard, Google Contacts CSV), LinkedIn
    /// history (messages.csv, Invitations.csv), or a whole LinkedIn export (ZIP or folder)
    Import(ImportArgs),
    /// Export everything (json: a lossless backup) or your people (vcard, csv)
    Export(ExportArgs),
    /// Restore a `kith export json` backup into an empty database
    Restore(RestoreArgs),
    /// Why a person has their stage, strength and due date: the interactions and rules
    Explain(HandleArg),
    /// People who are probably the same person, with the reason
    Dupes,
    /// Merge the second person into the first (list past merges with --history, undo one
    /// with --undo [N])
    Merge(MergeArgs),
    /// Fill the database with a realistic demo network
    Demo(DemoArgs),
    /// Write a consistent copy of the SQLite database while it is in use
    Backup(BackupArgs),
    /// Today and the coming days: follow-ups, relationships due, events, what to send
    Agenda(AgendaArgs),
    /// The health of your network: stages, circles, who is drifting, the weekly trend
    Garden(GardenArgs),
    /// Put off a relationship's next touch: `kith snooze ada 2w` (or a date; --off ends it)
    Snooze(SnoozeArgs),
    /// Place someone in a circle (close, warm, loose, or default), optionally with their own cadence
    Circle(CircleArgs),
    /// Set a relationship's stage by hand (auto goes back to the stage the history earned)
    Stage(StageArgs),
    /// Events and meetups: add, list, show, and who you met there
    #[command(subcommand)]
    Event(EventCommand),
    /// Record that two people know each other (how, how well); --forget removes it
    Knows(KnowsArgs),
    /// Who a person knows, how, and when you last saw them together
    Ties(HandleArg),
    /// The warm ways in: who can introduce you to a person or to someone at a company
    Path(PathArgs),
    /// Companies (with --reachable: target companies, warmest way in first)
    Companies(CompaniesArgs),
    /// Make a company a target, or set its tier (1 dream … 3 fallback) and status
    Target(TargetArgs),
    /// Your values rubric (what matters to you, weighted 0–5) and companies' scores on it
    #[command(subcommand)]
    Values(ValuesCommand),
    /// Openings heard of, posted or not: who told you, when, what next
    #[command(subcommand)]
    Lead(LeadCommand),
    /// Referrals and their life cycle, with the follow-ups each stage needs
    #[command(subcommand)]
    Referral(ReferralCommand),
    /// Record an application (stops before a cold one where you are networking)
    Apply(ApplyArgs),
    /// Applications: list, show, move to a new status
    #[command(subcommand)]
    Application(ApplicationCommand),
    /// The networking and application funnels, reply times, reference rates
    Stats(StatsArgs),
    /// Weekly goals and the weekly application cap: show them, or set the ones given (N or off)
    Goals(GoalsArgs),
    /// This week against your goals, with streaks
    Week,
    /// Check a message before you send it: premature asks, no personal hook, too long, …
    Lint(LintArgs),
    /// A one-page brief before a coffee chat or informational interview
    Prep(PrepArgs),
    /// Draft a message to someone from a template, with a hook kith has recorded about them
    Draft(DraftArgs),
    /// The message templates `kith draft` uses: list, show, or copy them out for editing
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Who you are, for drafts: your name, one line about you, your interests
    Me(MeArgs),
    /// Versions of your 30-second pitch: add, list (with how each fared), show, use, check
    #[command(subcommand)]
    Pitch(PitchCommand),
    /// The question bank for coffee chats: add your own, list, remove
    #[command(subcommand)]
    Questions(QuestionsCommand),
}

#[derive(Debug, Args)]
pub(crate) struct DraftArgs {
    pub(crate) handle: String,
    /// A template by name (see `kith template list`) [default: chosen by the relationship's stage]
    #[arg(long, value_name = "NAME")]
    pub(crate) template: Option<String>,
    /// Where it will be sent: the draft is linted for that channel (linkedin: 300 characters)
    #[arg(long)]
    pub(crate) channel: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TemplateCommand {
    /// Every template, built in or yours, and where it comes from
    #[command(alias = "ls")]
    List,
    /// A template's text
    Show(TemplateShowArgs),
    /// Copy the built-in templates into your templates folder to edit (never overwrites)
    Init,
}

#[derive(Debug, Args)]
pub(crate) struct TemplateShowArgs {
    pub(crate) name: String,
}

#[derive(Debug, Args)]
pub(crate) struct MeArgs {
    /// Your name, as you sign messages
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Who you are in one line: "a backend engineer moving into developer tooling"
    #[arg(long)]
    pub(crate) line: Option<String>,
    /// A community or interest you share with people (as tags are spelled); repeatable
    #[arg(long = "interest", value_name = "TAG")]
    pub(crate) interests: Vec<String>,
    /// Stop listing an interest; repeatable
    #[arg(long = "no-interest", value_name = "TAG")]
    pub(crate) no_interests: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PitchCommand {
    /// Add a new version (it becomes the one in use)
    Add(PitchAddArgs),
    /// Every version, with its length and how it fared when used
    #[command(alias = "ls")]
    List,
    /// One version's text and check [default: the one in use]
    Show(PitchVersionArg),
    /// Make a version the one in use
    Use(PitchUseArgs),
    /// Check a version: spoken length, who/what/where-next, filler [default: the one in use]
    Check(PitchCheckArgs),
}

#[derive(Debug, Args)]
pub(crate) struct PitchAddArgs {
    /// The pitch; or --file
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub(crate) text: Option<String>,
    /// Read the pitch from a file (- for standard input)
    #[arg(long, value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    /// A name for this version ("for meetups")
    #[arg(long)]
    pub(crate) label: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PitchVersionArg {
    #[arg(value_name = "VERSION")]
    pub(crate) number: Option<i64>,
}

#[derive(Debug, Args)]
pub(crate) struct PitchUseArgs {
    #[arg(value_name = "VERSION")]
    pub(crate) number: i64,
}

#[derive(Debug, Args)]
pub(crate) struct PitchCheckArgs {
    #[arg(value_name = "VERSION")]
    pub(crate) number: Option<i64>,
    /// Check this text instead of a stored version
    #[arg(long, conflicts_with = "number")]
    pub(crate) text: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum QuestionsCommand {
    /// Add a question of your own to the bank
    Add(QuestionAddArgs),
    /// The bank: your questions, then the built-in ones
    #[command(alias = "ls")]
    List(QuestionListArgs),
    /// Remove one of your questions by number
    Rm(QuestionRmArgs),
}

#[derive(Debug, Args)]
pub(crate) struct QuestionAddArgs {
    pub(crate) text: String,
    /// What it is for: rapport, projects, challenges, stack, path, advice, culture, hiring
    #[arg(long)]
    pub(crate) purpose: String,
}

#[derive(Debug, Args)]
pub(crate) struct QuestionListArgs {
    /// Only questions for this purpose
    #[arg(long)]
    pub(crate) purpose: Option<String>,
    /// Only your own questions
    #[arg(long)]
    pub(crate) mine: bool,
}

#[derive(Debug, Args)]
pub(crate) struct QuestionRmArgs {
    pub(crate) number: i64,
}

#[derive(Debug, Args)]
pub(crate) struct PrepArgs {
    pub(crate) handle: String,
    /// markdown (the default) or json (--json does the same)
    #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
    pub(crate) format: String,
}

#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// The message: a file, or - (or nothing) for standard input
    pub(crate) file: Option<PathBuf>,
    /// Who it is for: their stage, name, recorded facts and favours give the context
    #[arg(long, value_name = "HANDLE")]
    pub(crate) to: Option<String>,
    /// The relationship's stage, over what kith knows (new, contacted, conversing, met,
    /// connected, advocate, dormant)
    #[arg(long)]
    pub(crate) stage: Option<String>,
    /// Where it will be sent (linkedin notes are limited to 300 characters)
    #[arg(long)]
    pub(crate) channel: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PathArgs {
    /// A person's handle, or a company's handle or name (person:X / company:X if both)
    pub(crate) target: String,
    /// How many paths, each through a different person you know where possible
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=50))]
    pub(crate) k: u64,
    /// The longest path, counting your own step: 3 is you → A → B → them
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub(crate) max_hops: u8,
    /// How to search: the graph search kith uses, or the recursive SQL query it is
    /// benchmarked against (prints only the routes, as JSON)
    #[arg(long, value_enum, default_value_t = PathEngine::Graph, hide = true)]
    pub(crate) engine: PathEngine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PathEngine {
    Graph,
    Cte,
}

#[derive(Debug, Args)]
pub(crate) struct CompaniesArgs {
    /// Target companies ordered by how warm the best way in is
    #[arg(long)]
    pub(crate) reachable: bool,
    /// Only target companies (without --reachable)
    #[arg(long)]
    pub(crate) targets: bool,
    /// The longest path considered, counting your own step
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=4), requires = "reachable")]
    pub(crate) max_hops: u8,
}

#[derive(Debug, Args)]
pub(crate) struct KnowsArgs {
    pub(crate) a: String,
    pub(crate) b: String,
    /// colleague, friend, introduced, met-at-event, online or other
    #[arg(long, default_value = "other", conflicts_with = "forget")]
    pub(crate) how: String,
    /// 1 (barely) to 5 (would do anything for each other)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5), conflicts_with = "forget")]
    pub(crate) strength: u8,
    #[arg(long, value_name = "TEXT", conflicts_with = "forget")]
    pub(crate) note: Option<String>,
    /// Remove the tie between them instead
    #[arg(long)]
    pub(crate) forget: bool,
}

#[derive(Debug, Args)]
pub(crate) struct AgendaArgs {
    /// How many days ahead to look, today included
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub(crate) days: u32,
    /// At most this many relationships (the most urgent)
    #[arg(long, default_value_t = 15)]
    pub(crate) limit: usize,
}

#[derive(Debug, Args)]
pub(crate) struct GardenArgs {
    /// At most this many people in each list
    #[arg(long, default_value_t = 10)]
    pub(crate) limit: usize,
}

#[derive(Debug, Args)]
pub(crate) struct SnoozeArgs {
    pub(crate) handle: String,
    /// How long (3d, 2w, 1m) or until when (a date such as 2026-12-15, friday)
    #[arg(required_unless_present = "off")]
    pub(crate) until: Option<String>,
    /// End the snooze now
    #[arg(long, conflicts_with = "until")]
    pub(crate) off: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CircleArgs {
    pub(crate) handle: String,
    /// close, warm, loose, or default (no circle: the configured default's cadence)
    pub(crate) circle: String,
    /// Their own ideal interval (21, 3w, 2m), over the circle's
    #[arg(long, requires = "at_most")]
    pub(crate) every: Option<String>,
    /// Their own maximum interval
    #[arg(long, requires = "every")]
    pub(crate) at_most: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct StageArgs {
    pub(crate) handle: String,
    /// new, contacted, conversing, met, connected, advocate, dormant, or auto
    pub(crate) stage: String,
    /// Why (shown with the stage)
    #[arg(long)]
    pub(crate) note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum EventCommand {
    /// Add an event or meetup
    Add(EventAddArgs),
    /// List events, upcoming first then past
    #[command(alias = "ls")]
    List,
    /// Show an event and who you met there
    Show(EventNumberArg),
    /// Record meeting people at an event: a meetup with each, ties between them, a follow-up within two days
    Met(EventMetArgs),
}

#[derive(Debug, Args)]
pub(crate) struct EventAddArgs {
    pub(crate) name: String,
    /// When (2026-12-03, tomorrow, friday)
    #[arg(long)]
    pub(crate) date: String,
    /// Where it happens
    #[arg(long = "where", value_name = "PLACE")]
    pub(crate) place: Option<String>,
    #[arg(long)]
    pub(crate) url: Option<String>,
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    #[arg(long)]
    pub(crate) note: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct EventNumberArg {
    /// The event's number (from `kith event list`)
    pub(crate) number: i64,
}

#[derive(Debug, Args)]
pub(crate) struct EventMetArgs {
    /// The event's number
    pub(crate) event: i64,
    /// People already in kith
    pub(crate) handles: Vec<String>,
    /// Someone not yet in kith (repeatable; pair each with --company in the same order, or leave it out)
    #[arg(long = "new", value_name = "NAME")]
    pub(crate) new: Vec<String>,
    /// The company of the --new person given in the same position
    #[arg(long = "company", value_name = "COMPANY")]
    pub(crate) companies: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PersonCommand {
    /// Add a person; prints their handle
    Add(Box<PersonAddArgs>),
    /// List people
    #[command(alias = "ls")]
    List(PersonListArgs),
    /// Show one person with their recent interactions and open follow-ups
    Show(HandleArg),
    /// Change a person's details
    Edit(Box<PersonEditArgs>),
    /// Remove a person (asks first on a terminal)
    #[command(alias = "remove")]
    Rm(RemoveArgs),
}

#[derive(Debug, Args)]
pub(crate) struct PersonAddArgs {
    /// Their full name
    pub(crate) name: String,
    /// Where they work (found by name, or created)
    #[arg(long)]
    pub(crate) company: Option<String>,
    #[arg(long)]
    pub(crate) role: Option<String>,
    #[arg(long = "email", value_name = "EMAIL")]
    pub(crate) emails: Vec<String>,
    #[arg(long = "phone", value_name = "PHONE")]
    pub(crate) phones: Vec<String>,
    #[arg(long = "url", value_name = "URL")]
    pub(crate) urls: Vec<String>,
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    #[arg(long)]
    pub(crate) location: Option<String>,
    /// How you met, in your words
    #[arg(long, value_name = "TEXT")]
    pub(crate) how_met: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// Their birthday: 1985-04-12, or --04-12 without the year
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) birthday: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PersonListArgs {
    /// Only people with this tag
    #[arg(long)]
    pub(crate) tag: Option<String>,
    /// Only people at this company (handle or name)
    #[arg(long)]
    pub(crate) company: Option<String>,
    /// At most this many
    #[arg(long)]
    pub(crate) limit: Option<u32>,
}

#[derive(Debug, Args)]
pub(crate) struct HandleArg {
    pub(crate) handle: String,
}

#[derive(Debug, Args)]
pub(crate) struct PersonEditArgs {
    pub(crate) handle: String,
    /// New name (the old one is kept as a former name, which imports still match)
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// New company (an empty value clears it)
    #[arg(long)]
    pub(crate) company: Option<String>,
    /// New role (an empty value clears it)
    #[arg(long)]
    pub(crate) role: Option<String>,
    #[arg(long)]
    pub(crate) location: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub(crate) how_met: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// Birthday: 1985-04-12, or --04-12 without the year (an empty value clears it)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub(crate) birthday: Option<String>,
    /// Add an email
    #[arg(long = "email", value_name = "EMAIL")]
    pub(crate) emails: Vec<String>,
    #[arg(long = "remove-email", value_name = "EMAIL")]
    pub(crate) remove_emails: Vec<String>,
    /// Add a phone number
    #[arg(long = "phone", value_name = "PHONE")]
    pub(crate) phones: Vec<String>,
    #[arg(long = "remove-phone", value_name = "PHONE")]
    pub(crate) remove_phones: Vec<String>,
    /// Add a web address
    #[arg(long = "url", value_name = "URL")]
    pub(crate) urls: Vec<String>,
    #[arg(long = "remove-url", value_name = "URL")]
    pub(crate) remove_urls: Vec<String>,
    /// Add a tag
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    /// Remove a tag
    #[arg(long = "untag", value_name = "TAG")]
    pub(crate) untags: Vec<String>,
    /// Forget a former name (one they had before a rename or a merge), so imports no
    /// longer match on it
    #[arg(long = "forget-name", value_name = "NAME")]
    pub(crate) forget_names: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    pub(crate) handle: String,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub(crate) yes: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum CompanyCommand {
    /// Add a company; prints its handle
    Add(CompanyAddArgs),
    /// List companies with how many people you know there
    #[command(alias = "ls")]
    List(CompanyListArgs),
    /// Show a company and the people you know there
    Show(HandleArg),
    /// Change a company's details
    Edit(CompanyEditArgs),
    /// Remove a company (people who work there are kept)
    #[command(alias = "remove")]
    Rm(RemoveArgs),
}

#[derive(Debug, Args)]
pub(crate) struct CompanyAddArgs {
    pub(crate) name: String,
    /// Web domain, such as acme.io
    #[arg(long)]
    pub(crate) domain: Option<String>,
    #[arg(long)]
    pub(crate) location: Option<String>,
    /// Headcount band: 1, 2-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000, 5001-10000, 10001+
    #[arg(long)]
    pub(crate) size: Option<String>,
    /// onsite, hybrid or remote
    #[arg(long = "remote", value_name = "POLICY")]
    pub(crate) remote_policy: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub(crate) notes: Option<String>,
    /// Mark as a company you would like to work at
    #[arg(long)]
    pub(crate) target: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompanyListArgs {
    /// Only target companies
    #[arg(long)]
    pub(crate) targets: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompanyEditArgs {
    pub(crate) handle: String,
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// An empty value clears it
    #[arg(long)]
    pub(crate) domain: Option<String>,
    #[arg(long)]
    pub(crate) location: Option<String>,
    /// A headcount band, or empty to clear
    #[arg(long)]
    pub(crate) size: Option<String>,
    /// onsite, hybrid, remote, or empty to clear
    #[arg(long = "remote", value_name = "POLICY")]
    pub(crate) remote_policy: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub(crate) notes: Option<String>,
    /// Mark as a target
    #[arg(long, conflicts_with = "no_target")]
    pub(crate) target: bool,
    /// No longer a target
    #[arg(long)]
    pub(crate) no_target: bool,
}

#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    /// Who it was with (one or more handles)
    #[arg(required = true, value_name = "HANDLE")]
    pub(crate) handles: Vec<String>,
    /// message, email, call, coffee-chat, informational-interview, meetup, help-given,
    /// help-received, introduction, referral or other
    #[arg(long)]
    pub(crate) kind: String,
    /// When it happened: 2026-11-20, 2026-11-20 14:30, yesterday, 3d ago [default: now]
    #[arg(long, value_name = "DATE")]
    pub(crate) when: Option<String>,
    /// email, linkedin, phone, text, video, in-person, chat, social or other
    #[arg(long)]
    pub(crate) channel: Option<String>,
    /// They reached out to you
    #[arg(long)]
    pub(crate) inbound: bool,
    #[arg(long, value_name = "TEXT")]
    pub(crate) note: Option<String>,
    /// The message you sent (a file, - for standard input): kept with the interaction,
    /// with what `kith lint` finds in it
    #[arg(long, value_name = "FILE")]
    pub(crate) text_file: Option<PathBuf>,
    /// The pitch version you used (without a number: the one in use)
    #[arg(long, value_name = "VERSION", num_args = 0..=1, default_missing_value = "current")]
    pub(crate) pitch: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum FollowUpCommand {
    /// Add a follow-up for someone
    Add(FollowUpAddArgs),
    /// List open follow-ups, soonest first
    #[command(alias = "ls")]
    List(FollowUpListArgs),
    /// Mark a follow-up done
    Done(FollowUpDoneArgs),
}

#[derive(Debug, Args)]
pub(crate) struct FollowUpAddArgs {
    pub(crate) handle: String,
    /// When it is due: 2026-12-01, tomorrow, in 3d, next friday
    #[arg(long, value_name = "DATE")]
    pub(crate) due: String,
    /// What to do
    #[arg(long, value_name = "TEXT")]
    pub(crate) action: String,
    /// They owe it: something they promised you (kept to nudge them, gently, when due)
    #[arg(long)]
    pub(crate) theirs: bool,
}

#[derive(Debug, Args)]
pub(crate) struct FollowUpListArgs {
    /// Include those already done
    #[arg(long)]
    pub(crate) all: bool,
    /// Only those due on or before this date
    #[arg(long, value_name = "DATE")]
    pub(crate) due_by: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct FollowUpDoneArgs {
    /// The follow-up's number (as listed) or full ID
    pub(crate) id: String,
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// Words to find (all must match; prefixes count)
    #[arg(required = true)]
    pub(crate) query: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: u32,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// [FORMAT] FILE: the format (linkedin, vcard, google, linkedin-messages or
    /// linkedin-invitations) may be left out to detect it. FILE may also be LinkedIn's data
    /// export, as its ZIP archive or unzipped folder: its Connections.csv, Invitations.csv and
    /// messages.csv are imported in that order
    #[arg(required = true, num_args = 1..=2, value_name = "FORMAT] [FILE")]
    pub(crate) args: Vec<String>,
    /// Report what would happen without writing anything
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// For a LinkedIn messages.csv: which correspondent is you (your name or LinkedIn
    /// profile URL), when kith cannot tell (a file of one conversation) and the name `kith me`
    /// keeps is no one in it
    #[arg(long, value_name = "NAME|URL")]
    pub(crate) me: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// json (lossless backup of everything), vcard (4.0), csv (for spreadsheets: BOM, CRLF,
    /// formulas made inert with a leading ') or ics
    pub(crate) format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    Json,
    Vcard,
    Csv,
    /// An iCalendar feed: follow-ups, relationship touches due, events
    Ics,
}

#[derive(Debug, Args)]
pub(crate) struct RestoreArgs {
    /// A file written by `kith export json`
    pub(crate) file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// The person to keep
    #[arg(required_unless_present_any = ["history", "undo"])]
    pub(crate) keep: Option<String>,
    /// The person folded into them and then removed
    #[arg(required_unless_present_any = ["history", "undo"])]
    pub(crate) absorb: Option<String>,
    /// List past merges instead (numbered, with undone ones marked)
    #[arg(long, conflicts_with_all = ["keep", "absorb"])]
    pub(crate) history: bool,
    /// Undo the latest merge not undone yet, or merge N of --history: the absorbed person
    /// comes back with what was theirs
    #[arg(long, value_name = "N", num_args = 0..=1, conflicts_with_all = ["keep", "absorb", "history"])]
    pub(crate) undo: Option<Option<u64>>,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub(crate) yes: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// How many people
    #[arg(long, default_value_t = 300)]
    pub(crate) people: usize,
    /// Seed for the generator: the same seed gives the same network
    #[arg(long, default_value_t = 42)]
    pub(crate) seed: u64,
    /// Exactly this many ties between the people (default: about three per person), shaped
    /// like a real network: colleagues in teams, friends nearby, a few hubs
    #[arg(long)]
    pub(crate) ties: Option<usize>,
}

#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// Where to write the copy (must not exist yet)
    pub(crate) path: PathBuf,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}

#[derive(Debug, Args)]
pub(crate) struct TargetArgs {
    /// Company handle or name
    pub(crate) company: String,
    /// 1 (dream company) to 3 (fallback); a new target gets 2
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub(crate) tier: Option<u8>,
    /// researching, target, engaged, applied, interviewing, offer or closed
    #[arg(long)]
    pub(crate) status: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ValuesCommand {
    /// Replace the rubric: `kith values set mission=5 "work-life balance"=4 stack=2`
    Set(ValuesSetArgs),
    /// The rubric, in order
    List,
    /// Score a company on one value (0–5), with the evidence
    Score(ValuesScoreArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ValuesSetArgs {
    /// NAME=WEIGHT, weight 0 to 5, in the order to show them
    #[arg(required = true, value_name = "NAME=WEIGHT")]
    pub(crate) values: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ValuesScoreArgs {
    /// Company handle or name
    pub(crate) company: String,
    /// A value of your rubric
    pub(crate) value: String,
    /// 0 to 5
    pub(crate) score: String,
    /// What you heard or read that supports it
    #[arg(long)]
    pub(crate) evidence: Option<String>,
    /// Link the latest conversation with this person as where you heard it
    #[arg(long, value_name = "HANDLE")]
    pub(crate) heard_from: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum LeadCommand {
    /// Record an opening: `kith lead add acme --role "Staff Engineer" --source ada-lovelace`
    Add(LeadAddArgs),
    /// Leads, with who told you and the warmest way in
    List,
    /// One lead with its referrals and applications
    Show(NumberArg),
    /// Close a lead (filled, gone, not for you): it no longer holds back a cold application
    Close(NumberArg),
}

#[derive(Debug, Args)]
pub(crate) struct LeadAddArgs {
    /// Company handle or name (created if unknown)
    pub(crate) company: String,
    #[arg(long)]
    pub(crate) role: String,
    /// Who told you (a person's handle), or `posting` for an opening found alone
    #[arg(long, default_value = "posting")]
    pub(crate) source: String,
    #[arg(long)]
    pub(crate) url: Option<String>,
    #[arg(long)]
    pub(crate) note: Option<String>,
    /// What to do next about it
    #[arg(long = "next")]
    pub(crate) next_step: Option<String>,
    /// When you heard of it (default: now)
    #[arg(long)]
    pub(crate) when: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct NumberArg {
    pub(crate) number: i64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ReferralCommand {
    /// Ask someone to refer you for a lead (warns when the relationship is not ready)
    Ask(ReferralAskArgs),
    /// Move a referral on: agreed, materials-sent, submitted, outcome, thanked
    Move(ReferralMoveArgs),
    /// Referrals, with their stage and what is due next
    List,
}

#[derive(Debug, Args)]
pub(crate) struct ReferralAskArgs {
    /// The person who would refer you
    pub(crate) handle: String,
    /// The lead's number (kith lead list)
    #[arg(long)]
    pub(crate) lead: i64,
    /// Only considering it: the referral starts at `considered`, not `asked`
    #[arg(long)]
    pub(crate) considered: bool,
    #[arg(long)]
    pub(crate) note: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ReferralMoveArgs {
    pub(crate) number: i64,
    pub(crate) stage: String,
    #[arg(long)]
    pub(crate) note: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ApplyArgs {
    /// Company handle or name (created if unknown)
    pub(crate) company: String,
    #[arg(long)]
    pub(crate) role: String,
    /// cold, referral, recruiter or network
    #[arg(long)]
    pub(crate) channel: String,
    /// The lead it answers (kith lead list)
    #[arg(long)]
    pub(crate) lead: Option<i64>,
    /// Whether the CV and letter were tailored to the role: yes or no
    #[arg(long)]
    pub(crate) tailored: Option<String>,
    /// Apply cold even where you are networking (the override is recorded)
    #[arg(long)]
    pub(crate) anyway: bool,
    #[arg(long)]
    pub(crate) note: Option<String>,
    /// When it was sent (default: now)
    #[arg(long)]
    pub(crate) when: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ApplicationCommand {
    /// Applications, newest first
    List,
    /// One application with its history
    Show(NumberArg),
    /// Record a new status: screening, interviewing, offer, rejected, ghosted, withdrawn
    Move(ApplicationMoveArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ApplicationMoveArgs {
    pub(crate) number: i64,
    pub(crate) status: String,
    #[arg(long)]
    pub(crate) note: Option<String>,
    /// When it happened (default: now)
    #[arg(long)]
    pub(crate) when: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Only people first touched, applications sent and messages sent on or after this date
    #[arg(long)]
    pub(crate) since: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct GoalsArgs {
    // Each takes a number, or `off` to remove the goal.
    /// New conversations a week (someone answering you for the first time)
    #[arg(long)]
    pub(crate) conversations: Option<String>,
    /// Coffee chats and informational interviews a week
    #[arg(long)]
    pub(crate) coffee_chats: Option<String>,
    /// Follow-ups done a week
    #[arg(long)]
    pub(crate) follow_ups: Option<String>,
    /// Applications a week
    #[arg(long)]
    pub(crate) applications: Option<String>,
    /// At most this many applications a week (quality over quantity)
    #[arg(long)]
    pub(crate) cap: Option<String>,
}
