//! Companies: organisations people work at, some of them the seeker's targets.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::handle::Handle;
use crate::id::CompanyId;
use crate::parse::vocabulary;

vocabulary!(
    /// Headcount bands, as professional networks report them.
    CompanySize, "company size", {
        Solo => "1",
        Micro => "2-10",
        Small => "11-50",
        Medium => "51-200",
        Mid => "201-500",
        Large => "501-1000",
        Big => "1001-5000",
        Huge => "5001-10000",
        Giant => "10001+",
    }
);

vocabulary!(
    /// How the company lets people work.
    RemotePolicy, "remote policy", {
        Onsite => "onsite",
        Hybrid => "hybrid",
        Remote => "remote",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: CompanyId,
    pub handle: Handle,
    pub name: String,
    pub domain: Option<String>,
    pub location: Option<String>,
    pub size: Option<CompanySize>,
    pub remote_policy: Option<RemotePolicy>,
    pub notes: Option<String>,
    /// A company the seeker would like to work at.
    pub target: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A company's web domain as typed (`https://www.Acme.io/jobs`) reduced to `acme.io`.
pub fn normalize_domain(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_lowercase();
    let without_scheme = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(&text);
    let host = without_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with('.')
        && !host.ends_with('.');
    valid.then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_reduced_to_their_host() {
        let cases = [
            ("acme.io", Some("acme.io")),
            ("https://www.Acme.io/jobs?x=1", Some("acme.io")),
            ("http://eng.acme.co.uk", Some("eng.acme.co.uk")),
            ("acme", None),
            ("not a domain.com", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_domain(input).as_deref(),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn sizes_use_the_familiar_bands() {
        assert_eq!("11-50".parse::<CompanySize>().unwrap(), CompanySize::Small);
        assert!("12".parse::<CompanySize>().is_err());
    }
}
