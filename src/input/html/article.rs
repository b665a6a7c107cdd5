//! Main-content selection: which part of a whole web page is the article. The signals are the
//! ones established extractors use (Mozilla Readability, trafilatura, jusText): schema.org
//! `articleBody`, paragraphs scored by length and commas and credited to their ancestors, class
//! and id names that mark content or page furniture, link density, and the siblings that continue
//! the article. Inside the article, template blocks at its edges (a share bar after the last
//! paragraph, a tag list, related stories, comments) are left out; whatever sits between its
//! paragraphs stays and is linted, because residue inside the body is what mtlint looks for.

use super::tree::{Element, Tree};
use crate::text::Span;

const ARTICLE_BODY: &str = "schema.org articleBody";

/// Paragraph text shorter than this (visible characters) does not score.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// An article shorter than this (visible characters) is looked for again without leaving out
/// the elements named like furniture (Readability's 500).
const MIN_ARTICLE_CHARS: usize = 500;
/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;
/// Weight of a content or template class name.
const CLASS_WEIGHT: f64 = 25.0;
/// Fraction of the top score an alternative candidate needs to be counted (Readability's 0.75).
const ALTERNATIVE_SHARE: f64 = 0.75;
/// Alternatives under one ancestor that make it the article (Readability's 3).
const MIN_ALTERNATIVES: usize = 3;
/// An element with this much text outside links is never furniture, whatever its name (WordPress
/// names every post `tag-…`).
const SUBSTANTIAL_CHARS: usize = 600;
/// An advertisement slot inside the article is left out below this many characters.
const MAX_AD_CHARS: usize = 200;

/// Class/id fragments of content containers (matched inside class and id words: `ArticleBody`,
/// `entry-content`, `story-text`).
const CONTENT_NAMES: &[&str] = &["article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry"];
/// Class/id fragments of page furniture, matched inside words.
const TEMPLATE_NAMES: &[&str] = &[
    "comment", "disqus", "related", "share", "sharing", "social", "sidebar", "newsletter", "subscri", "signup", "promo", "recirc",
    "recommend", "trending", "popular", "mostread", "most-read", "breadcrumb", "pagination", "pager", "masthead", "banner", "cookie",
    "consent", "gdpr", "sponsor", "outbrain", "taboola", "widget", "footer", "menu", "navbar", "toolbar", "taglist", "tag-list",
    "paywall", "follow", "popup", "modal", "skyscraper", "shoutbox", "combx", "community", "supplemental", "rail",
];
/// Whole class/id words of page furniture (too short to match inside words).
const TEMPLATE_WORDS: &[&str] = &["ad", "ads", "advert", "advertisement", "tags", "tag", "topics", "more", "meta", "dfp", "nav", "print"];
/// Whole words or fragments of comment sections, which are never the article.
const COMMENT_NAMES: &[&str] = &["comment", "disqus", "respond", "replies"];
/// Words that are not comments even though they contain one of those fragments.
const NOT_COMMENTS: &[&str] = &["commentary", "commentator", "commentators"];
/// Class/id fragments of an article's metadata (byline, time stamp, section label): not text to
/// lint when they stand before the first paragraph or after the last.
const META_NAMES: &[&str] = &["byline", "author", "timestamp", "date", "publish", "update", "modif", "overline", "kicker", "eyebrow", "dateline", "readtime", "read-time"];
/// Whole class/id words of advertisement slots.
const AD_WORDS: &[&str] = &["ad", "ads", "advert", "advertisement", "adslot", "adunit", "dfp", "gpt", "adsbygoogle"];

/// Elements whose own text makes a paragraph that scores.
const PARAGRAPHS: &[&str] = &["p", "pre", "td", "blockquote", "div", "section", "article", "main", "dd"];

/// Which part of the page was chosen, and why.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The article's element, and any siblings that continue it, in document order.
    pub kept: Vec<usize>,
    /// Elements inside those left out, with the reason.
    pub dropped: Vec<(usize, &'static str)>,
    /// What decided: `schema.org articleBody`, or `content score`.
    pub how: &'static str,
    pub score: f64,
    /// The best-scoring candidates, best first (for `segments`).
    pub candidates: Vec<(usize, f64)>,
}

impl Selection {
    /// Byte ranges of `src` that are not article text: everything outside the kept elements,
    /// and the dropped elements inside them; sorted and disjoint.
    pub fn skipped(&self, tree: &Tree, len: usize) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        let mut dropped = self.dropped.iter().map(|(e, _)| tree.elements[*e].span).peekable();
        for &k in &self.kept {
            let span = tree.elements[k].span;
            if span.start > at {
                out.push(Span::new(at, span.start));
            }
            at = at.max(span.start);
            while let Some(d) = dropped.next_if(|d| d.start < span.end) {
                if d.start >= at {
                    out.push(d);
                    at = d.end;
                }
            }
            at = at.max(span.end);
        }
        if at < len {
            out.push(Span::new(at, len));
        }
        out
    }
}

