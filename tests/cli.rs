//! The `mtlint` command line: exit codes, output formats (JSON parsed back field by field),
//! broken rule files reported like compiler errors, bad inputs.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn mtlint() -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.env_remove("NO_COLOR").arg("--no-config");
    c
}

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(p)
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out).lines().map(|l| serde_json::from_str(l).expect("every line is JSON")).collect()
}

#[test]
fn json_output_has_the_documented_fields_and_exact_spans() {
    let seed = fixture("seeds/002_654890f6ec812977.txt");
    let out = mtlint().args(["check", "--format", "json"]).arg(&seed).assert().code(1).get_output().stdout.clone();
    let bytes = std::fs::read(&seed).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines = json_lines(&out);
    let (diags, rest): (Vec<&Value>, Vec<&Value>) = lines.iter().partition(|v| v["type"] == "diagnostic");
    assert!(diags.len() >= 10, "expected many findings, got {}", diags.len());
    for d in &diags {
        for field in ["file", "rule", "name", "severity", "message", "span", "line", "column", "end_line", "end_column", "fix"] {
            assert!(d.get(field).is_some(), "missing {field} in {d}");
        }
        let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&bytes[s..e]).unwrap(), d["text"].as_str().unwrap());
        // Line and character column agree with the byte offset.
        let line = text[..s].matches('\n').count() + 1;
        let col = text[..s].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!((d["line"].as_u64().unwrap() as usize, d["column"].as_u64().unwrap() as usize), (line, col));
        assert!(["info", "warning", "error"].contains(&d["severity"].as_str().unwrap()));
        if let Some(fix) = d["fix"].as_object() {
            assert!(fix["start"].as_u64().unwrap() <= fix["end"].as_u64().unwrap());
            assert!(fix["replacement"].is_string());
        }
    }
    let summary = rest.last().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["diagnostics"].as_u64().unwrap() as usize, diags.len());
    assert_eq!(summary["files"], 1);
    // The glued sentence is reported where it is, with its fix.
    let glued = diags.iter().find(|d| d["rule"] == "SE001").expect("glued sentence found");
    assert_eq!(glued["text"], "ChinaIt");
    assert_eq!(glued["fix"]["replacement"], "China. It");
}

#[test]
fn exit_status_follows_fail_on() {
    let clean = fixture("clean/news/tech-apps.txt");
    mtlint().arg("check").arg(&clean).assert().code(0);
    let seed = fixture("seeds/004_2aaa30d09644a734.txt");
    mtlint().arg("check").arg(&seed).assert().code(1);
    mtlint().args(["check", "--fail-on", "error"]).arg(fixture("seeds/001_b53085ebdd9173a8.txt")).assert().code(0);
}

#[test]
fn brief_format_is_one_line_per_finding() {
    let out = mtlint()
        .args(["check", "--format", "brief"])
        .arg(fixture("seeds/001_b53085ebdd9173a8.txt"))
        .assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let first = out.lines().next().unwrap();
    let re = regex::Regex::new(r"^.*001_b53085ebdd9173a8\.txt:\d+:\d+: (info|warning|error)\[[A-Z]{2}\d{3}\] .+$").unwrap();
    assert!(re.is_match(first), "{first}");
    assert!(out.contains(":1:23: warning[NM001]"), "Anthony at line 1, column 23:\n{out}");
}

#[test]
fn terminal_output_is_rustc_style_without_colour_off_a_terminal() {
    let out = mtlint().arg("check").arg(fixture("seeds/003_d660c4b6da5b5312.txt")).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("warning[NM002/lowercase-proper-noun]"), "{out}");
    assert!(out.contains("┌─ "), "source location line: {out}");
    assert!(!out.contains('\u{1b}'), "no colour when not on a terminal");
    assert!(out.contains("= fix: replace with “Kyiv”"));
    let coloured = mtlint().args(["check", "--color", "always"]).arg(fixture("seeds/003_d660c4b6da5b5312.txt")).assert().get_output().stdout.clone();
    assert!(String::from_utf8(coloured).unwrap().contains('\u{1b}'));
}

#[test]
fn stdin_is_read_with_a_name() {
    let out = mtlint()
        .args(["check", "--format", "json", "--stdin-filename", "feed/item.txt", "-"])
        .write_stdin("He visited kyiv on Monday.")
        .assert().code(1).get_output().stdout.clone();
    let lines = json_lines(&out);
    assert_eq!(lines[0]["file"], "feed/item.txt");
    assert_eq!(lines[0]["text"], "kyiv");
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"caf\xe9 in kyiv").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "He visited kyiv.").unwrap();
    let out = mtlint()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .arg(dir.path().join("missing.txt"))
        .arg(&good)
        .assert().code(2).get_output().stdout.clone();
    let lines = json_lines(&out);
    let errors: Vec<&Value> = lines.iter().filter(|v| v["type"] == "error").collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0]["message"].as_str().unwrap().contains("UTF-8"));
    assert!(lines.iter().any(|v| v["type"] == "diagnostic" && v["text"] == "kyiv"));
    assert_eq!(lines.last().unwrap()["failed_files"], 2);
    assert_eq!(std::fs::read(&bad).unwrap(), b"caf\xe9 in kyiv", "inputs are never modified");
}

#[test]
fn the_binary_works_from_an_empty_directory_with_embedded_rules() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("mtlint");
    std::fs::copy(assert_cmd::cargo::cargo_bin("mtlint"), &bin).unwrap();
    std::fs::write(dir.path().join("a.txt"), "Secretary of State Anthony Blinken met Wang Yi.").unwrap();
    let out = std::process::Command::new(&bin).current_dir(dir.path()).args(["check", "--format", "brief", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("NM001"));
}

