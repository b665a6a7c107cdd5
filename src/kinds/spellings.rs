//! Kind `spellings`: one name written two ways in one document ("Schiefelbein" three times,
//! "Schiefelbien" once). Capitalised words that differ by one edit (a letter added, dropped, changed
//! or two letters swapped) are compared; the rarer spelling is reported when the other is used more
//! often. Dictionary words, possessives, and pairs that differ only by an ending ("Russia",
//! "Russian") are left alone.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{EachRule, Hit, ListNames, ListSet, RunRule, lists_at};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::words::{Case, case_of};
use crate::text::{Document, Span};

fn six() -> usize {
    6
}

fn two() -> usize {
    2
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Shorter words are not compared.
    #[serde(default = "six")]
    pub min_length: usize,
    /// The other spelling must occur at least this many times.
    #[serde(default = "two")]
    pub min_majority: usize,
    /// Words in these lists (dictionary words) are not names.
    #[serde(default)]
    pub unless_in_list: Option<Spanned<ListNames>>,
    /// Endings that make a different word, not a misspelling ("Russia"/"Russian").
    #[serde(default)]
    pub endings: Vec<String>,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    min_length: usize,
    min_majority: usize,
    dictionary: Option<ListSet>,
    endings: Arc<Vec<String>>,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        Ok(Rule {
            index,
            min_length: s.min_length.max(3),
            min_majority: s.min_majority.max(1),
            dictionary: s.unless_in_list.as_ref().map(|l| lists_at(lists, l)).transpose()?,
            endings: Arc::new(s.endings.clone()),
        })
    })
}

/// Do `a` and `b` differ by exactly one insertion, deletion, substitution or adjacent swap?
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.len(), b.len());
    if la == lb {
        // One substitution, or one swap of neighbours.
        prefix + suffix + 1 >= la
            || (prefix + 2 + suffix == la && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix])
    } else {
        prefix + suffix >= la.min(lb)
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w)
}

impl Rule {
    fn differ_by_ending(&self, a: &str, b: &str) -> bool {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        long.starts_with(short) && self.endings.iter().any(|e| &long[short.len()..] == e)
            || self.endings.iter().any(|e| a.strip_suffix(e.as_str()).is_some_and(|s| b.starts_with(s)) || b.strip_suffix(e.as_str()).is_some_and(|s| a.starts_with(s)))
    }
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        let mut seen: HashMap<&str, Vec<Span>> = HashMap::new();
        for w in &doc.words {
            let raw = w.span.text(doc.text);
            let word = strip_possessive(raw);
            if word.chars().count() < self.min_length || word.contains(['\'', '’']) || !matches!(case_of(word), Case::Title | Case::Mixed) {
                continue;
            }
            if self.dictionary.as_ref().is_some_and(|d| d.contains(word)) {
                continue;
            }
            seen.entry(word).or_default().push(Span::new(w.span.start, w.span.start + word.len()));
        }
        let mut forms: Vec<(&str, &Vec<Span>)> = seen.iter().map(|(k, v)| (*k, v)).collect();
        forms.sort();
        // Words one edit apart share a key among themselves and their one-letter deletions, so only
        // words sharing a key are compared (linear in the text, not quadratic in its vocabulary).
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (form, _)) in forms.iter().enumerate() {
            by_key.entry(form.to_string()).or_default().push(i);
            for (k, c) in form.char_indices() {
                let key = format!("{}{}", &form[..k], &form[k + c.len_utf8()..]);
                by_key.entry(key).or_default().push(i);
            }
        }
        for (i, &(rare, spans)) in forms.iter().enumerate() {
            let mut candidates: Vec<usize> = Vec::new();
            let keys = std::iter::once(rare.to_string())
                .chain(rare.char_indices().map(|(k, c)| format!("{}{}", &rare[..k], &rare[k + c.len_utf8()..])));
            for key in keys {
                if let Some(ids) = by_key.get(&key) {
                    candidates.extend(ids.iter().copied().filter(|&j| j != i));
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let best = candidates.into_iter().map(|j| forms[j]).find(|(other, other_spans)| {
                other_spans.len() >= self.min_majority
                    && other_spans.len() > spans.len()
                    && one_edit_apart(rare, other)
                    && !self.differ_by_ending(rare, other)
            });
            let Some((common, common_spans)) = best else { continue };
            for &span in spans {
                out.push(Hit::new(self.index, span).var("other", common).var("count", common_spans.len().to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit_apart;
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("Schiefelbein", "Schiefelbien"));
        assert!(one_edit_apart("Stoltenberg", "Stoltemberg"));
        assert!(one_edit_apart("Zelensky", "Zelenskyy"));
        assert!(!one_edit_apart("Johnson", "Jonsen"));
        assert!(!one_edit_apart("Blinken", "Blinken"));
    }

    #[test]
    fn the_rarer_spelling_is_reported() {
        let r = rule("[kind.spellings]\nendings = [\"n\", \"ns\", \"s\"]", "{match} vs {other} ({count})");
        // Words shorter than min_length (6 by default) are not compared: "Russia" / "Russian".
        let text = "Schiefelbein took it. Schiefelbein's photo. Schiefelbien again. Russia and Russian. Russians.";
        assert_eq!(flagged(&r, &[], text), vec!["Schiefelbien"]);
    }
}
