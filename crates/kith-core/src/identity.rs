//! Who an imported contact is: the rules that match a record from a file to someone kith
//! already knows, strongest evidence first — LinkedIn profile, then email, then phone, then
//! exact name with company. A name alone is never enough, and a record that points at two
//! different people is reported, never guessed.

use std::collections::HashMap;

use serde::Serialize;

use crate::id::PersonId;

/// What kith knows about a stored person that can identify them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    /// Names they went by before (`Person::former_names`): they count as theirs too.
    pub former_names: Vec<String>,
    pub company: Option<String>,
    pub linkedin: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

/// The evidence a match rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    Linkedin,
    Email,
    Phone,
    NameAndCompany,
    /// Only the name is shared: never enough to merge on.
    NameOnly,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Linkedin => "LinkedIn profile",
            Evidence::Email => "email",
            Evidence::Phone => "phone",
            Evidence::NameAndCompany => "name and company",
            Evidence::NameOnly => "name alone",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    Existing(PersonId, Evidence),
    /// The strongest evidence available points at more than one person.
    Ambiguous(Vec<PersonId>, Evidence),
    New,
}

/// Lookup tables over everyone an owner has, built once per import.
#[derive(Debug, Default)]
pub struct IdentityIndex {
    linkedin: Lookup<String>,
    email: Lookup<String>,
    phone: Lookup<String>,
    /// Keyed by `name_key(name) + U+001F + name_key(company)`.
    name_company: Lookup<String>,
    name: Lookup<String>,
    /// Each person's LinkedIn profile: two different profiles are two different people,
    /// whatever else they share.
    profile: FastMap<PersonId, String>,
    /// Each person's `name_key`, for evidence that people share in real life (a family's
    /// landline, a team's mailbox): it decides only between names that may be one person's.
    names: FastMap<PersonId, String>,
    /// The `name_key`s of the names each person went by before, for those who have any.
    former: FastMap<PersonId, Vec<String>>,
}

/// The index's maps hash with foldhash: an import looks up and adds a few keys per record,
/// and SipHash was a visible part of that. Nothing here is keyed by untrusted input that an
/// attacker could shape into collisions to any gain (it is the owner's own contacts).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type Lookup<K> = FastMap<K, Ids>;

/// The people one key points at: nearly always one, so no vector until there is a second.
#[derive(Debug, Clone)]
enum Ids {
    One(PersonId),
    Many(Vec<PersonId>),
}

impl Ids {
    fn as_slice(&self) -> &[PersonId] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }

    fn add(&mut self, id: PersonId) {
        match self {
            Ids::One(first) if *first == id => {}
            Ids::One(first) => *self = Ids::Many(vec![*first, id]),
            Ids::Many(ids) if ids.contains(&id) => {}
            Ids::Many(ids) => ids.push(id),
        }
    }
}

/// Emails compare ignoring case.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Phones compare by their digits, ignoring a leading international `00` and, when long
/// enough, only the last ten digits (so `+44 20 7946 0958` and `020 7946 0958` meet).
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix("00").unwrap_or(&digits);
    if digits.len() < 7 {
        return None;
    }
    let tail = digits.len().saturating_sub(10);
    Some(digits[tail..].to_owned())
}

/// A name compared (a person's or a company's): words separated by single spaces,
/// lowercase. Built in one pass, as an import computes one per row.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

/// Whether two names are the same by `name_key` (words, case aside), without building
/// either key when both are ASCII: the question is asked twice for every record a
/// re-import matches.
pub fn same_name(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        // Unicode lowercasing depends on context (a final sigma): only the key decides.
        return name_key(a) == name_key(b);
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
            _ => return false,
        }
    }
}

/// The `name_company` key, given the name's `name_key`.
fn name_company_key(name: &str, company: &str) -> String {
    let mut key = String::with_capacity(name.len() + 1 + company.len());
    key.push_str(name);
    key.push('\u{1f}');
    key.push_str(&name_key(company));
    key
}

