//! The demo's job seeker: who drafts are signed by, and two versions of their pitch — an
//! early one the check finds wanting and the one in use — so `kith draft`, `kith prep`
//! and `kith pitch` have something to show on a fresh demo.

use kith_core::draft::Profile;

/// The seeker's profile.
pub fn profile() -> Profile {
    Profile {
        name: Some("Sam Okafor".to_owned()),
        line: Some("a backend engineer moving into developer tooling".to_owned()),
        interests: vec!["rust".to_owned(), "devops".to_owned()],
    }
}

/// The pitch versions, oldest first: (label, text). The last is the one in use.
pub const PITCHES: &[(&str, &str)] = &[
    (
        "first try",
        "Hi, I'm Sam. I'm basically a backend engineer, I've done a lot of different things \
         over the years, payments mostly, and I'm really passionate about technology and \
         learning new stuff.",
    ),
    (
        "meetups",
        "I'm Sam Okafor, a backend engineer. For six years I have built payment systems in Go \
         and Rust, most recently the ledger at a Lisbon fintech. In twelve months I want to be \
         working on developer tooling: build systems, compilers, the tools other engineers use \
         every day.",
    ),
];
