//! Markdown input: the prose only (no code, front matter, HTML or URLs), mapped back to the
//! original bytes through escapes and entities.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::offsets::Extracted;
use crate::text::Span;

pub fn extract(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Depth inside elements whose text is not prose (code blocks, front matter, images, autolinks).
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        let raw = &src[range.clone()];
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock) => hidden += 1,
            Event::Start(Tag::Link { dest_url, .. }) if raw.trim_start_matches('<').starts_with(dest_url.as_ref()) => hidden += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image | TagEnd::HtmlBlock) => {
                hidden = hidden.saturating_sub(1);
                out.paragraph_break(range.end);
            }
            Event::End(TagEnd::Link) if raw.starts_with('<') && hidden > 0 => hidden -= 1,
            _ if hidden > 0 => {}
            Event::Text(t) => {
                if t.as_ref() == raw {
                    out.push_verbatim(raw, range.start);
                } else {
                    out.push_replaced(&t, Span::new(range.start, range.end));
                }
            }
            // Inline code is not prose; a space keeps the words around it apart.
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => out.push_replaced(" ", Span::new(range.start, range.end)),
            Event::SoftBreak | Event::HardBreak => out.push_replaced("\n", Span::new(range.start, range.end)),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::TableRow | TagEnd::TableHead | TagEnd::FootnoteDefinition) => {
                out.paragraph_break(range.end)
            }
            Event::End(TagEnd::TableCell) => out.push_synthetic(" ", range.end),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_only_with_exact_offsets() {
        let src = "---\ntitle: x\n---\n# Blinken &amp; Xi\n\nHe met `code` in kyiv, see <https://x.org> and [the report](https://y.org).\n\n```\nkyiv code\n```\n\nA \\*star\\*.\n";
        let x = extract(src);
        assert!(!x.text.contains("title"), "{:?}", x.text);
        assert!(!x.text.contains("https"), "{:?}", x.text);
        assert!(!x.text.contains("kyiv code"));
        assert!(x.text.contains("Blinken & Xi\n\nHe met   in kyiv, see  and the report."), "{:?}", x.text);
        let at = x.text.find("kyiv").unwrap();
        let orig = x.to_original(Span::new(at, at + 4));
        assert_eq!(&src[orig.range()], "kyiv");
        let amp = x.text.find('&').unwrap();
        assert_eq!(&src[x.to_original(Span::new(amp, amp + 1)).range()], "&amp;");
        let star = x.text.find("*star").unwrap();
        // The backslash of an escape belongs to no text: the span covers the star itself.
        assert_eq!(&src[x.to_original(Span::new(star, star + 5)).range()], "*star");
    }
}
