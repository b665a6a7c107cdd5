//! HTML markup, token by token: text, tags (with the few attributes selection reads), comments,
//! CDATA and raw-text element content (`<script>`, `<style>` …), each a byte span of the source.
//! One forward pass; nothing is searched twice, so any input takes linear time.

use crate::text::Span;

/// Elements whose content is raw text: no tags inside, up to the matching end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements that never have content or an end tag.
pub const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// From `<` to after `>`.
    pub span: Span,
    /// Lowercased element name (may be empty for `<!doctype>` and `<?…>`).
    pub name: String,
    pub closing: bool,
    /// `<br/>`-style, or a declaration (`<!…>`, `<?…>`).
    pub self_closing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Character data between tags (entities still encoded).
    Text(Span),
    Tag(Tag),
    /// `<!-- … -->`.
    Comment(Span),
    /// `<![CDATA[ … ]]>`: the whole section and its content.
    Cdata { span: Span, content: Span },
    /// The content of a raw-text element (after its start tag, before its end tag).
    Raw { element: String, content: Span },
}

/// The tokens of `src`, in order, covering every byte.
pub struct Tokens<'a> {
    src: &'a str,
    at: usize,
    /// After a raw-text start tag: the element whose content comes next.
    raw: Option<String>,
    /// See [`tag_end`].
    quote_misses: [usize; 2],
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokens { src, at: 0, raw: None, quote_misses: [usize::MAX; 2] }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let (src, i) = (self.src, self.at);
        if i >= src.len() {
            return None;
        }
        if let Some(element) = self.raw.take() {
            let end = find_end_tag(src, i, &element).unwrap_or(src.len());
            self.at = end;
            if end > i {
                return Some(Token::Raw { element, content: Span::new(i, end) });
            }
            return self.next();
        }
        let b = src.as_bytes();
        let rest = &src[i..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body.find("-->").map_or(src.len(), |j| i + 4 + j + 3);
            self.at = end;
            return Some(Token::Comment(Span::new(i, end)));
        }
        if rest.starts_with("<![CDATA[") {
            let close = rest.find("]]>").map_or(src.len(), |j| i + j);
            self.at = (close + 3).min(src.len());
            return Some(Token::Cdata { span: Span::new(i, self.at), content: Span::new(i + 9, close) });
        }
        if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')) {
            let end = tag_end(src, i, &mut self.quote_misses);
            let raw = &src[i..end];
            let closing = raw.as_bytes().get(1) == Some(&b'/');
            let declaration = matches!(raw.as_bytes().get(1), Some(b'!' | b'?'));
            let name: String = raw[if closing { 2 } else { 1 }..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let self_closing = declaration || raw.ends_with("/>");
            if !closing && !self_closing && RAW_TEXT.contains(&name.as_str()) {
                self.raw = Some(name.clone());
            }
            self.at = end;
            return Some(Token::Tag(Tag { span: Span::new(i, end), name, closing, self_closing }));
        }
        // Text up to the next `<` that may start markup (a lone `<` stays text).
        let mut end = i + rest.chars().next().map_or(1, char::len_utf8);
        loop {
            match src[end..].find('<') {
                None => {
                    end = src.len();
                    break;
                }
                Some(j) => {
                    end += j;
                    let next = b.get(end + 1);
                    if next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')) {
                        break;
                    }
                    end += 1;
                }
            }
        }
        self.at = end;
        Some(Token::Text(Span::new(i, end)))
    }
}

/// End of the tag starting at `i` (index after `>`), honouring quoted attribute values. A quote
/// that is never closed ends at the first `>` after it, so one stray quote cannot swallow the rest
/// of a page. `misses[q]` remembers the offset from which quote `q` no longer occurs, so a page of
/// stray quotes is still read in linear time.
fn tag_end(src: &str, i: usize, misses: &mut [usize; 2]) -> usize {
    let b = src.as_bytes();
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'>' => return j + 1,
            q @ (b'"' | b'\'') if matches!(b[j - 1], b'=' | b' ' | b'\t' | b'\n' | b'\r') => {
                let slot = usize::from(q == b'\'');
                let close = if j >= misses[slot] { None } else { src[j + 1..].find(q as char).map(|k| j + 1 + k) };
                match close {
                    Some(c) => j = c + 1,
                    None => {
                        misses[slot] = misses[slot].min(j);
                        return src[j..].find('>').map_or(b.len(), |k| j + k + 1);
                    }
                }
            }
            _ => j += 1,
        }
    }
    b.len()
}

