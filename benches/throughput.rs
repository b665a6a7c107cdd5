//! Throughput of the default packs on the bundled fixtures, in bytes per second.
//! Run with `cargo bench`.

use std::path::Path;

use divan::counter::BytesCount;
use mtlint::RuleSet;

fn main() {
    divan::main();
}

fn fixtures() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut out);
    out
}

/// The rules, the fixture texts and their total size.
fn setup() -> (RuleSet, Vec<String>, usize) {
    let docs = fixtures();
    let bytes = docs.iter().map(String::len).sum();
    (RuleSet::builtin().unwrap(), docs, bytes)
}

/// Linting every fixture once, one document after another, on one core.
#[divan::bench(sample_count = 20)]
fn lint_fixtures(bencher: divan::Bencher) {
    let (rules, docs, bytes) = setup();
    bencher.counter(BytesCount::new(bytes)).bench(|| docs.iter().map(|d| rules.lint(divan::black_box(d)).len()).sum::<usize>());
}

/// The same work spread over every core, as `mtlint check` does.
#[divan::bench(sample_count = 20)]
fn lint_fixtures_parallel(bencher: divan::Bencher) {
    use rayon::prelude::*;
    let (rules, docs, bytes) = setup();
    bencher.counter(BytesCount::new(bytes)).bench(|| docs.par_iter().map(|d| rules.lint(divan::black_box(d)).len()).sum::<usize>());
}

/// Loading and compiling the default packs (paid once per run).
#[divan::bench(sample_count = 10)]
fn load_rules() -> RuleSet {
    RuleSet::builtin().unwrap()
}

/// Adversarial shape: all fixtures joined into one 600 KB line, with a furniture word between
/// them. Guards against work that grows with the square of a line's length.
#[divan::bench(sample_count = 10)]
fn lint_one_long_line(bencher: divan::Bencher) {
    let rules = RuleSet::builtin().unwrap();
    let line = fixtures().join(" Share ").replace(['\n', '\r'], " ");
    bencher.counter(BytesCount::new(line.len())).bench(|| rules.lint(divan::black_box(&line)).len());
}
