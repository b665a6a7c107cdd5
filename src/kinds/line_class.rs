//! Kind `line_class`: short lines that are not prose, found by weighing signals, in the spirit of
//! jusText and trafilatura. Each signal is a regex over the line (word lists expand into it) or a
//! feature the kind computes: no terminal punctuation, no function word, mostly capitalised words,
//! very short, at the top or bottom of the document, repeated elsewhere, a `Label:` shape. A line
//! with at most `max_words` words whose signal weights reach `threshold` is reported whole.

use std::collections::HashMap;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::{EachRule, Hit, ListNames, ListSet, RunRule, compile_regex, lists_at};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::words::{Case, case_of};
use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// The line does not end with `.`, `!`, `?`, `…` or a closing quotation mark or bracket.
    NoTerminalPunctuation,
    /// No word of the line is in `stop_words`.
    NoStopWords,
    /// At least 60% of its words (two or more) start with a capital.
    TitleCase,
    /// At most three words.
    Short,
    /// Among the first two or the last two lines of the document.
    Edge,
    /// The same line (case and spaces folded) occurs elsewhere in the document.
    Repeated,
    /// Starts with one to three words and a colon ("Author:", "Reading time: 4 minutes").
    Label,
    /// Most of its lowercase words (at least four) are unknown to the frequency `table`: a line in
    /// another language ("Deja una respuesta", "Tu dirección de correo…").
    ForeignWords,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    /// Named in the message (`{signals}`).
    pub name: String,
    pub weight: f64,
    /// The line matches this regex (`{{list:NAME}}` inserts a word list).
    #[serde(default)]
    pub regex: Option<Spanned<String>>,
    #[serde(default)]
    pub case_insensitive: bool,
    /// A computed feature of the line.
    #[serde(default)]
    pub feature: Option<Feature>,
    /// The line holds a phrase of one of these word lists, as whole words, in any case (one
    /// Aho-Corasick automaton: cheaper than a regex alternation of a long list).
    #[serde(default)]
    pub phrases: Option<Spanned<ListNames>>,
    /// The previous line matches this regex — or itself had this signal, so that a run of
    /// lines after a rail heading ("Recent Stories") is weighed together.
    #[serde(default)]
    pub previous: Option<Spanned<String>>,
}

fn twelve() -> usize {
    12
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Longer lines are prose and never reported.
    #[serde(default = "twelve")]
    pub max_words: usize,
    /// Report a line when the weights of its signals add up to this.
    pub threshold: f64,
    /// Function words, for `no_stop_words`.
    #[serde(default)]
    pub stop_words: Option<Spanned<ListNames>>,
    /// Lines matching this regex are never reported.
    #[serde(default)]
    pub unless: Option<Spanned<String>>,
    /// Word frequencies (`lists/NAME.tsv`), for `foreign_words`.
    #[serde(default)]
    pub table: Option<Spanned<String>>,
    #[serde(rename = "signal")]
    pub signals: Spanned<Vec<SignalSpec>>,
}

#[derive(Debug)]
enum Test {
    Regex(Regex),
    Phrases(aho_corasick::AhoCorasick),
    Feature(Feature),
    Previous(Regex),
}

