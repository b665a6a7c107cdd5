//! Hostile input and careless hands: positions in streamed feeds, line breaks in reports, files
//! that cannot be written, walked or named twice, unknown rule names, empty articles, binary
//! input. Each test runs the binary as a user would and checks what the user sees.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn mtlint() -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.env_remove("NO_COLOR").arg("--no-config");
    c
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).expect("every line is JSON")).collect()
}

fn diagnostics(lines: &[Value]) -> Vec<&Value> {
    lines.iter().filter(|v| v["type"] == "diagnostic").collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// 1-based line and character column of byte `at`, as the text model counts them: `\n`, `\r\n`
/// and a lone `\r` each end a line.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let text = std::str::from_utf8(&bytes[..at]).unwrap();
    let (mut line, mut col, mut chars) = (1, 1, text.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

/// (line, column, record line) of every finding, checked against the bytes of the file.
fn positions(bytes: &[u8], lines: &[Value]) -> Vec<(u64, u64, Value)> {
    diagnostics(lines)
        .iter()
        .map(|d| {
            let start = d["span"]["start"].as_u64().unwrap() as usize;
            let (l, c) = line_col(bytes, start);
            assert_eq!((d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()), (l as u64, c as u64), "position of {d}");
            (l as u64, c as u64, d["record"]["line"].clone())
        })
        .collect()
}

#[test]
fn streamed_feed_items_report_the_columns_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = "<rss><channel><item><title>Anthony Blinken in kyiv</title></item></channel></rss>\n";
    let feed = write(dir.path(), "col.rss", src);
    let streamed = mtlint().args(["check", "--format", "json"]).arg(&feed).assert().code(1).get_output().stdout.clone();
    let piped = mtlint()
        .args(["check", "--format", "json", "--stdin-filename", "col.rss", "-"])
        .write_stdin(src)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let streamed = positions(src.as_bytes(), &json_lines(&streamed));
    assert_eq!(streamed.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), vec![(1, 28), (1, 47)]);
    assert_eq!(streamed, positions(src.as_bytes(), &json_lines(&piped)));
    let brief = mtlint().args(["check", "--format", "brief"]).arg(&feed).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&brief).contains("col.rss:1:28: warning[NM001]"), "{}", String::from_utf8_lossy(&brief));
    let github = mtlint().args(["check", "--format", "github"]).arg(&feed).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&github).contains("line=1,col=28,"), "{}", String::from_utf8_lossy(&github));
    let terminal = mtlint().args(["check", "--color", "never"]).arg(&feed).assert().code(1).get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&terminal).contains("┌─ "), "{}", String::from_utf8_lossy(&terminal));
    assert!(String::from_utf8_lossy(&terminal).contains("col.rss:1:28"), "{}", String::from_utf8_lossy(&terminal));
}

