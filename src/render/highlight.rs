//! Code highlighting with syntect, writing CSS classes (the theme styles
//! them) rather than inline styles. The syntax set is loaded on first use,
//! so sites without code never pay for it.

use crate::text::escape_markup;
use comrak::adapters::SyntaxHighlighterAdapter;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

pub struct ClassedHighlighter;

impl SyntaxHighlighterAdapter for ClassedHighlighter {
    fn write_highlighted(
        &self,
        out: &mut dyn fmt::Write,
        lang: Option<&str>,
        code: &str,
    ) -> fmt::Result {
        let syntax = lang
            .filter(|l| !l.is_empty())
            .and_then(|l| SYNTAXES.find_syntax_by_token(l));
        let Some(syntax) = syntax else {
            return out.write_str(&escape_markup(code));
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            &SYNTAXES,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return out.write_str(&escape_markup(code));
            }
        }
        out.write_str(&generator.finalize())
    }

    fn write_pre_tag(
        &self,
        out: &mut dyn fmt::Write,
        attributes: HashMap<&'static str, Cow<'_, str>>,
    ) -> fmt::Result {
        write_tag(out, "pre", attributes)
    }

    fn write_code_tag(
        &self,
        out: &mut dyn fmt::Write,
        attributes: HashMap<&'static str, Cow<'_, str>>,
    ) -> fmt::Result {
        write_tag(out, "code", attributes)
    }
}

fn write_tag(
    out: &mut dyn fmt::Write,
    tag: &str,
    attributes: HashMap<&'static str, Cow<'_, str>>,
) -> fmt::Result {
    let mut attributes: Vec<_> = attributes.into_iter().collect();
    attributes.sort();
    write!(out, "<{tag}")?;
    for (name, value) in attributes {
        write!(out, " {name}=\"{}\"", escape_markup(&value))?;
    }
    write!(out, ">")
}
