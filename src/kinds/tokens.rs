//! Kind `tokens`: a sequence of word predicates (case shape, word lists, regexes, position in the
//! sentence, the punctuation between words, repetition) matched against consecutive words of a paragraph.

use std::collections::HashMap;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::{Hit, ListNames, ListSet, build_each, compile_regex, lists_at};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::words::{Case, case_of};
use crate::text::{Document, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// One step per consecutive word.
    pub sequence: Spanned<Vec<Step>>,
    /// Ignore sequences inside quotations.
    #[serde(default)]
    pub outside_quotes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// The first word of its sentence.
    First,
    /// Any word but the first of its sentence.
    NotFirst,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The word is exactly one of these (case-sensitive).
    #[serde(default)]
    pub text: Vec<String>,
    #[serde(default)]
    pub case: Option<Case>,
    /// The word (any case) is in this list, or in one of these lists.
    #[serde(default)]
    pub in_list: Option<Spanned<ListNames>>,
    #[serde(default)]
    pub not_in_list: Option<Spanned<ListNames>>,
    /// The word matches this regex.
    #[serde(default)]
    pub regex: Option<Spanned<String>>,
    #[serde(default)]
    pub not_regex: Option<Spanned<String>>,
    #[serde(default)]
    pub position: Option<Position>,
    /// The text between the previous word (or the paragraph start) and this word matches.
    #[serde(default)]
    pub gap: Option<Spanned<String>>,
    #[serde(default)]
    pub gap_not: Option<Spanned<String>>,
    /// The text between this word and the next one (or the paragraph end) matches.
    #[serde(default)]
    pub after: Option<Spanned<String>>,
    #[serde(default)]
    pub after_not: Option<Spanned<String>>,
    /// The word must not meet all of these conditions together (a step's fields, on the same word).
    #[serde(default)]
    pub not: Option<Box<Step>>,
    /// The word equals (ignoring case) the word this many steps back: -1 is the previous step.
    #[serde(default)]
    pub same_as: Option<Spanned<i64>>,
    /// This exact word occurs only once in the document.
    #[serde(default)]
    pub unique_in_document: bool,
    /// Part of the reported span; when no step says so, the whole sequence is.
    #[serde(default)]
    pub highlight: bool,
}

impl Spec {
    pub fn vars(&self) -> Vec<String> {
        let mut v = vec!["match".to_string()];
        v.extend((1..=self.sequence.get_ref().len()).map(|i| format!("word{i}")));
        v
    }
}

#[derive(Debug)]
struct CompiledStep {
    text: Vec<String>,
    case: Option<Case>,
    in_list: Option<ListSet>,
    not_in_list: Option<ListSet>,
    regex: Option<Regex>,
    not_regex: Option<Regex>,
    position: Option<Position>,
    gap: Option<Regex>,
    gap_not: Option<Regex>,
    after: Option<Regex>,
    after_not: Option<Regex>,
    not: Option<Box<CompiledStep>>,
    same_as: Option<usize>,
    unique: bool,
    highlight: bool,
}

#[derive(Debug)]
struct Rule {
    index: usize,
    steps: Vec<CompiledStep>,
    outside_quotes: bool,
    any_unique: bool,
}

#[derive(Debug, Default)]
pub struct Compiled {
    rules: Vec<Rule>,
}

