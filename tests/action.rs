//! The GitHub Action: `action.yml` parsed and checked step by step, and its shell side
//! (`.github/action/run.sh`) run here with the built binary on the fixtures, as the action's steps
//! would run it on a runner (GitHub itself is not needed).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yaml_rust2::{Yaml, YamlLoader};

const SCRIPT: &str = ".github/action/run.sh";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn action() -> Yaml {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    YamlLoader::load_from_str(&text).expect("action.yml is YAML").remove(0)
}

fn steps(action: &Yaml) -> &[Yaml] {
    action["runs"]["steps"].as_vec().expect("runs.steps is a list")
}

#[test]
fn action_is_a_composite_with_the_documented_inputs() {
    let action = action();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    assert!(action["name"].as_str().is_some() && action["description"].as_str().is_some());
    let inputs = action["inputs"].as_hash().expect("inputs");
    let names: Vec<&str> = inputs.keys().filter_map(Yaml::as_str).collect();
    for wanted in ["paths", "args", "version", "fail-on", "sarif", "format"] {
        assert!(names.contains(&wanted), "input {wanted} missing: {names:?}");
    }
    for (name, input) in inputs {
        let name = name.as_str().unwrap();
        assert!(input["description"].as_str().is_some_and(|d| !d.is_empty()), "{name} has no description");
        assert!(!input["default"].is_badvalue(), "{name} has no default: every input is optional");
    }
    assert_eq!(action["inputs"]["fail-on"]["default"].as_str(), Some("warning"));
    assert_eq!(action["inputs"]["sarif"]["default"].as_str(), Some("false"));
    assert_eq!(action["inputs"]["format"]["default"].as_str(), Some("github"));
}

#[test]
fn every_run_step_calls_the_script_and_takes_inputs_only_from_the_environment() {
    let action = action();
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let mut commands = Vec::new();
    for step in steps(&action) {
        let Some(run) = step["run"].as_str() else { continue };
        assert_eq!(step["shell"].as_str(), Some("bash"), "{run}");
        assert!(run.contains(&format!("\"$GITHUB_ACTION_PATH/{SCRIPT}\"")), "step does not call the script: {run}");
        assert!(!run.contains("${{"), "an expression inside a script is an injection risk: {run}");
        commands.push(run.split_whitespace().last().unwrap().to_owned());
    }
    assert_eq!(commands, ["key", "install", "check", "verdict"]);
    // Every input reaches some step.
    for name in action["inputs"].as_hash().unwrap().keys().filter_map(Yaml::as_str) {
        assert!(text.contains(&format!("inputs.{name} }}}}")), "input {name} is never used");
    }
    assert!(root().join(SCRIPT).is_file());
}

#[test]
fn mtlint_is_installed_from_a_cache_keyed_by_the_action_source() {
    let action = action();
    let steps = steps(&action);
    let uses = |prefix: &str| steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)));
    let cache = uses("actions/cache@").expect("an actions/cache step");
    assert!(cache["with"]["path"].as_str().unwrap().contains("~/.cargo/bin/mtlint"));
    let key = cache["with"]["key"].as_str().unwrap();
    assert!(key.contains("github.action_ref") && key.contains("steps.key.outputs.key"), "{key}");
    let install = steps.iter().find(|s| s["name"].as_str() == Some("Install mtlint")).unwrap();
    assert_eq!(install["if"].as_str(), Some("steps.cache.outputs.cache-hit != 'true'"));
    let upload = uses("github/codeql-action/upload-sarif@").expect("an upload-sarif step");
    assert_eq!(upload["if"].as_str(), Some("inputs.sarif == 'true'"));
    assert_eq!(upload["with"]["sarif_file"].as_str(), Some("${{ steps.check.outputs.sarif-file }}"));
    let script = std::fs::read_to_string(root().join(SCRIPT)).unwrap();
    assert!(script.contains("cargo install --locked --root \"$HOME/.cargo\" --path \"$action_path\""));
}

/// Run one command of the script as a step would: inputs in the environment, outputs collected.
struct Step {
    dir: tempfile::TempDir,
    cmd: Command,
}

impl Step {
    fn new(command: &str) -> Step {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("bash");
        cmd.arg(root().join(SCRIPT)).arg(command).current_dir(root());
        cmd.env("MTLINT", env!("CARGO_BIN_EXE_mtlint"))
            .env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_OUTPUT", dir.path().join("output"))
            .env("RUNNER_TEMP", dir.path())
            .env_remove("NO_COLOR");
        for var in ["INPUT_PATHS", "INPUT_ARGS", "INPUT_VERSION", "INPUT_FAIL_ON", "INPUT_SARIF", "INPUT_SARIF_FILE", "INPUT_FORMAT"] {
            cmd.env_remove(var);
        }
        Step { dir, cmd }
    }

