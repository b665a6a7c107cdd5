//! Whole-corpus tests: every annotated defect in the seed articles is found, nothing else is
//! reported at warning or error there, and the clean corpus stays quiet.

use std::path::{Path, PathBuf};

use mtlint::{RuleSet, Severity};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Artifact {
    file: String,
    text: String,
    start: usize,
    end: usize,
    line: usize,
    category: String,
    level: String,
}

fn rules() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("fixture folder exists") {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(text_files(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn seed_artifacts_are_found_and_nothing_else_is_reported() {
    let set = rules();
    let dir = root().join("fixtures/seeds");
    let artifacts: Vec<Artifact> = std::fs::read_to_string(dir.join("artifacts.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("artifact line parses"))
        .collect();
    let mut problems = Vec::new();
    let mut caught = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for path in text_files(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let diags = set.lint(&text);
        let mine: Vec<&Artifact> = artifacts.iter().filter(|a| a.file == name).collect();
        for a in &mine {
            assert_eq!(&text.as_bytes()[a.start..a.end], a.text.as_bytes(), "artifact span of {a:?}");
            let need = if a.level == "required" { Severity::Warning } else { Severity::Info };
            let hit = diags.iter().any(|d| d.span.start < a.end && a.start < d.span.end.max(d.span.start + 1) && d.severity >= need);
            let entry = caught.entry(a.level.as_str()).or_default();
            entry.1 += 1;
            if hit {
                entry.0 += 1;
            } else if a.level != "stretch" {
                problems.push(format!("missed {} {}:{} {:?} ({})", a.level, name, a.line, a.text, a.category));
            }
        }
        for d in diags.iter().filter(|d| d.severity >= Severity::Warning) {
            let annotated = mine.iter().any(|a| d.span.start < a.end && a.start < d.span.end.max(d.span.start + 1));
            if !annotated {
                problems.push(format!(
                    "unexpected {} {} at {}:{} {:?}: {}",
                    d.severity,
                    set.rules[d.rule].id,
                    name,
                    d.span.start,
                    d.span.text(&text),
                    d.message
                ));
            }
        }
    }
    eprintln!("seed figures (caught/total): {caught:?}");
    assert!(problems.is_empty(), "seed check failed:\n{}", problems.join("\n"));
}

#[test]
fn clean_corpus_has_no_warnings_and_few_infos() {
    let set = rules();
    let mut words = 0;
    let mut infos = Vec::new();
    let mut loud = Vec::new();
    for path in text_files(&root().join("fixtures/clean")) {
        let text = std::fs::read_to_string(&path).unwrap();
        words += text.split_whitespace().count();
        for d in set.lint(&text) {
            let line = format!("{} {} {:?}: {}", path.display(), set.rules[d.rule].id, d.span.text(&text), d.message);
            if d.severity >= Severity::Warning { loud.push(line) } else { infos.push(line) }
        }
    }
    assert!(words >= 50_000, "the clean corpus must hold at least 50,000 words, has {words}");
    assert!(loud.is_empty(), "warnings or errors on clean text:\n{}", loud.join("\n"));
    let per_2000 = infos.len() as f64 * 2000.0 / words as f64;
    eprintln!("clean corpus: {words} words, {} info findings ({:.3} per 1,000 words)", infos.len(), infos.len() as f64 * 1000.0 / words as f64);
    assert!(per_2000 < 1.0, "{} info findings in {words} words:\n{}", infos.len(), infos.join("\n"));
}

#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expected {
    file: String,
    rule: String,
    text: String,
}

/// Lint a fixture file the way `mtlint check` reads it (by its extension).
fn lint_file(set: &RuleSet, path: &Path) -> Vec<(String, String, Severity)> {
    use mtlint::input::{Format, units};
    use mtlint::lint::{Located, lint_unit};
    let text = std::fs::read_to_string(path).unwrap();
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let (units, problems) = units(format, &text, &mtlint::input::Options::default());
    assert!(problems.is_empty(), "{problems:?}");
    let located = Located::new(&text, 0, 1);
    units.iter().flat_map(|u| lint_unit(set, u, &located, Severity::Info)).map(|f| (set.rules[f.rule].id.clone(), f.text, f.severity)).collect()
}

#[test]
fn dirty_corpus_findings_are_exactly_the_expected_ones() {
    let set = rules();
    let dir = root().join("fixtures/dirty");
    let mut expected: Vec<Expected> = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| mtlint::input::Format::from_path(p).is_some()) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for (rule, text, severity) in lint_file(&set, path) {
            if severity >= Severity::Warning {
                found.push(Expected { file: name.clone(), rule, text });
            }
        }
    }
    expected.sort();
    found.sort();
    let missing: Vec<&Expected> = expected.iter().filter(|e| !found.contains(e)).collect();
    let extra: Vec<&Expected> = found.iter().filter(|f| !expected.contains(f)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nunexpected: {extra:#?}");
    assert!(expected.len() >= 30);
}
