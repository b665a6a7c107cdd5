//! Kind `names`: a gazetteer of people, organisations and places, checked four ways: known wrong
//! spellings, proper nouns written in lowercase, confusable short forms (only in a document that
//! names the entity), and one name spelt two accepted ways in one document.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{EachRule, Hit, ListSet, RunRule, lists_at, whole_word};
use crate::rules::error::{FileError, SpecError};
use crate::rules::lists::Lists;
use crate::text::span::is_blank;
use crate::text::{Document, Span};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// The canonical spelling.
    pub name: String,
    /// person, organisation or place; informative.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Other accepted spellings (Zelensky, Zelenskiy for Zelenskyy).
    #[serde(default)]
    pub also: Vec<String>,
    /// Known wrong spellings and transliteration errors.
    #[serde(default)]
    pub wrong: Vec<String>,
    /// Short form → spellings that stand for it by mistake, flagged only where the entity is named.
    #[serde(default)]
    pub confusable: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gazetteer {
    #[serde(default, rename = "entity")]
    pub entities: Vec<Entity>,
}

impl Gazetteer {
    pub fn parse(path: &str, text: &str) -> Result<Self, FileError> {
        let g: Gazetteer = toml::from_str(text).map_err(|e| FileError::new(path, text, e.span(), e.message()))?;
        for e in &g.entities {
            if e.name.trim().is_empty() {
                return Err(FileError::new(path, text, None, "an entity has an empty name"));
            }
        }
        Ok(g)
    }

    /// Every word of every spelling, for telling a known name from an unknown one.
    fn tokens(&self) -> HashSet<String> {
        self.entities
            .iter()
            .flat_map(|e| std::iter::once(&e.name).chain(&e.also).chain(e.confusable.keys()))
            .flat_map(|n| n.split_whitespace())
            .map(str::to_string)
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A known wrong spelling ("Anthony Blinken").
    Wrong,
    /// A proper noun written all in lowercase ("kyiv").
    Lowercase,
    /// A confusable short form in a document naming the entity ("Ji" beside "Xi Jinping").
    Confusable,
    /// Two accepted spellings of one name in one document.
    Mixed,
    /// One word of a person's name a letter or two off, beside the other word spelt right
    /// ("Volodymr Zelensky", "Mitch Connell"): a misspelling the gazetteer never listed.
    NearMiss,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Name of a gazetteer file under `lists/` (without `.toml`).
    pub gazetteer: Spanned<String>,
    pub check: Check,
    /// Dictionary lists: for `lowercase`, names whose lowercase form is in them are common words
    /// ("china"); for `confusable`, derived surnames that are dictionary words are not used.
    #[serde(default)]
    pub unless_in_list: Option<Spanned<super::ListNames>>,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone)]
struct Form {
    entity: usize,
    text: String,
    /// For confusables: the short form it stands for.
    short: Option<String>,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    check: Check,
    entities: Vec<Entity>,
    ac: AhoCorasick,
    forms: Vec<Form>,
    /// Automaton over every spelling (canonical, accepted, wrong) of every entity, for `confusable`.
    mentions: Option<(AhoCorasick, Vec<usize>)>,
    known_tokens: HashSet<String>,
    common: Option<ListSet>,
    /// For `near_miss`: neighbouring word pairs of every accepted spelling of every person.
    pairs: NamePairs,
}

/// Adjacent words of people's accepted names, indexed by either word.
#[derive(Debug, Default)]
struct NamePairs {
    /// (first, second) of every pair, for telling an accepted pair from a near miss.
    all: HashSet<(String, String)>,
    /// second word → (first word, entity).
    by_second: std::collections::HashMap<String, Vec<(String, usize)>>,
    /// first word → (second word, entity).
    by_first: std::collections::HashMap<String, Vec<(String, usize)>>,
}

impl NamePairs {
    fn new(entities: &[Entity]) -> Self {
        let mut p = NamePairs::default();
        for (i, e) in entities.iter().enumerate().filter(|(_, e)| e.kind.as_deref() == Some("person")) {
            for spelling in std::iter::once(&e.name).chain(&e.also) {
                let words: Vec<&str> = spelling.split_whitespace().collect();
                for w in words.windows(2) {
                    let (a, b) = (w[0].to_string(), w[1].to_string());
                    if p.all.insert((a.clone(), b.clone())) {
                        p.by_second.entry(b.clone()).or_default().push((a.clone(), i));
                        p.by_first.entry(a).or_default().push((b, i));
                    }
                }
            }
        }
        p
    }
}

/// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps),
/// computed only up to `limit`: `None` beyond it.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        if cur.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    (prev[b.len()] <= limit).then_some(prev[b.len()])
}

/// Is `found` a near miss of the name word `right`: a letter off for short names, two for long ones?
fn near_miss(found: &str, right: &str) -> bool {
    let n = found.chars().count().max(right.chars().count());
    let limit = match n {
        0..=4 => return false,
        5..=6 => 1,
        _ => 2,
    };
    found != right && edit_distance(found, right, limit).is_some()
}

fn automaton(patterns: &[String], case_insensitive: bool) -> Result<AhoCorasick, SpecError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(case_insensitive)
        .build(patterns)
        .map_err(|e| SpecError::whole(format!("name automaton: {e}")))
}

fn compile_rule(index: usize, spec: &Spec, lists: &Lists) -> Result<Rule, SpecError> {
    let g = lists.gazetteers.get(spec.gazetteer.get_ref()).ok_or_else(|| {
        SpecError::at(spec.gazetteer.span(), format!("no gazetteer named `{}` (a `lists/NAME.toml` file)", spec.gazetteer.get_ref()))
    })?;
    let dictionary = spec.unless_in_list.as_ref().map(|l| lists_at(lists, l)).transpose()?;
    let mut forms = Vec::new();
    for (i, e) in g.entities.iter().enumerate() {
        let form = |text: &String, short: Option<&String>| Form { entity: i, text: text.clone(), short: short.cloned() };
        match spec.check {
            Check::Wrong => forms.extend(e.wrong.iter().map(|w| form(w, None))),
            Check::NearMiss => {}
            Check::Lowercase | Check::Mixed => forms.extend(std::iter::once(&e.name).chain(&e.also).map(|w| form(w, None))),
            Check::Confusable => {
                for (short, wrongs) in &e.confusable {
                    forms.extend(wrongs.iter().map(|w| form(w, Some(short))));
                }
                // A person's wrong full name that differs only in its last word ("Jens
                // Stoltemberg") makes that word a confusable surname ("Stoltemberg" for
                // "Stoltenberg") — unless it is an ordinary word ("United Nation" → "Nation").
                let canonical: Vec<&str> = e.name.split_whitespace().collect();
                let person = e.kind.as_deref() == Some("person");
                for w in e.wrong.iter().filter(|_| person) {
                    let words: Vec<&str> = w.split_whitespace().collect();
                    if canonical.len() >= 2
                        && words.len() == canonical.len()
                        && words[..words.len() - 1] == canonical[..canonical.len() - 1]
                        && words[words.len() - 1].chars().count() >= 5
                    {
                        let (wrong_last, right_last) = (words[words.len() - 1].to_string(), canonical[canonical.len() - 1].to_string());
                        if dictionary.as_ref().is_some_and(|d| d.contains(&wrong_last)) {
                            continue;
                        }
                        forms.push(Form { entity: i, text: wrong_last, short: Some(right_last) });
                    }
                }
            }
        }
    }
    let patterns: Vec<String> = forms.iter().map(|f| f.text.clone()).collect();
    let ac = automaton(&patterns, spec.check == Check::Lowercase)?;
    let mentions = if spec.check == Check::Confusable {
        let (p, owners): (Vec<String>, Vec<usize>) = g
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| std::iter::once(&e.name).chain(&e.also).chain(&e.wrong).map(move |n| (n.clone(), i)))
            .unzip();
        Some((automaton(&p, false)?, owners))
    } else {
        None
    };
    let common = dictionary;
    let pairs = if spec.check == Check::NearMiss { NamePairs::new(&g.entities) } else { NamePairs::default() };
    Ok(Rule { index, check: spec.check, entities: g.entities.clone(), ac, forms, mentions, known_tokens: g.tokens(), common, pairs })
}