fn write_pack(dir: &Path, file: &str, body: &str) -> PathBuf {
    let pack = dir.join("mypack");
    std::fs::create_dir_all(&pack).unwrap();
    let p = pack.join(file);
    std::fs::write(&p, body).unwrap();
    pack
}

const GOOD_RULE: &str = r#"id = "XX001"
name = "no-synergy"
summary = "Jargon"
description = "Avoid it."
severity = "info"
message = "jargon “{match}”"

[kind.phrases]
flag = ["synergy"]

[[example]]
bad = "Their synergy grew."

[[example]]
ok = "They worked well together."
"#;

#[test]
fn test_rules_accepts_a_good_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write_pack(dir.path(), "no-synergy.toml", GOOD_RULE);
    mtlint().arg("test-rules").arg(&pack).assert().code(0).stdout(predicates::str::contains("1 rules, 2 examples: all pass"));
}

fn assert_rule_error(body: &str, line_col: &str, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let pack = write_pack(dir.path(), "broken.toml", body);
    let out = mtlint().args(["test-rules", "--color", "never"]).arg(&pack).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains(&format!("broken.toml:{line_col}")), "expected location {line_col} in:\n{err}");
    assert!(err.contains(what), "expected {what:?} in:\n{err}");
}

#[test]
fn a_misspelt_field_is_reported_at_its_line_and_column() {
    assert_rule_error(&GOOD_RULE.replace("summary =", "sumary ="), "3:1", "unknown field `sumary`");
}

#[test]
fn a_bad_regex_is_reported_at_the_regex() {
    let body = GOOD_RULE.replace("[kind.phrases]\nflag = [\"synergy\"]", "[kind.pattern]\nscope = \"sentence\"\nregex = 'syn(ergy'");
    assert_rule_error(&body, "10:9", "invalid regex");
}

#[test]
fn a_bad_example_that_does_not_fire_is_reported_at_the_example() {
    let body = GOOD_RULE.replace("Their synergy grew.", "Their teamwork grew.");
    assert_rule_error(&body, "11:1", "`bad` example does not trigger XX001");
}

#[test]
fn user_packs_add_to_the_builtin_rules_and_config_selects() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write_pack(dir.path(), "no-synergy.toml", GOOD_RULE);
    let text = dir.path().join("t.txt");
    std::fs::write(&text, "Their synergy grew in kyiv.").unwrap();
    let out = mtlint().args(["check", "--format", "json", "--rules"]).arg(&pack).arg(&text).assert().code(1).get_output().stdout.clone();
    let rules: Vec<String> = json_lines(&out).iter().filter_map(|v| v["rule"].as_str().map(String::from)).collect();
    assert!(rules.contains(&"XX001".to_string()) && rules.contains(&"NM002".to_string()), "{rules:?}");

    let config = dir.path().join("mtlint.toml");
    std::fs::write(&config, "ignore = [\"names\"]\n[severity]\nno-synergy = \"error\"\n").unwrap();
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--format", "json", "--rules"])
        .arg(&pack)
        .arg(&text)
        .current_dir(dir.path())
        .assert().code(1).get_output().stdout.clone();
    let lines = json_lines(&out);
    let diags: Vec<&Value> = lines.iter().filter(|v| v["type"] == "diagnostic").collect();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["severity"], "error");
}

#[test]
fn rules_and_rule_explain_the_packs() {
    let out = mtlint().arg("rules").assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    for pack in ["names", "translation", "sentences", "quotes", "captions", "residue", "consistency", "repetition"] {
        assert!(out.lines().any(|l| l == pack), "pack {pack} listed:\n{out}");
    }
    let out = mtlint().args(["rule", "NM003"]).assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("confusable-short-name") && out.contains("bad:") && out.contains("ok:"));
    mtlint().args(["rule", "XX999"]).assert().code(2);
}

#[test]
fn segments_shows_sentences_that_respect_abbreviations() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(&f, "U.S. Secretary of State Antony Blinken met Gen. Mark Milley. They talked.").unwrap();
    let out = mtlint().arg("segments").arg(&f).assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("\"U.S. Secretary of State Antony Blinken met Gen. Mark Milley.\""), "{out}");
    assert!(out.contains("\"They talked.\""));
}

#[test]
fn config_shows_the_file_and_its_effect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), "ignore = [\"consistency\"]\n[severity]\nNM001 = \"error\"\n").unwrap();
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let out = Command::cargo_bin("mtlint").unwrap().arg("config").current_dir(&sub).assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("mtlint.toml"), "found by walking up: {out}");
    assert!(out.contains("ignore: consistency") && out.contains("severity: NM001 = error"));
    assert!(out.contains("pack names:") && !out.contains("pack consistency:"), "{out}");
    std::fs::write(dir.path().join("mtlint.toml"), "ignroe = []\n").unwrap();
    let err = Command::cargo_bin("mtlint").unwrap().args(["config", "--color", "never"]).current_dir(&sub).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8(err).unwrap().contains("unknown field `ignroe`"));
}

#[test]
fn a_rules_folder_can_replace_a_builtin_word_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("house/lists")).unwrap();
    std::fs::write(dir.path().join("house/lists/page-furniture.txt"), "# our CMS\nFin\n").unwrap();
    let text = dir.path().join("t.txt");
    std::fs::write(&text, "The talks ended.\nFin\nDetails\n").unwrap();
    let out = mtlint().args(["check", "--format", "json", "--select", "page-furniture", "--rules"]).arg(dir.path().join("house")).arg(&text).assert().code(1).get_output().stdout.clone();
    let flagged: Vec<String> = json_lines(&out).iter().filter_map(|v| v["text"].as_str().map(String::from)).collect();
    assert_eq!(flagged, vec!["Fin"], "the replaced list no longer has Details");
}
