//! CI-facing behaviour: SARIF and GitHub outputs, statistics, baselines, bad inputs.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn mtlint() -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.arg("--no-config");
    c
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds").join(name)
}

#[test]
fn sarif_document_has_the_structure_code_scanning_needs() {
    let s = seed("003_d660c4b6da5b5312.txt");
    let out = mtlint().args(["check", "--format", "sarif"]).arg(&s).assert().code(1).get_output().stdout.clone();
    let doc: Value = serde_json::from_slice(&out).expect("one JSON document");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mtlint");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 30);
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string());
        assert!(["error", "warning", "note"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let bytes = std::fs::read(&s).unwrap();
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 10);
    for res in results {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], res["ruleId"]);
        assert!(res["message"]["text"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().ends_with("003_d660c4b6da5b5312.txt"));
        let region = &loc["region"];
        for k in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[k].as_u64().unwrap() >= 1, "{k}");
        }
        let (off, len) = (region["byteOffset"].as_u64().unwrap() as usize, region["byteLength"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&bytes[off..off + len]).unwrap(), region["snippet"]["text"].as_str().unwrap());
        assert!(res["partialFingerprints"]["mtlint/v1"].is_string());
    }
    let fix = results.iter().find(|r| r["fixes"].is_array()).expect("a result with a fix");
    let rep = &fix["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(rep["deletedRegion"]["byteOffset"].is_u64() && rep["insertedContent"]["text"].is_string());
}

#[test]
fn github_format_prints_workflow_commands() {
    let out = mtlint().args(["check", "--format", "github"]).arg(seed("001_b53085ebdd9173a8.txt")).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let re = regex::Regex::new(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[A-Z]{2}\d{3} [a-z-]+::.+$").unwrap();
    assert!(out.lines().count() >= 5);
    for l in out.lines() {
        assert!(re.is_match(l), "{l}");
    }
    assert!(out.contains("line=1,col=23,endLine=1,endColumn=30,title=NM001 misspelt-name::"));
}

#[test]
fn statistics_count_per_rule_and_severity() {
    let out = mtlint().args(["check", "--format", "json", "--statistics"]).arg(seed("002_654890f6ec812977.txt")).assert().code(1).get_output().stdout.clone();
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let stats = lines.iter().find(|v| v["type"] == "statistics").unwrap();
    let diags = lines.iter().filter(|v| v["type"] == "diagnostic").count();
    let total: u64 = stats["rules"].as_array().unwrap().iter().map(|r| r["total"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, diags);
    let se004 = stats["rules"].as_array().unwrap().iter().find(|r| r["rule"] == "SE004").unwrap();
    assert_eq!(se004["warning"], 2);
}

#[test]
fn a_baseline_keeps_old_findings_quiet_across_edits_and_reports_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Anthony Blinken met Wang Yi in kyiv.\n").unwrap();
    let base = dir.path().join("baseline.json");
    mtlint().arg("check").arg(&article).arg("--write-baseline").arg(&base).assert().code(1);
    mtlint().arg("check").arg(&article).arg("--baseline").arg(&base).assert().code(0);
    // An edit elsewhere moves every offset and line; the old findings stay known.
    std::fs::write(&article, "A new first paragraph.\n\nAnthony Blinken met Wang Yi in kyiv.\n").unwrap();
    mtlint().arg("check").arg(&article).arg("--baseline").arg(&base).assert().code(0);
    // A new finding is reported.
    std::fs::write(&article, "A new first paragraph in odesa.\n\nAnthony Blinken met Wang Yi in kyiv.\n").unwrap();
    let out = mtlint().args(["check", "--format", "json"]).arg(&article).arg("--baseline").arg(&base).assert().code(1).get_output().stdout.clone();
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let diags: Vec<&Value> = lines.iter().filter(|v| v["type"] == "diagnostic").collect();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["text"], "odesa");
    assert_eq!(lines.last().unwrap()["baselined"], 2);
}

