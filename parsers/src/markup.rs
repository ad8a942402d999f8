//! Removing converter residue (HTML tags, markdown emphasis, odd spaces) from cell text.

use std::borrow::Cow;

/// The text of a cell without HTML tags (`<u>`, `<p>`, `</p>`), markdown emphasis (`**x**`,
/// `*x*`), non-breaking spaces, or surrounding white space. LaTeX (`$…$`) is left alone.
/// Text with none of these is borrowed, not copied.
pub fn strip_markup(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'<' || b == b'*' || !b.is_ascii()) {
        return Cow::Borrowed(raw.trim());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = html_tag_len(rest).and_then(|len| rest.get(len..)) {
                rest = after;
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            rest = after;
            continue;
        }
        out.push(if c == '\u{a0}' || c == '\u{2007}' || c == '\u{202f}' {
            ' '
        } else {
            c
        });
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    let trimmed = out.trim();
    let unwrapped = trimmed
        .strip_prefix('*')
        .and_then(|s| s.strip_suffix('*'))
        .filter(|s| !s.is_empty());
    Cow::Owned(unwrapped.unwrap_or(trimmed).trim().to_string())
}

/// Length in bytes of an HTML tag such as `<u>`, `</p>` or `<br/>` at the start of `s`.
fn html_tag_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('<')?;
    let name = body.strip_prefix('/').unwrap_or(body);
    if !name.chars().next()?.is_ascii_alphabetic() {
        return None;
    }
    let (inner, _) = body.split_once('>')?;
    if inner.contains('<') || inner.len() > 64 {
        return None;
    }
    Some(1 + inner.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::strip_markup;

    #[test]
    fn strips_html_and_markdown() {
        assert_eq!(strip_markup("<u>17.062.035.864,00</u>"), "17.062.035.864,00");
        assert_eq!(strip_markup("**8.251.284.892,-**"), "8.251.284.892,-");
        assert_eq!(strip_markup("*Tabel capaian kinerja*"), "Tabel capaian kinerja");
        assert_eq!(strip_markup("<p>Memberikan</p> <p>x</p>"), "Memberikan x");
        assert_eq!(strip_markup(" 94,54\u{a0}% "), "94,54 %");
    }

    #[test]
    fn keeps_what_is_not_markup() {
        assert_eq!(strip_markup("a < b > c"), "a < b > c");
        assert_eq!(strip_markup("Kegiatan*)"), "Kegiatan*)");
        assert_eq!(strip_markup("$\\frac{1}{2}$"), "$\\frac{1}{2}$");
        assert_eq!(strip_markup("*"), "*");
        assert_eq!(strip_markup("<"), "<");
    }
}
