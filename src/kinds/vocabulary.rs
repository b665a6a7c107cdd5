//! What counts as a word, shared by the kinds that look words up: a frequency table plus word
//! lists, with inflections of known words known too; and which tokens are plain running text.

use std::sync::Arc;

use super::ListSet;
use crate::rules::tables::FreqTable;
use crate::text::Span;

/// Endings that make an inflection or derivation of a word; a token that is a known word plus one
/// of them is a word ("usurpations", "cooperations").
const SUFFIXES: &[&str] = &["s", "es", "ed", "d", "ing", "ly", "er", "ers", "ment", "ments", "ness", "ship", "ist", "ists"];

#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub table: Arc<FreqTable>,
    pub lists: Option<ListSet>,
}

impl Vocabulary {
    /// The table's count of a lowercase word (0 when absent).
    pub fn count(&self, lower: &str) -> u64 {
        self.table.count(lower).unwrap_or(0)
    }

    /// Is `w` itself in the table or a list (no inflection rules)?
    pub fn listed(&self, w: &str) -> bool {
        self.table.count_any_case(w).is_some() || self.lists.as_ref().is_some_and(|k| k.contains(w))
    }

    /// Is `word` (any case) a word: in the table or a list, or an inflection of one?
    pub fn knows(&self, word: &str) -> bool {
        self.listed(word) || self.inflection(word).is_some()
    }

    /// The ending by which `word` is an inflection of a known word, if it is one
    /// ("treasons" → "s", "severities" → "ies", "occuring" → "ing").
    pub fn inflection(&self, word: &str) -> Option<&'static str> {
        let stem_known = |stem: &str| stem.chars().count() >= 4 && self.listed(stem);
        if let Some(stem) = word.strip_suffix("ies")
            && stem_known(&format!("{stem}y"))
        {
            return Some("ies");
        }
        SUFFIXES.iter().copied().find(|s| word.strip_suffix(s).is_some_and(stem_known))
    }
}

/// Is the token at `span` a plain word of running text, not a piece of an address, a handle, a
/// hashtag or a compound (`anti-government`, `news.com`, `@user`, `#tag`, `co_op`)?
pub fn free_standing(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let glue = |c: Option<char>| matches!(c, Some('-' | '‐' | '_' | '/' | '@' | '#' | '\\' | '=' | '&' | '+' | '~' | '%' | '*'));
    if glue(before) || glue(after) {
        return false;
    }
    // A dot glued to a letter on either side: a domain or a file name.
    let dotted_before = before == Some('.') && text[..span.start - 1].chars().next_back().is_some_and(char::is_alphanumeric);
    let dotted_after = after == Some('.') && text[span.end + 1..].chars().next().is_some_and(char::is_alphanumeric);
    !(dotted_before || dotted_after)
}
