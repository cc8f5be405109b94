/// Escapes text for HTML and XML element content and attributes, quoted
/// with either quote. It is also Tera's escape function: Tera's own also
/// turns every `/` into `&#x2F;`, which no HTML context needs and which
/// made every URL of a page six times longer before minification.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Percent-encodes `text` for a URL, leaving ASCII letters, digits,
/// "-._~" and the bytes of `keep` (such as "/" in a path) as they are.
pub fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Bytes as lower-case hexadecimal (hashes, tokens).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_five_markup_characters_and_nothing_else() {
        assert_eq!(
            super::escape_markup("a<b>&\"c\" 'đ' ../x/"),
            "a&lt;b&gt;&amp;&quot;c&quot; &#39;đ&#39; ../x/"
        );
    }
}
