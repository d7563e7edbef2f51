//! Web addresses found in contact files: made canonical, and LinkedIn and GitHub profiles
//! recognised so the same person matches across files.

/// A web address made comparable: `https://`, lowercase host without `www.`, no trailing
/// slash, query or fragment for profile URLs. LinkedIn profiles become
/// `https://www.linkedin.com/in/<slug>` with the slug percent-decoded and lowercased.
pub fn normalize(url: &str) -> Option<String> {
    let url = url.trim().replace("\\:", ":").replace("\\,", ",");
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    if !host.contains('.') {
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
        let slug = percent_decode(slug.split('/').next().unwrap_or(""))?.to_lowercase();
        if slug.is_empty() {
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
            ("localhost", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input).as_deref(), expected, "input {input:?}");
        }
        assert!(is_linkedin_profile("https://www.linkedin.com/in/ada"));
        assert!(!is_linkedin_profile("https://github.com/ada"));
    }
}
