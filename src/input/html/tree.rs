//! The element tree of an HTML page, built in one pass with the tolerance of a browser for what
//! real pages contain (unclosed `<p>` and `<li>`, stray end tags, void elements), and the text
//! statistics main-content selection scores: visible characters, characters inside links,
//! commas, each per element. Deep nesting costs no recursion and no repeated search.

use std::collections::HashMap;

use super::markup::{self, Token, Tokens};
use crate::text::Span;

/// Elements whose whole content is never article text.
pub const HIDDEN: &[&str] = &[
    "script", "style", "head", "nav", "noscript", "template", "svg", "iframe", "form", "button", "select", "aside", "math", "footer",
    "textarea", "object", "canvas", "dialog", "menu", "amp-sidebar",
];

/// Elements that end a paragraph of text (everything else flows inline).
pub const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "figure", "blockquote", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "main", "hr", "dd", "dt", "dl", "pre", "body", "title", "caption", "address", "details",
    "summary", "fieldset", "nav", "aside", "html", "tbody", "thead", "tfoot",
];

/// How far up the open elements an implied end tag (a `<p>` closing an open `<p>`) is looked for.
const IMPLIED_END_REACH: usize = 16;

#[derive(Debug, Clone)]
pub struct Element {
    pub name: Box<str>,
    /// From the `<` of the start tag to after the end tag (or to where the element was implicitly
    /// closed).
    pub span: Span,
    /// After the start tag's `>`.
    pub content_start: usize,
    pub parent: Option<usize>,
    /// `class` and `id` values, lowercased, space-separated.
    pub class_id: Box<str>,
    pub role: Option<Box<str>>,
    pub itemprop: Option<Box<str>>,
    /// Never shown as text: a hidden element, inside one, or marked `hidden` / `aria-hidden`.
    pub hidden: bool,
    /// Is a block element (breaks paragraphs).
    pub block: bool,
    /// Visible non-space characters in the element and all its descendants.
    pub chars: usize,
    /// Of those, inside links.
    pub link_chars: usize,
    /// Visible characters whose nearest block ancestor is this element (its own paragraph text).
    pub direct_chars: usize,
    /// Commas in that direct text.
    pub direct_commas: usize,
}

impl Element {
    /// The lowercased class and id words, split at anything that is not a letter or digit
    /// (`share-bar__item` → `share`, `bar`, `item`).
    pub fn class_words(&self) -> impl Iterator<Item = &str> {
        self.class_id.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
    }

    pub fn link_density(&self) -> f64 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f64 / self.chars as f64 }
    }
}

#[derive(Debug, Default)]
pub struct Tree {
    /// In document order: a parent comes before its children.
    pub elements: Vec<Element>,
    /// Did the page have a `<body>` start tag (a whole page, not a fragment)?
    pub has_body: bool,
}

struct Open {
    element: usize,
    link: bool,
    /// Nearest block element (itself, or an ancestor).
    block: Option<usize>,
}