/// Whether two names (as `name_key`s) may be one person's: the same; or one of them blank,
/// an email address or a number (what importers fall back on for a record without a name);
/// or the same first word, or a first initial (`a.`) that is the other's first letter; or
/// every word of one in the other (`lovelace`, `lovelace ada`). `jane smith` and
/// `john smith` may not, nor `mom` and `mary jones`; `bob smith` and `robert smith` may not
/// either — a nickname is for the user to merge (`kith dupes` pairs them).
pub fn names_may_match(a: &str, b: &str) -> bool {
    // An importer names a record with nothing better by its address or number: no name.
    let nameless = |name: &str| name.contains('@') || !name.chars().any(char::is_alphabetic);
    if a == b || nameless(a) || nameless(b) {
        return true;
    }
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (Some(first_x), Some(first_y)) = (
        x.first().filter(|w| !w.is_empty()),
        y.first().filter(|w| !w.is_empty()),
    ) else {
        return true;
    };
    let initial_of = |short: &str, long: &str| {
        let letter = short.strip_suffix('.').unwrap_or(short);
        letter.chars().count() == 1 && long.starts_with(letter)
    };
    let within = |few: &[&str], many: &[&str]| few.iter().all(|w| many.contains(w));
    first_x == first_y
        || initial_of(first_x, first_y)
        || initial_of(first_y, first_x)
        || within(&x, &y)
        || within(&y, &x)
}

fn push(map: &mut Lookup<String>, key: String, id: PersonId) {
    map.entry(key)
        .and_modify(|ids| ids.add(id))
        .or_insert(Ids::One(id));
}

impl IdentityIndex {
    /// One candidate decides; several are ambiguous; none leaves the next evidence to try.
    fn decision(ids: Vec<PersonId>, evidence: Evidence) -> Option<Match> {
        match ids.as_slice() {
            [] => None,
            [one] => Some(Match::Existing(*one, evidence)),
            _ => Some(Match::Ambiguous(ids, evidence)),
        }
    }

    pub fn add(&mut self, id: PersonId, known: &Known) {
        if let Some(url) = &known.linkedin {
            push(&mut self.linkedin, url.clone(), id);
            self.profile.insert(id, url.clone());
        }
        for email in &known.emails {
            push(&mut self.email, email_key(email), id);
        }
        for phone in &known.phones {
            if let Some(key) = phone_key(phone) {
                push(&mut self.phone, key, id);
            }
        }
        let name = name_key(&known.name);
        let company = known.company.as_deref().filter(|c| !c.trim().is_empty());
        if !known.former_names.is_empty() {
            let former: Vec<String> = known.former_names.iter().map(|n| name_key(n)).collect();
            for key in &former {
                if let Some(company) = company {
                    push(&mut self.name_company, name_company_key(key, company), id);
                }
                push(&mut self.name, key.clone(), id);
            }
            self.former.insert(id, former);
        }
        if let Some(company) = company {
            push(&mut self.name_company, name_company_key(&name, company), id);
        }
        self.names.insert(id, name.clone());
        push(&mut self.name, name, id);
    }

    /// Whether the indexed person `id` may be someone called `incoming` (a `name_key`), by
    /// their name or one they went by before.
    fn named_like(&self, incoming: &str, id: &PersonId) -> bool {
        let Some(theirs) = self.names.get(id) else {
            return true;
        };
        names_may_match(theirs, incoming)
            || self
                .former
                .get(id)
                .is_some_and(|former| former.iter().any(|n| names_may_match(n, incoming)))
    }

    /// Everyone who shares an email address or a phone number with `incoming` but whose
    /// name cannot be `incoming`'s (and whose LinkedIn profile, if both have one, is the
    /// same): a shared landline or mailbox, or one person under two names. `find` does
    /// not match on such evidence; the caller reports them. A value `MAX_GROUP` people
    /// have already is left out, as `likely_duplicates` leaves it out.
    pub fn sharing_contact(&self, incoming: &Known) -> Vec<(PersonId, Evidence)> {
        // Most records share nothing: the name's key is built only for one that does.
        let name = std::cell::OnceCell::new();
        let emails = incoming
            .emails
            .iter()
            .map(|e| (email_key(e), &self.email, Evidence::Email));
        let phones = incoming
            .phones
            .iter()
            .filter_map(|p| phone_key(p))
            .map(|key| (key, &self.phone, Evidence::Phone));
        let mut found: Vec<(PersonId, Evidence)> = Vec::new();
        for (key, map, evidence) in emails.chain(phones) {
            let holders = map.get(&key).map(Ids::as_slice).unwrap_or_default();
            if holders.len() >= MAX_GROUP {
                // A switchboard or a team inbox: it says nothing of anyone (as in dupes).
                continue;
            }
            for id in holders {
                if self.compatible(incoming, id)
                    && !self.named_like(name.get_or_init(|| name_key(&incoming.name)), id)
                    && !found.iter().any(|(seen, _)| seen == id)
                {
                    found.push((*id, evidence));
                }
            }
        }
        found
    }

