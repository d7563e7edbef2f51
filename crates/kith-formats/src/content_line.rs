//! Content lines as vCard (RFC 6350) and iCalendar (RFC 5545) write them: at most 75
//! octets each, longer ones folded onto continuation lines that start with a space.

/// The longest physical line, in octets, not counting its CRLF.
pub(crate) const MAX_OCTETS: usize = 75;

/// Appends one content line folded at [`MAX_OCTETS`] (never inside a character), CRLF-ended.
pub(crate) fn push_folded(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > MAX_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}