/// Start of the end tag `</element` at or after `from` (ASCII case-insensitive).
fn find_end_tag(src: &str, from: usize, element: &str) -> Option<usize> {
    let b = src.as_bytes();
    let mut k = from;
    while let Some(j) = src[k..].find("</") {
        let at = k + j;
        let name = &b[at + 2..(at + 2 + element.len()).min(b.len())];
        if name.eq_ignore_ascii_case(element.as_bytes())
            && b.get(at + 2 + element.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        k = at + 2;
    }
    None
}

/// The value of attribute `name` in a start tag's source (`<div class="a b" id=x>`), entities left
/// as written.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let b = tag.as_bytes();
    // Skip `<` and the element name.
    let mut i = 1 + tag[1..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(tag.len() - 1);
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = &tag[key_start..i];
        if key.is_empty() {
            return None;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && matches!(b[i], b'"' | b'\'') {
                let q = b[i];
                let end = tag[i + 1..].find(q as char).map_or(tag.len(), |j| i + 1 + j);
                value = &tag[i + 1..end];
                i = (end + 1).min(tag.len());
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &tag[start..i];
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Tokens::new(src)
            .map(|t| match t {
                Token::Text(s) => format!("text {:?}", &src[s.range()]),
                Token::Tag(t) => format!("{}{}{}", if t.closing { "/" } else { "" }, t.name, if t.self_closing { "/" } else { "" }),
                Token::Comment(_) => "comment".into(),
                Token::Cdata { content, .. } => format!("cdata {:?}", &src[content.range()]),
                Token::Raw { element, content } => format!("raw {element} {:?}", &src[content.range()]),
            })
            .collect()
    }

    #[test]
    fn tokens_cover_text_tags_comments_and_raw_text() {
        let src = "<!doctype html><P class=\"a>b\">x < y &amp; z<br/></p><!-- c --><script>if (a<b) x='</p>';</SCRIPT >t";
        assert_eq!(
            kinds(src),
            [
                "/", // the doctype: a declaration, no name
                "p",
                "text \"x < y &amp; z\"",
                "br/",
                "/p",
                "comment",
                "script",
                "raw script \"if (a<b) x='</p>';\"",
                "/script",
                "text \"t\""
            ]
        );
        let covered: usize = Tokens::new(src)
            .map(|t| match t {
                Token::Text(s) | Token::Comment(s) | Token::Cdata { span: s, .. } | Token::Tag(Tag { span: s, .. }) => s.len(),
                Token::Raw { content, .. } => content.len(),
            })
            .sum();
        assert_eq!(covered, src.len());
    }

    #[test]
    fn unclosed_constructs_end_the_input_without_looping() {
        assert_eq!(kinds("a<!-- never closed"), ["text \"a\"", "comment"]);
        assert_eq!(kinds("<style>p{}"), ["style", "raw style \"p{}\""]);
        // An unterminated quote ends the tag at the next `>`.
        assert_eq!(kinds("<p class='x>text</p>"), ["p", "text \"text\"", "/p"]);
    }

    #[test]
    fn attributes_are_read_quoted_unquoted_and_bare() {
        let tag = "<div id=main class=\"story body\" hidden data-x='1'>";
        assert_eq!(attribute(tag, "class"), Some("story body"));
        assert_eq!(attribute(tag, "ID"), Some("main"));
        assert_eq!(attribute(tag, "hidden"), Some(""));
        assert_eq!(attribute(tag, "data-x"), Some("1"));
        assert_eq!(attribute(tag, "role"), None);
    }
}
