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
