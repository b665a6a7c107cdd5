//! Words: UAX #29 word boundaries, keeping only tokens that contain a letter or digit.

use super::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Word spans inside `within` (a span of `text`).
pub fn split(text: &str, within: Span) -> Vec<Span> {
    within
        .text(text)
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| Span::new(within.start + i, within.start + i + w.len()))
        .collect()
}

/// The case shape of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Case {
    /// every letter lowercase: "media"
    Lower,
    /// first letter uppercase, the rest lowercase: "Social"
    Title,
    /// every letter uppercase, at least two letters: "NATO"
    Upper,
    /// anything else with letters: "iPhone", "ByteDance"
    Mixed,
    /// no letters at all: "2024"
    None,
}

pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return Case::None };
    let (mut count, mut upper_rest, mut lower_rest) = (1, 0, 0);
    for c in letters {
        count += 1;
        if c.is_uppercase() {
            upper_rest += 1;
        } else if c.is_lowercase() {
            lower_rest += 1;
        }
    }
    let first_upper = first.is_uppercase();
    if !first_upper && upper_rest == 0 {
        Case::Lower
    } else if first_upper && lower_rest == 0 && count > 1 {
        Case::Upper
    } else if first_upper && upper_rest == 0 {
        Case::Title
    } else {
        Case::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_and_drop_punctuation() {
        let t = "China’s U.S. policy, 2024!";
        let w: Vec<&str> = split(t, Span::new(0, t.len())).iter().map(|s| s.text(t)).collect();
        assert_eq!(w, vec!["China’s", "U.S", "policy", "2024"]);
    }

    #[test]
    fn case_shapes() {
        assert_eq!(case_of("media"), Case::Lower);
        assert_eq!(case_of("Social"), Case::Title);
        assert_eq!(case_of("NATO"), Case::Upper);
        assert_eq!(case_of("iPhone"), Case::Mixed);
        assert_eq!(case_of("A"), Case::Title);
        assert_eq!(case_of("2024"), Case::None);
    }
}
