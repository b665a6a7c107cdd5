//! Kind `phrases`: literal phrase lists (wrong → right, or just wrong). Every phrase of every phrase
//! rule is compiled into one Aho-Corasick automaton per case mode, so a document is scanned once.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{Hit, build_each, list_at, whole_word};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Wrong phrase → right phrase; the right one becomes `{suggestion}`.
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    /// Phrases that are wrong with no single replacement.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Word lists whose every entry is flagged.
    #[serde(default)]
    pub lists: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub case_sensitive: bool,
    /// A phrase must start and end at word boundaries.
    #[serde(default = "yes")]
    pub whole_words: bool,
    /// A phrase must fill its line on its own (page furniture such as "Advertisement").
    #[serde(default)]
    pub whole_line: bool,
    /// Ignore phrases inside quotations.
    #[serde(default)]
    pub outside_quotes: bool,
}

#[derive(Debug, Clone)]
struct Entry {
    rule: usize,
    suggestion: Option<String>,
    whole_words: bool,
    whole_line: bool,
    outside_quotes: bool,
}

#[derive(Debug, Default)]
pub struct Compiled {
    /// (automaton, entries indexed by pattern id), for case-sensitive and case-insensitive phrases.
    automata: Vec<(AhoCorasick, Vec<Entry>)>,
}

type Phrase = (String, Entry);

fn phrases_of(index: usize, spec: &Spec, lists: &Lists) -> Result<Vec<Phrase>, SpecError> {
    let entry = |suggestion: Option<String>| Entry {
        rule: index,
        suggestion,
        whole_words: spec.whole_words,
        whole_line: spec.whole_line,
        outside_quotes: spec.outside_quotes,
    };
    let mut out: Vec<Phrase> = Vec::new();
    for (wrong, right) in &spec.replace {
        out.push((wrong.clone(), entry(Some(right.clone()))));
    }
    for wrong in &spec.flag {
        out.push((wrong.clone(), entry(None)));
    }
    for l in &spec.lists {
        let list = list_at(lists, l.get_ref(), l.span())?;
        out.extend(list.entries.iter().map(|w| (w.clone(), entry(None))));
    }
    if out.iter().any(|(p, _)| p.is_empty()) {
        return Err(SpecError::whole("a phrase is empty"));
    }
    if out.is_empty() {
        return Err(SpecError::whole("a `phrases` rule needs `replace`, `flag` or `lists`"));
    }
    Ok(out)
}

/// Is `span` alone on its line (only blanks between it and the line breaks)? Scans outwards only
/// as far as the first non-blank character, so long lines stay cheap.
fn alone_on_line(text: &str, span: Span) -> bool {
    let blank_until_break = |mut chars: std::iter::Rev<std::str::Chars>| {
        chars.find(|c| !crate::text::span::is_blank(*c) || *c == '\n' || *c == '\r').is_none_or(|c| c == '\n' || c == '\r')
    };
    let after_ok = text[span.end..]
        .chars()
        .find(|c| !crate::text::span::is_blank(*c) || *c == '\n' || *c == '\r')
        .is_none_or(|c| c == '\n' || c == '\r');
    after_ok && blank_until_break(text[..span.start].chars().rev())
}

impl Compiled {
    pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Self, Vec<(usize, SpecError)>> {
        let per_rule = build_each(rules, |i, s| phrases_of(i, s, lists).map(|p| (s.case_sensitive, p)))?;
        let mut automata = Vec::new();
        for sensitive in [true, false] {
            let (patterns, entries): (Vec<String>, Vec<Entry>) =
                per_rule.iter().filter(|(cs, _)| *cs == sensitive).flat_map(|(_, p)| p.iter()).map(|(p, e)| (p.clone(), e.clone())).unzip();
            if patterns.is_empty() {
                continue;
            }
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(!sensitive)
                .build(&patterns)
                .map_err(|e| rules.iter().map(|&(i, _)| (i, SpecError::whole(format!("phrase automaton: {e}")))).collect::<Vec<_>>())?;
            automata.push((ac, entries));
        }
        Ok(Compiled { automata })
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        for (ac, entries) in &self.automata {
            for m in ac.find_overlapping_iter(text) {
                let e = &entries[m.pattern().as_usize()];
                let span = Span::new(m.start(), m.end());
                if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
                    continue;
                }
                if e.whole_words && !whole_word(text, span) {
                    continue;
                }
                if e.whole_line && !alone_on_line(text, span) {
                    continue;
                }
                if e.outside_quotes && doc.in_quotation(span) {
                    continue;
                }
                let mut hit = Hit::new(e.rule, span);
                if let Some(s) = &e.suggestion {
                    hit = hit.var("suggestion", s.clone());
                }
                out.push(hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule, run};

    #[test]
    fn replacements_respect_word_boundaries_and_case() {
        let r = rule("[kind.phrases]\nreplace = { \"teh\" = \"the\" }", "{match} → {suggestion}");
        assert_eq!(run(&r, &[], "teh tehran Teh"), vec![("teh".into(), "teh → the".into())]);
        let r = rule("[kind.phrases]\nreplace = { \"teh\" = \"the\" }\ncase_sensitive = false", "x");
        assert_eq!(flagged(&r, &[], "teh Teh"), vec!["teh", "Teh"]);
    }

    #[test]
    fn whole_line_phrases_must_fill_their_line() {
        let r = rule("[kind.phrases]\nflag = [\"Share\"]\nwhole_line = true", "x");
        assert_eq!(flagged(&r, &[], "Share the news.\n  Share \nEnd."), vec!["Share"]);
    }
}
