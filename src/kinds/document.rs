//! Kind `document`: a property of the article as a whole. `check = "empty"`: the article holds
//! nothing but white space and invisible characters (an empty file, an empty JSON field, a feed
//! item without text, a page whose article is empty). Reported as an empty span at its start.

use serde::Deserialize;

use super::{EachRule, Hit, RunRule};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub check: Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// Nothing to read: only white space, byte order marks and zero-width characters.
    Empty,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    check: Check,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], _lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| Ok(Rule { index, check: s.check }))
}

/// A character a reader does not see as text.
fn blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}')
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        match self.check {
            Check::Empty => {
                if doc.text.chars().all(blank) {
                    out.push(Hit::new(self.index, Span::new(0, 0)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{rule, run};

    #[test]
    fn an_article_of_nothing_but_blanks_is_empty() {
        let r = rule("[kind.document]\ncheck = \"empty\"", "empty");
        for text in ["", " \n\t\r\n", "\u{feff}\u{200b}\u{a0}"] {
            assert_eq!(run(&r, &[], text), vec![(String::new(), "empty".to_string())], "{text:?}");
        }
        for text in ["x", " .", "\n\n—\n"] {
            assert!(run(&r, &[], text).is_empty(), "{text:?}");
        }
    }
}