fn has_fragment(e: &Element, names: &[&str]) -> bool {
    names.iter().any(|n| e.class_id.contains(n))
}

fn has_word(e: &Element, words: &[&str]) -> bool {
    e.class_words().any(|w| words.contains(&w))
}

fn is_template(e: &Element) -> bool {
    e.chars - e.link_chars < SUBSTANTIAL_CHARS && named_template(e)
}

fn named_template(e: &Element) -> bool {
    has_fragment(e, TEMPLATE_NAMES) || has_word(e, TEMPLATE_WORDS) || e.role.as_deref().is_some_and(|r| matches!(r, "complementary" | "navigation" | "banner" | "contentinfo"))
}

fn is_content(e: &Element) -> bool {
    has_fragment(e, CONTENT_NAMES) || e.role.as_deref() == Some("main") || e.itemprop.as_deref() == Some("articlebody")
}

fn is_comments(e: &Element) -> bool {
    e.class_words().any(|w| COMMENT_NAMES.iter().any(|n| w.contains(n)) && !NOT_COMMENTS.contains(&w))
}

fn is_ad(e: &Element) -> bool {
    has_word(e, AD_WORDS)
}

/// A likely place for the article to be: not page furniture by name, unless also named as content.
fn unlikely(e: &Element) -> bool {
    !matches!(&*e.name, "body" | "html" | "article" | "main") && named_template(e) && !is_content(e)
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" | "section" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(e: &Element) -> f64 {
    let mut w = 0.0;
    if named_template(e) {
        w -= CLASS_WEIGHT;
    }
    if is_content(e) {
        w += CLASS_WEIGHT;
    }
    w
}

/// Choose the article of a whole page; `None` when nothing on it reads like an article.
pub fn select(tree: &Tree) -> Option<Selection> {
    // As Readability does: when leaving out everything named like furniture leaves no article
    // (a theme that calls its main column `highfooter`), try again without.
    let strict = select_with(tree, true);
    // Enough text, in something smaller than the whole page.
    let enough = |s: &Selection| {
        s.kept.iter().map(|&k| tree.elements[k].chars).sum::<usize>() >= MIN_ARTICLE_CHARS
            && !s.kept.iter().any(|&k| matches!(&*tree.elements[k].name, "body" | "html"))
    };
    match strict {
        Some(s) if enough(&s) || s.how == ARTICLE_BODY => Some(s),
        strict => select_with(tree, false).filter(enough).or(strict),
    }
}

