//! The `mtlint` binary: parses the command line and runs one command.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{CheckArgs, Cli, ColorChoice, Command, Global};
use mtlint::input::{self, Input};
use mtlint::output::{self, FileReport, Summary, terminal};
use mtlint::rules::error::{FileError, LoadError};
use mtlint::rules::packs::RuleRoot;
use mtlint::{Config, RuleSet, examples};

/// Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 the tool failed.
const FAILED: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.global.color);
    let result = match &cli.command {
        Command::Check(args) => check(&cli.global, args, color),
        Command::Rules => rules(&cli.global, color),
        Command::Rule { id } => rule(&cli.global, id, color),
        Command::TestRules { dirs } => test_rules(&cli.global, dirs, color),
        Command::Segments { file, words } => segments(&cli.global, file, *words, color),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mtlint: {e:#}");
            ExitCode::from(FAILED)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    }
}

/// Print rule-file errors like compiler errors.
fn report_load_errors(errors: &[FileError], color: bool) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = err.write_all(terminal::render_file_error(e, color).as_bytes());
    }
    let _ = writeln!(err, "mtlint: {} error(s) in rule or config files", errors.len());
}

fn load_config(global: &Global) -> Result<Config, FileError> {
    if global.no_config {
        return Ok(Config::default());
    }
    match &global.config {
        Some(p) => Config::load(p),
        None => Config::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))),
    }
}

/// The rule set for a run: built-in packs, the config's folders, then `--rules` folders.
fn load_rules(global: &Global, config: &Config, extra_dirs: &[PathBuf], builtin: bool) -> Result<RuleSet, Vec<FileError>> {
    let mut roots = Vec::new();
    if builtin {
        roots.push(RuleRoot::builtin());
    }
    for dir in config.rules.iter().chain(&global.rules).chain(extra_dirs) {
        roots.push(RuleRoot::from_dir(dir).map_err(|e| vec![e])?);
    }
    RuleSet::load(&roots, config).map_err(|LoadError(e)| e)
}

fn setup(global: &Global, color: bool, tweak: impl FnOnce(&mut Config)) -> Option<RuleSet> {
    let mut config = match load_config(global) {
        Ok(c) => c,
        Err(e) => {
            report_load_errors(&[e], color);
            return None;
        }
    };
    tweak(&mut config);
    match load_rules(global, &config, &[], true) {
        Ok(set) => Some(set),
        Err(e) => {
            report_load_errors(&e, color);
            None
        }
    }
}

fn check(global: &Global, args: &CheckArgs, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |c| {
        c.select.extend(args.select.iter().cloned());
        c.ignore.extend(args.ignore.iter().cloned());
    }) else {
        return Ok(FAILED);
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let inputs = input::expand(&paths);
    let stdin_name = args.stdin_filename.as_deref();
    // Lint in parallel; keep input order for output.
    let results: Vec<(String, Result<(String, Vec<mtlint::Diagnostic>), String>)> = inputs
        .into_par_iter()
        .map(|i| match i {
            Err((path, msg)) => (path, Err(msg)),
            Ok(inp) => {
                let name = input::display_name(&inp, stdin_name);
                let res = input::read(&inp).map(|text| {
                    let mut d = set.lint(&text);
                    d.retain(|d| d.severity >= args.min_severity);
                    (text, d)
                });
                (name, res)
            }
        })
        .collect();
    let mut summary = Summary::default();
    let mut worst = None;
    let mut out = std::io::stdout().lock();
    for (name, res) in &results {
        match res {
            Ok((text, diags)) => {
                summary.add(diags);
                worst = worst.max(diags.iter().map(|d| d.severity).max());
                let report = FileReport { path: name, text, diagnostics: diags };
                out.write_all(output::render(args.format, &set, &report, color).as_bytes())?;
            }
            Err(msg) => {
                summary.failed_files += 1;
                let line = output::render_failure(args.format, name, msg);
                if args.format == output::Format::Json {
                    out.write_all(line.as_bytes())?;
                } else {
                    eprint!("{line}");
                }
            }
        }
    }
    out.write_all(output::render_summary(args.format, &summary).as_bytes())?;
    out.flush()?;
    Ok(if summary.failed_files > 0 {
        FAILED
    } else if worst.is_some_and(|w| w >= args.fail_on) {
        1
    } else {
        0
    })
}

