//! Shared word lists (`rules/lists/*.txt`) and gazetteers (`rules/lists/*.toml`), referred to by name.

use std::collections::{HashMap, HashSet};

use super::error::FileError;
use crate::kinds::names::Gazetteer;

/// A list of words or phrases, one per line, `#` starts a comment.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    pub entries: Vec<String>,
    lower: HashSet<String>,
}

impl WordList {
    pub fn parse(text: &str) -> Self {
        let entries: Vec<String> = text
            .lines()
            .map(|l| l.split(" #").next().unwrap_or("").trim())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let lower = entries.iter().map(|e| e.to_lowercase()).collect();
        WordList { entries, lower }
    }

    /// Case-insensitive membership; a possessive ("hour's") counts as its word.
    pub fn contains(&self, word: &str) -> bool {
        let found = |w: &str| {
            if w.chars().all(|c| !c.is_uppercase()) { self.lower.contains(w) } else { self.lower.contains(&w.to_lowercase()) }
        };
        found(word) || word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).is_some_and(found)
    }

    /// A regex alternation of every entry, longest first.
    pub fn alternation(&self) -> String {
        let mut e: Vec<&String> = self.entries.iter().collect();
        e.sort_by_key(|s| std::cmp::Reverse(s.len()));
        e.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|")
    }
}

/// All named lists and gazetteers of a rule set.
#[derive(Debug, Default)]
pub struct Lists {
    pub words: HashMap<String, std::sync::Arc<WordList>>,
    pub gazetteers: HashMap<String, Gazetteer>,
    pub tables: HashMap<String, std::sync::Arc<super::tables::FreqTable>>,
}

impl Lists {
    pub fn add_file(&mut self, name: &str, path: &str, text: &str) -> Result<(), FileError> {
        if path.ends_with(".toml") {
            let g = Gazetteer::parse(path, text)?;
            // Every word of every accepted spelling, as a word list `NAME.words`, so that word
            // rules can tell a name ("Xi") from the common word it also is ("xi").
            let words: std::collections::BTreeSet<&str> = g
                .entities
                .iter()
                .flat_map(|e| std::iter::once(&e.name).chain(&e.also).chain(e.confusable.keys()))
                .flat_map(|n| n.split_whitespace())
                .collect();
            let list = WordList::parse(&words.into_iter().collect::<Vec<_>>().join("\n"));
            self.words.insert(format!("{name}.words"), std::sync::Arc::new(list));
            self.gazetteers.insert(name.to_string(), g);
        } else {
            self.words.insert(name.to_string(), std::sync::Arc::new(WordList::parse(text)));
        }
        Ok(())
    }

    pub fn add_table(&mut self, name: &str, source: &super::packs::TableSource) -> Result<(), FileError> {
        let t = super::tables::FreqTable::load(source)?;
        self.tables.insert(name.to_string(), std::sync::Arc::new(t));
        Ok(())
    }

    pub fn table(&self, name: &str) -> Result<&std::sync::Arc<super::tables::FreqTable>, String> {
        self.tables.get(name).ok_or_else(|| {
            let mut known: Vec<&String> = self.tables.keys().collect();
            known.sort();
            format!("no frequency table named `{name}` (known: {})", known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
        })
    }

    pub fn word_list(&self, name: &str) -> Result<&std::sync::Arc<WordList>, String> {
        self.words.get(name).ok_or_else(|| {
            let mut known: Vec<&String> = self.words.keys().collect();
            known.sort();
            format!("no word list named `{name}` (known: {})", known.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
        })
    }

    /// Replace every `{{list:NAME}}` in a regex source with the list's alternation.
    pub fn expand(&self, source: &str) -> Result<String, String> {
        let mut out = String::with_capacity(source.len());
        let mut rest = source;
        while let Some(i) = rest.find("{{list:") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 7..];
            let Some(j) = after.find("}}") else { return Err("unterminated `{{list:` in regex".into()) };
            let list = self.word_list(after[..j].trim())?;
            out.push_str("(?:");
            out.push_str(&list.alternation());
            out.push(')');
            rest = &after[j + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_ignore_comments_and_match_case_insensitively() {
        let l = WordList::parse("# agencies\nAP\nReuters # wire\n\n");
        assert_eq!(l.entries, vec!["AP", "Reuters"]);
        assert!(l.contains("reuters") && l.contains("AP") && !l.contains("AFP"));
        assert!(l.contains("Reuters's") && l.contains("AP’s"));
    }

    #[test]
    fn expand_inserts_escaped_alternations() {
        let mut lists = Lists::default();
        lists.add_file("abbr", "abbr.txt", "U.S.\nU.S.A.\n").unwrap();
        assert_eq!(lists.expand(r"\b{{list:abbr}}$").unwrap(), r"\b(?:U\.S\.A\.|U\.S\.)$");
        assert!(lists.expand("{{list:nope}}").unwrap_err().contains("no word list named `nope`"));
    }
}
