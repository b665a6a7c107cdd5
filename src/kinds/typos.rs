//! Kind `typos`: a lowercase word that is no word at all but one slip away from a frequent one
//! ("presindent", "theri", "occuring"). Candidates come from the frequency table: every word one
//! edit away (a letter added, dropped or changed, two neighbours swapped), and optionally two edits
//! away for long words (a Levenshtein automaton over the table's `fst`); the most frequent wins.

use serde::Deserialize;
use toml::Spanned;

use super::vocabulary::{Vocabulary, free_standing};
use super::{EachRule, Hit, ListNames, RunRule, lists_at};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::Document;

fn five() -> usize {
    5
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The frequency table (`lists/NAME.tsv`).
    pub table: Spanned<String>,
    /// Lists of words that are words too (the dictionary, names).
    #[serde(default)]
    pub known: Option<Spanned<ListNames>>,
    /// Shorter tokens are not looked at.
    #[serde(default = "five")]
    pub min_length: usize,
    /// Tokens at least this long may be two edits from their word (a Levenshtein automaton over
    /// the table: slower); none when absent.
    #[serde(default)]
    pub two_edits_from: Option<usize>,
    /// The word it is a slip of is at least this frequent.
    pub min_count: u64,
    /// The best candidate must be this many times as frequent as the next for a fix (and, when
    /// `require_dominant`, for a finding at all).
    #[serde(default)]
    pub dominance: Option<u64>,
    #[serde(default)]
    pub require_dominant: bool,
    /// Prefixes that make new words from known ones ("un", "re", "sub"): a token that is one of
    /// them plus a known word is a derivation, not a slip.
    #[serde(default)]
    pub prefixes: Option<Spanned<ListNames>>,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    vocabulary: Vocabulary,
    min_length: usize,
    two_edits_from: Option<usize>,
    min_count: u64,
    dominance: u64,
    require_dominant: bool,
    prefixes: Option<super::ListSet>,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        let table = lists.table(s.table.get_ref()).map_err(|m| SpecError::at(s.table.span(), m))?.clone();
        let known = s.known.as_ref().map(|n| lists_at(lists, n)).transpose()?;
        Ok(Rule {
            index,
            vocabulary: Vocabulary { table, lists: known },
            min_length: s.min_length.max(3),
            two_edits_from: s.two_edits_from.map(|n| n.max(s.min_length)),
            min_count: s.min_count,
            dominance: s.dominance.unwrap_or(10).max(1),
            require_dominant: s.require_dominant,
            prefixes: s.prefixes.as_ref().map(|n| lists_at(lists, n)).transpose()?,
        })
    })
}

/// A compound's first word is a common word ("home" in "homecare"), not an abbreviation ("pres").
const COMPOUND_HEAD_COUNT: u64 = 10_000_000;

/// Is `right` the word `w` with one letter doubled ("occuring" → "occurring")?
fn undoubled(w: &str, right: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (w.chars().collect(), right.chars().collect());
    b.len() == a.len() + 1 && (1..b.len()).any(|i| b[i] == b[i - 1] && b[..i] == a[..i] && b[i + 1..] == a[i..])
}

/// Call `f` with every string one edit from the lowercase ASCII word `w` — a letter dropped,
/// added or changed, or two neighbours swapped — in one reused buffer.
fn one_edit(w: &str, mut f: impl FnMut(&[u8])) {
    let b = w.as_bytes();
    let mut v: Vec<u8> = Vec::with_capacity(b.len() + 1);
    for i in 0..b.len() {
        v.clear();
        v.extend_from_slice(&b[..i]);
        v.extend_from_slice(&b[i + 1..]);
        f(&v);
        v.clear();
        v.extend_from_slice(b);
        if i + 1 < b.len() && b[i] != b[i + 1] {
            v.swap(i, i + 1);
            f(&v);
            v.swap(i, i + 1);
        }
        for c in b'a'..=b'z' {
            if c != b[i] {
                v[i] = c;
                f(&v);
            }
        }
    }
    for i in 0..=b.len() {
        v.clear();
        v.extend_from_slice(&b[..i]);
        v.push(b'a');
        v.extend_from_slice(&b[i..]);
        for c in b'a'..=b'z' {
            v[i] = c;
            f(&v);
        }
    }
}