/// Compile one step; `k` is its place in the sequence (for `same_as`).
fn compile_step(s: &Step, k: usize, lists: &Lists) -> Result<CompiledStep, SpecError> {
    let list = |l: &Option<Spanned<ListNames>>| l.as_ref().map(|l| lists_at(lists, l)).transpose();
    let re = |r: &Option<Spanned<String>>| r.as_ref().map(|r| compile_regex(r, lists, false)).transpose();
    let same_as = match &s.same_as {
        None => None,
        Some(n) if *n.get_ref() < 0 && (n.get_ref().unsigned_abs() as usize) <= k => Some(n.get_ref().unsigned_abs() as usize),
        Some(n) => return Err(SpecError::at(n.span(), "`same_as` must point back to an earlier step (-1, -2, …)")),
    };
    Ok(CompiledStep {
        text: s.text.clone(),
        case: s.case,
        in_list: list(&s.in_list)?,
        not_in_list: list(&s.not_in_list)?,
        regex: re(&s.regex)?,
        not_regex: re(&s.not_regex)?,
        position: s.position,
        gap: re(&s.gap)?,
        gap_not: re(&s.gap_not)?,
        after: re(&s.after)?,
        after_not: re(&s.after_not)?,
        not: s.not.as_ref().map(|n| compile_step(n, k, lists).map(Box::new)).transpose()?,
        same_as,
        unique: s.unique_in_document,
        highlight: s.highlight,
    })
}

fn compile_rule(index: usize, spec: &Spec, lists: &Lists) -> Result<Rule, SpecError> {
    let seq = spec.sequence.get_ref();
    if seq.is_empty() {
        return Err(SpecError::at(spec.sequence.span(), "a `tokens` sequence needs at least one step"));
    }
    let mut steps = seq.iter().enumerate().map(|(k, s)| compile_step(s, k, lists)).collect::<Result<Vec<_>, _>>()?;
    let any_unique = steps.iter().any(|s| s.unique);
    if !steps.iter().any(|s| s.highlight) {
        steps.iter_mut().for_each(|s| s.highlight = true);
    }
    Ok(Rule { index, steps, outside_quotes: spec.outside_quotes, any_unique })
}

/// Per-document facts the steps look at, computed once.
struct Context<'d, 'a> {
    doc: &'d Document<'a>,
    counts: Option<HashMap<&'a str, usize>>,
}

impl Context<'_, '_> {
    fn word(&self, k: usize) -> &str {
        self.doc.words[k].span.text(self.doc.text)
    }

    fn gap(&self, k: usize) -> &str {
        let w = self.doc.words[k];
        let para = self.doc.sentences[w.sentence].paragraph;
        let from = if k > 0 && self.doc.sentences[self.doc.words[k - 1].sentence].paragraph == para {
            self.doc.words[k - 1].span.end
        } else {
            self.doc.paragraphs[para].span.start
        };
        &self.doc.text[from..w.span.start]
    }

    /// The text from the end of word `k` to the next word of its paragraph, or the paragraph end.
    fn after(&self, k: usize) -> &str {
        let w = self.doc.words[k];
        let para = self.doc.sentences[w.sentence].paragraph;
        let to = match self.doc.words.get(k + 1) {
            Some(n) if self.doc.sentences[n.sentence].paragraph == para => n.span.start,
            _ => self.doc.paragraphs[para].span.end,
        };
        &self.doc.text[w.span.end..to]
    }

    fn is_first(&self, k: usize) -> bool {
        self.doc.sentences[self.doc.words[k].sentence].words.start == k
    }
}

impl CompiledStep {
    fn accepts(&self, ctx: &Context, k: usize, matched: &[usize]) -> bool {
        let w = ctx.word(k);
        (self.text.is_empty() || self.text.iter().any(|t| t == w))
            && self.case.is_none_or(|c| case_of(w) == c)
            && self.in_list.as_ref().is_none_or(|l| l.contains(w))
            && self.regex.as_ref().is_none_or(|r| r.is_match(w))
            && self.not_in_list.as_ref().is_none_or(|l| !l.contains(w))
            && self.not_regex.as_ref().is_none_or(|r| !r.is_match(w))
            && self.position.is_none_or(|p| (p == Position::First) == ctx.is_first(k))
            && self.gap.as_ref().is_none_or(|r| r.is_match(ctx.gap(k)))
            && self.gap_not.as_ref().is_none_or(|r| !r.is_match(ctx.gap(k)))
            && self.after.as_ref().is_none_or(|r| r.is_match(ctx.after(k)))
            && self.after_not.as_ref().is_none_or(|r| !r.is_match(ctx.after(k)))
            && self.not.as_ref().is_none_or(|n| !n.accepts(ctx, k, matched))
            && self.same_as.is_none_or(|back| {
                let other = matched[matched.len() - back];
                ctx.word(other).to_lowercase() == w.to_lowercase()
            })
            && (!self.unique || ctx.counts.as_ref().is_some_and(|c| c.get(w).copied().unwrap_or(0) <= 1))
    }
}

