//! Kind `segmentation`: words run together or torn apart, decided with a word-frequency table.
//!
//! - `glued`: a lowercase token that is no known word but splits into two or three frequent words
//!   ("intothe" → "into the", "governmentofficials" → "government officials").
//! - `split`: two neighbours, one of them no known word, that join into a frequent word
//!   ("gover nment" → "government", "wh ich" → "which").
//! - `camel`: a lowercase word with a capitalised word glued to it ("reportedMonday").
//!
//! A word is known when the frequency table or one of the `known` lists has it. Tokens that are part
//! of an address, a handle, a hashtag, a hyphenated or dotted compound are left alone.

use serde::Deserialize;
use toml::Spanned;

use super::vocabulary::{Vocabulary, free_standing};
use super::{EachRule, Hit, ListNames, ListSet, RunRule, lists_at};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Glued,
    Split,
    Camel,
}

fn six() -> usize {
    6
}

fn two() -> usize {
    2
}

fn three() -> usize {
    3
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub check: Check,
    /// The frequency table (`lists/NAME.tsv`).
    pub table: Spanned<String>,
    /// Lists of words that are words too (names, dictionary words the table lacks).
    #[serde(default)]
    pub known: Option<Spanned<ListNames>>,
    /// `glued`: the shortest token looked at; `split`: the shortest joined word; `camel`: the
    /// shortest part.
    #[serde(default = "six")]
    pub min_length: usize,
    /// Every part (`glued`, `camel`) or the joined word (`split`) is at least this frequent.
    #[serde(default)]
    pub min_count: u64,
    /// `glued`: at least one part must be in this list (function words make a split certain).
    #[serde(default)]
    pub part_in_list: Option<Spanned<ListNames>>,
    /// `glued`: words that are also prefixes ("in", "over"): a split that starts with one counts
    /// only when another part is in `part_in_list` too ("inthe", not "insourcing").
    #[serde(default)]
    pub prefix_list: Option<Spanned<ListNames>>,
    /// `glued`: parts outside `part_in_list` have at least this many letters.
    #[serde(default = "three")]
    pub min_part_length: usize,
    /// `glued`: capitalised words (days, months, countries) that may head a capitalised token
    /// glued to a word of `part_in_list` ("Fridaythat", "Chinaand").
    #[serde(default)]
    pub title_heads: Option<Spanned<ListNames>>,
    /// `glued`: at most this many parts (2 or 3).
    #[serde(default = "two")]
    pub max_parts: usize,
    /// Tokens (or, for `camel`, the capitalised part) in these lists are left alone.
    #[serde(default)]
    pub unless_in_list: Option<Spanned<ListNames>>,
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    check: Check,
    vocabulary: Vocabulary,
    min_length: usize,
    min_count: u64,
    part_in: Option<ListSet>,
    prefixes: Option<ListSet>,
    title_heads: Option<ListSet>,
    min_part_length: usize,
    max_parts: usize,
    unless: Option<ListSet>,
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        let table = lists.table(s.table.get_ref()).map_err(|m| SpecError::at(s.table.span(), m))?.clone();
        let opt = |l: &Option<Spanned<ListNames>>| l.as_ref().map(|n| lists_at(lists, n)).transpose();
        if !(2..=3).contains(&s.max_parts) {
            return Err(SpecError::whole("`max_parts` is 2 or 3"));
        }
        Ok(Rule {
            index,
            check: s.check,
            vocabulary: Vocabulary { table, lists: opt(&s.known)? },
            min_length: s.min_length.max(2),
            min_count: s.min_count,
            part_in: opt(&s.part_in_list)?,
            prefixes: opt(&s.prefix_list)?,
            title_heads: opt(&s.title_heads)?,
            min_part_length: s.min_part_length.max(1),
            max_parts: s.max_parts,
            unless: opt(&s.unless_in_list)?,
        })
    })
}

impl Rule {
    fn count(&self, lower: &str) -> u64 {
        self.vocabulary.count(lower)
    }

    fn known(&self, word: &str) -> bool {
        self.vocabulary.knows(word)
    }

    fn frequent(&self, part: &str) -> bool {
        // One-letter parts are only the article "a": a lone "e" or "s" is an initial or a typo.
        (part.len() > 1 || part == "a") && self.count(part) >= self.min_count.max(1)
    }

