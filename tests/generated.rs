//! What is generated from the command-line definition: shell completions, the man page, and the
//! version line with its git commit.

use std::path::Path;
use std::process::Command;

fn mtlint(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint")).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "mtlint {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_every_shell_know_check_and_its_options() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = mtlint(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        // fish spells a long option `-l format`.
        let long = |name: &str| if shell == "fish" { format!("-l {name}") } else { format!("--{name}") };
        for word in ["check".to_owned(), "completions".to_owned(), long("format"), long("fail-on"), long("baseline")] {
            assert!(script.contains(&word), "{shell} completion lacks {word}");
        }
    }
    let bash = mtlint(&["completions", "bash"]);
    assert!(bash.contains("complete -F _mtlint"), "bash registers the function");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint")).args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// roff escapes hyphens (`\-`); a reader sees them plain.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
}

#[test]
fn the_man_page_covers_every_command_and_its_options() {
    let page = mtlint(&["man"]);
    assert!(page.contains(".TH mtlint 1"), "a section 1 page");
    let text = plain(&page);
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "\"MTLINT CHECK\"", "\"MTLINT RULE\"", "\"MTLINT COMPLETIONS\""] {
        assert!(text.contains(&format!(".SH {section}")), "no section {section}");
    }
    for word in ["check", "--format", "--fail-on", "--baseline", "sarif", "--rules"] {
        assert!(text.contains(word), "the page does not mention {word}");
    }
    assert_eq!(page.matches(".ds Aq").count(), 2, "the roff preamble once (its two lines)");
}

#[test]
fn man_pages_can_be_written_one_per_command() {
    let dir = tempfile::tempdir().unwrap();
    mtlint(&["man", "--out-dir", dir.path().to_str().unwrap()]);
    let check = std::fs::read_to_string(dir.path().join("mtlint-check.1")).unwrap();
    assert!(plain(&check).contains("--format"));
    assert!(dir.path().join("mtlint.1").is_file());
    assert!(dir.path().join("mtlint-segments.1").is_file());
}

fn git(args: &[&str]) -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn the_version_names_the_commit_of_a_git_checkout() {
    let line = mtlint(&["--version"]);
    let version = env!("CARGO_PKG_VERSION");
    assert!(line.starts_with(&format!("mtlint {version}")), "{line}");
    let root = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
    let checkout = git(&["rev-parse", "--show-toplevel"]).is_some_and(|top| std::fs::canonicalize(top).ok() == Some(root.clone()));
    match (checkout, git(&["rev-parse", "HEAD"])) {
        (true, Some(head)) => {
            let hash = line.trim().strip_prefix(&format!("mtlint {version} (")).and_then(|r| r.strip_suffix(')'));
            let hash = hash.unwrap_or_else(|| panic!("no commit in {line:?}"));
            assert!(hash.len() >= 7 && head.starts_with(hash), "{hash} is not HEAD {head}");
        }
        // A packaged crate, or no git: the plain version.
        _ => assert_eq!(line.trim(), format!("mtlint {version}")),
    }
}