/// Highlight only the words in which `found` differs from `canonical`; return the span and the replacement.
fn differing_words(found: &str, at: usize, canonical: &str) -> (Span, String) {
    let fw: Vec<(usize, &str)> = found.split_whitespace().map(|w| (w.as_ptr() as usize - found.as_ptr() as usize, w)).collect();
    let cw: Vec<&str> = canonical.split_whitespace().collect();
    let prefix = fw.iter().zip(&cw).take_while(|((_, a), b)| a == *b).count();
    let suffix = fw.iter().rev().zip(cw.iter().rev()).take_while(|((_, a), b)| a == *b).count();
    if prefix + suffix >= fw.len().min(cw.len()) || fw.len() != cw.len() {
        return (Span::new(at, at + found.len()), canonical.to_string());
    }
    let (first, last) = (fw[prefix], fw[fw.len() - suffix - 1]);
    let span = Span::new(at + first.0, at + last.0 + last.1.len());
    (span, cw[prefix..cw.len() - suffix].join(" "))
}

/// The entries of `sorted` (spans in order of start, none longer than `max_len`) that contain `span`:
/// a bounded look back instead of a scan of every mention.
fn containing<T>(sorted: &[(Span, T)], max_len: usize, span: Span) -> impl Iterator<Item = &(Span, T)> {
    let end = sorted.partition_point(|(m, _)| m.start <= span.start);
    sorted[..end].iter().rev().take_while(move |(m, _)| m.start + max_len >= span.start).filter(move |(m, _)| m.contains(span))
}

/// Is the word at `span` part of a web address, an e-mail address, a handle or a hashtag
/// ("kyiv.gov.ua", "@kyivindependent", "#kyiv"), where lowercase is normal?
fn in_address(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    matches!(before, Some('@' | '#' | '/' | '.' | '_' | '-'))
        || (matches!(a1, Some('.' | '/' | '@' | '_' | '-')) && a2.is_some_and(char::is_alphanumeric))
}

/// Is the word at `span` next to a capitalised word (only blanks between) that no gazetteer entry knows?
fn beside_unknown_name(text: &str, span: Span, known: &HashSet<String>) -> bool {
    let before = text[..span.start].trim_end_matches(|c: char| is_blank(c) && c != '\n');
    let after = text[span.end..].trim_start_matches(|c: char| is_blank(c) && c != '\n');
    let gap_before = span.start - before.len();
    let gap_after = text.len() - span.end - after.len();
    let prev = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let next = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let unknown_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !known.contains(w);
    (gap_before > 0 && unknown_cap(prev) && before.ends_with(prev)) || (gap_after > 0 && unknown_cap(next) && after.starts_with(next))
}

