//! Kind `quote_balance`: double quotation marks that a paragraph opens and never closes, or closes
//! without opening. Honours the AP convention: a quotation running on into the next paragraph leaves
//! its paragraph open, and the next paragraph starts with an opening mark.

use serde::Deserialize;

use super::{EachRule, Hit, RunRule};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::quotes::Role;
use crate::text::{Document, Imbalance, Span};

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Report {
    /// An opening mark with no closing one in its paragraph.
    Unclosed,
    /// A closing mark with no opening one before it in its paragraph.
    Unopened,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub report: Report,
    /// Accept a paragraph left open when the next paragraph opens with a quotation mark.
    #[serde(default = "yes")]
    pub continuation: bool,
    /// How many words after an unclosed opening mark the report covers.
    #[serde(default = "four")]
    pub context_words: usize,
}

fn four() -> usize {
    4
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    report: Report,
    continuation: bool,
    context_words: usize,
}

/// Does paragraph `p` start with an opening double quotation mark?
fn opens_with_quote(doc: &Document, p: usize) -> bool {
    let Some(para) = doc.paragraphs.get(p) else { return false };
    doc.marks
        .iter()
        .find(|m| m.span.start == para.span.start)
        .is_some_and(|m| m.double && matches!(m.role, Role::Open | Role::Either))
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        for &(p, imbalance) in &doc.imbalances {
            let span = match (self.report, imbalance) {
                (Report::Unclosed, Imbalance::Unclosed { open, reopened }) => {
                    let last_in_paragraph = !reopened;
                    if last_in_paragraph && self.continuation && opens_with_quote(doc, p + 1) {
                        continue;
                    }
                    let para_end = doc.paragraphs[p].span.end;
                    let first = doc.word_at_or_after(open.end);
                    let words = &doc.words[first..];
                    let end = words
                        .iter()
                        .take(self.context_words)
                        .take_while(|w| w.span.end <= para_end)
                        .last()
                        .map_or(open.end, |w| w.span.end);
                    Span::new(open.start, end)
                }
                (Report::Unopened, Imbalance::Unopened { close, after }) => {
                    let start = match after {
                        Some(prev) => prev.start,
                        None => {
                            let w = doc.word_at_or_after(close.start);
                            doc.words.get(w.wrapping_sub(1)).map_or(close.start, |w| w.span.start)
                        }
                    };
                    Span::new(start.max(doc.paragraphs[p].span.start), close.end)
                }
                _ => continue,
            };
            out.push(Hit::new(self.index, span));
        }
    }
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], _lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        Ok(Rule { index, report: s.report, continuation: s.continuation, context_words: s.context_words })
    })
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn unclosed_quotes_honour_the_continuation_convention() {
        let r = rule("[kind.quote_balance]\nreport = \"unclosed\"", "x");
        assert_eq!(flagged(&r, &[], "He said “we go now.\n\nThey left."), vec!["“we go now"]);
        assert!(flagged(&r, &[], "“We go,\n\n“and we stay,” he said.").is_empty());
        let r = rule("[kind.quote_balance]\nreport = \"unclosed\"\ncontinuation = false", "x");
        assert_eq!(flagged(&r, &[], "“We go,\n\n“and we stay,” he said.").len(), 1);
    }

    #[test]
    fn unopened_quotes_cover_the_repeated_close() {
        let r = rule("[kind.quote_balance]\nreport = \"unopened\"", "x");
        assert_eq!(flagged(&r, &[], "“One”, two,” he said."), vec!["”, two,”"]);
        assert_eq!(flagged(&r, &[], "It ended badly.” He left."), vec!["badly.”"]);
    }
}