fn select_with(tree: &Tree, strip_unlikely: bool) -> Option<Selection> {
    let els = &tree.elements;
    let n = els.len();
    // Elements out of the running: hidden, or inside page furniture.
    let mut out_of_play = vec![false; n];
    for i in 0..n {
        out_of_play[i] = els[i].hidden || (strip_unlikely && unlikely(&els[i])) || els[i].parent.is_some_and(|p| out_of_play[p]);
    }
    let paragraph = |i: usize| !out_of_play[i] && els[i].direct_chars >= MIN_PARAGRAPH_CHARS && PARAGRAPHS.contains(&&*els[i].name);
    let mut score: Vec<Option<f64>> = vec![None; n];
    for i in (0..n).filter(|&i| paragraph(i)) {
        let e = &els[i];
        let content = 1.0 + e.direct_commas as f64 + (e.direct_chars / 100).min(3) as f64;
        let mut ancestor = e.parent;
        for level in 0..ANCESTOR_LEVELS {
            let Some(a) = ancestor else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let s = score[a].get_or_insert_with(|| tag_weight(&els[a].name) + class_weight(&els[a]));
            *s += content / divider;
            ancestor = els[a].parent;
        }
    }
    let final_score = |i: usize| score[i].map(|s| s * (1.0 - els[i].link_density()));

    if let Some(body) = els
        .iter()
        .enumerate()
        .filter(|(_, e)| e.itemprop.as_deref() == Some("articlebody") && !e.hidden && e.chars >= 2 * MIN_PARAGRAPH_CHARS)
        .max_by_key(|(_, e)| e.chars)
        .map(|(i, _)| i)
    {
        let kept = with_headline(tree, &out_of_play, vec![body]);
        return Some(trim(tree, kept, ARTICLE_BODY, final_score(body).unwrap_or(0.0)));
    }

    let mut candidates: Vec<(usize, f64)> = (0..n).filter_map(|i| final_score(i).map(|s| (i, s))).filter(|(i, _)| !out_of_play[*i]).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(mut top, top_score) = candidates.first()?;
    if top_score <= 0.0 {
        return None;
    }
    let is_root = |i: usize| matches!(&*els[i].name, "body" | "html");

    // Several near-best candidates under one ancestor: the article is that ancestor.
    let alternatives: Vec<usize> = candidates[1..].iter().take(5).filter(|(_, s)| *s >= top_score * ALTERNATIVE_SHARE).map(|(i, _)| *i).collect();
    if alternatives.len() >= MIN_ALTERNATIVES {
        let mut a = els[top].parent;
        while let Some(p) = a.filter(|&p| !is_root(p)) {
            if alternatives.iter().filter(|&&alt| tree.contains(p, alt)).count() >= MIN_ALTERNATIVES {
                top = p;
                break;
            }
            a = els[p].parent;
        }
    }
    // A parent that scores better holds more of the article.
    let mut last = final_score(top).unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut a = els[top].parent;
    while let Some(p) = a.filter(|&p| !is_root(p)) {
        let Some(s) = final_score(p) else {
            a = els[p].parent;
            continue;
        };
        if s < threshold {
            break;
        }
        if s > last {
            top = p;
            break;
        }
        last = s;
        a = els[p].parent;
    }
    let children = tree.children();
    // An only child says no more than its parent.
    while let Some(p) = els[top].parent.filter(|&p| !is_root(p) && children[p].iter().filter(|&&c| !els[c].hidden).count() == 1) {
        top = p;
    }
    let top_score = final_score(top).unwrap_or(top_score);

    // Siblings that continue the article.
    let kept = match els[top].parent {
        Some(p) => {
            let threshold = (top_score * 0.2).max(10.0);
            children[p]
                .iter()
                .copied()
                .filter(|&s| {
                    if s == top {
                        return true;
                    }
                    if out_of_play[s] {
                        return false;
                    }
                    let bonus = if !els[top].class_id.is_empty() && els[s].class_id == els[top].class_id { top_score * 0.2 } else { 0.0 };
                    let sibling = final_score(s).map(|x| x + bonus);
                    sibling.is_some_and(|x| x >= threshold)
                        || (&*els[s].name == "p" && els[s].chars > 80 && els[s].link_density() < 0.25)
                })
                .collect()
        }
        None => vec![top],
    };
    let kept = with_headline(tree, &out_of_play, kept);
    let mut selection = trim(tree, kept, "content score", top_score);
    selection.candidates = candidates.into_iter().take(5).collect();
    Some(selection)
}

/// The article's headline: the last `<h1>` before the article, when the article holds none and it
/// is not in page furniture (templates often set the headline apart from the body).
fn with_headline(tree: &Tree, out_of_play: &[bool], mut kept: Vec<usize>) -> Vec<usize> {
    let els = &tree.elements;
    let first = kept[0];
    let has_own = kept.iter().any(|&k| (k..els.len()).take_while(|&i| els[i].span.start < els[k].span.end).any(|i| &*els[i].name == "h1"));
    if has_own {
        return kept;
    }
    let headline = (0..first).rev().find(|&i| &*els[i].name == "h1" && !out_of_play[i] && els[i].chars > 0 && !tree.contains(i, first));
    if let Some(h) = headline {
        kept.insert(0, h);
    }
    kept
}

