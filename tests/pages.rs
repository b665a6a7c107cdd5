//! Whole web pages (written for this project in the shapes of common publishing systems, see
//! `fixtures/pages/README.md`): the article is linted, the page template around it is not, and
//! damage placed in the body is reported at its exact bytes.

use mtlint::RuleSet;
use mtlint::input::html::{self, Scope};
use mtlint::input::{self, Format, Options};
use mtlint::lint::{self, Located};

struct Page {
    file: &'static str,
    /// The starts of the article's first and last paragraphs.
    body: [&'static str; 2],
    /// Template text on the page, outside the article.
    template: &'static [&'static str],
}

const PAGES: &[Page] = &[
    Page {
        file: "wordpress.html",
        body: ["BRNO, Czech Republic — The Czech Constitutional Court", "The Chamber of Deputies is expected"],
        template: &["Leave a Reply", "thoughts on", "Skip to content", "Share this:", "Independent news from Central Europe"],
    },
    Page {
        file: "arc.html",
        body: ["BALTIMORE — About 2,400 dockworkers", "No new talks had been scheduled"],
        template: &["Accept All Cookies", "morning briefing", "By signing up you agree", "Advertisement"],
    },
    Page {
        file: "brightspot.html",
        body: ["GILLETTE, Wyo. — The owners of the Antelope Draw Mine", "Jake Moreno, a 41-year-old haul-truck driver"],
        template: &["Listen Live", "Climate change", "Published November 10"],
    },
    Page {
        file: "drupal.html",
        body: ["Astronomers using NASA's James Webb Space Telescope", "Red dwarfs make up roughly three-quarters"],
        template: &["Research, explained.", "Read more about", "Skip to main content"],
    },
    Page { file: "amp.html", body: ["PORT ALDER, Ore. — The Port Alder City Council", "The budget raises the city’s property tax rate"], template: &["Lucia Ferreira"] },
    Page {
        file: "comments.html",
        body: ["Farmers across western Kansas are planting", "For now, Heinrichs said, he will wait"],
        template: &["You may also like", "Trending now", "Share on Facebook", "Report", "Reply"],
    },
];

fn read(page: &Page) -> String {
    std::fs::read_to_string(format!("{}/fixtures/pages/{}", env!("CARGO_MANIFEST_DIR"), page.file)).unwrap()
}

/// (rule id, byte offset, flagged text) of every warning or error on a page.
fn warnings(set: &RuleSet, src: &str, scope: Scope) -> Vec<(String, usize, String)> {
    let (units, _) = input::units(Format::Html, src, &Options { html_scope: scope, ..Default::default() });
    let located = Located::new(src, 0, 1);
    units
        .iter()
        .flat_map(|u| lint::lint_unit(set, u, &located, mtlint::Severity::Warning))
        .map(|f| (set.rules[f.rule].id.clone(), f.span.start, f.text))
        .collect()
}

#[test]
fn the_article_is_linted_and_the_page_template_is_not() {
    for page in PAGES {
        let src = read(page);
        let article = html::extract(&src, Scope::Auto);
        assert!(article.selection.is_some(), "{}: a whole page selects an article", page.file);
        let whole = html::extract(&src, Scope::Page).text.text;
        for start in page.body {
            assert!(src.contains(start), "{}: fixture lost {start:?}", page.file);
            assert!(article.text.text.contains(start), "{}: the article paragraph {start:?} is not linted", page.file);
        }
        for t in page.template {
            assert!(whole.contains(t), "{}: {t:?} is not visible text of the page", page.file);
            assert!(!article.text.text.contains(t), "{}: template text {t:?} is linted as article", page.file);
        }
    }
}

#[test]
fn clean_pages_are_quiet_except_for_furniture_inside_the_body() {
    let set = RuleSet::builtin().unwrap();
    let mut page_scope_total = 0;
    for page in PAGES {
        let src = read(page);
        let found = warnings(&set, &src, Scope::Auto);
        page_scope_total += warnings(&set, &src, Scope::Page).len();
        if page.file == "brightspot.html" {
            // A related-story card inside the rich-text body is residue in the article: reported.
            let card = src.find("<div class=\"Enhancement\"").unwrap();
            let after = card + src[card..].find("<p>").unwrap();
            assert!(found.iter().any(|(id, _, t)| id == "RE002" && t == "Related"), "{found:?}");
            assert!(found.iter().all(|(_, at, _)| (card..after).contains(at)), "{found:?}");
        } else {
            assert!(found.is_empty(), "{}: {found:?}", page.file);
        }
    }
    assert!(page_scope_total >= 30, "the same pages linted whole report the template ({page_scope_total})");
}

#[test]
fn damage_placed_in_the_body_is_reported_at_its_bytes() {
    let set = RuleSet::builtin().unwrap();
    let damage = " Officials said Emmanuel Macorn would attend. The talks ended on Thursday.Negotiators left.";
    for page in PAGES {
        let src = read(page);
        let first = page.body[0];
        // In the body (the head's description may repeat the first paragraph).
        let body = src.find("<body").unwrap();
        let at = body + src[body..].find(first).unwrap();
        // The end of the first paragraph: the next tag after its start.
        let end = at + src[at..].find('<').unwrap();
        let damaged = format!("{}{damage}{}", &src[..end], &src[end..]);
        let found = warnings(&set, &damaged, Scope::Auto);
        let name = end + damage.find("Macorn").unwrap();
        let glued = end + damage.find("Thursday.Negotiators").unwrap();
        assert!(found.contains(&("NM008".into(), name, "Macorn".into())), "{}: {found:?}", page.file);
        assert!(found.contains(&("SE012".into(), glued, "Thursday.Negotiators".into())), "{}: {found:?}", page.file);
    }
}

#[test]
fn links_side_by_side_are_separate_words_not_a_doubled_one() {
    let set = RuleSet::builtin().unwrap();
    let tags = "<p>The court ruled on Thursday, the ministry said in a statement.</p><p><a href=/t/coal>Coal</a><a href=/t/coal-mining>Coal</a> <a href=/t/energy>Energy</a></p>";
    let h = html::extract(tags, Scope::Page);
    assert!(h.text.text.contains("Coal Coal Energy"), "{:?}", h.text.text);
    assert!(warnings(&set, tags, Scope::Page).is_empty());
    // The same words in running text are a doubled word.
    let prose = "<p>The court ruled on the the coal plants on Thursday, the ministry said.</p>";
    assert_eq!(warnings(&set, prose, Scope::Page).into_iter().map(|w| w.0).collect::<Vec<_>>(), ["RP001"]);
}

#[test]
fn fragments_are_linted_whole_unless_asked() {
    let fragment = "<div class=\"related\"><p>Related: a teaser about something else entirely, with commas, here.</p></div><div class=\"story\"><p>The article text, with commas, and enough words to score as a paragraph.</p><p>More article text, with commas, and enough words to score as a paragraph.</p></div>";
    assert!(html::extract(fragment, Scope::Auto).text.text.contains("Related:"));
    assert!(html::extract(fragment, Scope::Auto).selection.is_none());
    let article = html::extract(fragment, Scope::Article);
    assert!(!article.text.text.contains("Related:"), "{:?}", article.text.text);
    assert!(article.text.text.contains("The article text"));
}
