//! Sentences: UAX #29 boundaries, corrected with the abbreviation lists kept under `rules/lists/`.

use super::span::{Span, is_blank, trim};
use unicode_segmentation::UnicodeSegmentation;

/// Word lists the segmenter needs; all stored lowercase.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Abbreviations that may also end a sentence ("U.S.", "Inc.", "a.m.").
    pub abbreviations: std::collections::HashSet<String>,
    /// Abbreviations that never end a sentence ("Mr.", "Gen.", "Sen.", "Jan.").
    pub titles: std::collections::HashSet<String>,
    /// Words that start a new sentence after an abbreviation that may end one ("The", "He").
    pub sentence_starters: std::collections::HashSet<String>,
}

/// The token that ends `s`: the text after the last blank, with opening brackets and quotes removed.
fn last_token(s: &str) -> &str {
    let tok = s.rsplit(is_blank).next().unwrap_or("");
    tok.trim_start_matches(['(', '[', '"', '“', '‘', '\''])
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

fn is_initial(tok: &str) -> bool {
    let mut cs = tok.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

impl Lexicon {
    /// Should the boundary between `before` and `after` be removed?
    fn joins(&self, before: &str, after: &str) -> bool {
        let before = before.trim_end_matches(is_blank);
        if !before.ends_with('.') {
            return false;
        }
        let tok = last_token(before).to_lowercase();
        if self.titles.contains(&tok) {
            return true;
        }
        let may_end = self.abbreviations.contains(&tok) || is_initial(last_token(before));
        may_end && !self.sentence_starters.contains(&first_word(after).to_lowercase())
    }
}

/// Sentence spans inside `para` (a span of `text`), trimmed.
pub fn split(text: &str, para: Span, lexicon: &Lexicon) -> Vec<Span> {
    let slice = para.text(text);
    let mut out: Vec<Span> = Vec::new();
    for (i, s) in slice.split_sentence_bound_indices() {
        let span = trim(text, Span::new(para.start + i, para.start + i + s.len()));
        if span.is_empty() {
            continue;
        }
        if let Some(prev) = out.last_mut()
            && lexicon.joins(prev.text(text), span.text(text))
        {
            prev.end = span.end;
            continue;
        }
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let set = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        Lexicon {
            abbreviations: set(&["u.s.", "inc."]),
            titles: set(&["gen.", "mr."]),
            sentence_starters: set(&["the", "he"]),
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()), &lexicon()).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. Secretary of State Antony Blinken met Gen. Mark Milley. He left."),
            vec!["U.S. Secretary of State Antony Blinken met Gen. Mark Milley.", "He left."]
        );
    }

    #[test]
    fn an_abbreviation_can_end_a_sentence_before_a_sentence_starter() {
        assert_eq!(sentences("He flew to the U.S. The talks end."), vec!["He flew to the U.S.", "The talks end."]);
        assert_eq!(sentences("about the U.S. Developing ties."), vec!["about the U.S. Developing ties."]);
    }

    #[test]
    fn initials_join() {
        assert_eq!(sentences("John F. Kennedy spoke."), vec!["John F. Kennedy spoke."]);
    }
}
