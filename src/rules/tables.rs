//! Frequency tables at run time: an `fst` map from lowercase word to count, read in place from the
//! bytes compiled into the binary, or compiled at load time from a user's `.tsv` file.

use std::borrow::Cow;

use super::error::FileError;
use super::packs::TableSource;
use super::tsv;

#[derive(Clone)]
pub struct FreqTable {
    map: fst::Map<Cow<'static, [u8]>>,
}

impl std::fmt::Debug for FreqTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FreqTable({} entries)", self.map.len())
    }
}

impl FreqTable {
    pub fn load(source: &TableSource) -> Result<FreqTable, FileError> {
        let bytes: Cow<'static, [u8]> = match source {
            TableSource::Compiled(b) => Cow::Borrowed(*b),
            TableSource::Text(src) => {
                let entries =
                    tsv::parse(&src.text).map_err(|(span, m)| FileError::new(&src.path, &src.text, Some(span), m))?;
                Cow::Owned(tsv::build_map(&entries))
            }
        };
        let map = fst::Map::new(bytes).map_err(|e| FileError::new("<builtin>", "", None, format!("corrupt table: {e}")))?;
        Ok(FreqTable { map })
    }

    /// The count of a word given in lowercase; `None` when the table does not have it.
    pub fn count(&self, lower: &str) -> Option<u64> {
        self.map.get(lower)
    }

    /// The count of a word given as lowercase bytes.
    pub fn count_bytes(&self, lower: &[u8]) -> Option<u64> {
        self.map.get(lower)
    }

    /// The count of a word in any case.
    pub fn count_any_case(&self, word: &str) -> Option<u64> {
        if word.chars().any(char::is_uppercase) { self.count(&word.to_lowercase()) } else { self.count(word) }
    }

    /// Every entry within `distance` edits (Levenshtein) of a lowercase word, with its count.
    pub fn within(&self, lower: &str, distance: u32) -> Vec<(String, u64)> {
        use fst::{IntoStreamer, Streamer};
        let Ok(aut) = fst::automaton::Levenshtein::new(lower, distance) else { return Vec::new() };
        let mut stream = self.map.search(aut).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            out.push((String::from_utf8_lossy(k).into_owned(), v));
        }
        out
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::packs::Source;

    #[test]
    fn tables_parse_lowercase_and_report_bad_lines() {
        let src = Source { path: "t.tsv".into(), text: "# c\nThe\t10\nof 5\n".into() };
        let t = FreqTable::load(&TableSource::Text(src)).unwrap();
        assert_eq!(t.count("the"), Some(10));
        assert_eq!(t.count_any_case("Of"), Some(5));
        assert_eq!(t.count("and"), None);
        let bad = Source { path: "t.tsv".into(), text: "the\t10\nof five\n".into() };
        let e = FreqTable::load(&TableSource::Text(bad)).unwrap_err();
        assert_eq!(e.line_col(), Some((2, 1)));
    }

    #[test]
    fn the_builtin_table_is_read_in_place() {
        let root = crate::rules::packs::RuleRoot::builtin();
        let t = FreqTable::load(&root.tables["word-frequencies"]).unwrap();
        assert!(t.len() > 80_000);
        assert!(t.count("government").unwrap() > t.count("gubernatorial").unwrap());
        assert_eq!(t.count("gover"), None);
        let near: Vec<String> = t.within("presindent", 1).into_iter().map(|(w, _)| w).collect();
        assert_eq!(near, vec!["president"]);
    }
}
