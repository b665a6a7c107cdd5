//! The git commit for `mtlint --version`, read by the build script. Any failure (no git, no
//! repository, a packaged crate that happens to sit inside someone else's repository) leaves the
//! plain package version: a build never fails for want of git.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Print `cargo:rustc-env=MTLINT_VERSION=…` and the files whose change means a new commit.
pub fn emit_version() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let full = match commit(&dir) {
        Some(hash) => format!("{version} ({hash})"),
        None => version,
    };
    println!("cargo:rustc-env=MTLINT_VERSION={full}");
}

/// The short hash of HEAD, when `dir` is the top of its git work tree.
fn commit(dir: &Path) -> Option<String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    // HEAD, the branch it points to and packed-refs move with every commit or checkout. In a
    // worktree `.git` is a file; `--git-path` finds the real places. Only existing files are
    // named: cargo reruns a build script on every build for a missing one.
    for name in ["HEAD", "packed-refs"] {
        watch(dir, name);
    }
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch(dir, &branch);
    }
    let hash = git(dir, &["rev-parse", "--short", "HEAD"])?;
    hash.chars().all(|c| c.is_ascii_hexdigit()).then_some(hash)
}

fn watch(dir: &Path, name: &str) {
    if let Some(path) = git(dir, &["rev-parse", "--git-path", name]) {
        let path = dir.join(path);
        if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// One git command's trimmed output, or `None` if git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    // A git hook (pre-commit installing mtlint) may set these for another repository.
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}
