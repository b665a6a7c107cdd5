//! Which files a run lints: paths as given, directories walked with the `ignore` crate (symbolic
//! links followed), each file once however often it is named, and the reason a path or a part of a
//! walk cannot be linted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Format, Input};

/// What to walk and how.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Glob patterns of paths to leave out (`--exclude`).
    pub exclude: Vec<String>,
}

/// An input found, or a path that cannot be linted (path, reason).
pub type Expanded = Result<Input, (String, String)>;

/// Expand paths: files as given, directories walked (honouring .gitignore, skipping hidden files,
/// following symbolic links, keeping files of a known format), `-` as standard input. The walk is
/// sorted; a file named twice (or reached twice) is linted once, where it first appears. A path
/// that names nothing, a directory that cannot be read, a broken link and a link loop are reported.
pub fn expand(paths: &[PathBuf], walk: &Walk) -> Result<Vec<Expanded>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut keep = |out: &mut Vec<Expanded>, item: Expanded| {
        let key = match &item {
            Ok(Input::Stdin) => PathBuf::from("-"),
            Ok(Input::File(f)) => std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()),
            Err(_) => {
                out.push(item);
                return;
            }
        };
        if seen.insert(key) {
            out.push(item);
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            keep(&mut out, Ok(Input::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                for item in walk_dir(p, walk)? {
                    keep(&mut out, item);
                }
            }
            Ok(_) => keep(&mut out, Ok(Input::File(p.clone()))),
            Err(e) => keep(&mut out, Err((p.display().to_string(), unreachable_reason(p, &e)))),
        }
    }
    Ok(out)
}

/// The files of a known format under `dir`, and the parts of it that cannot be read, sorted.
fn walk_dir(dir: &Path, walk: &Walk) -> Result<Vec<Expanded>, String> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for g in &walk.exclude {
        overrides.add(&format!("!{g}")).map_err(|e| format!("bad --exclude pattern {g:?}: {e}"))?;
    }
    let overrides = overrides.build().map_err(|e| format!("bad --exclude pattern: {e}"))?;
    let mut found: Vec<(PathBuf, Expanded)> = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).overrides(overrides).require_git(false).follow_links(true).build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && Format::from_path(e.path()).is_some() {
                    found.push((e.path().to_path_buf(), Ok(Input::File(e.into_path()))));
                }
            }
            Err(e) => {
                if let Some((path, reason)) = walk_error(&e) {
                    found.push((path.clone(), Err((path.display().to_string(), reason))));
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().map(|(_, item)| item).collect())
}

/// A walk error worth reporting: where and why. Broken links to files mtlint would not read
/// anyway (`logo.png`) are not.
fn walk_error(e: &ignore::Error) -> Option<(PathBuf, String)> {
    match e {
        ignore::Error::WithPath { path, err } => {
            let reason = match innermost(err) {
                ignore::Error::Io(io) => unreachable_reason(path, io),
                other => walk_error(other).map_or_else(|| other.to_string(), |(_, r)| r),
            };
            let is_dir = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
            (is_dir || Format::from_path(path).is_some() || is_link_loop(path)).then(|| (path.clone(), reason))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { ancestor, child } => Some((child.clone(), format!("symbolic link loop: leads back to {}", ancestor.display()))),
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error),
        _ => None,
    }
}

/// The error inside any depth or line-number wrapping.
fn innermost(e: &ignore::Error) -> &ignore::Error {
    match e {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        other => other,
    }
}

/// The system's own words for an I/O error, without the wrappers' ("IO error for operation on …").
fn root_message(e: &std::io::Error) -> String {
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Why `path` (which could not be opened, with error `e`) cannot be linted.
pub fn unreachable_reason(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && is_link_loop(path) {
        "symbolic link loop: the link leads back to itself".to_string()
    } else if is_link && e.kind() == std::io::ErrorKind::NotFound {
        let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        format!("broken symbolic link: its target {target} does not exist")
    } else if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or directory".to_string()
    } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        format!("cannot read directory: {}", root_message(e))
    } else {
        format!("cannot read: {}", root_message(e))
    }
}

/// Does following `path`'s symbolic links come back to a link already followed? (A chain longer
/// than the system would follow counts as a loop too.)
fn is_link_loop(path: &Path) -> bool {
    let mut seen = HashSet::new();
    let mut cur = path.to_path_buf();
    for _ in 0..64 {
        let Ok(target) = std::fs::read_link(&cur) else { return false };
        let next = cur.parent().unwrap_or(Path::new("")).join(target);
        let key = std::fs::canonicalize(cur.parent().unwrap_or(Path::new("."))).map(|d| d.join(cur.file_name().unwrap_or_default())).unwrap_or(cur);
        if !seen.insert(key) {
            return true;
        }
        cur = next;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_and_loops_and_broken_links_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("real.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("real.txt"), d.join("alias.txt")).unwrap();
        std::os::unix::fs::symlink("loop.txt", d.join("loop.txt")).unwrap();
        std::os::unix::fs::symlink("missing.txt", d.join("broken.txt")).unwrap();
        std::os::unix::fs::symlink("missing.png", d.join("broken.png")).unwrap();
        let got = expand(&[d.to_path_buf()], &Walk::default()).unwrap();
        let shown: Vec<String> = got
            .iter()
            .map(|e| match e {
                Ok(Input::File(f)) => f.file_name().unwrap().to_string_lossy().into_owned(),
                Ok(Input::Stdin) => "-".into(),
                Err((p, why)) => format!("{}: {why}", Path::new(p).file_name().unwrap().to_string_lossy()),
            })
            .collect();
        // alias.txt and real.txt are one file: linted once, under the name met first.
        assert_eq!(shown, ["alias.txt", "broken.txt: broken symbolic link: its target missing.txt does not exist", "loop.txt: symbolic link loop: the link leads back to itself"]);
    }

    #[test]
    fn a_file_named_twice_is_expanded_once() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("d.txt");
        std::fs::write(&f, "x").unwrap();
        let dotted = dir.path().join(".").join("d.txt");
        let got = expand(&[f.clone(), dotted, dir.path().to_path_buf(), "-".into(), "-".into()], &Walk::default()).unwrap();
        assert_eq!(got, vec![Ok(Input::File(f)), Ok(Input::Stdin)]);
    }
}