impl Rule {
    fn whole_word_matches<'t>(&self, text: &'t str) -> impl Iterator<Item = (Span, &Form)> + use<'_, 't> {
        self.ac.find_overlapping_iter(text).filter_map(move |m| {
            let span = Span::new(m.start(), m.end());
            whole_word(text, span).then(|| (span, &self.forms[m.pattern().as_usize()]))
        })
    }

    fn check_document(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        match self.check {
            Check::Wrong => {
                for (span, f) in self.whole_word_matches(text) {
                    let e = &self.entities[f.entity];
                    let (hl, suggestion) = differing_words(span.text(text), span.start, &e.name);
                    out.push(
                        Hit::new(self.index, hl)
                            .var("match", hl.text(text))
                            .var("canonical", e.name.clone())
                            .var("suggestion", suggestion)
                            .var("entity", e.name.clone()),
                    );
                }
            }
            Check::Lowercase => {
                for (span, f) in self.whole_word_matches(text) {
                    let found = span.text(text);
                    let is_lower = found.chars().all(|c| !c.is_uppercase());
                    if !is_lower || found == f.text || self.common.as_ref().is_some_and(|c| c.contains(found)) || in_address(text, span) {
                        continue;
                    }
                    let e = &self.entities[f.entity];
                    out.push(
                        Hit::new(self.index, span)
                            .var("canonical", f.text.clone())
                            .var("suggestion", f.text.clone())
                            .var("entity", e.name.clone()),
                    );
                }
            }
            Check::Confusable => self.confusables(doc, out),
            Check::NearMiss => self.near_misses(doc, out),
            Check::Mixed => {
                // A spelling inside a longer one ("Ferdinand Marcos" in "Ferdinand Marcos Jr.") is
                // part of it, not a second spelling.
                let mut matches: Vec<(Span, &Form)> = self.whole_word_matches(text).collect();
                matches.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
                let max_len = matches.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
                let outermost = matches.iter().filter(|(s, _)| !containing(&matches, max_len, *s).any(|(o, _)| o != s));
                let mut first_form: BTreeMap<usize, (String, Vec<String>)> = BTreeMap::new();
                for &(span, f) in outermost {
                    let found = span.text(text);
                    if found != f.text {
                        continue;
                    }
                    let (first, reported) = first_form.entry(f.entity).or_insert_with(|| (found.to_string(), Vec::new()));
                    if first != found && !reported.iter().any(|r| r == found) {
                        reported.push(found.to_string());
                        out.push(
                            Hit::new(self.index, span)
                                .var("other", first.clone())
                                .var("canonical", self.entities[f.entity].name.clone())
                                .var("entity", self.entities[f.entity].name.clone()),
                        );
                    }
                }
            }
        }
    }

    fn near_misses(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        let title = |w: &str| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.clone().count() >= 2 && c.all(|c| c.is_alphabetic())
        };
        for s in &doc.sentences {
            for pair in doc.words[s.words.clone()].windows(2) {
                let (a, b) = (pair[0].span, pair[1].span);
                if text[a.end..b.start] != *" " {
                    continue;
                }
                let (wa, wb) = (a.text(text), b.text(text));
                if !title(wa) || !title(wb) {
                    continue;
                }
                let dictionary_word = |w: &str| self.common.as_ref().is_some_and(|c| c.contains(w));
                // The first word off, the second right ("Volodymr Zelensky") …
                let first = self.pairs.by_second.get(wb).and_then(|v| v.iter().find(|(right, _)| near_miss(wa, right)));
                // … or the first right and the second off ("Mitch Connell").
                let second = self.pairs.by_first.get(wa).and_then(|v| v.iter().find(|(right, _)| near_miss(wb, right)));
                if first.is_none() && second.is_none() || self.pairs.all.contains(&(wa.to_string(), wb.to_string())) {
                    continue;
                }
                let (span, found, (right, e)) = match (first, second) {
                    (Some(f), _) => (a, wa, f),
                    (None, Some(s)) => (b, wb, s),
                    _ => continue,
                };
                if dictionary_word(found) {
                    continue;
                }
                out.push(
                    Hit::new(self.index, span)
                        .var("canonical", right.clone())
                        .var("suggestion", right.clone())
                        .var("entity", self.entities[*e].name.clone()),
                );
            }
        }
    }

    fn confusables(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        let Some((mentions, owners)) = &self.mentions else { return };
        let mut mentioned: Vec<(Span, usize)> = mentions
            .find_overlapping_iter(text)
            .map(|m| (Span::new(m.start(), m.end()), owners[m.pattern().as_usize()]))
            .filter(|(s, _)| whole_word(text, *s))
            .collect();
        mentioned.sort_by_key(|(s, _)| (s.start, s.end));
        let max_len = mentioned.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        let named: HashSet<usize> = mentioned.iter().map(|(_, e)| *e).collect();
        if named.is_empty() {
            return;
        }
        let candidates: Vec<(Span, &Form)> = self.whole_word_matches(text).filter(|(_, f)| named.contains(&f.entity)).collect();
        // A spelling that is part of another name anywhere in the document — a gazetteer entry
        // ("Chris Van Hollen") or an unknown name ("Ji Chaozhu") — is a real name here: leave every
        // occurrence of it alone.
        let real: HashSet<&str> = candidates
            .iter()
            .filter(|(s, f)| {
                containing(&mentioned, max_len, *s).any(|(_, e)| *e != f.entity)
                    || beside_unknown_name(text, *s, &self.known_tokens)
            })
            .map(|(_, f)| f.text.as_str())
            .collect();
        for (span, f) in candidates {
            // Inside a full (wrong) name of the same entity, the `wrong` check already reports it.
            let in_full_name = containing(&mentioned, max_len, span).any(|(m, e)| *e == f.entity && *m != span);
            if real.contains(f.text.as_str()) || in_full_name {
                continue;
            }
            let e = &self.entities[f.entity];
            let short = f.short.clone().unwrap_or_default();
            out.push(
                Hit::new(self.index, span)
                    .var("canonical", short.clone())
                    .var("suggestion", short)
                    .var("entity", e.name.clone()),
            );
        }
    }
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        self.check_document(doc, out);
    }
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |i, s| compile_rule(i, s, lists))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_differing_words_are_highlighted() {
        let (span, s) = differing_words("Anthony Blinken", 10, "Antony Blinken");
        assert_eq!((span, s.as_str()), (Span::new(10, 17), "Antony"));
        let (span, s) = differing_words("Byte Dance", 0, "ByteDance");
        assert_eq!((span, s.as_str()), (Span::new(0, 10), "ByteDance"));
    }

    #[test]
    fn unknown_neighbours_mark_a_real_name() {
        let known: HashSet<String> = ["Blinken".to_string()].into();
        let t = "Sen. Chris Van Hollen said";
        let at = t.find("Van").unwrap();
        assert!(beside_unknown_name(t, Span::new(at, at + 3), &known));
        let t = "\"...,\" Van Blinken said";
        let at = t.find("Van").unwrap();
        assert!(!beside_unknown_name(t, Span::new(at, at + 3), &known));
    }
}