    /// Whether `incoming` may be the indexed person `id`: not when both have a LinkedIn
    /// profile and the two differ.
    fn compatible(&self, incoming: &Known, id: &PersonId) -> bool {
        match (&incoming.linkedin, self.profile.get(id)) {
            (Some(theirs), Some(ours)) => theirs == ours,
            _ => true,
        }
    }

    /// Everyone indexed under the same name as `incoming` (by `name_key`), except those
    /// whose LinkedIn profile is not `incoming`'s: two profiles are two people.
    pub fn namesakes(&self, incoming: &Known) -> Vec<PersonId> {
        self.name
            .get(&name_key(&incoming.name))
            .map(Ids::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|id| self.compatible(incoming, id))
            .copied()
            .collect()
    }

    /// An empty index with room for `people` people.
    pub fn with_capacity(people: usize) -> Self {
        let map = || Lookup::with_capacity_and_hasher(people, Default::default());
        Self {
            linkedin: map(),
            email: Lookup::default(),
            phone: Lookup::default(),
            name_company: map(),
            name: map(),
            profile: FastMap::with_capacity_and_hasher(people, Default::default()),
            names: FastMap::with_capacity_and_hasher(people, Default::default()),
            former: FastMap::default(),
        }
    }

    /// The person `incoming` most likely is, by the strongest evidence that decides. A
    /// record with no LinkedIn, email or phone whose name is already someone's comes back
    /// `Ambiguous(_, NameOnly)`: the caller must not merge on it, nor create a duplicate.
    pub fn find(&self, incoming: &Known) -> Match {
        let compatible = |id: &PersonId| self.compatible(incoming, id);
        let decide = |ids: Vec<PersonId>, evidence| {
            let ids: Vec<PersonId> = ids.into_iter().filter(|id| compatible(id)).collect();
            Self::decision(ids, evidence)
        };
        // Each kind of evidence is gathered only when the stronger ones did not decide.
        let gather = |map: &Lookup<String>, keys: &mut dyn Iterator<Item = &str>| {
            let mut ids: Vec<PersonId> = Vec::new();
            for key in keys {
                for id in map.get(key).map(Ids::as_slice).unwrap_or_default() {
                    if !ids.contains(id) {
                        ids.push(*id);
                    }
                }
            }
            ids
        };
        let linkedin = || {
            gather(
                &self.linkedin,
                &mut incoming.linkedin.iter().map(String::as_str),
            )
        };
        // The name's key is needed by most kinds of evidence: built once, when first needed.
        let name = std::cell::OnceCell::new();
        let incoming_name = || name.get_or_init(|| name_key(&incoming.name)).as_str();
        // An address or a number is shared in real life (a family, a team): it points at
        // someone only if their name may be this record's.
        let named_like = |ids: Vec<PersonId>| -> Vec<PersonId> {
            ids.into_iter()
                .filter(|id| self.named_like(incoming_name(), id))
                .collect()
        };
        let email = || {
            let keys: Vec<String> = incoming.emails.iter().map(|e| email_key(e)).collect();
            named_like(gather(&self.email, &mut keys.iter().map(String::as_str)))
        };
        let phone = || {
            let keys: Vec<String> = incoming
                .phones
                .iter()
                .filter_map(|p| phone_key(p))
                .collect();
            named_like(gather(&self.phone, &mut keys.iter().map(String::as_str)))
        };
        let name_company = || {
            incoming
                .company
                .as_deref()
                .filter(|c| !c.trim().is_empty())
                .and_then(|c| {
                    let key = name_company_key(incoming_name(), c);
                    self.name_company
                        .get(&key)
                        .map(|ids| ids.as_slice().to_vec())
                })
                .unwrap_or_default()
        };
        decide(linkedin(), Evidence::Linkedin)
            .or_else(|| decide(email(), Evidence::Email))
            .or_else(|| decide(phone(), Evidence::Phone))
            .or_else(|| decide(name_company(), Evidence::NameAndCompany))
            .or_else(|| {
                let identified = incoming.linkedin.is_some()
                    || !incoming.emails.is_empty()
                    || incoming.phones.iter().any(|p| phone_key(p).is_some());
                if identified {
                    return None;
                }
                let namesakes = self
                    .name
                    .get(incoming_name())
                    .map(|ids| ids.as_slice().to_vec())
                    .unwrap_or_default();
                (!namesakes.is_empty()).then_some(Match::Ambiguous(namesakes, Evidence::NameOnly))
            })
            .unwrap_or(Match::New)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_name_is_name_key_equality() {
        for (a, b, same) in [
            ("Ada Lovelace", "ada  lovelace", true),
            ("  Ada\tLovelace ", "ADA LOVELACE", true),
            ("Ada Lovelace", "Ada Lovelac", false),
            ("Ada Lovelace", "AdaLovelace", false),
            ("Ada", "Ada Lovelace", false),
            ("", "   ", true),
            ("Acme, Inc.", "acme, inc.", true),
            ("Björn Ström", "BJÖRN  STRÖM", true),
            ("Björn", "Bjorn", false),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευς", true),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ", false),
            ("a\u{b}b", "a b", true),
        ] {
            assert_eq!(same_name(a, b), same, "{a:?} vs {b:?}");
            assert_eq!(
                same_name(a, b),
                name_key(a) == name_key(b),
                "{a:?} vs {b:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn same_name_agrees_with_name_key(
            a in "[ a-cA-CÄäΣσς\t]{0,8}",
            b in "[ a-cA-CÄäΣσς\t]{0,8}",
        ) {
            proptest::prop_assert_eq!(same_name(&a, &b), name_key(&a) == name_key(&b));
            let upper = a.to_uppercase();
            proptest::prop_assert_eq!(same_name(&a, &upper), name_key(&a) == name_key(&upper));
        }
    }

    fn known(
        name: &str,
        company: Option<&str>,
        linkedin: Option<&str>,
        emails: &[&str],
        phones: &[&str],
    ) -> Known {
        Known {
            name: name.into(),
            former_names: Vec::new(),
            company: company.map(Into::into),
            linkedin: linkedin.map(Into::into),
            emails: emails.iter().map(|e| (*e).into()).collect(),
            phones: phones.iter().map(|p| (*p).into()).collect(),
        }
    }

    #[test]
    fn strongest_evidence_decides_and_names_alone_never_match() {
        let ada = PersonId::new();
        let ada2 = PersonId::new();
        let bob = PersonId::new();
        let mut index = IdentityIndex::default();
        index.add(
            ada,
            &known(
                "Ada Lovelace",
                Some("Analytical"),
                Some("https://www.linkedin.com/in/ada"),
                &["ada@x.com"],
                &["+44 20 7946 0958"],
            ),
        );
        index.add(
            ada2,
            &known(
                "Ada Lovelace",
                Some("Analytical"),
                None,
                &["shared@x.com"],
                &[],
            ),
        );
        index.add(
            bob,
            &known("Bob", None, None, &["shared@x.com"], &["555 0100 222"]),
        );
        let ada3 = PersonId::new();
        index.add(ada3, &known("Ada King", None, None, &["shared@x.com"], &[]));

        let cases: Vec<(Known, Match)> = vec![
            (
                known(
                    "A. L.",
                    None,
                    Some("https://www.linkedin.com/in/ada"),
                    &[],
                    &[],
                ),
                Match::Existing(ada, Evidence::Linkedin),
            ),
            (
                known("Ada", None, None, &["ADA@x.com"], &[]),
                Match::Existing(ada, Evidence::Email),
            ),
            (
                known("A. Lovelace", None, None, &[], &["020 7946 0958"]),
                Match::Existing(ada, Evidence::Phone),
            ),
            // An address or a number shared by someone of another name is not theirs.
            (
                known("Someone", None, None, &["ADA@x.com"], &["020 7946 0958"]),
                Match::New,
            ),
            (
                known("Someone", None, None, &["shared@x.com"], &[]),
                Match::New,
            ),
            (
                known("Lovelace", None, None, &["shared@x.com"], &[]),
                Match::Existing(ada2, Evidence::Email),
            ),
            (
                known("ada", None, None, &["shared@x.com"], &[]),
                Match::Ambiguous(vec![ada2, ada3], Evidence::Email),
            ),
            (
                known("ada  lovelace", Some("ANALYTICAL"), None, &[], &[]),
                Match::Ambiguous(vec![ada, ada2], Evidence::NameAndCompany),
            ),
            (
                known("Bob", None, None, &[], &[]),
                Match::Ambiguous(vec![bob], Evidence::NameOnly),
            ),
            (
                known("Bob", None, None, &["bob@new.example"], &[]),
                Match::New,
            ),
            (known("Carol", None, None, &[], &[]), Match::New),
            (
                known("Ada Lovelace", None, None, &[], &[]),
                Match::Ambiguous(vec![ada, ada2], Evidence::NameOnly),
            ),
            (
                known("Ada Lovelace", Some("Elsewhere"), None, &[], &[]),
                Match::Ambiguous(vec![ada, ada2], Evidence::NameOnly),
            ),
            (
                known(
                    "Ada Lovelace",
                    Some("Elsewhere"),
                    None,
                    &[],
                    &["+1 555 123 4567"],
                ),
                Match::New,
            ),
            // Another LinkedIn profile rules out Ada, whose email it carries; the namesake
            // at the same company without a profile is the one left.
            (
                known(
                    "Ada Lovelace",
                    Some("Analytical"),
                    Some("https://www.linkedin.com/in/ada-2"),
                    &["ada@x.com"],
                    &[],
                ),
                Match::Existing(ada2, Evidence::NameAndCompany),
            ),
            // A LinkedIn profile outranks a conflicting email.
            (
                known(
                    "X",
                    None,
                    Some("https://www.linkedin.com/in/ada"),
                    &["shared@x.com"],
                    &[],
                ),
                Match::Existing(ada, Evidence::Linkedin),
            ),
            (known("X", None, None, &[], &["12"]), Match::New),
            (known("x", None, None, &[], &["12"]), Match::New),
        ];
        for (incoming, expected) in cases {
            assert_eq!(index.find(&incoming), expected, "incoming {incoming:?}");
        }
        assert_eq!(
            index.sharing_contact(&known("Someone", None, None, &["shared@x.com"], &[])),
            [
                (ada2, Evidence::Email),
                (bob, Evidence::Email),
                (ada3, Evidence::Email)
            ]
        );
        assert_eq!(
            index.sharing_contact(&known(
                "Bob",
                None,
                None,
                &["shared@x.com"],
                &["555 0100 222"]
            )),
            [(ada2, Evidence::Email), (ada3, Evidence::Email)],
            "Bob himself shares it, so is not listed"
        );
    }

    #[test]
    fn a_switchboard_number_is_shared_by_too_many_to_report() {
        let mut index = IdentityIndex::default();
        let line = "+44 20 7946 0000";
        for n in 0..MAX_GROUP {
            let who = known(&format!("Clerk{n} Desk"), None, None, &[], &[line]);
            assert_eq!(
                index.sharing_contact(&who).len(),
                n,
                "the {n} before share it"
            );
            index.add(PersonId::new(), &who);
        }
        let one_more = known("Someone Else", None, None, &[], &[line]);
        assert!(index.sharing_contact(&one_more).is_empty());
        assert_eq!(index.find(&one_more), Match::New);
    }

    #[test]
    fn names_that_may_be_one_persons() {
        for (a, b, may) in [
            ("ada lovelace", "ada lovelace", true),
            ("ada", "ada lovelace", true),
            ("a. lovelace", "ada lovelace", true),
            ("a lovelace", "ada king", true),
            ("lovelace", "ada lovelace", true),
            ("lovelace ada", "ada lovelace", true),
            ("", "ada lovelace", true),
            ("ada@example.com", "ada lovelace", true),
            ("+44 20 7946 0958", "jane smith", true),
            ("jane smith", "john smith", false),
            ("mom", "mary jones", false),
            ("bob smith", "robert smith", false),
            ("b. smith", "robert smith", false),
            ("ada lovelace", "ada", true),
        ] {
            assert_eq!(names_may_match(a, b), may, "{a:?} and {b:?}");
            assert_eq!(names_may_match(b, a), may, "{b:?} and {a:?}");
        }
    }

    #[test]
    fn a_former_name_is_still_theirs() {
        let bob = PersonId::new();
        let mut index = IdentityIndex::default();
        index.add(
            bob,
            &Known {
                former_names: vec!["Robert  Smith".into()],
                ..known("Bob Smith", Some("Acme"), None, &["bob@acme.test"], &[])
            },
        );
        let by_email = known("Robert Smith", None, None, &["BOB@acme.test"], &[]);
        assert_eq!(index.find(&by_email), Match::Existing(bob, Evidence::Email));
        assert!(index.sharing_contact(&by_email).is_empty());
        assert_eq!(
            index.find(&known("robert smith", Some("ACME"), None, &[], &[])),
            Match::Existing(bob, Evidence::NameAndCompany)
        );
        assert_eq!(
            index.find(&known("Robert Smith", None, None, &[], &[])),
            Match::Ambiguous(vec![bob], Evidence::NameOnly)
        );
        // Someone else of the family on the same address is still someone else.
        let jane = known("Jane Smith", None, None, &["bob@acme.test"], &[]);
        assert_eq!(index.find(&jane), Match::New);
        assert_eq!(index.sharing_contact(&jane), [(bob, Evidence::Email)]);
    }

    #[test]
    fn two_linkedin_profiles_are_two_people() {
        let first = PersonId::new();
        let mut index = IdentityIndex::default();
        let smith = |url: &str| Known {
            name: "Ada Smith".into(),
            former_names: vec![],
            company: Some("Globex".into()),
            linkedin: Some(url.into()),
            ..Known::default()
        };
        index.add(first, &smith("https://www.linkedin.com/in/ada-smith-1"));
        assert_eq!(
            index.find(&smith("https://www.linkedin.com/in/ada-smith-2")),
            Match::New
        );
        assert_eq!(
            index.find(&smith("https://www.linkedin.com/in/ada-smith-1")),
            Match::Existing(first, Evidence::Linkedin)
        );
    }

    #[test]
    fn phone_keys() {
        assert_eq!(phone_key("+44 20 7946 0958").as_deref(), Some("2079460958"));
        assert_eq!(
            phone_key("0044 20 7946 0958").as_deref(),
            Some("2079460958")
        );
        assert_eq!(phone_key("(555) 010-0199").as_deref(), Some("5550100199"));
        assert_eq!(phone_key("12-34"), None);
    }
}

/// Two stored people who are probably one, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LikelyDuplicate {
    pub a: PersonId,
    pub b: PersonId,
    pub reasons: Vec<Evidence>,
}