impl Tree {
    pub fn build(src: &str) -> Tree {
        let mut tree = Tree::default();
        let mut stack: Vec<Open> = Vec::new();
        // How many elements of each name are open: an end tag with none open is ignored at once.
        let mut open_count: HashMap<Box<str>, usize> = HashMap::new();
        let mut own_chars: Vec<(usize, usize)> = Vec::new(); // (chars, link chars) per element
        for token in Tokens::new(src) {
            match token {
                Token::Tag(tag) if tag.name.is_empty() => {}
                Token::Tag(tag) if !tag.closing => {
                    let name = tag.name.as_str();
                    if name == "body" {
                        tree.has_body = true;
                    }
                    close_implied(&mut tree, &mut stack, &mut open_count, name, tag.span.start);
                    if tag.self_closing || markup::VOID.contains(&name) {
                        continue;
                    }
                    let raw = &src[tag.span.range()];
                    let parent = stack.last();
                    let parent_hidden = parent.is_some_and(|p| tree.elements[p.element].hidden);
                    let attr = |n: &str| markup::attribute(raw, n);
                    let marked_hidden = attr("hidden").is_some()
                        || attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
                        || attr("style").is_some_and(|v| {
                            let v: String = v.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
                            v.contains("display:none") || v.contains("visibility:hidden")
                        });
                    let mut class_id = String::new();
                    for v in [attr("class"), attr("id")].into_iter().flatten() {
                        if !class_id.is_empty() {
                            class_id.push(' ');
                        }
                        class_id.push_str(&v.to_ascii_lowercase());
                    }
                    let index = tree.elements.len();
                    let block = BLOCKS.contains(&name);
                    tree.elements.push(Element {
                        name: name.into(),
                        span: Span::new(tag.span.start, src.len()),
                        content_start: tag.span.end,
                        parent: parent.map(|p| p.element),
                        class_id: class_id.into(),
                        role: attr("role").map(|v| v.to_ascii_lowercase().into()),
                        itemprop: attr("itemprop").map(|v| v.to_ascii_lowercase().into()),
                        hidden: parent_hidden || marked_hidden || HIDDEN.contains(&name),
                        block,
                        chars: 0,
                        link_chars: 0,
                        direct_chars: 0,
                        direct_commas: 0,
                    });
                    own_chars.push((0, 0));
                    let link = name == "a" || parent.is_some_and(|p| p.link);
                    let block_of = if block { Some(index) } else { parent.and_then(|p| p.block) };
                    stack.push(Open { element: index, link, block: block_of });
                    *open_count.entry(name.into()).or_default() += 1;
                }
                Token::Tag(tag) => {
                    if open_count.get(tag.name.as_str()).copied().unwrap_or(0) > 0 {
                        while let Some(top) = stack.pop() {
                            let e = &mut tree.elements[top.element];
                            decrement(&mut open_count, &e.name);
                            if *e.name == *tag.name {
                                e.span.end = tag.span.end;
                                break;
                            }
                            e.span.end = tag.span.start;
                        }
                    }
                }
                Token::Text(span) => {
                    let Some(top) = stack.last() else { continue };
                    let e = &tree.elements[top.element];
                    if e.hidden {
                        continue;
                    }
                    let text = &src[span.range()];
                    let chars = visible_chars(text);
                    if chars == 0 {
                        continue;
                    }
                    let own = &mut own_chars[top.element];
                    own.0 += chars;
                    if top.link {
                        own.1 += chars;
                    }
                    if let Some(b) = top.block {
                        tree.elements[b].direct_chars += chars;
                        tree.elements[b].direct_commas += text.matches([',', '，', '、']).count();
                    }
                }
                Token::Raw { element, content } if element == "title" => {
                    // A title is text even though its content is not parsed for tags.
                    if let Some(top) = stack.last()
                        && !tree.elements[top.element].hidden
                    {
                        own_chars[top.element].0 += visible_chars(&src[content.range()]);
                    }
                }
                Token::Comment(_) | Token::Cdata { .. } | Token::Raw { .. } => {}
            }
        }
        // Totals: children come after their parents, so one backward pass sums every subtree.
        for (e, (chars, link)) in tree.elements.iter_mut().zip(&own_chars) {
            e.chars = *chars;
            e.link_chars = *link;
        }
        for i in (0..tree.elements.len()).rev() {
            if let Some(p) = tree.elements[i].parent {
                let (c, l) = (tree.elements[i].chars, tree.elements[i].link_chars);
                tree.elements[p].chars += c;
                tree.elements[p].link_chars += l;
            }
        }
        tree
    }

    /// Children of every element, in document order.
    pub fn children(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.elements.len()];
        for (i, e) in self.elements.iter().enumerate() {
            if let Some(p) = e.parent {
                out[p].push(i);
            }
        }
        out
    }

    /// Is `a` an ancestor of (or the same element as) `b`?
    pub fn contains(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.elements[a], &self.elements[b]);
        a == b || (x.span.start <= y.span.start && y.span.end <= x.span.end && a < b)
    }

    /// The outermost hidden elements' spans, in order (their content is never text).
    pub fn hidden_spans(&self) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for e in &self.elements {
            let parent_hidden = e.parent.is_some_and(|p| self.elements[p].hidden);
            if e.hidden && !parent_hidden && out.last().is_none_or(|l| l.end <= e.span.start) {
                out.push(e.span);
            }
        }
        out
    }
}

fn decrement(counts: &mut HashMap<Box<str>, usize>, name: &str) {
    if let Some(c) = counts.get_mut(name) {
        *c = c.saturating_sub(1);
    }
}

