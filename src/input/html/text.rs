//! The text of an HTML page or fragment: what a reader sees, entities decoded, block elements as
//! paragraph breaks, mapped back to the original bytes through tags and entities. Byte ranges
//! given as left out (hidden elements, the page template around the article) are skipped whole.

use super::markup::{Token, Tokens};
use super::tree::BLOCKS;
use super::{Html, entity_at};
use crate::input::offsets::Extracted;
use crate::text::Span;

/// Inline elements that stand as separate items when side by side (links in a tag list).
const ITEMS: &[&str] = &["a", "button"];

/// Extract the text of `src` outside the sorted, disjoint byte ranges `skip`.
pub fn extract(src: &str, skip: &[Span]) -> Html {
    let mut out = Extracted::default();
    let mut captions = Vec::new();
    let mut seams = Vec::new();
    let mut caption_start: Option<usize> = None;
    let mut headings = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut skip = skip.iter().peekable();
    // The end of the last item element (`</a>`) when nothing but white space has followed it:
    // (its offset in the extracted text).
    let mut item_ended: Option<usize> = None;
    let mut resume = 0;
    for token in Tokens::new(src) {
        let start = match &token {
            Token::Text(s) | Token::Comment(s) => s.start,
            Token::Tag(t) => t.span.start,
            Token::Cdata { span, .. } => span.start,
            Token::Raw { content, .. } => content.start,
        };
        if start < resume {
            continue;
        }
        while skip.peek().is_some_and(|s| s.end <= start) {
            skip.next();
        }
        if let Some(s) = skip.peek()
            && s.start <= start
        {
            resume = s.end;
            out.paragraph_break(s.end);
            item_ended = None;
            continue;
        }
        match token {
            Token::Comment(_) => {}
            Token::Cdata { content, .. } => out.push_verbatim(&src[content.range()], content.start),
            Token::Raw { element, content } => {
                // Only a `<title>` outside `<head>` reaches here (other raw-text elements are hidden).
                if element == "title" {
                    push_text(&mut out, src, content);
                }
            }
            Token::Tag(tag) => {
                let name = tag.name.as_str();
                if name == "figcaption" {
                    if tag.closing {
                        if let Some(s) = caption_start.take() {
                            captions.push(Span::new(s, out.text.len()));
                        }
                    } else {
                        out.paragraph_break(tag.span.start);
                        caption_start = Some(out.text.len());
                    }
                }
                if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    if tag.closing {
                        if let Some(s) = heading_start.take() {
                            headings.push(Span::new(s, out.text.len()));
                        }
                    } else {
                        out.paragraph_break(tag.span.start);
                        heading_start = Some(out.text.len());
                    }
                }
                if name == "br" {
                    // A line break inside a paragraph, not a new paragraph.
                    if !out.text.is_empty() && !out.ends_with("\n") {
                        out.push_synthetic("\n", tag.span.start);
                    }
                    item_ended = None;
                } else if BLOCKS.contains(&name) {
                    out.paragraph_break(if tag.closing { tag.span.start } else { tag.span.end });
                    item_ended = None;
                } else if ITEMS.contains(&name) {
                    if tag.closing {
                        item_ended = Some(out.text.len());
                    } else if let Some(end) = item_ended.take() {
                        // Two items side by side: they are separate words, and the gap between
                        // them is a seam no repetition check may cross.
                        if out.text.len() == end && !out.text.is_empty() && !out.ends_with("\n") {
                            out.push_synthetic(" ", tag.span.start);
                        }
                        seams.push(Span::new(end, out.text.len()));
                    }
                }
            }
            Token::Text(span) => {
                let text = &src[span.range()];
                // Stop at a skipped range that starts inside the text (it cannot, with ranges
                // taken from the same tokens, but a wrong range must not mis-map text).
                let end = skip.peek().map_or(span.end, |s| s.start.clamp(span.start, span.end));
                if !text.trim().is_empty() {
                    item_ended = None;
                }
                push_text(&mut out, src, Span::new(span.start, end));
                if end < span.end {
                    resume = end;
                }
            }
        }
    }
    Html { text: out, captions, headings, seams, selection: None }
}

/// Character data: entities decoded; runs of white space holding a line break become one space,
/// so only block elements make paragraphs.
fn push_text(out: &mut Extracted, src: &str, span: Span) {
    let mut i = span.start;
    while i < span.end {
        if src.as_bytes()[i] == b'&' {
            match entity_at(src, i).filter(|(_, e)| *e <= span.end) {
                Some((text, end)) => {
                    out.push_replaced(&text, Span::new(i, end));
                    i = end;
                }
                None => {
                    out.push_verbatim("&", i);
                    i += 1;
                }
            }
        } else {
            let end = src[i..span.end].find('&').map_or(span.end, |j| i + j);
            push_plain(out, &src[i..end], i);
            i = end;
        }
    }
}

fn push_plain(out: &mut Extracted, s: &str, at: usize) {
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_whitespace() {
            let mut end = k + c.len_utf8();
            while let Some(&(k2, c2)) = chars.peek() {
                if !c2.is_whitespace() {
                    break;
                }
                end = k2 + c2.len_utf8();
                chars.next();
            }
            if s[k..end].contains(['\n', '\r']) {
                out.push_verbatim(&s[start..k], at + start);
                let collapsed = if out.text.is_empty() || out.ends_with("\n\n") { "" } else { " " };
                out.push_replaced(collapsed, Span::new(at + k, at + end));
                start = end;
            }
        }
    }
    out.push_verbatim(&s[start..], at + start);
}