/// Groups larger than this (a shared team inbox, a switchboard number) say nothing about
/// any one pair and are left out.
const MAX_GROUP: usize = 8;

/// Whether two people of one name may be one person as far as their employers say: not
/// when both employers are known and differ (in a large network, most such pairs are two
/// people), yes when only one is known (a LinkedIn export knows it, a phone's card often
/// does not) or neither.
pub fn namesakes_may_be_one(company_a: Option<&str>, company_b: Option<&str>) -> bool {
    fn known(c: Option<&str>) -> Option<&str> {
        c.filter(|c| !c.trim().is_empty())
    }
    match (known(company_a), known(company_b)) {
        (Some(a), Some(b)) => same_name(a, b),
        _ => true,
    }
}

/// Pairs of people sharing a LinkedIn profile, an email, a phone, or their name (with the
/// same company, or alone — the weakest reason, given only when the company does not say
/// more: where at most one of them has a company, and never for two different LinkedIn
/// profiles, which are two people). Each pair once, `a` before `b`, strongest evidence
/// first.
pub fn likely_duplicates(people: &[(PersonId, Known)]) -> Vec<LikelyDuplicate> {
    let mut groups: HashMap<(Evidence, String), Vec<PersonId>> = HashMap::new();
    for (id, k) in people {
        let mut add = |evidence, key: String| {
            let ids = groups.entry((evidence, key)).or_default();
            if !ids.contains(id) {
                ids.push(*id);
            }
        };
        if let Some(url) = &k.linkedin {
            add(Evidence::Linkedin, url.clone());
        }
        for e in &k.emails {
            add(Evidence::Email, email_key(e));
        }
        for p in &k.phones {
            if let Some(key) = phone_key(p) {
                add(Evidence::Phone, key);
            }
        }
        // Their name and the names they went by before (a rename, a merge).
        for name in std::iter::once(&k.name).chain(&k.former_names) {
            let name = name_key(name);
            if let Some(c) = k.company.as_deref().filter(|c| !c.trim().is_empty()) {
                add(
                    Evidence::NameAndCompany,
                    format!("{name}\u{1f}{}", name_key(c)),
                );
            }
            // Whatever the company, sorted out below: one source often knows an employer
            // the other does not (a LinkedIn export and a phone's card).
            add(Evidence::NameOnly, name);
        }
    }
    let known: HashMap<PersonId, &Known> = people.iter().map(|(id, k)| (*id, k)).collect();
    let name_says_little = |a: &PersonId, b: &PersonId| {
        let (Some(x), Some(y)) = (known.get(a), known.get(b)) else {
            return true;
        };
        let two_profiles = matches!((&x.linkedin, &y.linkedin), (Some(p), Some(q)) if p != q);
        two_profiles || !namesakes_may_be_one(x.company.as_deref(), y.company.as_deref())
    };
    let mut pairs: HashMap<(PersonId, PersonId), Vec<Evidence>> = HashMap::new();
    for ((evidence, _), ids) in groups {
        if ids.len() < 2 || ids.len() > MAX_GROUP {
            continue;
        }
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let key = if a < b { (*a, *b) } else { (*b, *a) };
                let reasons = pairs.entry(key).or_default();
                if !reasons.contains(&evidence) {
                    reasons.push(evidence);
                }
            }
        }
    }
    let mut out: Vec<LikelyDuplicate> = pairs
        .into_iter()
        .filter_map(|((a, b), mut reasons)| {
            if reasons.contains(&Evidence::NameAndCompany) || name_says_little(&a, &b) {
                reasons.retain(|e| *e != Evidence::NameOnly);
            }
            reasons.sort_by_key(|e| strength_rank(*e));
            (!reasons.is_empty()).then_some(LikelyDuplicate { a, b, reasons })
        })
        .collect();
    out.sort_by(|x, y| {
        strength_rank(x.reasons[0])
            .cmp(&strength_rank(y.reasons[0]))
            .then(y.reasons.len().cmp(&x.reasons.len()))
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    out
}

fn strength_rank(evidence: Evidence) -> u8 {
    match evidence {
        Evidence::Linkedin => 0,
        Evidence::Email => 1,
        Evidence::Phone => 2,
        Evidence::NameAndCompany => 3,
        Evidence::NameOnly => 4,
    }
}

#[cfg(test)]
mod duplicate_tests {
    use super::*;

    #[test]
    fn pairs_come_with_their_reasons_strongest_first() {
        let ids: Vec<PersonId> = (0..5).map(|_| PersonId::new()).collect();
        let k = |name: &str, company: Option<&str>, emails: &[&str]| Known {
            name: name.into(),
            former_names: vec![],
            company: company.map(Into::into),
            linkedin: None,
            emails: emails.iter().map(|e| (*e).into()).collect(),
            phones: vec![],
        };
        let people = vec![
            (ids[0], k("Ada Lovelace", Some("Engines"), &["ada@x.com"])),
            (ids[1], k("ada lovelace", Some("ENGINES"), &["ADA@x.com"])),
            (ids[2], k("Grace Hopper", None, &[])),
            (ids[3], k("Grace  Hopper", None, &[])),
            (ids[4], k("Alan Turing", None, &[])),
        ];
        let found = likely_duplicates(&people);
        assert_eq!(
            found,
            vec![
                LikelyDuplicate {
                    a: ids[0],
                    b: ids[1],
                    reasons: vec![Evidence::Email, Evidence::NameAndCompany]
                },
                LikelyDuplicate {
                    a: ids[2],
                    b: ids[3],
                    reasons: vec![Evidence::NameOnly]
                },
            ]
        );
    }

    #[test]
    fn a_name_is_a_reason_unless_two_companies_or_two_profiles_say_otherwise() {
        let ids: Vec<PersonId> = (0..6).map(|_| PersonId::new()).collect();
        let k = |name: &str, company: Option<&str>, linkedin: Option<&str>| Known {
            name: name.into(),
            former_names: vec![],
            company: company.map(Into::into),
            linkedin: linkedin.map(Into::into),
            ..Known::default()
        };
        let people = vec![
            // From a LinkedIn export (company, profile) and from a phone (neither).
            (
                ids[0],
                k(
                    "Ada Lovelace",
                    Some("Engines"),
                    Some("https://www.linkedin.com/in/ada"),
                ),
            ),
            (ids[1], k("Ada Lovelace", None, None)),
            // Two profiles: two people, even with one name.
            (
                ids[2],
                k(
                    "John Smith",
                    Some("Acme"),
                    Some("https://www.linkedin.com/in/js-1"),
                ),
            ),
            (
                ids[3],
                k(
                    "John Smith",
                    Some("Initech"),
                    Some("https://www.linkedin.com/in/js-2"),
                ),
            ),
            // The same name at two companies: most likely two people.
            (ids[4], k("Grace Hopper", Some("Navy"), None)),
            (ids[5], k("Grace Hopper", Some("Remington Rand"), None)),
        ];
        let found = likely_duplicates(&people);
        let pairs: Vec<(PersonId, PersonId, Vec<Evidence>)> =
            found.into_iter().map(|d| (d.a, d.b, d.reasons)).collect();
        let pair = |x: usize, y: usize| {
            if ids[x] < ids[y] {
                (ids[x], ids[y])
            } else {
                (ids[y], ids[x])
            }
        };
        let mut want = vec![(pair(0, 1), vec![Evidence::NameOnly])];
        want.sort_by_key(|(p, _)| *p);
        let mut got: Vec<((PersonId, PersonId), Vec<Evidence>)> =
            pairs.into_iter().map(|(a, b, r)| ((a, b), r)).collect();
        got.sort_by_key(|(p, _)| *p);
        assert_eq!(got, want);
    }

    #[test]
    fn employers_rule_namesakes_out_only_when_both_are_known_and_differ() {
        for (a, b, may) in [
            (None, None, true),
            (Some("Engines"), None, true),
            (None, Some("Engines"), true),
            (Some("  "), Some("Engines"), true),
            (Some("Engines"), Some("ENGINES "), true),
            (Some("Engines"), Some("Babbage & Co"), false),
        ] {
            assert_eq!(namesakes_may_be_one(a, b), may, "{a:?} {b:?}");
        }
    }

    #[test]
    fn a_former_name_pairs_like_a_name() {
        let (bob, robert) = (PersonId::new(), PersonId::new());
        let people = vec![
            (
                bob,
                Known {
                    name: "Bob Smith".into(),
                    former_names: vec!["Robert Smith".into(), "ROBERT  SMITH".into()],
                    company: Some("Acme".into()),
                    ..Known::default()
                },
            ),
            (
                robert,
                Known {
                    name: "robert smith".into(),
                    company: Some("acme".into()),
                    ..Known::default()
                },
            ),
        ];
        let pairs = likely_duplicates(&people);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!(pairs[0].reasons[0], Evidence::NameAndCompany, "{pairs:?}");
    }

    #[test]
    fn huge_groups_are_not_pairs() {
        let people: Vec<(PersonId, Known)> = (0..20)
            .map(|i| {
                (
                    PersonId::new(),
                    Known {
                        name: format!("Person {i}"),
                        former_names: vec![],
                        emails: vec!["team@example.com".into()],
                        ..Known::default()
                    },
                )
            })
            .collect();
        assert!(likely_duplicates(&people).is_empty());
    }
}