    /// The score of a split into frequent parts, `None` when a part is not frequent enough or no
    /// part is in `part_in_list`.
    fn score(&self, parts: &[&str]) -> Option<f64> {
        // An article never ends a glued token ("odesa" is not "odes a").
        if !parts.iter().all(|p| self.frequent(p)) || parts.last().is_some_and(|p| p.chars().count() == 1) {
            return None;
        }
        let listed = |p: &&str| self.part_in.as_ref().is_none_or(|l| l.contains(p));
        if self.part_in.is_some() && !parts.iter().any(listed) {
            return None;
        }
        if parts.iter().any(|p| p.chars().count() < self.min_part_length && !(self.part_in.is_some() && listed(p))) {
            return None;
        }
        if let Some(pre) = &self.prefixes
            && pre.contains(parts[0])
            && !parts[1..].iter().any(listed)
        {
            return None;
        }
        Some(parts.iter().map(|p| (self.count(p) as f64).ln()).sum())
    }

    /// The most probable split of `w` into the fewest frequent parts, if any.
    fn best_split<'w>(&self, w: &'w str) -> Option<Vec<&'w str>> {
        let cuts: Vec<usize> = w.char_indices().map(|(i, _)| i).skip(1).collect();
        let best = |candidates: Vec<Vec<&'w str>>| {
            candidates
                .into_iter()
                .filter_map(|p| self.score(&p).map(|s| (s, p)))
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, p)| p)
        };
        let two = best(cuts.iter().map(|&i| vec![&w[..i], &w[i..]]).collect());
        if two.is_some() || self.max_parts < 3 {
            return two;
        }
        let mut three = Vec::new();
        for (a, &i) in cuts.iter().enumerate() {
            for &j in &cuts[a + 1..] {
                three.push(vec![&w[..i], &w[i..j], &w[j..]]);
            }
        }
        best(three)
    }

    /// A capitalised token made of a listed head and a glue word: "Fridaythat" → "Friday that".
    fn title_glued<'w>(&self, w: &'w str) -> Option<(&'w str, &'w str)> {
        let (heads, glue) = (self.title_heads.as_ref()?, self.part_in.as_ref()?);
        let mut cs = w.chars();
        if !cs.next().is_some_and(char::is_uppercase) || !cs.all(char::is_lowercase) {
            return None;
        }
        // The cheap test first: a listed head and a glue word; only then is the token looked up.
        let split = w.char_indices().skip(3).map(|(i, _)| (&w[..i], &w[i..])).find(|(h, t)| t.len() > 1 && glue.contains(t) && heads.contains(h))?;
        (!self.known(w)).then_some(split)
    }

    fn glued(&self, doc: &Document, out: &mut Vec<Hit>) {
        for word in &doc.words {
            let w = word.span.text(doc.text);
            if let Some((head, tail)) = self.title_glued(w)
                && free_standing(doc.text, word.span)
            {
                out.push(Hit::new(self.index, word.span).var("parts", format!("{head} {tail}")).var("joined", w));
                continue;
            }
            if w.chars().count() < self.min_length || w.chars().count() > 40 || !w.chars().all(char::is_lowercase) {
                continue;
            }
            if self.known(w) || self.unless.as_ref().is_some_and(|u| u.contains(w)) || !free_standing(doc.text, word.span) {
                continue;
            }
            if let Some(parts) = self.best_split(w) {
                out.push(Hit::new(self.index, word.span).var("parts", parts.join(" ")).var("joined", w));
            }
        }
    }

    fn split(&self, doc: &Document, out: &mut Vec<Hit>) {
        let mut joined = String::new();
        for s in &doc.sentences {
            let words = &doc.words[s.words.clone()];
            for pair in words.windows(2) {
                let (a, b) = (pair[0].span, pair[1].span);
                if doc.text[a.end..b.start] != *" " {
                    continue;
                }
                let (wa, wb) = (a.text(doc.text), b.text(doc.text));
                let letters = |w: &str| w.chars().all(char::is_alphabetic);
                let a_ok = wa.chars().skip(1).all(char::is_lowercase);
                if !letters(wa) || !letters(wb) || !a_ok || !wb.chars().all(char::is_lowercase) {
                    continue;
                }
                // The joined word first: one lookup rules out nearly every pair.
                joined.clear();
                joined.extend(wa.chars().flat_map(char::to_lowercase));
                joined.push_str(wb);
                if joined.chars().count() < self.min_length || self.count(&joined) < self.min_count.max(1) {
                    continue;
                }
                // Two words are two words; a known word and a long unknown one are usually a
                // rare spelling ("post mortem"), a known word and a short fragment a torn word
                // ("govern ment").
                match (self.known(wa), self.known(wb)) {
                    (true, true) => continue,
                    (true, false) if wb.chars().count() > 4 => continue,
                    (false, true) if wa.chars().count() > 4 => continue,
                    _ => {}
                }
                if self.unless.as_ref().is_some_and(|u| u.contains(&joined)) {
                    continue;
                }
                if !free_standing(doc.text, Span::new(a.start, b.end)) {
                    continue;
                }
                let shown = format!("{wa}{wb}");
                out.push(Hit::new(self.index, Span::new(a.start, b.end)).var("joined", shown).var("parts", format!("{wa} {wb}")));
            }
        }
    }

    fn camel(&self, doc: &Document, out: &mut Vec<Hit>) {
        for word in &doc.words {
            let w = word.span.text(doc.text);
            // Exactly one capital, after a run of lowercase letters: "reportedMonday".
            let mut chars = w.char_indices();
            if !chars.next().is_some_and(|(_, c)| c.is_lowercase()) {
                continue;
            }
            let Some(cut) = w.char_indices().find(|&(_, c)| !c.is_lowercase()).map(|(i, _)| i) else { continue };
            let (left, right) = (&w[..cut], &w[cut..]);
            let mut rc = right.chars();
            if !rc.next().is_some_and(char::is_uppercase) || !rc.all(char::is_lowercase) {
                continue;
            }
            if left.chars().count() < self.min_length || right.chars().count() < self.min_length {
                continue;
            }
            if self.unless.as_ref().is_some_and(|u| u.contains(w) || u.contains(right)) || !free_standing(doc.text, word.span) {
                continue;
            }
            let right_ok = self.vocabulary.table.count_any_case(right).is_some_and(|c| c >= self.min_count)
                || self.vocabulary.lists.as_ref().is_some_and(|k| k.contains(right));
            if !self.frequent(left) || !right_ok {
                continue;
            }
            out.push(Hit::new(self.index, word.span).var("parts", format!("{left} {right}")).var("joined", w));
        }
    }
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        match self.check {
            Check::Glued => self.glued(doc, out),
            Check::Split => self.split(doc, out),
            Check::Camel => self.camel(doc, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule};

    fn seg(params: &str) -> String {
        rule(&format!("[kind.segmentation]\ntable = \"word-frequencies\"\n{params}"), "{parts}")
    }

    #[test]
    fn glued_words_split_into_frequent_words() {
        let r = seg("check = \"glued\"\nmin_length = 4\nmin_count = 1000\npart_in_list = \"function-words\"");
        assert_eq!(flagged(&r, &[], "He walked intothe room and spoke tothe press."), vec!["intothe", "tothe"]);
        // Known words, addresses and compounds are left alone.
        assert!(flagged(&r, &[], "The counteroffensive began; see intothe.com and anti-intothe.").is_empty());
    }

    #[test]
    fn split_words_join_into_a_frequent_word() {
        let r = seg("check = \"split\"\nmin_length = 4\nmin_count = 10000");
        assert_eq!(flagged(&r, &[], "The gover nment said wh ich way."), vec!["gover nment", "wh ich"]);
        assert!(flagged(&r, &[], "Any one of them may come in to the room.").is_empty());
    }

    #[test]
    fn camel_glued_words() {
        let r = seg("check = \"camel\"\nmin_length = 2\nmin_count = 1000\nunless_in_list = \"camel-case-names\"");
        assert_eq!(flagged(&r, &[], "Officials reportedMonday that iPhone sales fell."), vec!["reportedMonday"]);
        assert!(flagged(&r, &[], "Book on easyJet, follow @joeBiden or #stayHome.").is_empty());
    }
}