#[derive(Debug)]
struct Signal {
    name: String,
    weight: f64,
    test: Test,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    max_words: usize,
    threshold: f64,
    stop_words: Option<ListSet>,
    unless: Option<Regex>,
    table: Option<std::sync::Arc<crate::rules::tables::FreqTable>>,
    signals: Vec<Signal>,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        let mut signals = Vec::new();
        for sig in s.signals.get_ref() {
            let test = match (&sig.regex, sig.feature, &sig.previous, &sig.phrases) {
                (Some(r), None, None, None) => Test::Regex(compile_regex(r, lists, sig.case_insensitive)?),
                (None, Some(f), None, None) => Test::Feature(f),
                (None, None, Some(r), None) => Test::Previous(compile_regex(r, lists, sig.case_insensitive)?),
                (None, None, None, Some(names)) => {
                    let set = lists_at(lists, names)?;
                    let ac = aho_corasick::AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(set.entries())
                        .map_err(|e| SpecError::at(names.span(), format!("phrase automaton: {e}")))?;
                    Test::Phrases(ac)
                }
                _ => {
                    let m = format!("signal `{}` needs exactly one of `regex`, `feature`, `previous` and `phrases`", sig.name);
                    return Err(SpecError::at(s.signals.span(), m));
                }
            };
            signals.push(Signal { name: sig.name.clone(), weight: sig.weight, test });
        }
        if signals.iter().any(|s| matches!(s.test, Test::Feature(Feature::NoStopWords))) && s.stop_words.is_none() {
            return Err(SpecError::at(s.signals.span(), "the `no_stop_words` feature needs `stop_words`"));
        }
        let needs_table = signals.iter().any(|s| matches!(s.test, Test::Feature(Feature::ForeignWords)));
        let table = match (&s.table, needs_table) {
            (Some(t), _) => Some(lists.table(t.get_ref()).map_err(|m| SpecError::at(t.span(), m))?.clone()),
            (None, true) => return Err(SpecError::at(s.signals.span(), "the `foreign_words` feature needs `table`")),
            (None, false) => None,
        };
        Ok(Rule {
            index,
            table,
            max_words: s.max_words,
            threshold: s.threshold,
            stop_words: s.stop_words.as_ref().map(|n| lists_at(lists, n)).transpose()?,
            unless: s.unless.as_ref().map(|r| compile_regex(r, lists, false)).transpose()?,
            signals,
        })
    })
}