#[cfg(test)]
mod rule_tests {
    use crate::kinds::testing::rule;

    const G: &str = "[[entity]]\nname = \"Xi Jinping\"\nwrong = [\"Xi Jingping\"]\nconfusable = { \"Xi\" = [\"Ji\"] }\n\n[[entity]]\nname = \"Odesa\"\nalso = [\"Odessa\"]\n";

    fn names(check: &str) -> String {
        rule(&format!("[kind.names]\ngazetteer = \"g\"\ncheck = \"{check}\""), "x")
    }

    /// Lint with one names rule over the small gazetteer `G`.
    fn with_gazetteer(check: &str, text: &str) -> Vec<String> {
        use crate::config::Config;
        use crate::engine::RuleSet;
        use crate::rules::packs::{RuleRoot, Source};
        let mut root = RuleRoot::default();
        root.packs.insert("t".into(), vec![Source { path: "t.toml".into(), text: names(check) }]);
        root.lists.insert("g".into(), Source { path: "g.toml".into(), text: G.into() });
        let set = RuleSet::load(&[root], &Config::default()).expect("loads");
        set.lint(text).iter().map(|d| d.span.text(text).to_string()).collect()
    }

    #[test]
    fn wrong_lowercase_confusable_and_mixed() {
        assert_eq!(with_gazetteer("wrong", "Xi Jingping spoke."), vec!["Jingping"]);
        assert_eq!(with_gazetteer("lowercase", "xi jinping in odesa"), vec!["xi jinping", "odesa"]);
        assert_eq!(with_gazetteer("confusable", "Xi Jinping spoke. Ji agreed."), vec!["Ji"]);
        assert!(with_gazetteer("confusable", "Ji agreed.").is_empty());
        assert!(with_gazetteer("confusable", "Xi Jinping met Ji Chaozhu. Ji agreed.").is_empty());
        assert_eq!(with_gazetteer("mixed", "Odesa, then Odessa, then Odessa."), vec!["Odessa"]);
    }

    #[test]
    fn near_misses_need_the_other_word_of_the_name() {
        let g = "[[entity]]\nname = \"Mitch McConnell\"\ntype = \"person\"\n\n[[entity]]\nname = \"Volodymyr Zelensky\"\ntype = \"person\"\n";
        let lint = |text: &str| {
            use crate::config::Config;
            use crate::engine::RuleSet;
            use crate::rules::packs::{RuleRoot, Source};
            let mut root = RuleRoot::default();
            root.packs.insert("t".into(), vec![Source { path: "t.toml".into(), text: names("near_miss") }]);
            root.lists.insert("g".into(), Source { path: "g.toml".into(), text: g.into() });
            let set = RuleSet::load(&[root], &Config::default()).expect("loads");
            set.lint(text).iter().map(|d| d.span.text(text).to_string()).collect::<Vec<_>>()
        };
        assert_eq!(lint("Mitch Connell and Volodymr Zelensky met."), vec!["Connell", "Volodymr"]);
        assert!(lint("Mitch McConnell met Oleksandr Zelensky and Mitchell Connell.").is_empty());
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(super::super::names::edit_distance("Antony", "Anthony", 2), Some(1));
        assert_eq!(super::super::names::edit_distance("Zelensky", "Zelenksy", 2), Some(1));
        assert_eq!(super::super::names::edit_distance("Connell", "McConnell", 2), Some(2));
        assert_eq!(super::super::names::edit_distance("Joe", "Jill", 2), None);
    }
}