fn rules(global: &Global, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let mut out = std::io::stdout().lock();
    let mut pack = "";
    for r in &set.rules {
        if r.pack != pack {
            pack = &r.pack;
            writeln!(out, "\n{pack}")?;
        }
        writeln!(out, "  {:<7} {:<8} {:<34} {}", r.id, r.severity.as_str(), r.name, r.summary)?;
    }
    writeln!(out, "\n{} rules in {} packs", set.rules.len(), set.rules.iter().map(|r| &r.pack).collect::<std::collections::BTreeSet<_>>().len())?;
    Ok(0)
}

fn rule(global: &Global, id: &str, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let Some(i) = set.find(id) else {
        eprintln!("mtlint: no rule `{id}`; `mtlint rules` lists them");
        return Ok(FAILED);
    };
    let r = &set.rules[i];
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {} ({} pack, {}, kind `{}`)\n", r.id, r.name, r.pack, r.severity, r.kind)?;
    writeln!(out, "{}\n", r.summary)?;
    writeln!(out, "{}\n", r.description.trim())?;
    writeln!(out, "Message: {}", r.message)?;
    if let Some(f) = &r.fix {
        writeln!(out, "Fix: replace with {f}")?;
    }
    writeln!(out, "\nExamples:")?;
    for (ex, _) in &r.examples {
        if let Some(bad) = &ex.bad {
            writeln!(out, "  bad:   {bad}")?;
            if let Some(f) = &ex.fixed {
                writeln!(out, "  fixed: {f}")?;
            }
        }
        if let Some(ok) = &ex.ok {
            writeln!(out, "  ok:    {ok}")?;
        }
    }
    writeln!(out, "\nDefined in {}", r.path)?;
    Ok(0)
}

fn test_rules(global: &Global, dirs: &[PathBuf], color: bool) -> anyhow::Result<u8> {
    let config = Config::default();
    // A user's packs are checked on their own, with the built-in lists available to them.
    let mut roots = vec![RuleRoot { packs: Default::default(), lists: RuleRoot::builtin().lists }];
    if dirs.is_empty() {
        roots[0] = RuleRoot::builtin();
    }
    for d in global.rules.iter().chain(dirs) {
        match RuleRoot::from_dir(d) {
            Ok(r) => roots.push(r),
            Err(e) => {
                report_load_errors(&[e], color);
                return Ok(FAILED);
            }
        }
    }
    let set = match RuleSet::load(&roots, &config) {
        Ok(s) => s,
        Err(LoadError(e)) => {
            report_load_errors(&e, color);
            return Ok(FAILED);
        }
    };
    let failures = examples::check_all(&set);
    let examples: usize = set.rules.iter().map(|r| r.examples.len()).sum();
    if failures.is_empty() {
        println!("{} rules, {} examples: all pass", set.rules.len(), examples);
        Ok(0)
    } else {
        report_load_errors(&failures, color);
        Ok(FAILED)
    }
}

fn segments(global: &Global, file: &std::path::Path, words: bool, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let inp = if file.as_os_str() == "-" { Input::Stdin } else { Input::File(file.to_path_buf()) };
    let text = match input::read(&inp) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mtlint: {}: {e}", file.display());
            return Ok(FAILED);
        }
    };
    let doc = set.document(&text);
    let mut out = std::io::stdout().lock();
    let pos = |o: usize| {
        let (l, c) = doc.line_index.line_col(&text, o);
        format!("{l}:{c}")
    };
    writeln!(out, "paragraph style: {:?}", doc.style)?;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        writeln!(out, "¶{pi} {}..{} ({})", p.span.start, p.span.end, pos(p.span.start))?;
        for s in &doc.sentences[p.sentences.clone()] {
            writeln!(out, "  § {}..{} {:?}", s.span.start, s.span.end, s.span.text(&text))?;
            if words {
                let ws: Vec<&str> = doc.words[s.words.clone()].iter().map(|w| w.span.text(&text)).collect();
                writeln!(out, "    words: {}", ws.join(" | "))?;
            }
        }
    }
    for q in &doc.quotations {
        let end = q.close.map_or("unclosed".to_string(), |c| c.end.to_string());
        writeln!(out, "quote {}..{end} at {}", q.open.start, pos(q.open.start))?;
    }
    for (p, i) in &doc.imbalances {
        writeln!(out, "imbalance in ¶{p}: {i:?}")?;
    }
    Ok(0)
}
