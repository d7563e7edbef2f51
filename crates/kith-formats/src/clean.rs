//! Bytes to text before any parser sees them: a byte-order mark dropped, text that is not
//! UTF-8 read as Windows-1252 (what spreadsheets on Windows save), and every line ending
//! (CRLF, CR CR LF, lone CR) made a single LF.

/// Windows-1252's printable characters in 0x80..=0x9F (Latin-1 has controls there).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes a file's bytes to text; `was_utf8` says whether the fallback was needed.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), true),
        Err(_) => (
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
            false,
        ),
    }
}

/// Every line ending as one LF: CRLF, CR CR LF (seen from iOS) and lone CR alike.
pub fn normalize_line_endings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            while chars.peek() == Some(&'\r') {
                chars.next();
            }
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// `decode` then `normalize_line_endings` (skipped when there is no CR to replace).
pub fn text(bytes: &[u8]) -> String {
    let (text, _) = decode(bytes);
    if text.contains('\r') {
        normalize_line_endings(&text)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_line_endings() {
        let cases: &[(&[u8], &str)] = &[
            (b"\xEF\xBB\xBFa,b\r\nc", "a,b\nc"),
            (b"a\r\r\nb\rc\n", "a\nb\nc\n"),
            (b"a\r\n\r\nb", "a\n\nb"),
            ("Zoë".as_bytes(), "Zoë"),
            (b"Zo\xEB \x80 \x96", "Zoë € –"),
        ];
        for (input, expected) in cases {
            assert_eq!(text(input), *expected, "input {input:?}");
        }
        assert!(!decode(b"Zo\xEB").1);
        assert!(decode("Zoë".as_bytes()).1);
    }
}