impl Rule {
    fn run(&self, ctx: &Context, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let n = self.steps.len();
        let mut matched = Vec::with_capacity(n);
        for start in 0..doc.words.len() {
            if start + n > doc.words.len() {
                break;
            }
            let para = doc.sentences[doc.words[start].sentence].paragraph;
            matched.clear();
            for (j, step) in self.steps.iter().enumerate() {
                let k = start + j;
                if doc.sentences[doc.words[k].sentence].paragraph != para || !step.accepts(ctx, k, &matched) {
                    break;
                }
                matched.push(k);
            }
            if matched.len() < n {
                continue;
            }
            let hl: Vec<usize> = matched.iter().zip(&self.steps).filter(|(_, s)| s.highlight).map(|(&k, _)| k).collect();
            let span = Span::new(doc.words[hl[0]].span.start, doc.words[*hl.last().unwrap()].span.end);
            if self.outside_quotes && doc.in_quotation(span) {
                continue;
            }
            let mut hit = Hit::new(self.index, span).var("match", span.text(doc.text));
            for (i, &k) in matched.iter().enumerate() {
                hit = hit.var(&format!("word{}", i + 1), ctx.word(k));
            }
            out.push(hit);
        }
    }
}

impl Compiled {
    pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Self, Vec<(usize, SpecError)>> {
        Ok(Compiled { rules: build_each(rules, |i, s| compile_rule(i, s, lists))? })
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Hit>) {
        if self.rules.is_empty() {
            return;
        }
        let counts = self.rules.iter().any(|r| r.any_unique).then(|| {
            let mut c: HashMap<&str, usize> = HashMap::new();
            for w in &doc.words {
                *c.entry(w.span.text(doc.text)).or_default() += 1;
            }
            c
        });
        let ctx = Context { doc, counts };
        for r in &self.rules {
            r.run(&ctx, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    #[test]
    fn sequences_check_case_lists_and_position() {
        let r = rule(
            "[[kind.tokens.sequence]]\ncase = \"title\"\nin_list = \"fw\"\nposition = \"not_first\"\nhighlight = true\n[[kind.tokens.sequence]]\ncase = \"lower\"",
            "x",
        );
        let lists = [("fw", "if\nfor\n")];
        assert_eq!(flagged(&r, &lists, "If so, go. Stay If it rains. For Us too."), vec!["If"]);
        assert_eq!(flagged(&r, &lists, "Stay If it rains."), vec!["If"]);
    }

    #[test]
    fn same_as_gap_and_after() {
        let r = rule("[[kind.tokens.sequence]]\nregex = '^\\p{L}'\n[[kind.tokens.sequence]]\nsame_as = -1\ngap = '^ +$'\nafter_not = '^-'", "x");
        assert_eq!(flagged(&r, &[], "the the cat, the, the dog, well well-known"), vec!["the the"]);
    }

    #[test]
    fn not_and_unique_in_document() {
        let r = rule(
            "[[kind.tokens.sequence]]\nnot = { case = \"title\", regex = '^B' }\n[[kind.tokens.sequence]]\ncase = \"title\"\nunique_in_document = true\nhighlight = true",
            "x",
        );
        // "Zed" follows a title-case B-word; "Yak" occurs twice.
        assert_eq!(flagged(&r, &[], "a Xylo; Bob Zed; c Yak c Yak"), vec!["Xylo", "Bob"]);
    }

    #[test]
    fn same_as_must_point_back() {
        let r = rule("[[kind.tokens.sequence]]\nsame_as = -1", "x");
        let set = std::panic::catch_unwind(|| flagged(&r, &[], "a"));
        assert!(set.is_err(), "a first step cannot refer to an earlier one");
    }
}
