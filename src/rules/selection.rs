//! Checking the names a configuration selects, ignores and re-grades (`select`, `ignore`,
//! `[severity]`, `--select`, `--ignore`): each must name a pack, a rule id or a rule name, or the
//! run stops with the nearest known name as a suggestion.

use crate::config::Config;
use crate::rules::error::FileError;

/// Every name a rule set knows: packs, and rule ids and names.
#[derive(Debug, Default)]
pub struct Known {
    pub packs: Vec<String>,
    /// Rule ids and rule names.
    pub rules: Vec<String>,
}

/// The known name nearest to `name` (case ignored, a swap of two neighbours is one edit), if it is
/// near enough to be what was meant.
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    let wanted = name.to_lowercase();
    let (best, distance) = candidates.map(|n| (n, edit_distance(&wanted, &n.to_lowercase()))).min_by_key(|(_, d)| *d)?;
    (distance <= (wanted.chars().count() / 3).max(2)).then_some(best.as_str())
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Where `name` is written in the config file's text, if it is (quoted, or as a bare key).
fn locate(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let is_name_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(name).map(|(i, _)| i..i + name.len()).find(|r| {
        let before = text[..r.start].chars().next_back();
        let after = text[r.end..].chars().next();
        !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
    })
}

/// One error per unknown name. A name written in the config file is shown there; one that is not
/// came from the command line (`--select`, `--ignore`). `[severity]` takes rule ids and names only.
pub fn check(config: &Config, known: &Known) -> Vec<FileError> {
    let file = config.path.as_ref().map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap_or_default()));
    let lists: [(&str, &str, Vec<&String>, bool); 3] = [
        ("select", "--select", config.select.iter().collect(), true),
        ("ignore", "--ignore", config.ignore.iter().collect(), true),
        ("[severity]", "[severity]", config.severity.keys().collect(), false),
    ];
    let mut errors = Vec::new();
    for (key, flag, names, packs_too) in lists {
        let what = if packs_too { "pack, rule id or rule name" } else { "rule id or rule name" };
        let candidates = || known.packs.iter().filter(move |_| packs_too).chain(&known.rules);
        for name in names.into_iter().filter(|n| !candidates().any(|k| k == *n)) {
            let hint = match nearest(name, candidates()) {
                _ if !packs_too && known.packs.contains(name) => "a pack: severities are given to rules".to_string(),
                Some(n) => format!("did you mean `{n}`?"),
                None => "`mtlint rules` lists the packs and rules".to_string(),
            };
            let in_file = file.as_ref().and_then(|(path, text)| locate(text, name).map(|span| (path, text, span)));
            errors.push(match in_file {
                Some((path, text, span)) => FileError::new(path, text, Some(span), format!("`{key}`: no {what} `{name}`; {hint}")),
                None => FileError::new(if packs_too { "command line" } else { "configuration" }, "", None, format!("{flag}: no {what} `{name}`; {hint}")),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            packs: ["names", "sentences"].map(String::from).to_vec(),
            rules: ["NM001", "SE001", "misspelt-name", "glued-sentences"].map(String::from).to_vec(),
        }
    }

    #[test]
    fn the_nearest_name_is_suggested_when_it_is_near() {
        let k = known();
        let all = || k.packs.iter().chain(&k.rules);
        assert_eq!(nearest("nmaes", all()), Some("names"));
        assert_eq!(nearest("se001", all()), Some("SE001"));
        assert_eq!(nearest("mispelt-name", all()), Some("misspelt-name"));
        assert_eq!(nearest("grammar", all()), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn unknown_names_are_errors_with_a_suggestion() {
        let mut c = Config { select: vec!["nmaes".into(), "names".into()], ignore: vec!["SE01".into()], ..Config::default() };
        c.severity.insert("glued-sentence".into(), crate::Severity::Info);
        c.severity.insert("names".into(), crate::Severity::Info);
        let shown: Vec<String> = check(&c, &known()).iter().map(FileError::brief).collect();
        assert_eq!(
            shown,
            [
                "command line: --select: no pack, rule id or rule name `nmaes`; did you mean `names`?",
                "command line: --ignore: no pack, rule id or rule name `SE01`; did you mean `SE001`?",
                "configuration: [severity]: no rule id or rule name `glued-sentence`; did you mean `glued-sentences`?",
                "configuration: [severity]: no rule id or rule name `names`; a pack: severities are given to rules",
            ]
        );
    }

    #[test]
    fn names_written_in_the_config_file_are_shown_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mtlint.toml");
        std::fs::write(&path, "select = [\"names\", \"sentences\"]\nignore = [\"nmaes\"]\n[severity]\nmispelt-name = \"info\"\n").unwrap();
        let c = Config::load(&path).unwrap();
        let shown: Vec<String> = check(&c, &known()).iter().map(|e| e.brief().replace(&path.display().to_string(), "mtlint.toml")).collect();
        assert_eq!(
            shown,
            [
                "mtlint.toml:2:12: `ignore`: no pack, rule id or rule name `nmaes`; did you mean `names`?",
                "mtlint.toml:4:1: `[severity]`: no rule id or rule name `mispelt-name`; did you mean `misspelt-name`?",
            ]
        );
    }
}
