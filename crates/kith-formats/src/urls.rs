//! Web addresses found in contact files: made canonical, and LinkedIn and GitHub profiles
//! recognised so the same person matches across files.

use std::borrow::Cow;

/// A web address made comparable: `https://`, lowercase host without `www.`, no trailing
/// slash, query or fragment for profile URLs. LinkedIn profiles become
/// `https://www.linkedin.com/in/<slug>` with the slug percent-decoded and lowercased.
///
/// Normalizing its own output changes nothing (the fuzz target `urls` checks this), so a
/// URL exported and imported again still matches the same person.
pub fn normalize(url: &str) -> Option<String> {
    // vCard escapes (`http\://`) undone; a backslash left after that is not part of a URL.
    let trimmed = url.trim();
    let url: Cow<'_, str> = if trimmed.contains('\\') {
        Cow::Owned(trimmed.replace("\\:", ":").replace("\\,", ","))
    } else {
        Cow::Borrowed(trimmed)
    };
    let url = url.as_ref();
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return None;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let lowercase_host = host.to_ascii_lowercase();
    let mut host = lowercase_host.as_str();
    while let Some(stripped) = host.strip_prefix("www.") {
        host = stripped;
    }
    if !valid_host(host) {
        return None;
    }
    let bare_path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    if (host == "linkedin.com" || host.ends_with(".linkedin.com"))
        && let Some(slug) = bare_path.strip_prefix("in/")
    {
        let slug = slug.split('/').next().unwrap_or("");
        let mut slug = if slug.contains('%') {
            percent_decode(slug)?
        } else {
            slug.to_owned()
        };
        if slug.is_ascii() {
            slug.make_ascii_lowercase();
        } else {
            slug = slug.to_lowercase();
        }
        // Profile slugs are letters, digits, dashes and underscores; anything else decoded
        // from `%xx` would change meaning on the next pass (a `/`, a `%`, a space).
        let plain = slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if slug.is_empty() || !plain {
            return None;
        }
        return Some(format!("https://www.linkedin.com/in/{slug}"));
    }
    if host == "github.com" {
        let user = bare_path.split('/').next().unwrap_or("");
        if !user.is_empty() {
            return Some(format!("https://github.com/{}", user.to_lowercase()));
        }
    }
    if bare_path.is_empty() {
        Some(format!("https://{host}"))
    } else {
        Some(format!("https://{host}/{path}"))
    }
}

/// Dot-separated labels of letters, digits and dashes (an optional `:port` after), at least
/// two labels, none empty, and not starting with `www.` (already stripped).
fn valid_host(host: &str) -> bool {
    let name = match host.split_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        Some(_) => return false,
        None => host,
    };
    let mut labels = 0;
    let mut well_formed = true;
    for label in name.split('.') {
        labels += 1;
        well_formed &= !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    }
    labels >= 2 && !name.starts_with("www.") && well_formed
}

/// Whether a canonical URL is a LinkedIn profile.
pub fn is_linkedin_profile(canonical: &str) -> bool {
    canonical.starts_with("https://www.linkedin.com/in/")
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_made_comparable() {
        let cases = [
            (
                "https://www.linkedin.com/in/ada-lovelace",
                Some("https://www.linkedin.com/in/ada-lovelace"),
            ),
            (
                "http://linkedin.com/in/Ada-Lovelace/",
                Some("https://www.linkedin.com/in/ada-lovelace"),
            ),
            (
                "https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-4a1b2c?trk=x",
                Some("https://www.linkedin.com/in/jürgen-müller-4a1b2c"),
            ),
            (
                "www.linkedin.com/in/ada",
                Some("https://www.linkedin.com/in/ada"),
            ),
            ("http\\://github.com/Ada/", Some("https://github.com/ada")),
            (
                "https://github.com/ada/analytical-engine",
                Some("https://github.com/ada"),
            ),
            ("ada.dev/blog/", Some("https://ada.dev/blog/")),
            ("https://www.Example.com", Some("https://example.com")),
            ("https://linkedin.com/in/%ZZ", None),
            ("not a url", None),
            ("https://uk.linkedin.com/in/ada%1Dlovelace", None),
            ("https://linkedin.com/in/a%2Fb", None),
            ("https://linkedin.com/in/a%2541", None),
            ("a.b/x\\\\,", None),
            ("www.www.a.b", Some("https://a.b")),
            ("www.", None),
            (".,,w", None),
            ("a.b:8080/x", Some("https://a.b:8080/x")),
            ("localhost", None),
        ];
        for (input, expected) in cases {
            let once = normalize(input);
            assert_eq!(once.as_deref(), expected, "input {input:?}");
            if let Some(once) = once {
                assert_eq!(
                    normalize(&once),
                    Some(once.clone()),
                    "idempotent for {input:?}"
                );
            }
        }
        assert!(is_linkedin_profile("https://www.linkedin.com/in/ada"));
        assert!(!is_linkedin_profile("https://github.com/ada"));
    }
}
