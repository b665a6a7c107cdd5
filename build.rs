//! Rebuild when any rule file changes: the default packs are embedded with `include_dir!`, which
//! cargo would not otherwise know to watch. Frequency tables (`rules/lists/*.tsv`) are compiled here
//! into `fst` maps and embedded as bytes, so the binary reads them at start-up without parsing.
//! Also sets `MTLINT_VERSION` for `--version`: the package version, with the git commit when the
//! crate is built from the top of a git checkout (never from a packaged crate, nor when git fails).

#[path = "src/rules/tsv.rs"]
mod tsv;
#[path = "build/git.rs"]
mod git;

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/rules/tsv.rs");
    println!("cargo:rerun-if-changed=build/git.rs");
    git::emit_version();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut tables: Vec<PathBuf> = std::fs::read_dir("rules/lists")
        .expect("rules/lists exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    tables.sort();
    let mut index = String::from("&[\n");
    for path in tables {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("a readable table");
        let entries = tsv::parse(&text).unwrap_or_else(|(r, m)| panic!("{}: byte {}: {m}", path.display(), r.start));
        let fst_path = out.join(format!("{name}.fst"));
        std::fs::write(&fst_path, tsv::build_map(&entries)).expect("OUT_DIR is writable");
        writeln!(index, "    ({name:?}, include_bytes!({:?}) as &[u8]),", fst_path.display().to_string()).unwrap();
    }
    index.push(']');
    std::fs::write(out.join("builtin_tables.rs"), index).expect("OUT_DIR is writable");
}
