//! Licences and provenance: the crate's licence files exist, every word list names its source and
//! licence in `rules/lists/SOURCES`, and NOTICE points at every third-party notice it relies on.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_crate_is_dual_licensed_with_both_texts() {
    let manifest = read("Cargo.toml");
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    assert!(read("LICENSE-MIT").contains("Copyright (c) the mtlint developers"));
    assert!(read("LICENSE-APACHE").contains("Apache License\n                           Version 2.0, January 2004"));
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "NOTICE", "licenses/**"] {
        assert!(manifest.contains(&format!("\"/{file}\"")), "{file} is not in the package's include list");
    }
}

/// Table rows of SOURCES: the first cell (file names) and the whole row.
fn rows(sources: &str) -> Vec<(Vec<String>, String)> {
    sources
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| file") && !l.starts_with("| ---"))
        .map(|l| {
            let first = l[2..].split(" | ").next().unwrap();
            (first.split(", ").map(str::to_owned).collect(), l.to_owned())
        })
        .collect()
}

#[test]
fn every_word_list_names_its_source_and_licence() {
    let sources = read("rules/lists/SOURCES");
    let rows = rows(&sources);
    let hand = sources.find("Written by hand").expect("a hand-written section");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lists");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "SOURCES" {
            continue;
        }
        let (_, row) = rows.iter().find(|(files, _)| files.contains(&name)).unwrap_or_else(|| panic!("{name} is not in SOURCES"));
        let generated = sources.find(row.as_str()).unwrap() < hand;
        if generated {
            // source | licence | generator, the licence text at hand in licenses/.
            let cells: Vec<&str> = row.trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 4, "{row}");
            assert!(cells[3].trim().starts_with("tools/gen_"), "{name}: no generator");
            assert!(cells[2].contains("licenses/"), "{name}: the licence names no file under licenses/");
        }
    }
    assert!(sources[hand..].contains("MIT OR Apache-2.0"), "the hand-written lists' licence is named");
}

#[test]
fn notice_names_every_bundled_data_set_and_licence_file() {
    let notice = read("NOTICE");
    for name in ["SCOWL", "CMUdict", "symspellpy", "Google Books", "State of the Union", "world-news.toml", "fixtures/seeds"] {
        assert!(notice.contains(name), "NOTICE does not mention {name}");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("licenses");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(notice.contains(&format!("licenses/{name}")), "NOTICE does not point at licenses/{name}");
        assert!(read("rules/lists/SOURCES").contains(&name), "SOURCES does not point at licenses/{name}");
    }
}
