//! HTML input: the visible article text (not script, style, head, nav, …), entities decoded, block
//! elements as paragraph breaks, mapped back to the original bytes through tags and entities.
//! `<figcaption>` content is marked as a `caption` region.

use super::offsets::Extracted;
use crate::text::Span;

/// Elements whose whole content is not article text.
const HIDDEN: &[&str] = &["script", "style", "head", "nav", "noscript", "template", "svg", "iframe", "form", "button", "select", "aside", "math", "footer"];
/// Elements that break paragraphs.
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "figure", "blockquote", "tr", "td", "th", "table", "section",
    "article", "header", "footer", "main", "hr", "dd", "dt", "dl", "pre", "body", "title", "caption", "address",
];

/// Extracted text and the spans (in the extracted text) of `<figcaption>` content.
pub struct Html {
    pub text: Extracted,
    pub captions: Vec<Span>,
}

fn tag_name(tag: &str) -> (bool, String) {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let name: String = inner.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (closing, name.to_ascii_lowercase())
}

/// End of the tag starting at `i` (index after `>`), honouring quoted attribute values.
fn tag_end(src: &str, i: usize) -> usize {
    let b = src.as_bytes();
    let mut j = i + 1;
    let mut quote: Option<u8> = None;
    while j < b.len() {
        match (quote, b[j]) {
            (Some(q), c) if c == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (None, b'>') => return j + 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

/// Decode the entity at `i` (`&…;`); returns the text and the end index.
pub fn entity_at(src: &str, i: usize) -> Option<(String, usize)> {
    let rest = &src[i..];
    // `;` is ASCII, so its byte position is a char boundary.
    let semi = rest.as_bytes().iter().take(40).position(|&b| b == b';')?;
    let ent = &rest[..=semi];
    if ent[1..semi].is_empty() || !ent[1..semi].chars().all(|c| c.is_ascii_alphanumeric() || c == '#') {
        return None;
    }
    let decoded = html_escape::decode_html_entities(ent);
    (decoded != ent).then(|| (decoded.into_owned(), i + semi + 1))
}

pub fn extract(src: &str) -> Html {
    // ASCII lowercasing keeps byte offsets: end tags are searched in this copy.
    let lower = src.to_ascii_lowercase();
    let mut out = Extracted::default();
    let mut captions = Vec::new();
    let mut caption_start: Option<usize> = None;
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if src[i..].starts_with("<!--") {
            i = src[i..].find("-->").map_or(b.len(), |j| i + j + 3);
        } else if src[i..].starts_with("<![CDATA[") {
            let end = src[i..].find("]]>").map_or(b.len(), |j| i + j);
            out.push_verbatim(&src[i + 9..end], i + 9);
            i = (end + 3).min(b.len());
        } else if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?') {
            let end = tag_end(src, i);
            let (closing, name) = tag_name(&src[i..end]);
            let self_closing = src[i..end].ends_with("/>");
            if !closing && !self_closing && HIDDEN.contains(&name.as_str()) {
                i = skip_element(src, &lower, end, &name);
                out.paragraph_break(i);
                continue;
            }
            if name == "figcaption" {
                if closing {
                    if let Some(s) = caption_start.take() {
                        captions.push(Span::new(s, out.text.len()));
                    }
                } else {
                    out.paragraph_break(i);
                    caption_start = Some(out.text.len());
                }
            }
            if name == "br" {
                // A line break inside a paragraph, not a new paragraph.
                if !out.text.is_empty() && !out.ends_with("\n") {
                    out.push_synthetic("\n", i);
                }
            } else if BLOCKS.contains(&name.as_str()) {
                out.paragraph_break(if closing { i } else { end });
            }
            i = end;
        } else if b[i] == b'&' {
            match entity_at(src, i) {
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
            let end = src[i..].find(['<', '&']).map_or(b.len(), |j| i + j);
            push_text(&mut out, &src[i..end], i);
            i = end;
        }
    }
    Html { text: out, captions }
}

/// Text between tags: runs of white space with a line break become one space, so only block
/// elements make paragraphs.
fn push_text(out: &mut Extracted, s: &str, at: usize) {
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

/// Index after the end tag that closes `name` (nested same-name elements counted).
fn skip_element(src: &str, lower_src: &str, from: usize, name: &str) -> usize {
    let lower = &lower_src[from..];
    let raw_text = matches!(name, "script" | "style" | "template");
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut depth = 1;
    let mut k = 0;
    while k < lower.len() {
        let next_close = lower[k..].find(&close).map(|j| k + j);
        let next_open = if raw_text { None } else { lower[k..].find(&open).map(|j| k + j) };
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                k = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                let end = from + c;
                let after = tag_end(src, end);
                if depth == 0 {
                    return after;
                }
                k = after - from;
            }
            (_, None) => return src.len(),
        }
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_with_entities_mapped_back() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>\n<p>Blinken &amp; Wang met in\n   kyiv.</p><script>var a='<p>';</script><figure><img src=x><figcaption>Xi meets Blinken</figcaption></figure><p>&#8220;Yes,&#x201D; he said.</p></body></html>";
        let h = extract(src);
        assert_eq!(h.text.text, "Blinken & Wang met in kyiv.\n\nXi meets Blinken\n\n“Yes,” he said.\n\n");
        let at = h.text.text.find("kyiv").unwrap();
        assert_eq!(&src[h.text.to_original(Span::new(at, at + 4)).range()], "kyiv");
        let q = h.text.text.find('“').unwrap();
        assert_eq!(&src[h.text.to_original(Span::new(q, q + "“Yes,”".len())).range()], "&#8220;Yes,&#x201D;");
        assert_eq!(h.captions.len(), 1);
        let br = extract("<p>“One line<br>and the next,” he said.</p>");
        assert_eq!(br.text.text, "“One line\nand the next,” he said.\n\n");
        assert_eq!(&h.text.text[h.captions[0].range()], "Xi meets Blinken");
    }
}
