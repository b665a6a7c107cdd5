//! The `mtlint` binary: parses the command line and runs one command.

mod cli;

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{CheckArgs, Cli, ColorChoice, Command, Global};
use mtlint::baseline::{self, Baseline};
use mtlint::input::jsonl::{self, Fields};
use mtlint::input::{self, Format as InputFormat, Input, Problem};
use mtlint::lint::{self, Finding, Located};
use mtlint::output::{self, Statistics, Summary, terminal};
use mtlint::rules::error::{FileError, LoadError};
use mtlint::rules::packs::RuleRoot;
use mtlint::{Config, RuleSet, Severity, examples};

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

/// Where a run's results go: the output, the totals, the baseline, the SARIF results.
struct Sink<'a> {
    set: &'a RuleSet,
    format: output::Format,
    color: bool,
    out: std::io::StdoutLock<'static>,
    summary: Summary,
    stats: Statistics,
    worst: Option<Severity>,
    known: Option<HashMap<String, usize>>,
    new_baseline: Option<Vec<baseline::Entry>>,
    sarif: Vec<(String, Finding, String)>,
}

impl Sink<'_> {
    /// Baseline, count and print one file's (or one feed line's) findings and problems.
    fn emit(&mut self, path: &str, located: &Located, mut findings: Vec<Finding>, problems: &[Problem], seen: &mut HashMap<String, usize>) -> std::io::Result<()> {
        // Fingerprints only when something needs them: memory stays flat on a long feed otherwise.
        let needed = self.known.is_some() || self.new_baseline.is_some() || self.format == output::Format::Sarif;
        let prints = if needed { baseline::fingerprints(self.set, path, &findings, seen) } else { vec![String::new(); findings.len()] };
        if let Some(entries) = &mut self.new_baseline {
            entries.extend(findings.iter().zip(&prints).map(|(f, fp)| baseline::Entry {
                file: path.to_string(),
                rule: self.set.rules[f.rule].id.clone(),
                text: f.text.clone(),
                fingerprint: fp.clone(),
            }));
        }
        let mut kept_prints = Vec::with_capacity(prints.len());
        if let Some(known) = &mut self.known {
            let mut keep = Vec::with_capacity(findings.len());
            for (f, fp) in findings.into_iter().zip(prints) {
                match known.get_mut(&fp) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        self.summary.baselined += 1;
                    }
                    _ => {
                        keep.push(f);
                        kept_prints.push(fp);
                    }
                }
            }
            findings = keep;
        } else {
            kept_prints = prints;
        }
        self.summary.add(&findings);
        self.stats.add(&findings);
        self.worst = self.worst.max(findings.iter().map(|f| f.severity).max());
        if self.format == output::Format::Sarif {
            self.sarif.extend(findings.iter().cloned().zip(kept_prints).map(|(f, fp)| (path.to_string(), f, fp)));
        } else if !findings.is_empty() {
            self.out.write_all(output::render(self.format, self.set, path, located, &findings, self.color).as_bytes())?;
        }
        for p in problems {
            self.summary.problems += 1;
            let (text, to_stdout) = output::render_problem(self.format, path, p);
            if to_stdout {
                self.out.write_all(text.as_bytes())?;
            } else {
                eprint!("{text}");
            }
        }
        Ok(())
    }
}

/// The outcome of linting one whole (not streamed) input.
struct FileOutcome {
    path: String,
    text: String,
    findings: Vec<Finding>,
    problems: Vec<Problem>,
}

fn lint_whole(set: &RuleSet, input: &Input, args: &CheckArgs, fields: &Fields) -> FileOutcome {
    let path = input::display_name(input, args.stdin_filename.as_deref());
    let fail = |path: String, m: String| FileOutcome { path, text: String::new(), findings: vec![], problems: vec![Problem::whole(m)] };
    let text = match input::read(input) {
        Ok(t) => t,
        Err(m) => return fail(path, m),
    };
    if text.trim().is_empty() {
        return fail(path, "empty file: nothing to lint".into());
    }
    let format = args.input_format.or_else(|| match input {
        Input::File(p) => InputFormat::from_path(p),
        Input::Stdin => args.stdin_filename.as_deref().and_then(|n| InputFormat::from_path(std::path::Path::new(n))),
    });
    let (units, problems) = input::units(format.unwrap_or(InputFormat::Text), &text, fields);
    let located = Located::new(&text, 0, 1);
    let mut findings: Vec<Finding> = units.iter().flat_map(|u| lint::lint_unit(set, u, &located, args.min_severity)).collect();
    findings.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    FileOutcome { path, text, findings, problems }
}