/// Non-space characters of text (entities counted as written: close enough for densities).
fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A start tag that implies the end of an open element: `<p>` or any block ends an open `<p>`,
/// `<li>` an open `<li>`, `<dt>`/`<dd>` each other, `<tr>` a row, `<td>`/`<th>` a cell, `<option>`
/// an option. Looked for only a short way up, as browsers stop at the enclosing block.
fn close_implied(tree: &mut Tree, stack: &mut Vec<Open>, counts: &mut HashMap<Box<str>, usize>, name: &str, at: usize) {
    let closes: &[&str] = match name {
        "li" => &["li"],
        "dt" | "dd" => &["dt", "dd"],
        "tr" => &["tr", "td", "th"],
        "td" | "th" => &["td", "th"],
        "option" => &["option"],
        _ if BLOCKS.contains(&name) => &["p"],
        _ => return,
    };
    // Only elements that stop the search: a list stops `li`, a table stops cells, any block stops `p`.
    let stops = |n: &str| match name {
        "li" => matches!(n, "ul" | "ol" | "menu"),
        "dt" | "dd" => n == "dl",
        "tr" | "td" | "th" => matches!(n, "table" | "tbody" | "thead" | "tfoot"),
        "option" => n == "select",
        _ => BLOCKS.contains(&n),
    };
    let found = stack.iter().rev().take(IMPLIED_END_REACH).position(|o| {
        let n = &*tree.elements[o.element].name;
        closes.contains(&n) || stops(n)
    });
    let Some(k) = found else { return };
    let target = stack.len() - 1 - k;
    if !closes.contains(&&*tree.elements[stack[target].element].name) {
        return;
    }
    while stack.len() > target {
        let top = stack.pop().expect("stack is longer than target");
        let e = &mut tree.elements[top.element];
        decrement(counts, &e.name);
        e.span.end = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named<'a>(t: &'a Tree, name: &str) -> Vec<&'a Element> {
        t.elements.iter().filter(|e| &*e.name == name).collect()
    }

    #[test]
    fn implied_end_tags_and_stray_end_tags() {
        let src = "<body><ul><li>One<li>Two</ul><p>First<p>Second</span><div>x</div></body>";
        let t = Tree::build(src);
        assert!(t.has_body);
        let lis = named(&t, "li");
        assert_eq!(&src[lis[0].span.range()], "<li>One");
        assert_eq!(&src[lis[1].span.range()], "<li>Two");
        let ps = named(&t, "p");
        assert_eq!(&src[ps[0].span.range()], "<p>First");
        assert_eq!(&src[ps[1].span.range()], "<p>Second</span>");
        // The div is the body's child, not the paragraph's.
        let div = t.elements.iter().position(|e| &*e.name == "div").unwrap();
        assert_eq!(&*t.elements[t.elements[div].parent.unwrap()].name, "body");
    }

    #[test]
    fn text_statistics_sum_over_subtrees() {
        let src = "<div id=Main class='Story'><p>One, two, three.</p><p><a href=x>Link text</a> and more</p><nav>Home Page</nav><script>var x = 1;</script></div>";
        let t = Tree::build(src);
        let div = &t.elements[0];
        assert_eq!(&*div.class_id, "story main");
        assert_eq!(div.chars, "One,two,three.".len() + "Linktextandmore".len());
        assert_eq!(div.link_chars, "Linktext".len());
        assert_eq!(t.elements[1].direct_commas, 2);
        assert_eq!(div.direct_chars, 0);
        assert!(named(&t, "nav")[0].hidden);
        assert_eq!(t.hidden_spans().len(), 2);
    }

    #[test]
    fn deep_nesting_is_linear_and_stack_safe() {
        let n = 200_000;
        let src = format!("<p>x</p>{}{}{}", "<nav>".repeat(n), "<span>".repeat(n), "</nav>".repeat(n));
        let t = Tree::build(&src);
        assert_eq!(t.elements.len(), 2 * n + 1);
        assert_eq!(t.hidden_spans().len(), 1);
        let stray = format!("{}{}", "<div>".repeat(n), "</span>".repeat(n));
        assert_eq!(Tree::build(&stray).elements.len(), n);
    }
}