fn fold(s: &str) -> String {
    s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

fn words(line: &str) -> Vec<&str> {
    use unicode_segmentation::UnicodeSegmentation;
    line.unicode_words().collect()
}

fn is_label(line: &str) -> bool {
    let Some((head, _)) = line.split_once(':') else { return false };
    let n = head.split_whitespace().count();
    (1..=3).contains(&n) && head.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’')
}

impl Rule {
    fn feature(&self, f: Feature, line: &str, ws: &[&str], at: usize, doc: &Document, counts: &HashMap<String, usize>) -> bool {
        match f {
            Feature::NoTerminalPunctuation => {
                // Closing quotation marks and brackets belong to what they close: "…of FEMA’"
                // ends with a word, "…he said.”" with a full stop. "Loading..." trails off.
                let l = line.trim_end().trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
                l.ends_with("...") || l.ends_with('…') || !l.ends_with(['.', '!', '?'])
            }
            Feature::NoStopWords => self.stop_words.as_ref().is_some_and(|l| !ws.iter().any(|w| l.contains(w))),
            Feature::TitleCase => {
                let lettered: Vec<&&str> = ws.iter().filter(|w| case_of(w) != Case::None).collect();
                lettered.len() >= 2
                    && lettered.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count() * 10 >= lettered.len() * 6
            }
            Feature::Short => ws.len() <= 3,
            Feature::Edge => at < 2 || at + 2 >= doc.lines.len(),
            Feature::Repeated => counts.get(&fold(line)).is_some_and(|&n| n > 1),
            Feature::Label => is_label(line),
            Feature::ForeignWords => self.table.as_ref().is_some_and(|t| {
                let lower: Vec<&&str> = ws.iter().filter(|w| w.chars().all(char::is_lowercase)).collect();
                let unknown = lower.iter().filter(|w| t.count(w).is_none()).count();
                unknown >= 4 && unknown * 2 >= lower.len()
            }),
        }
    }
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        let needs_counts = self.signals.iter().any(|s| matches!(s.test, Test::Feature(Feature::Repeated)));
        let mut counts: HashMap<String, usize> = HashMap::new();
        if needs_counts {
            for l in &doc.lines {
                *counts.entry(fold(l.text(doc.text))).or_default() += 1;
            }
        }
        // Which signals each line had, for `previous` signals that chain.
        let mut had_before: Vec<bool> = vec![false; self.signals.len()];
        for (at, &span) in doc.lines.iter().enumerate() {
            let line = span.text(doc.text);
            // Count no further than needed: a long line is prose, whatever its length.
            let too_long = {
                use unicode_segmentation::UnicodeSegmentation;
                line.len() > self.max_words * 64 || line.unicode_words().nth(self.max_words).is_some()
            };
            let ws = if too_long { Vec::new() } else { words(line) };
            let prev_line = at.checked_sub(1).map(|p| doc.lines[p].text(doc.text));
            let mut had_now = vec![false; self.signals.len()];
            let skip = too_long || ws.is_empty() || self.unless.as_ref().is_some_and(|u| u.is_match(line));
            let mut score = 0.0;
            let mut fired = Vec::new();
            for (k, s) in self.signals.iter().enumerate().filter(|_| !skip) {
                let hit = match &s.test {
                    Test::Regex(r) => r.is_match(line),
                    Test::Phrases(ac) => ac.find_overlapping_iter(line).any(|m| super::whole_word(line, Span::new(m.start(), m.end()))),
                    Test::Feature(f) => self.feature(*f, line, &ws, at, doc, &counts),
                    Test::Previous(r) => had_before[k] || prev_line.is_some_and(|p| r.is_match(p)),
                };
                if hit {
                    had_now[k] = true;
                    score += s.weight;
                    fired.push(s.name.as_str());
                }
            }
            // A chain runs only through reported lines.
            had_before = if score >= self.threshold { had_now } else { vec![false; self.signals.len()] };
            if skip {
                continue;
            }
            if score >= self.threshold {
                out.push(Hit::new(self.index, Span::new(span.start, span.end)).var("signals", fired.join(", ")).var("score", format!("{score:.1}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    const KIND: &str = r#"[kind.line_class]
threshold = 3
stop_words = "function-words"
[[kind.line_class.signal]]
name = "ui"
regex = '(?i)\b(?:leave a reply|views)\b'
weight = 2
[[kind.line_class.signal]]
name = "no punctuation"
feature = "no_terminal_punctuation"
weight = 1
[[kind.line_class.signal]]
name = "label"
feature = "label"
weight = 1
"#;

    #[test]
    fn lines_are_weighed_by_their_signals() {
        let r = rule(KIND, "{signals}");
        let text = "Blinken met Wang.\nViews: 289\nLeave a Reply\nHe said people leave a reply on views pages.";
        assert_eq!(flagged(&r, &[], text), vec!["Views: 289", "Leave a Reply"]);
    }

    #[test]
    fn previous_line_signals_chain_through_reported_lines() {
        let kind = r#"[kind.line_class]
threshold = 3
[[kind.line_class.signal]]
name = "rail"
previous = '^Recent Stories$'
weight = 2
[[kind.line_class.signal]]
name = "rail heading"
regex = '^Recent Stories$'
weight = 3
[[kind.line_class.signal]]
name = "no punctuation"
feature = "no_terminal_punctuation"
weight = 1
"#;
        let r = rule(kind, "{signals}");
        let text = "He left.\nRecent Stories\nTrump floats an order\nMexico could hamper plans\nThe talks resumed.\nA subheading";
        assert_eq!(flagged(&r, &[], text), vec!["Recent Stories", "Trump floats an order", "Mexico could hamper plans"]);
    }

    #[test]
    fn a_signal_has_one_test() {
        let bad = rule("[kind.line_class]\nthreshold = 1\n[[kind.line_class.signal]]\nname = \"x\"\nweight = 1", "m");
        let r = std::panic::catch_unwind(|| flagged(&bad, &[], "x"));
        assert!(r.is_err());
    }
}