#[test]
fn a_lone_carriage_return_ends_a_line_in_every_input_path() {
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines: a lone CR is white space inside the first record; the second record is on line 3.
    let jsonl = "{\"id\": 1,\r\"body\": \"Calm.\"}\n{\"body\": \"He was in kyiv.\"}\n";
    // RSS: a lone CR between items and inside a title.
    let rss = "<rss><channel>\r<item><title>Anthony Blinken\rin kyiv</title></item></channel></rss>\n";
    for (name, src) in [("cr.jsonl", jsonl), ("cr.rss", rss)] {
        let file = write(dir.path(), name, src);
        let streamed = mtlint().args(["check", "--format", "json"]).arg(&file).assert().code(1).get_output().stdout.clone();
        let piped = mtlint()
            .args(["check", "--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(src)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let streamed = positions(src.as_bytes(), &json_lines(&streamed));
        assert!(!streamed.is_empty(), "{name}");
        assert_eq!(streamed, positions(src.as_bytes(), &json_lines(&piped)), "{name}");
    }
    let out = mtlint().args(["check", "--format", "json"]).arg(dir.path().join("cr.jsonl")).assert().code(1).get_output().stdout.clone();
    let lines = json_lines(&out);
    let kyiv = diagnostics(&lines).into_iter().find(|d| d["text"] == "kyiv").unwrap();
    assert_eq!((kyiv["line"].as_u64(), kyiv["record"]["line"].as_u64()), (Some(3), Some(3)));
}

/// Does this test process run as root (who ignores permissions)?
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    tempfile::tempfile().unwrap().metadata().unwrap().uid() == 0
}

/// mtlint run so that file permissions hold: as `nobody` when the tests run as root. `dir` is
/// opened to that user.
fn mtlint_unprivileged(dir: &Path) -> Command {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"));
    if running_as_root() {
        c.uid(65534).gid(65534);
    }
    c.env_remove("NO_COLOR").arg("--no-config");
    Command::from_std(c)
}

fn summary(lines: &[Value]) -> &Value {
    let last = lines.last().expect("a summary");
    assert_eq!(last["type"], "summary");
    last
}

#[test]
fn a_file_that_cannot_be_fixed_keeps_its_findings_and_reports_why() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    let text = "He spoke after the meeting.UkraineThe talks went on in kyiv.\n";
    let feed = "{\"body\": \"He met Anthony Blinken in kyiv.\"}\n";
    write(&ro, "d.txt", text);
    write(&ro, "f.jsonl", feed);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = mtlint_unprivileged(tmp.path())
        .args(["check", "--fix", "--format", "json"])
        .arg(ro.join("d.txt"))
        .arg(ro.join("f.jsonl"))
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    for (file, rule) in [("d.txt", "SE001"), ("f.jsonl", "NM001")] {
        let mine: Vec<&Value> = lines.iter().filter(|v| v["file"].as_str().is_some_and(|f| f.ends_with(file))).collect();
        assert!(mine.iter().any(|v| v["type"] == "diagnostic" && v["rule"] == rule), "{file}: findings kept: {mine:?}");
        assert!(mine.iter().any(|v| v["type"] == "diagnostic" && v["text"] == "kyiv"), "{file}: {mine:?}");
        let error = mine.iter().find(|v| v["type"] == "error").expect("the write error is reported");
        assert!(error["message"].as_str().unwrap().starts_with("cannot write the fixed file, left unchanged: "), "{error}");
    }
    assert_eq!(summary(&lines)["fixed"], 0);
    assert_eq!(std::fs::read_to_string(ro.join("d.txt")).unwrap(), text);
    assert_eq!(std::fs::read_to_string(ro.join("f.jsonl")).unwrap(), feed);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_file_that_needs_no_fix_is_not_written_even_where_it_could_not_be() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    write(&ro, "clean.jsonl", "{\"body\": \"The talks went on.\"}\n");
    write(&ro, "clean.txt", "The talks went on.\n");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    mtlint_unprivileged(tmp.path()).args(["check", "--fix"]).arg(&ro).assert().code(0);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn one_fix_run_applies_fixes_until_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "d.txt", "He spoke after the meeting.UkraineThe talks went on.\n");
    let feed = write(dir.path(), "f.jsonl", "{\"body\": \"He spoke after the meeting.UkraineThe talks went on.\"}\n");
    for file in [&text, &feed] {
        let out = mtlint().args(["check", "--fix", "--format", "json"]).arg(file).assert().code(0).get_output().stdout.clone();
        let lines = json_lines(&out);
        assert_eq!(summary(&lines)["fixed"], 2, "{}", file.display());
        assert!(diagnostics(&lines).is_empty());
        assert!(std::fs::read_to_string(file).unwrap().contains("He spoke after the meeting. Ukraine. The talks went on."));
        let again = mtlint().args(["check", "--fix", "--format", "json"]).arg(file).assert().code(0).get_output().stdout.clone();
        assert_eq!(summary(&json_lines(&again))["fixed"], 0, "a second run has nothing left to fix");
    }
}

fn errors(lines: &[Value]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|v| v["type"] == "error")
        .map(|v| (v["file"].as_str().unwrap().to_string(), v["message"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn an_unreadable_directory_inside_a_walk_is_an_input_problem() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    let locked = root.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    write(&root, "a.txt", "He visited kyiv.");
    write(&locked, "b.txt", "He visited kyiv.");
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = mtlint_unprivileged(tmp.path()).args(["check", "--format", "json"]).arg(&root).assert().code(2).get_output().stdout.clone();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let lines = json_lines(&out);
    assert_eq!(errors(&lines), vec![(locked.display().to_string(), "cannot read directory: Permission denied (os error 13)".to_string())]);
    assert_eq!(diagnostics(&lines).len(), 1, "a.txt is still linted");
    assert_eq!(summary(&lines)["failed_files"], 1);
}

#[test]
fn symbolic_links_in_walks_are_followed_and_loops_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = write(tmp.path(), "outside.txt", "He visited kyiv.");
    let root = tmp.path().join("news");
    std::fs::create_dir(&root).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked.txt")).unwrap();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    let named_loop = tmp.path().join("loop.txt");
    std::os::unix::fs::symlink("loop.txt", &named_loop).unwrap();
    let out = mtlint().args(["check", "--format", "json"]).arg(&root).arg(&named_loop).assert().code(2).get_output().stdout.clone();
    let lines = json_lines(&out);
    let linked = diagnostics(&lines);
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0]["file"], root.join("linked.txt").display().to_string());
    assert_eq!(
        errors(&lines),
        vec![
            (root.join("self.txt").display().to_string(), "symbolic link loop: the link leads back to itself".to_string()),
            (named_loop.display().to_string(), "symbolic link loop: the link leads back to itself".to_string()),
        ]
    );
}