    fn input(mut self, name: &str, value: &str) -> Step {
        self.cmd.env(format!("INPUT_{}", name.to_uppercase().replace('-', "_")), value);
        self
    }

    fn env(mut self, name: &str, value: &str) -> Step {
        self.cmd.env(name, value);
        self
    }

    /// The process output and the step outputs (GITHUB_OUTPUT); the temporary folder (RUNNER_TEMP)
    /// lives as long as the returned `Step`.
    fn run(mut self) -> (Output, Vec<(String, String)>, Step) {
        let out = self.cmd.output().unwrap();
        let outputs = std::fs::read_to_string(self.dir.path().join("output")).unwrap_or_default();
        let outputs = outputs.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        (out, outputs, self)
    }
}

fn output<'a>(outputs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    outputs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn annotations_are_printed_and_findings_fail_the_step() {
    let (out, outputs, _) = Step::new("check").input("paths", "fixtures/dirty/kyiv-aid.txt fixtures/dirty/odesa-port.txt").run();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let commands: Vec<&str> = stdout.lines().collect();
    assert!(!commands.is_empty());
    for line in &commands {
        assert!(line.starts_with("::warning file=fixtures/dirty/") || line.starts_with("::error file=") || line.starts_with("::notice file="), "{line}");
    }
    assert_eq!(output(&outputs, "status"), Some("1"));
}

#[test]
fn fail_on_chooses_the_severity_that_fails() {
    let dirty = "fixtures/dirty/kyiv-aid.txt";
    let (out, outputs, _) = Step::new("check").input("paths", dirty).input("fail-on", "never").run();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(output(&outputs, "status"), Some("0"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("::warning"), "findings are still reported");
    let (clean, _, _) = Step::new("check").input("paths", "fixtures/clean/news").input("fail-on", "info").run();
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stdout));
    let (bad, _, _) = Step::new("check").input("paths", dirty).input("fail-on", "sometimes").run();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("::error"));
}

#[test]
fn other_formats_and_extra_arguments_reach_mtlint() {
    let (out, _, _) = Step::new("check")
        .input("paths", "fixtures/dirty/kyiv-aid.txt")
        .input("format", "json")
        .input("args", "--select names --min-severity warning")
        .run();
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let diagnostics: Vec<_> = records.iter().filter(|r| r["type"] == "diagnostic").collect();
    assert!(!diagnostics.is_empty());
    assert!(diagnostics.iter().all(|d| d["pack"] == "names"), "--select reached mtlint");
    // A bad argument is the tool failing, not a finding.
    let (bad, _, _) = Step::new("check").input("paths", "fixtures/clean/news").input("args", "--no-such-flag").run();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn sarif_is_written_and_the_failure_waits_for_the_upload() {
    let (out, outputs, step) = Step::new("check").input("paths", "fixtures/dirty").input("sarif", "true").run();
    let sarif_path = step.dir.path().join("mtlint.sarif");
    assert_eq!(out.status.code(), Some(0), "the upload step must still run: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(output(&outputs, "status"), Some("1"));
    assert_eq!(output(&outputs, "sarif-file"), Some(sarif_path.to_str().unwrap()));
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif_path).unwrap()).expect("the SARIF file is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 80, "the dirty corpus has 85 expected findings, got {}", results.len());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{} finding(s)", results.len())));

    let verdict = |status: &str| Step::new("verdict").env("MTLINT_STATUS", status).run().0.status.code();
    assert_eq!(verdict("1"), Some(1));
    assert_eq!(verdict("0"), Some(0));
}

#[test]
fn a_clean_corpus_gives_an_empty_sarif_and_success() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("out.sarif");
    let (out, outputs, _) = Step::new("check")
        .input("paths", "fixtures/clean/news")
        .input("sarif", "true")
        .input("sarif-file", file.to_str().unwrap())
        .run();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(output(&outputs, "status"), Some("0"));
    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let warnings = sarif["runs"][0]["results"].as_array().unwrap().iter().filter(|r| r["level"] != "note").count();
    assert_eq!(warnings, 0);
}

#[test]
fn the_cache_key_follows_the_source_and_the_version_input() {
    let key = |version: Option<&str>| {
        let mut step = Step::new("key");
        if let Some(v) = version {
            step = step.input("version", v);
        }
        let (out, outputs, _) = step.run();
        assert_eq!(out.status.code(), Some(0));
        let printed = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert_eq!(output(&outputs, "key"), Some(printed.as_str()));
        printed
    };
    let source = key(None);
    assert!(source.starts_with("source-") && source.len() == "source-".len() + 64, "{source}");
    assert_eq!(key(None), source, "the key is stable");
    assert_eq!(key(Some("0.1.0")), "release-0.1.0");
}
