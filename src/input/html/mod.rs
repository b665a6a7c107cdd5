//! HTML input: the visible text a reader sees, mapped back to the original bytes through tags and
//! entities. A whole page (one with `<body>`) is read as an article: the article region is
//! selected and the page template around it left out (`--html-scope`). `<figcaption>` content is
//! marked as a `caption` region, and the gap between links side by side as a `seam`.
//!
//! - [`markup`]: tokens (tags, text, comments, raw text), one linear pass;
//! - [`tree`]: the element tree with text statistics;
//! - [`article`]: main-content selection on that tree;
//! - [`text`]: the text outside the ranges left out, with its offset map.

pub mod article;
pub mod markup;
pub mod text;
pub mod tree;

use super::offsets::Extracted;
use crate::text::{Regions, Span};

/// How much of an HTML document is linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The article of a whole page (one with `<body>`); a fragment as it is.
    #[default]
    Auto,
    /// Only the article, even in a fragment.
    Article,
    /// Every visible element.
    Page,
}

/// Extracted text, the spans (in the extracted text) of `<figcaption>` and heading content, of the seams
/// between separate links, and, when an article was selected, which.
pub struct Html {
    pub text: Extracted,
    pub captions: Vec<Span>,
    pub headings: Vec<Span>,
    pub seams: Vec<Span>,
    pub selection: Option<(tree::Tree, article::Selection)>,
}

impl Html {
    /// The regions marked for rules' `unless_in`.
    pub fn regions(&self) -> Regions {
        Regions { captions: self.captions.clone(), headings: self.headings.clone(), seams: self.seams.clone() }
    }
}

/// The text of `src` in `scope`.
pub fn extract(src: &str, scope: Scope) -> Html {
    let tree = tree::Tree::build(src);
    let wanted = match scope {
        Scope::Auto => tree.has_body,
        Scope::Article => true,
        Scope::Page => false,
    };
    let selection = if wanted { article::select(&tree) } else { None };
    let hidden = tree.hidden_spans();
    let skip = match &selection {
        Some(s) => union(&hidden, &s.skipped(&tree, src.len())),
        None => hidden,
    };
    let mut html = text::extract(src, &skip);
    html.selection = selection.map(|s| (tree, s));
    html
}

/// The union of two sorted lists of spans, sorted and disjoint.
fn union(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all: Vec<Span> = a.iter().chain(b).copied().collect();
    all.sort();
    let mut out: Vec<Span> = Vec::with_capacity(all.len());
    for s in all {
        match out.last_mut() {
            Some(l) if s.start <= l.end => l.end = l.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_with_entities_mapped_back() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>\n<p>Blinken &amp; Wang met in\n   kyiv.</p><script>var a='<p>';</script><figure><img src=x><figcaption>Xi meets Blinken</figcaption></figure><p>&#8220;Yes,&#x201D; he said.</p></body></html>";
        let h = extract(src, Scope::Page);
        assert_eq!(h.text.text, "Blinken & Wang met in kyiv.\n\nXi meets Blinken\n\n“Yes,” he said.\n\n");
        let at = h.text.text.find("kyiv").unwrap();
        assert_eq!(&src[h.text.to_original(Span::new(at, at + 4)).range()], "kyiv");
        let q = h.text.text.find('“').unwrap();
        assert_eq!(&src[h.text.to_original(Span::new(q, q + "“Yes,”".len())).range()], "&#8220;Yes,&#x201D;");
        assert_eq!(h.captions.len(), 1);
        let br = extract("<p>“One line<br>and the next,” he said.</p>", Scope::Auto);
        assert_eq!(br.text.text, "“One line\nand the next,” he said.\n\n");
        assert_eq!(&h.text.text[h.captions[0].range()], "Xi meets Blinken");
    }
}