#[test]
fn a_file_named_twice_is_linted_and_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "d.txt", "He visited kyiv and Lviv.\n");
    let twice = dir.path().join(".").join("d.txt");
    let out = mtlint().args(["check", "--format", "json"]).arg(&file).arg(&twice).arg(dir.path()).assert().code(1).get_output().stdout.clone();
    let lines = json_lines(&out);
    assert_eq!(diagnostics(&lines).len(), 1);
    assert_eq!(diagnostics(&lines)[0]["file"], file.display().to_string(), "reported under the name given first");
    assert_eq!(summary(&lines)["files"], 1);
    let out = mtlint().args(["check", "--fix", "--format", "json"]).arg(&file).arg(&file).assert().code(0).get_output().stdout.clone();
    assert_eq!(summary(&json_lines(&out))["fixed"], 1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "He visited Kyiv and Lviv.\n");
}

#[test]
fn unknown_names_in_select_and_ignore_are_refused_with_a_suggestion() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let out = mtlint().args(["check", "--select", "nmaes"]).arg(&seeds).assert().code(2).get_output().clone();
    assert!(out.stdout.is_empty(), "nothing is linted");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--select: no pack, rule id or rule name `nmaes`; did you mean `names`?"), "{err}");
    let out = mtlint().args(["check", "--ignore", "se001"]).arg(&seeds).assert().code(2).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `SE001`?"));
}

#[test]
fn unknown_names_in_the_config_file_are_shown_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "mtlint.toml", "select = [\"names\"]\nignore = [\"RP02\"]\n[severity]\nglued-sentence = \"info\"\n");
    let file = write(dir.path(), "a.txt", "He visited kyiv.");
    let out = Command::cargo_bin("mtlint").unwrap().arg("--config").arg(&config).args(["--color", "never", "check"]).arg(&file).assert().code(2).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: `ignore`: no pack, rule id or rule name `RP02`; did you mean `RP002`?"), "{err}");
    assert!(err.contains("mtlint.toml:2:12"), "{err}");
    assert!(err.contains("error: `[severity]`: no rule id or rule name `glued-sentence`; did you mean `glued-sentences`?"), "{err}");
    assert!(err.contains("mtlint.toml:4:1"), "{err}");
}

#[test]
fn a_byte_order_mark_does_not_cost_the_first_json_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = "\u{feff}{\"id\": \"a\", \"body\": \"He visited kyiv.\"}\n{\"id\": null, \"body\": \"She left kyiv.\"}\n";
    let feed = write(dir.path(), "bom.jsonl", src);
    let streamed = mtlint().args(["check", "--format", "json", "--id-field", "id"]).arg(&feed).assert().code(1).get_output().stdout.clone();
    let piped = mtlint()
        .args(["check", "--format", "json", "--id-field", "id", "--stdin-filename", "bom.jsonl", "-"])
        .write_stdin(src)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    for out in [streamed, piped] {
        let lines = json_lines(&out);
        assert!(errors(&lines).is_empty(), "{lines:?}");
        let found = diagnostics(&lines);
        assert_eq!(found.len(), 2, "{found:?}");
        for d in &found {
            let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
            assert_eq!(&src.as_bytes()[s..e], b"kyiv");
        }
        assert_eq!(positions(src.as_bytes(), &lines).iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), vec![(1, 34), (2, 32)]);
        // The record ids: a string as it reads, `null` as no id.
        assert_eq!(found[0]["record"]["id"], "a");
        assert_eq!(found[1]["record"]["id"], Value::Null);
    }
}

/// A pack with one rule flagging "said" and "declared" with anything between them, quoted in its
/// message.
fn said_declared_pack(dir: &Path) -> PathBuf {
    let pack = dir.join("house");
    std::fs::create_dir_all(&pack).unwrap();
    let rule = r#"id = "XX001"
name = "said-declared"
summary = "Two speech verbs"
description = "One is enough."
severity = "warning"
message = "“{match}” has two speech verbs"

[kind.pattern]
scope = "document"
regex = 'said\.\s+declared'

[[example]]
bad = "He said. declared that."

[[example]]
ok = "He said that."
"#;
    std::fs::write(pack.join("said-declared.toml"), rule).unwrap();
    pack
}

