//! The pre-commit hook manifest (`.pre-commit-hooks.yaml`) agrees with the binary: its entry is a
//! command line mtlint accepts, and its `files` pattern picks exactly the files mtlint reads.

use std::path::Path;
use std::process::Command;

use mtlint::input::Format;
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hook() -> Yaml {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let docs = YamlLoader::load_from_str(&text).expect("the manifest is YAML");
    let hooks = docs[0].as_vec().expect("a list of hooks");
    assert_eq!(hooks.len(), 1);
    hooks[0].clone()
}

#[test]
fn the_hook_is_named_and_built_with_cargo() {
    let hook = hook();
    assert_eq!(hook["id"].as_str(), Some("mtlint"));
    assert_eq!(hook["name"].as_str(), Some("mtlint"));
    assert!(hook["description"].as_str().is_some());
    // `language: rust` makes pre-commit run `cargo install` on this repository: the binary must be
    // the package's, under the name the entry calls.
    assert_eq!(hook["language"].as_str(), Some("rust"));
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[[bin]]\nname = \"mtlint\""));
    let types: Vec<&str> = hook["types"].as_vec().unwrap().iter().filter_map(Yaml::as_str).collect();
    assert_eq!(types, ["text"]);
}

#[test]
fn the_entry_is_a_command_line_mtlint_accepts() {
    let hook = hook();
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[..2], ["mtlint", "check"]);
    // pre-commit appends the staged file names to the entry.
    let run = |file: &str| {
        Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(&entry[1..])
            .arg("--no-config")
            .arg(root().join(file))
            .output()
            .unwrap()
    };
    let clean = run("fixtures/clean/news/ap-beijing-talks.txt");
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stderr));
    let dirty = run("fixtures/dirty/kyiv-aid.txt");
    assert_eq!(dirty.status.code(), Some(1));
    let out = String::from_utf8(dirty.stdout).unwrap();
    assert!(out.lines().next().unwrap().contains("kyiv-aid.txt:"), "brief format: path:line:column: {out}");
}

#[test]
fn the_files_pattern_matches_the_formats_mtlint_reads() {
    let hook = hook();
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).expect("pre-commit's files is a regex");
    let names = [
        "a.txt", "a.text", "a.md", "a.markdown", "a.html", "a.htm", "a.xhtml", "a.jsonl", "a.ndjson", "a.rss", "a.atom",
        "dir/NEWS.MD", "a.xml", "a.rs", "a.json", "a.pdf", "Cargo.toml", "README",
    ];
    for name in names {
        let reads = Format::from_path(Path::new(name)).is_some();
        // .xml is read on request (a feed) but left out of the hook: most .xml files are not feeds.
        let wanted = reads && !name.ends_with(".xml");
        assert_eq!(files.is_match(name), wanted, "{name}");
    }
}
