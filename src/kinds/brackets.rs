//! Kind `brackets`: parentheses or square brackets opened and not closed in their paragraph, or
//! closed without being opened. List markers ("1)", "a)") and emoticons (":)") are not brackets.

use serde::Deserialize;

use super::{EachRule, Hit, RunRule};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Pairs to check, as two-character strings: `["()", "[]"]`.
    pub pairs: Vec<String>,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    pairs: Vec<(char, char)>,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], _lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        let pairs = s
            .pairs
            .iter()
            .map(|p| {
                let cs: Vec<char> = p.chars().collect();
                match cs.as_slice() {
                    [o, c] if o != c => Ok((*o, *c)),
                    _ => Err(SpecError::whole(format!("a bracket pair is two different characters, not {p:?}"))),
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Rule { index, pairs })
    })
}

/// Is the closing bracket at `i` a list marker ("1)", "a)") or an emoticon (":)")?
fn not_a_bracket(text: &str, para_start: usize, i: usize) -> bool {
    let before = &text[para_start..i];
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let token = before[line_start..].trim_start();
    let marker = !token.is_empty() && token.chars().count() <= 3 && token.chars().all(char::is_alphanumeric);
    marker || before.ends_with([':', ';', '=', '8'])
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        for p in &doc.paragraphs {
            for &(open, close) in &self.pairs {
                let mut stack: Vec<usize> = Vec::new();
                for (k, c) in p.span.text(text).char_indices() {
                    let i = p.span.start + k;
                    if c == open {
                        stack.push(i);
                    } else if c == close && stack.pop().is_none() && !not_a_bracket(text, p.span.start, i) {
                        out.push(Hit::new(self.index, Span::new(i, i + c.len_utf8())).var("mark", c.to_string()));
                    }
                }
                for i in stack {
                    out.push(Hit::new(self.index, Span::new(i, i + open.len_utf8())).var("mark", open.to_string()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn unbalanced_brackets_per_paragraph() {
        let r = rule("[kind.brackets]\npairs = [\"()\", \"[]\"]", "{mark}");
        assert_eq!(flagged(&r, &[], "A (b) c (d.\n\nThe end of it) f [g]."), vec!["(", ")"]);
        assert!(flagged(&r, &[], "1) first\n2) second :) fine (really)").is_empty());
    }
}
