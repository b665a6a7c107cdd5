//! Kind `duplicates`: the same paragraph (or sentence, or line) twice in one document — a caption
//! repeated under every picture, a paragraph scraped twice. Compared with case and white space
//! folded; reported at every repetition after the first. Sentences and lines inside a repeated
//! paragraph are left to the paragraph.

use std::collections::HashMap;

use serde::Deserialize;

use super::scope::Scope;
use super::{EachRule, Hit, RunRule};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::Document;

fn three() -> usize {
    3
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// paragraph (default), sentence or line.
    #[serde(default = "paragraph")]
    pub scope: Scope,
    /// Units with fewer words are not compared (short refrains, "Share").
    #[serde(default = "three")]
    pub min_words: usize,
}

fn paragraph() -> Scope {
    Scope::Paragraph
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    scope: Scope,
    min_words: usize,
}

fn fold(s: &str) -> String {
    s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        // A sentence or line inside a paragraph that repeats an earlier paragraph is part of that
        // larger repetition: only the paragraph is worth reporting.
        let mut repeated_paragraphs = std::collections::HashSet::new();
        if self.scope != Scope::Paragraph {
            let mut seen = std::collections::HashSet::new();
            for (i, p) in doc.paragraphs.iter().enumerate() {
                if !seen.insert(fold(p.span.text(doc.text))) {
                    repeated_paragraphs.insert(i);
                }
            }
        }
        let mut first: HashMap<String, usize> = HashMap::new();
        let units = self.scope.units(doc);
        for (i, &unit) in units.iter().enumerate() {
            if !repeated_paragraphs.is_empty() && doc.paragraph_at(unit.start).is_some_and(|p| repeated_paragraphs.contains(&p)) {
                continue;
            }
            let text = unit.text(doc.text);
            if text.split_whitespace().count() < self.min_words {
                continue;
            }
            let key = fold(text);
            match first.get(&key) {
                Some(&at) => {
                    let (line, _) = doc.line_index.line_col(doc.text, units[at].start);
                    out.push(Hit::new(self.index, unit).var("first_line", line.to_string()));
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], _lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        if s.scope == Scope::Document {
            return Err(SpecError::whole("`duplicates` compares paragraphs, sentences or lines, not documents"));
        }
        Ok(Rule { index, scope: s.scope, min_words: s.min_words.max(1) })
    })
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn repeated_paragraphs_are_reported_after_the_first() {
        let r = rule("[kind.duplicates]\nmin_words = 3", "again (first at line {first_line})");
        let text = "Blinken meets Wang Yi.\n\nHe left.\n\nblinken  meets Wang Yi.\n\nHe left.";
        assert_eq!(flagged(&r, &[], text), vec!["blinken  meets Wang Yi."]);
    }
}
