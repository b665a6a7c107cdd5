//! Frequency tables (`rules/lists/NAME.tsv`: `word<TAB>count` per line, `#` comments) and their
//! compiled form, an `fst` map. Shared by the build script, which compiles the built-in tables into
//! the binary, and by the loader, which compiles a user's tables at start-up.

/// A malformed line: its byte range and what is wrong.
pub type LineError = (std::ops::Range<usize>, String);

/// Parse a table: entries lowercased, sorted and deduplicated (the larger count wins).
pub fn parse(text: &str) -> Result<Vec<(String, u64)>, LineError> {
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let bad = || (start..start + l.len(), "expected `word<TAB>count`, the count a whole number".to_string());
        let (word, count) = l.rsplit_once(['\t', ' ']).ok_or_else(bad)?;
        let count: u64 = count.trim().parse().map_err(|_| bad())?;
        let word = word.trim().to_lowercase();
        if word.is_empty() {
            return Err(bad());
        }
        out.push((word, count));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    out.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// The bytes of an `fst` map of sorted, unique entries.
pub fn build_map(entries: &[(String, u64)]) -> Vec<u8> {
    let mut b = fst::MapBuilder::memory();
    for (w, c) in entries {
        b.insert(w, *c).expect("entries are sorted and unique");
    }
    b.into_inner().expect("an in-memory fst cannot fail to write")
}