/// Leave out, inside the kept elements: comment sections and advertisement slots anywhere, and
/// page furniture, bylines and time stamps before the first or after the last paragraph of the
/// article; small byline and time-stamp blocks anywhere.
fn trim(tree: &Tree, kept: Vec<usize>, how: &'static str, score: f64) -> Selection {
    let els = &tree.elements;
    let descendants = |k: usize| (k + 1..els.len()).take_while(move |&i| els[i].span.start < els[k].span.end);
    // The article's text runs from its first paragraph to its last, furniture and metadata aside.
    let mut furniture = vec![false; els.len()];
    let (mut first_text, mut last_text) = (usize::MAX, 0);
    for &k in &kept {
        for i in descendants(k) {
            let e = &els[i];
            furniture[i] = is_template(e) || (has_fragment(e, META_NAMES) && e.chars < SUBSTANTIAL_CHARS) || e.parent.is_some_and(|p| p != k && furniture[p]);
            if !furniture[i] && !e.hidden && e.direct_chars >= MIN_PARAGRAPH_CHARS && PARAGRAPHS.contains(&&*e.name) {
                first_text = first_text.min(e.span.start);
                last_text = last_text.max(e.span.end);
            }
        }
    }
    let mut dropped = Vec::new();
    for &k in &kept {
        let mut covered_to = 0;
        for i in descendants(k) {
            let e = &els[i];
            if e.span.start < covered_to || e.hidden {
                continue;
            }
            let at_edge = e.span.end <= first_text || e.span.start >= last_text;
            let reason = if is_comments(e) {
                Some("comments")
            } else if is_ad(e) && e.chars < MAX_AD_CHARS {
                Some("advertisement")
            } else if at_edge && is_template(e) {
                Some("page furniture at the article's edge")
            } else if at_edge && has_fragment(e, META_NAMES) && e.chars < SUBSTANTIAL_CHARS {
                Some("byline or time stamp at the article's edge")
            } else if e.block && has_fragment(e, META_NAMES) && e.chars < MAX_AD_CHARS && e.chars <= e.direct_chars + e.link_chars {
                // A byline block between the stories of a page of several (never a span inside a
                // sentence: only block elements, with no paragraphs inside).
                Some("byline or time stamp")
            } else {
                None
            };
            if let Some(r) = reason {
                dropped.push((i, r));
                covered_to = e.span.end;
            }
        }
    }
    Selection { kept, dropped, how, score, candidates: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::super::{Scope, extract};

    const PARA: &str = "<p>The council voted on Tuesday, after a long debate, to raise the tax rate by two cents, officials said.</p>";

    fn body(n: usize) -> String {
        PARA.repeat(n)
    }

    fn linted(page: &str) -> String {
        extract(page, Scope::Auto).text.text
    }

    #[test]
    fn the_scored_container_is_chosen_over_rails_and_menus() {
        let page = format!(
            "<html><body><div class=menu><p>Home, News, Sport, Weather, and many other sections of the site</p></div>\
             <h1>Council raises tax</h1><div class=story-body>{}</div>\
             <div class=related><h3>Related stories</h3><p>Another story about another vote, with commas, here.</p></div></body></html>",
            body(4)
        );
        let text = linted(&page);
        assert!(text.starts_with("Council raises tax\n\nThe council voted"), "{text:?}");
        assert!(!text.contains("Home, News") && !text.contains("Related stories"), "{text:?}");
    }

    #[test]
    fn schema_org_article_body_wins() {
        let page = format!(
            "<body><div class=content>{}</div><div itemprop=articleBody><p>The real article is here, with enough words to count as one, yes.</p><p>It has a second paragraph, too, which is short.</p></div></body>",
            body(6)
        );
        let h = extract(&page, Scope::Auto);
        assert_eq!(h.selection.as_ref().unwrap().1.how, "schema.org articleBody");
        assert_eq!(h.text.text, "The real article is here, with enough words to count as one, yes.\n\nIt has a second paragraph, too, which is short.\n\n");
    }

    #[test]
    fn furniture_at_the_edges_goes_and_furniture_between_paragraphs_stays() {
        let page = format!(
            "<body><article><div class=share-bar><a>Share on Facebook</a></div><p class=byline>By Ann Lee</p>{}\
             <div class=share-bar><a>Share on X</a></div>{}<div class=ad-slot>Advertisement</div>{}\
             <ul class=tags><li><a>Tax</a></ul><div id=comments><p>Great article, with commas, I totally agree with this.</p></div></article></body>",
            body(2),
            body(2),
            body(2)
        );
        let text = linted(&page);
        assert!(!text.contains("Share on Facebook") && !text.contains("By Ann Lee") && !text.contains("Tax\n"), "{text:?}");
        assert!(text.contains("Share on X"), "a share bar between paragraphs is residue in the article: {text:?}");
        assert!(!text.contains("Advertisement") && !text.contains("Great article"), "{text:?}");
    }

    #[test]
    fn a_main_column_named_like_furniture_is_found_on_a_second_try() {
        let page = format!("<body><div class=\"col-1 highfooter\"><article class=story>{}</article></div></body>", body(6));
        assert!(linted(&page).contains("The council voted"));
    }

    #[test]
    fn the_whole_body_is_never_the_article_when_a_second_try_finds_one() {
        let page = format!(
            "<body><div class=\"layout-with-sidebar\"><div class=description>{}</div></div><p>Copyright notice text, long enough to score as a paragraph here.</p></body>",
            body(6)
        );
        let h = extract(&page, Scope::Auto);
        let (tree, sel) = h.selection.as_ref().unwrap();
        assert!(sel.kept.iter().all(|&k| &*tree.elements[k].name != "body"));
        assert!(!h.text.text.contains("Copyright notice"), "{:?}", h.text.text);
    }

    #[test]
    fn a_page_without_an_article_is_linted_whole() {
        let page = "<body><ul><li><a>Home</a><li><a>News</a></ul><p>Short.</p></body>";
        let h = extract(page, Scope::Auto);
        assert!(h.selection.is_none());
        assert_eq!(h.text.text, "Home\n\nNews\n\nShort.\n\n");
    }

    #[test]
    fn deep_nesting_stays_linear() {
        let n = 100_000;
        let page = format!("<body><p>x</p>{}{}<p>y</p></body>", "<div><nav>".repeat(n), "</nav></div>".repeat(n));
        assert_eq!(extract(&page, Scope::Page).text.text, "x\n\ny\n\n");
        assert!(extract(&page, Scope::Auto).text.text.contains('x'));
    }
}