#[test]
fn bad_inputs_are_reported_one_by_one_and_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"GIF89a\0\0\x01").unwrap();
    std::fs::write(d.join("latin1.md"), b"caf\xe9").unwrap();
    std::fs::write(
        d.join("feed.jsonl"),
        "{\"id\": 1, \"body\": \"In kyiv.\"}\n{\"id\": 2, \"body\": \"broken\n{\"id\": 3, \"title\": \"no body\"}\n\n{\"id\": 4, \"body\": \"Again in kyiv.\"}\n",
    )
    .unwrap();
    std::fs::write(d.join("cut.rss"), "<rss><channel><item><title>In kyiv</title></item><item><title>Cut off").unwrap();
    std::fs::write(d.join("good.txt"), "He flew to kyiv.").unwrap();
    let before: Vec<Vec<u8>> = ["empty.txt", "binary.txt", "latin1.md", "feed.jsonl", "cut.rss", "good.txt"].iter().map(|f| std::fs::read(d.join(f)).unwrap()).collect();
    let out = mtlint().args(["check", "--format", "json", "--field", "body", "--id-field", "id"]).arg(d).assert().code(2).get_output().stdout.clone();
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let errors: Vec<&Value> = lines.iter().filter(|v| v["type"] == "error").collect();
    let msg = |file: &str| -> Vec<String> {
        errors.iter().filter(|e| e["file"].as_str().unwrap().ends_with(file)).map(|e| e.to_string()).collect()
    };
    // An empty file is a finding about the data (RE016 empty-article), not a failure to read.
    assert!(msg("empty.txt").is_empty());
    assert!(lines.iter().any(|v| v["file"].as_str().is_some_and(|f| f.ends_with("empty.txt")) && v["rule"] == "RE016"));
    assert!(msg("binary.txt")[0].contains("binary"));
    assert!(msg("latin1.md")[0].contains("UTF-8"));
    let feed = msg("feed.jsonl");
    assert_eq!(feed.len(), 2, "{feed:?}");
    assert!(feed[0].contains("\"line\":2") && feed[0].contains("does not parse"));
    assert!(feed[1].contains("\"line\":3") && feed[1].contains("no field `body`") && feed[1].contains("\"record\":\"3\""));
    assert!(msg("cut.rss")[0].contains("truncated"));
    let flagged: Vec<String> = lines.iter().filter(|v| v["type"] == "diagnostic").map(|v| format!("{}:{}", v["file"], v["text"])).collect();
    assert_eq!(flagged.iter().filter(|f| f.contains("feed.jsonl")).count(), 2, "records 1 and 4 linted: {flagged:?}");
    assert!(flagged.iter().any(|f| f.contains("cut.rss")), "the complete item of a truncated feed is linted");
    assert!(flagged.iter().any(|f| f.contains("good.txt")));
    let after: Vec<Vec<u8>> = ["empty.txt", "binary.txt", "latin1.md", "feed.jsonl", "cut.rss", "good.txt"].iter().map(|f| std::fs::read(d.join(f)).unwrap()).collect();
    assert_eq!(before, after, "inputs are never modified");
}

#[test]
fn walking_honours_gitignore_hidden_files_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    std::fs::create_dir_all(d.join(".cache")).unwrap();
    std::fs::write(d.join(".gitignore"), "ignored.txt\n").unwrap();
    for f in ["a.txt", "ignored.txt", "drafts/b.md", ".cache/c.txt", "b.html", "notes.pdf"] {
        std::fs::write(d.join(f), "He flew to kyiv.").unwrap();
    }
    let out = mtlint().args(["check", "--format", "brief", "--exclude", "drafts/**"]).arg(d).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let files: Vec<&str> = out.lines().filter(|l| l.contains("NM002")).map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files.len(), 2, "{out}");
    assert!(files[0].ends_with("a.txt") && files[1].ends_with("b.html"), "sorted, deterministic: {files:?}");
}

#[test]
fn fix_rewrites_files_in_place_and_reports_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "US Secretary of State Anthony Blinken visited kyiv.\nThe talks ended ; he left. Details of the deal were not given.\n").unwrap();
    let out = mtlint().args(["check", "--format", "json", "--fix"]).arg(&txt).assert().get_output().stdout.clone();
    let fixed = std::fs::read_to_string(&txt).unwrap();
    assert_eq!(fixed, "US Secretary of State Antony Blinken visited Kyiv.\nThe talks ended; he left. Details of the deal were not given.\n");
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let summary = lines.last().unwrap();
    assert_eq!(summary["fixed"], 3);
    assert_eq!(summary["warnings"], 0, "{lines:?}");
    // Running again finds nothing to fix and changes nothing.
    mtlint().args(["check", "--fix"]).arg(&txt).assert().code(0);
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), fixed);

    let feed = dir.path().join("f.jsonl");
    std::fs::write(&feed, "{\"id\": 1, \"body\": \"Talks in kyiv \\u201cended\\u201d.\"}\r\n{\"id\": 2, \"body\": \"Clean text.\"}\n").unwrap();
    mtlint().args(["check", "--fix", "--id-field", "id"]).arg(&feed).assert().code(0);
    let fixed = std::fs::read_to_string(&feed).unwrap();
    assert_eq!(fixed, "{\"id\": 1, \"body\": \"Talks in Kyiv \\u201cended\\u201d.\"}\r\n{\"id\": 2, \"body\": \"Clean text.\"}\n");
}
