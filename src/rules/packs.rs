//! Rule packs: folders of rule files, read from disk or from the copy embedded in the binary.
//!
//! A rules root holds one folder per pack (`names/`, `quotes/`, …) and an optional `lists/` folder
//! of word lists (`*.txt`) and gazetteers (`*.toml`). A folder that holds rule files itself is one pack.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use super::error::FileError;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// One file's path (for messages) and text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A frequency table (`lists/NAME.tsv`): compiled into the binary for the built-in packs, or read
/// from a user's folder.
#[derive(Debug, Clone)]
pub enum TableSource {
    /// An `fst` map compiled by the build script.
    Compiled(&'static [u8]),
    Text(Source),
}

/// The built-in tables, compiled by `build.rs`: (name, fst bytes).
static BUILTIN_TABLES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_tables.rs"));

/// Packs and lists from one place.
#[derive(Debug, Clone, Default)]
pub struct RuleRoot {
    pub packs: BTreeMap<String, Vec<Source>>,
    /// List name (file stem) → source.
    pub lists: BTreeMap<String, Source>,
    /// Frequency table name (file stem) → source.
    pub tables: BTreeMap<String, TableSource>,
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

impl RuleRoot {
    /// The default packs compiled into the binary.
    pub fn builtin() -> RuleRoot {
        let mut root = RuleRoot::default();
        for dir in BUILTIN.dirs() {
            let name = stem(dir.path());
            for file in dir.files() {
                let Some(text) = file.contents_utf8() else { continue };
                let source = Source { path: format!("<builtin>/rules/{}", file.path().display()), text: text.to_string() };
                let ext = file.path().extension().and_then(|e| e.to_str()).unwrap_or("");
                if name == "lists" {
                    if ext == "txt" || ext == "toml" {
                        root.lists.insert(stem(file.path()), source);
                    }
                } else if ext == "toml" {
                    root.packs.entry(name.clone()).or_default().push(source);
                }
            }
        }
        for files in root.packs.values_mut() {
            files.sort_by(|a, b| a.path.cmp(&b.path));
        }
        for &(name, bytes) in BUILTIN_TABLES {
            root.tables.insert(name.to_string(), TableSource::Compiled(bytes));
        }
        root
    }

    /// The built-in lists and tables without any pack: what a user's packs are checked against.
    pub fn builtin_lists() -> RuleRoot {
        let b = RuleRoot::builtin();
        RuleRoot { packs: Default::default(), lists: b.lists, tables: b.tables }
    }

    /// A rules root, or a single pack folder, on disk.
    pub fn from_dir(dir: &Path) -> Result<RuleRoot, FileError> {
        let io = |e: std::io::Error, p: &Path| FileError::new(&p.display().to_string(), "", None, format!("cannot read: {e}"));
        let mut root = RuleRoot::default();
        let toml_files = |d: &Path| -> Result<Vec<std::path::PathBuf>, FileError> {
            let mut v: Vec<_> = std::fs::read_dir(d)
                .map_err(|e| io(e, d))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect();
            v.sort();
            Ok(v)
        };
        let read = |p: &Path| -> Result<Source, FileError> {
            let text = std::fs::read_to_string(p).map_err(|e| io(e, p))?;
            Ok(Source { path: p.display().to_string(), text })
        };
        let own = toml_files(dir)?;
        if !own.is_empty() {
            let name = dir.canonicalize().map(|d| stem(&d)).unwrap_or_else(|_| stem(dir));
            root.packs.insert(name, own.iter().map(|p| read(p)).collect::<Result<_, _>>()?);
        } else {
            let mut subdirs: Vec<_> =
                std::fs::read_dir(dir).map_err(|e| io(e, dir))?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
            subdirs.sort();
            for sub in subdirs {
                if stem(&sub) == "lists" {
                    continue;
                }
                let files = toml_files(&sub)?;
                if !files.is_empty() {
                    root.packs.insert(stem(&sub), files.iter().map(|p| read(p)).collect::<Result<_, _>>()?);
                }
            }
        }
        let lists = dir.join("lists");
        if lists.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&lists)
                .map_err(|e| io(e, &lists))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "toml" || e == "tsv"))
                .collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|e| e == "tsv") {
                    root.tables.insert(stem(&f), TableSource::Text(read(&f)?));
                } else {
                    root.lists.insert(stem(&f), read(&f)?);
                }
            }
        }
        if root.packs.is_empty() && root.lists.is_empty() && root.tables.is_empty() {
            return Err(FileError::new(&dir.display().to_string(), "", None, "no rule files (*.toml) or lists found here"));
        }
        Ok(root)
    }

    /// Later roots add packs and lists; a pack or list with a name already loaded replaces it.
    pub fn merge(roots: &[RuleRoot]) -> RuleRoot {
        let mut out = RuleRoot::default();
        for r in roots {
            out.packs.extend(r.packs.clone());
            out.lists.extend(r.lists.clone());
            out.tables.extend(r.tables.clone());
        }
        out
    }
}