/// Lint a JSON Lines file record by record, in batches spread over the cores: memory stays flat.
fn lint_stream(sink: &mut Sink, path: &std::path::Path, args: &CheckArgs, fields: &Fields) -> std::io::Result<()> {
    const BATCH: usize = 2048;
    let name = path.display().to_string();
    let mut seen = HashMap::new();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink.summary.failed_files += 1;
            return sink.emit(&name, &Located::new("", 0, 1), vec![], &[Problem::whole(format!("cannot read: {e}"))], &mut seen);
        }
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let (mut line_no, mut offset, mut records, mut failed) = (0usize, 0usize, 0usize, false);
    loop {
        let mut batch: Vec<(usize, usize, Vec<u8>)> = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let mut buf = Vec::new();
            let n = reader.read_until(b'\n', &mut buf)?;
            if n == 0 {
                break;
            }
            line_no += 1;
            batch.push((line_no, offset, buf));
            offset += n;
        }
        if batch.is_empty() {
            break;
        }
        let outcomes: Vec<(usize, usize, String, Vec<Finding>, Vec<Problem>)> = batch
            .into_par_iter()
            .map(|(no, off, bytes)| {
                let mut bytes = bytes;
                while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    bytes.pop();
                }
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(_) => return (no, off, String::new(), vec![], vec![Problem { line: Some(no), record: None, message: "line is not valid UTF-8".into() }]),
                };
                if text.trim().is_empty() {
                    return (no, off, text, vec![], vec![]);
                }
                let (units, problems) = jsonl::units(&text, no, off, fields);
                let located = Located::new(&text, off, no);
                let findings = units.iter().flat_map(|u| lint::lint_unit(sink_rules(), u, &located, args.min_severity)).collect();
                (no, off, text, findings, problems)
            })
            .collect();
        for (no, off, text, findings, problems) in outcomes {
            records += usize::from(!text.trim().is_empty());
            failed |= !problems.is_empty();
            sink.emit(&name, &Located::new(&text, off, no), findings, &problems, &mut seen)?;
        }
    }
    if records == 0 && !failed {
        failed = true;
        sink.emit(&name, &Located::new("", 0, 1), vec![], &[Problem::whole("empty feed: no records")], &mut seen)?;
    }
    sink.summary.failed_files += usize::from(failed);
    Ok(())
}

/// The rule set of this run, for the parallel workers.
static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();

fn sink_rules() -> &'static RuleSet {
    RULES.get().expect("rules are loaded before linting")
}

fn check(global: &Global, args: &CheckArgs, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |c| {
        c.select.extend(args.select.iter().cloned());
        c.ignore.extend(args.ignore.iter().cloned());
    }) else {
        return Ok(FAILED);
    };
    let set: &'static RuleSet = RULES.get_or_init(|| set);
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let inputs = match input::expand(&paths, &input::Walk { exclude: args.exclude.clone() }) {
        Ok(i) => i,
        Err(m) => {
            eprintln!("mtlint: {m}");
            return Ok(FAILED);
        }
    };
    let known = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b.index()),
            Err(m) => {
                eprintln!("mtlint: {m}");
                return Ok(FAILED);
            }
        },
        None => None,
    };
    let fields = Fields { text: args.fields.clone(), id: args.id_field.clone() };
    let mut sink = Sink {
        set,
        format: args.format,
        color,
        out: std::io::stdout().lock(),
        summary: Summary::default(),
        stats: Statistics::default(),
        worst: None,
        known,
        new_baseline: args.write_baseline.as_ref().map(|_| Vec::new()),
        sarif: Vec::new(),
    };
    let streamed = |i: &Input| match i {
        Input::File(p) => args.input_format.or_else(|| InputFormat::from_path(p)) == Some(InputFormat::Jsonl),
        Input::Stdin => false,
    };
    // Whole inputs are linted in parallel in chunks and printed in input order; feeds are streamed.
    let mut pending: Vec<Input> = Vec::new();
    let flush = |pending: &mut Vec<Input>, sink: &mut Sink| -> std::io::Result<()> {
        let outcomes: Vec<FileOutcome> = pending.par_iter().map(|i| lint_whole(set, i, args, &fields)).collect();
        pending.clear();
        for o in outcomes {
            sink.summary.files += 1;
            sink.summary.failed_files += usize::from(!o.problems.is_empty());
            sink.emit(&o.path, &Located::new(&o.text, 0, 1), o.findings, &o.problems, &mut HashMap::new())?;
        }
        Ok(())
    };
    for item in inputs {
        match item {
            Err((path, msg)) => {
                flush(&mut pending, &mut sink)?;
                sink.summary.files += 1;
                sink.summary.failed_files += 1;
                sink.emit(&path, &Located::new("", 0, 1), vec![], &[Problem::whole(msg)], &mut HashMap::new())?;
            }
            Ok(Input::File(p)) if streamed(&Input::File(p.clone())) => {
                flush(&mut pending, &mut sink)?;
                sink.summary.files += 1;
                lint_stream(&mut sink, &p, args, &fields)?;
            }
            Ok(i) => {
                pending.push(i);
                if pending.len() >= 64 {
                    flush(&mut pending, &mut sink)?;
                }
            }
        }
    }
    flush(&mut pending, &mut sink)?;
    if let (Some(path), Some(entries)) = (&args.write_baseline, sink.new_baseline.take()) {
        if let Err(m) = (Baseline { version: 1, findings: entries }).save(path) {
            eprintln!("mtlint: {m}");
            return Ok(FAILED);
        }
    }
    if args.format == output::Format::Sarif {
        sink.out.write_all(output::sarif::document(set, &sink.sarif).as_bytes())?;
    }
    if args.statistics {
        let stats = sink.stats.render(args.format, set);
        if matches!(args.format, output::Format::Sarif) {
            eprint!("{stats}");
        } else {
            sink.out.write_all(stats.as_bytes())?;
        }
    }
    let summary = output::render_summary(args.format, &sink.summary);
    if args.format == output::Format::Github {
        eprint!("{summary}");
    } else {
        sink.out.write_all(summary.as_bytes())?;
    }
    sink.out.flush()?;
    Ok(if sink.summary.problems > 0 {
        FAILED
    } else if sink.worst.is_some_and(|w| w >= args.fail_on) {
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
