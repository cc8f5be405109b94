/// Escapes text for HTML and XML element content and quoted attributes.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_four_markup_characters() {
        assert_eq!(
            super::escape_markup("a<b>&\"c\" đ"),
            "a&lt;b&gt;&amp;&quot;c&quot; đ"
        );
    }
}
