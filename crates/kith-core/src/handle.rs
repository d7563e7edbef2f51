//! Handles: the readable, unique names people and companies are addressed by on the
//! command line (`ada-lovelace`, `ada-lovelace-2`, `acme`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::parse::ParseError;

/// A lowercase ASCII slug: letters, digits and single dashes, no dash at either end.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Handle(String);

/// The longest slug base kept from a name; a numeric suffix may follow it.
const MAX_BASE_LEN: usize = 48;

impl Handle {
    /// Parses text typed by a user as a handle (lowercased; must already be a slug).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let lowered = text.trim().to_ascii_lowercase();
        let valid = !lowered.is_empty()
            && lowered.len() <= MAX_BASE_LEN + 8
            && lowered
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !lowered.starts_with('-')
            && !lowered.ends_with('-')
            && !lowered.contains("--");
        if valid {
            Ok(Self(lowered))
        } else {
            Err(ParseError::new(
                "handle",
                text,
                "lowercase letters, digits and single dashes, such as ada-lovelace",
            ))
        }
    }

    /// The slug base for a display name: transliterated to ASCII, lowercased, runs of
    /// anything else collapsed to one dash. Never empty: a name with nothing usable
    /// (only punctuation) becomes `fallback`.
    pub fn base_for(name: &str, fallback: &str) -> Handle {
        let ascii = deunicode::deunicode(name);
        let mut slug = String::with_capacity(ascii.len());
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                if slug.len() >= MAX_BASE_LEN {
                    break;
                }
                slug.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '’' {
                // "O'Brien" reads better as obrien than o-brien.
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        if slug.is_empty() {
            slug = fallback.to_owned();
        }
        Handle(slug)
    }

    /// The first of `base`, `base-2`, `base-3`, … for which `taken` says no.
    pub fn first_free(base: &Handle, taken: impl FnMut(&str) -> bool) -> Handle {
        Self::first_free_from(base, 1, taken).0
    }

    /// `first_free` for a caller that already knows the candidates before number `from`
    /// are taken (`base` itself is number 1): the search starts there. Returns the handle
    /// and its number, so the next search for the same base can start after it.
    pub fn first_free_from(
        base: &Handle,
        from: u64,
        mut taken: impl FnMut(&str) -> bool,
    ) -> (Handle, u64) {
        if from <= 1 && !taken(&base.0) {
            return (base.clone(), 1);
        }
        (from.max(2)..)
            .map(|n| (n, format!("{}-{n}", base.0)))
            .find(|(_, candidate)| !taken(candidate))
            .map(|(n, candidate)| (Handle(candidate), n))
            .unwrap_or_else(|| (base.clone(), 1))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Handle {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Handle::parse(&value)
    }
}

impl From<Handle> for String {
    fn from(handle: Handle) -> String {
        handle.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expected: &str) {
        assert_eq!(
            Handle::base_for(name, "person").as_str(),
            expected,
            "name {name:?}"
        );
    }

    #[test]
    fn names_become_readable_slugs() {
        check("Ada Lovelace", "ada-lovelace");
        check("  Grace   Hopper ", "grace-hopper");
        check("José Müller-Lüdenscheidt", "jose-muller-ludenscheidt");
        check("Conan O'Brien", "conan-obrien");
        check("Smith, PhD", "smith-phd");
        check("Zoë 🚀 Chen", "zoe-rocket-chen");
        check("李小龍", "li-xiao-long");
        check("!!!", "person");
        check("", "person");
        check(&"a".repeat(100), &"a".repeat(48));
    }

    #[test]
    fn taken_handles_get_the_next_free_number() {
        let taken = ["ada-lovelace", "ada-lovelace-2"];
        let base = Handle::base_for("Ada Lovelace", "person");
        let free = Handle::first_free(&base, |h| taken.contains(&h));
        assert_eq!(free.as_str(), "ada-lovelace-3");
        let free = Handle::first_free(&base, |_| false);
        assert_eq!(free.as_str(), "ada-lovelace");
    }

    #[test]
    fn parsing_accepts_slugs_and_rejects_the_rest() {
        assert_eq!(
            Handle::parse("Ada-Lovelace").unwrap().as_str(),
            "ada-lovelace"
        );
        for bad in ["", "ada lovelace", "-ada", "ada-", "ada--l", "ada_l", "ädä"] {
            let err = Handle::parse(bad).unwrap_err();
            assert_eq!(err.what, "handle", "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_base_is_a_valid_handle(name in "\\PC{0,60}") {
            let base = Handle::base_for(&name, "person");
            proptest::prop_assert_eq!(Handle::parse(base.as_str()).unwrap(), base);
        }
    }
}