#[test]
fn brief_output_is_one_finding_per_line_whatever_the_flagged_text_holds() {
    let dir = tempfile::tempdir().unwrap();
    let pack = said_declared_pack(dir.path());
    let out = mtlint()
        .arg("--rules")
        .arg(&pack)
        .args(["check", "--select", "said-declared", "--format", "brief", "--stdin-filename", "a\nb.txt", "-"])
        .write_stdin("He said.\r\ndeclared that.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one finding, then the summary:\n{out}");
    assert_eq!(lines[0], "a⏎b.txt:1:4: warning[XX001] “said.⏎declared” has two speech verbs");
}

#[test]
fn binary_input_is_refused_the_same_way_on_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let rss = "<rss><channel><item><title>In kyiv</title></item><item><title>Nul \0 here</title></item></channel></rss>\n";
    let jsonl = "{\"body\": \"In kyiv.\"}\n{\"body\": \"Nul \0 here\"}\n";
    for (name, src) in [("nul.rss", rss), ("nul.jsonl", jsonl)] {
        let file = write(dir.path(), name, src);
        let streamed = mtlint().args(["check", "--format", "json"]).arg(&file).assert().code(2).get_output().stdout.clone();
        let fixed = mtlint().args(["check", "--fix", "--format", "json"]).arg(&file).assert().code(2).get_output().stdout.clone();
        let piped = mtlint().args(["check", "--format", "json", "--stdin-filename", name, "-"]).write_stdin(src).assert().code(2).get_output().stdout.clone();
        for out in [streamed, fixed, piped] {
            let lines = json_lines(&out);
            assert!(diagnostics(&lines).is_empty(), "{name}: nothing linted: {lines:?}");
            assert_eq!(errors(&lines).iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["binary file (contains NUL bytes); not linted"], "{name}");
        }
        assert_eq!(std::fs::read(&file).unwrap(), src.as_bytes());
    }
}

#[test]
fn an_empty_article_is_a_finding_in_every_format_and_can_be_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, (u64, u64)); 7] = [
        ("empty.txt", "", (1, 1)),
        ("blank.md", "  \n\n", (1, 1)),
        ("empty.rss", "", (1, 1)),
        ("no-items.rss", "<?xml version=\"1.0\"?>\n<rss><channel><title>T</title></channel></rss>\n", (1, 1)),
        ("blank.jsonl", "\n\n", (1, 1)),
        ("empty-body.jsonl", "{\"body\": \"Fine.\"}\n{\"body\": \" \"}\n", (2, 11)),
        ("empty-description.rss", "<rss><channel><item><title>Fine.</title><description></description></item></channel></rss>", (1, 54)),
    ];
    for (name, src, at) in cases {
        let file = write(dir.path(), name, src);
        let streamed = mtlint().args(["check", "--format", "json"]).arg(&file).assert().code(1).get_output().stdout.clone();
        let piped = mtlint().args(["check", "--format", "json", "--stdin-filename", name, "-"]).write_stdin(src).assert().code(1).get_output().stdout.clone();
        for out in [streamed, piped] {
            let lines = json_lines(&out);
            assert!(errors(&lines).is_empty(), "{name}: {lines:?}");
            let found = diagnostics(&lines);
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            assert_eq!((&found[0]["rule"], &found[0]["name"], &found[0]["severity"]), (&Value::from("RE016"), &Value::from("empty-article"), &Value::from("warning")));
            assert_eq!((found[0]["line"].as_u64().unwrap(), found[0]["column"].as_u64().unwrap()), at, "{name}");
            assert_eq!(found[0]["span"]["start"], found[0]["span"]["end"]);
        }
        mtlint().args(["check", "--ignore", "empty-article"]).arg(&file).assert().code(0);
    }
}

#[test]
fn a_feed_file_that_is_no_feed_is_an_input_problem() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("text.rss", "Just a line of text.\n", "not an RSS or Atom feed: text outside any XML element"),
        ("page.atom", "<html><body><p>In kyiv.</p></body></html>", "not an RSS or Atom feed: the root element is <html>"),
    ];
    for (name, src, message) in cases {
        let file = write(dir.path(), name, src);
        let streamed = mtlint().args(["check", "--format", "json"]).arg(&file).assert().code(2).get_output().stdout.clone();
        let piped = mtlint().args(["check", "--format", "json", "--stdin-filename", name, "-"]).write_stdin(src).assert().code(2).get_output().stdout.clone();
        for out in [streamed, piped] {
            let lines = json_lines(&out);
            assert!(diagnostics(&lines).is_empty(), "{name}");
            assert_eq!(errors(&lines).iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), [message], "{name}");
        }
    }
}