impl Rule {
    /// Is `w` a derivation or a compound of known words: a listed prefix and a word
    /// ("unratified"), or two words of three letters or more ("homecare")?
    fn derived(&self, w: &str) -> bool {
        w.char_indices().skip(2).any(|(i, _)| {
            let (head, rest) = (&w[..i], &w[i..]);
            let prefixed = self.prefixes.as_ref().is_some_and(|p| p.contains(head)) && rest.len() >= 3 && self.vocabulary.knows(rest);
            let dictionary = |x: &str| self.vocabulary.lists.as_ref().is_some_and(|l| l.contains(x));
            let compound = head.len() >= 3
                && rest.len() >= 4
                && dictionary(head)
                && self.vocabulary.count(head) >= COMPOUND_HEAD_COUNT
                && self.vocabulary.knows(rest);
            prefixed || compound
        })
    }

    /// Frequent candidates, most frequent first.
    fn candidates(&self, w: &str) -> Vec<(String, u64)> {
        let t = &self.vocabulary.table;
        // One edit away: generated and looked up (a few hundred `fst` lookups are cheaper than
        // building a Levenshtein automaton); two edits: the automaton, for long words only.
        let mut c: Vec<(String, u64)> = Vec::new();
        one_edit(w, |e| {
            if let Some(n) = t.count_bytes(e)
                && n >= self.min_count
            {
                c.push((String::from_utf8_lossy(e).into_owned(), n));
            }
        });
        if c.is_empty() && self.two_edits_from.is_some_and(|n| w.chars().count() >= n) {
            c.extend(t.within(w, 2));
        }
        c.retain(|(s, n)| *n >= self.min_count && s != w);
        c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        c.dedup_by(|a, b| a.0 == b.0);
        c
    }
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        for word in &doc.words {
            let w = word.span.text(doc.text);
            let n = w.chars().count();
            // Letters with accents belong to names and loanwords ("naïve", "café").
            if n < self.min_length || n > 30 || !w.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            // Known as it stands: inflection rules would excuse "occuring" as "occur" + "ing".
            if self.vocabulary.listed(w) || !free_standing(doc.text, word.span) || self.derived(w) {
                continue;
            }
            let c = self.candidates(w);
            let Some((best, count)) = c.first() else { continue };
            // An inflection the table lacks ("treasons", "cooperations") is no slip, unless the
            // slip is in the inflection itself: a consonant not doubled ("occuring" for
            // "occurring").
            match self.vocabulary.inflection(w) {
                Some("ing" | "ed") if undoubled(w, best) => {}
                Some(_) => continue,
                None => {}
            }
            let dominant = c.get(1).is_none_or(|(_, next)| *count >= next.saturating_mul(self.dominance));
            if self.require_dominant && !dominant {
                continue;
            }
            let others: Vec<&str> = c.iter().skip(1).take(3).map(|(s, _)| s.as_str()).collect();
            out.push(
                Hit::new(self.index, word.span)
                    .var("suggestion", best.clone())
                    .var("others", others.join(", "))
                    .var("dominant", if dominant { "yes" } else { "no" }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn slips_of_frequent_words_are_found() {
        let r = rule(
            "[kind.typos]\ntable = \"word-frequencies\"\nknown = [\"common-words\", \"lowercase-and-capitalised\"]\nmin_count = 1000000\nprefixes = \"word-prefixes\"",
            "{suggestion}",
        );
        assert_eq!(flagged(&r, &[], "The presindent said theri plans were occuring now."), vec!["presindent", "theri", "occuring"]);
        // Derivations and compounds of known words are words.
        assert!(flagged(&r, &[], "The refighting of the homecare insourcing.").is_empty());
        assert!(flagged(&r, &[], "The president said their plans were occurring at kyiv.gov.ua and #presindent.").is_empty());
    }
}
