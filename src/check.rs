//! `mtlint check`: expand the inputs, lint them in parallel (feeds streamed record by record),
//! apply the baseline, and print findings, statistics and the summary in the chosen format.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::cli::{CheckArgs, Global};
use crate::{FAILED, setup};
use mtlint::baseline::{self, Baseline};
use mtlint::input::html::Scope;
use mtlint::input::jsonl::{self, Fields};
use mtlint::input::records::{self, RawRecord};
use mtlint::input::{self, Format as InputFormat, Input, Problem, feed};
use mtlint::lint::{self, Finding, Located};
use mtlint::output::{self, Statistics, Summary};
use mtlint::{RuleSet, Severity, fix};

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
    sarif: output::sarif::Stream,
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
            for (f, fp) in findings.iter().zip(&kept_prints) {
                let before = self.sarif.before_result(self.set);
                self.out.write_all(before.as_bytes())?;
                self.out.write_all(output::sarif::result(self.set, path, f, fp).as_bytes())?;
            }
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
    fixed: usize,
}

/// Lint a whole text in `format`.
fn lint_text(set: &RuleSet, text: &str, format: InputFormat, args: &CheckArgs, opts: &input::Options) -> (Vec<Finding>, Vec<Problem>) {
    let (units, problems) = input::units(format, text, opts);
    let located = Located::new(text, 0, 1);
    let mut findings: Vec<Finding> = units.iter().flat_map(|u| lint::lint_unit(set, u, &located, args.min_severity)).collect();
    findings.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    (findings, problems)
}

fn lint_whole(set: &RuleSet, input: &Input, args: &CheckArgs, opts: &input::Options) -> FileOutcome {
    let path = input::display_name(input, args.stdin_filename.as_deref());
    let fail = |path: String, m: String| FileOutcome { path, text: String::new(), findings: vec![], problems: vec![Problem::whole(m)], fixed: 0 };
    let text = match input::read(input) {
        Ok(t) => t,
        Err(m) => return fail(path, m),
    };
    let format = args.input_format.or_else(|| match input {
        Input::File(p) => InputFormat::from_path(p),
        Input::Stdin => args.stdin_filename.as_deref().and_then(|n| InputFormat::from_path(std::path::Path::new(n))),
    });
    let format = format.unwrap_or(InputFormat::Text);
    let (findings, mut problems) = lint_text(set, &text, format, args, opts);
    let Input::File(file) = input else { return FileOutcome { path, text, findings, problems, fixed: 0 } };
    if !args.fix || !findings.iter().any(|f| f.fix.is_some()) {
        return FileOutcome { path, text, findings, problems, fixed: 0 };
    }
    // Fixes are applied until nothing changes; positions are then reported in the fixed text.
    let mut last_problems = problems.clone();
    let fixed = fix::apply_until_stable(text.clone(), 0, findings.clone(), |t| {
        let (f, p) = lint_text(set, t, format, args, opts);
        last_problems = p;
        f
    });
    if fixed.applied == 0 {
        return FileOutcome { path, text, findings, problems, fixed: 0 };
    }
    match fix::write_atomically(file, fixed.text.as_bytes()) {
        Ok(()) => FileOutcome { path, text: fixed.text, findings: fixed.left, problems: last_problems, fixed: fixed.applied },
        // The file is as it was: report its findings where they are, and why it was not fixed.
        Err(e) => {
            problems.push(Problem::whole(format!("cannot write the fixed file, left unchanged: {e}")));
            FileOutcome { path, text, findings, problems, fixed: 0 }
        }
    }
}

/// With `--fix` on a JSON Lines file: a first pass that lints every record and writes the fixed
/// lines to a temporary file beside it, renamed over the original at the end. Returns the number of
/// fixes applied; the reporting pass then reads the fixed file. A file that cannot be read is left
/// to the reporting pass; one that needs no fix is never written (nor is a temporary file needed).
fn fix_stream(set: &RuleSet, path: &std::path::Path, args: &CheckArgs, opts: &input::Options) -> Result<usize, String> {
    const BATCH: usize = 2048;
    let err = |e: std::io::Error| format!("cannot write the fixed file, left unchanged: {e}");
    let Ok(file) = std::fs::File::open(path) else { return Ok(0) };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    // A failure to write is only an error once there is something to write.
    let mut out = tempfile::NamedTempFile::new_in(dir).map(std::io::BufWriter::new);
    let mut reader = records::Lines::new(file);
    let mut total = 0usize;
    loop {
        let batch: Vec<RawRecord> = reader.by_ref().take(BATCH).collect::<std::io::Result<_>>().map_err(|e| format!("cannot read: {e}"))?;
        if batch.is_empty() {
            break;
        }
        let fixed: Vec<(Vec<u8>, usize)> = batch
            .into_par_iter()
            .map(|rec| {
                let content_len = rec.bytes.iter().rposition(|b| *b != b'\n' && *b != b'\r').map_or(0, |i| i + 1);
                let ending = rec.bytes[content_len..].to_vec();
                let original = rec.bytes.clone();
                let off = rec.offset;
                let RecordOutcome { line: no, text, findings, problems, .. } = lint_record(set, rec, args, opts, Stream::Jsonl);
                if !problems.is_empty() && text.is_empty() {
                    return (original, 0);
                }
                let fixed = fix::apply_until_stable(text, off, findings, |t| {
                    let located = Located::new(t, off, no);
                    jsonl::units(t, no, off, &opts.fields).0.iter().flat_map(|u| lint::lint_unit(set, u, &located, args.min_severity)).collect()
                });
                let mut line = fixed.text.into_bytes();
                line.extend_from_slice(&ending);
                (line, fixed.applied)
            })
            .collect();
        for (line, n) in fixed {
            if let Ok(w) = &mut out
                && let Err(e) = w.write_all(&line)
            {
                out = Err(e);
            }
            total += n;
        }
    }
    if total > 0 {
        let tmp = out.map_err(err)?.into_inner().map_err(|e| err(e.into_error()))?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(err)?;
        }
        tmp.persist(path).map_err(|e| err(e.error))?;
    }
    Ok(total)
}

/// One streamed record after linting: where it is, its text, findings and problems.
struct RecordOutcome {
    line: usize,
    column: usize,
    offset: usize,
    text: String,
    findings: Vec<Finding>,
    problems: Vec<Problem>,
}

impl RecordOutcome {
    fn failed(rec: &RawRecord, message: &str) -> Self {
        let p = Problem { line: Some(rec.line), record: None, message: message.to_string() };
        RecordOutcome { line: rec.line, column: rec.column, offset: rec.offset, text: String::new(), findings: vec![], problems: vec![p] }
    }

    /// Where the record's text sits in the file, for positions and the terminal's excerpts.
    fn located(&self) -> Located<'_> {
        Located::new(&self.text, self.offset, self.line).at_column(self.column)
    }
}

/// Feeds linted record by record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    /// JSON Lines: a record per line.
    Jsonl,
    /// RSS or Atom: a record per `<item>` / `<entry>`.
    Feed,
}

/// Lint a feed record by record, in batches spread over the cores: memory stays flat. A problem
/// met before (`earlier`: the fixed file could not be written) is reported after the findings.
fn lint_stream(sink: &mut Sink, path: &std::path::Path, args: &CheckArgs, opts: &input::Options, kind: Stream, earlier: Option<Problem>) -> std::io::Result<()> {
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
    let set = sink.set;
    let mut reader: Box<dyn Iterator<Item = std::io::Result<RawRecord>>> = match kind {
        Stream::Jsonl => Box::new(records::Lines::new(file)),
        Stream::Feed => Box::new(records::Items::new(file)),
    };
    let (mut records, mut failed) = (0usize, false);
    loop {
        let batch: Vec<RawRecord> = reader.by_ref().take(BATCH).collect::<std::io::Result<_>>()?;
        if batch.is_empty() {
            break;
        }
        let outcomes: Vec<RecordOutcome> = batch
            .into_par_iter()
            .map(|rec| {
                let place = RawRecord { bytes: vec![], ..rec };
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_record(set, rec, args, opts, kind)))
                    .unwrap_or_else(|_| RecordOutcome::failed(&place, "internal error while linting this record (a bug in mtlint: please report it)"))
            })
            .collect();
        for mut o in outcomes {
            records += usize::from(!jsonl::is_blank(&o.text));
            failed |= !o.problems.is_empty();
            let findings = std::mem::take(&mut o.findings);
            sink.emit(&name, &o.located(), findings, &o.problems, &mut seen)?;
        }
    }
    // No record or item at all: one empty article, as when the file is read whole, unless the
    // file is no feed.
    if records == 0 && !failed {
        let not_a_feed = match kind {
            Stream::Jsonl => None,
            Stream::Feed => std::fs::File::open(path).map_err(|e| format!("cannot read: {e}")).and_then(|f| feed::check_feed(std::io::BufReader::new(f))).err(),
        };
        let located = Located::new("", 0, 1);
        match not_a_feed {
            Some(m) => {
                failed = true;
                sink.emit(&name, &located, vec![], &[Problem::whole(m)], &mut seen)?;
            }
            None => {
                let findings = lint::lint_unit(set, &input::Unit::plain(""), &located, args.min_severity);
                sink.emit(&name, &located, findings, &[], &mut seen)?;
            }
        }
    }
    if let Some(p) = earlier {
        failed = true;
        sink.emit(&name, &Located::new("", 0, 1), vec![], &[p], &mut seen)?;
    }
    sink.summary.failed_files += usize::from(failed);
    Ok(())
}

/// Lint one streamed record.
fn lint_record(set: &RuleSet, rec: RawRecord, args: &CheckArgs, opts: &input::Options, kind: Stream) -> RecordOutcome {
    if rec.truncated {
        return RecordOutcome::failed(&rec, "feed ends inside an item (truncated?)");
    }
    let (line, column, offset) = (rec.line, rec.column, rec.offset);
    let mut bytes = rec.bytes;
    while kind == Stream::Jsonl && bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => return RecordOutcome::failed(&RawRecord { line, column, offset, bytes: vec![], truncated: false }, "record is not valid UTF-8"),
    };
    let mut out = RecordOutcome { line, column, offset, text, findings: vec![], problems: vec![] };
    if out.text.trim().is_empty() {
        return out;
    }
    let (units, problems) = match kind {
        Stream::Jsonl => jsonl::units(&out.text, line, offset, &opts.fields),
        Stream::Feed => feed::item_units(&out.text, offset, line, opts.html_scope),
    };
    out.findings = {
        let located = out.located();
        units.iter().flat_map(|u| lint::lint_unit(set, u, &located, args.min_severity)).collect()
    };
    out.problems = problems;
    out
}

pub fn check(global: &Global, args: &CheckArgs, color: bool) -> anyhow::Result<u8> {
    let mut configured_scope = None;
    let Some(set) = setup(global, color, |c| {
        c.select.extend(args.select.iter().cloned());
        c.ignore.extend(args.ignore.iter().cloned());
        configured_scope = c.html_scope;
    }) else {
        return Ok(FAILED);
    };
    // The compiled rules live until the process ends: freeing their automata one by one at exit
    // would only cost time.
    let set: &RuleSet = Box::leak(Box::new(set));
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
    let opts = input::Options {
        fields: Fields { text: args.fields.clone(), id: args.id_field.clone() },
        html_scope: args.html_scope.or(configured_scope).unwrap_or(Scope::Auto),
    };
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
        sarif: Default::default(),
    };
    // JSON Lines files are streamed; RSS/Atom files too, unless they are to be fixed (fixing
    // rewrites the whole file).
    let streamed = |p: &std::path::Path| match args.input_format.or_else(|| InputFormat::from_path(p)) {
        Some(InputFormat::Jsonl) => Some(Stream::Jsonl),
        Some(InputFormat::Feed) if !args.fix => Some(Stream::Feed),
        _ => None,
    };
    // Whole inputs are linted in parallel in chunks and printed in input order; feeds are streamed.
    let mut pending: Vec<Input> = Vec::new();
    let flush = |pending: &mut Vec<Input>, sink: &mut Sink| -> std::io::Result<()> {
        let outcomes: Vec<FileOutcome> = pending
            .par_iter()
            .map(|i| {
                // A bug in a rule or an extractor costs one file, not the run.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint_whole(set, i, args, &opts))).unwrap_or_else(|_| FileOutcome {
                    path: input::display_name(i, args.stdin_filename.as_deref()),
                    text: String::new(),
                    findings: vec![],
                    problems: vec![Problem::whole("internal error while linting this file (a bug in mtlint: please report it)")],
                    fixed: 0,
                })
            })
            .collect();
        pending.clear();
        for o in outcomes {
            sink.summary.files += 1;
            sink.summary.fixed += o.fixed;
            sink.summary.failed_files += usize::from(!o.problems.is_empty());
            sink.emit(&o.path, &Located::new(&o.text, 0, 1), o.findings, &o.problems, &mut HashMap::new())?;
        }
        Ok(())
    };
    for item in inputs {
        let input = match item {
            Ok(input) => input,
            Err((path, msg)) => {
                flush(&mut pending, &mut sink)?;
                sink.summary.files += 1;
                sink.summary.failed_files += 1;
                sink.emit(&path, &Located::new("", 0, 1), vec![], &[Problem::whole(msg)], &mut HashMap::new())?;
                continue;
            }
        };
        let stream = match &input {
            Input::File(p) => streamed(p).map(|kind| (p.clone(), kind)),
            Input::Stdin => None,
        };
        let Some((path, kind)) = stream else {
            pending.push(input);
            if pending.len() >= 64 {
                flush(&mut pending, &mut sink)?;
            }
            continue;
        };
        flush(&mut pending, &mut sink)?;
        sink.summary.files += 1;
        if let Err(m) = input::refuse_binary(&path) {
            sink.summary.failed_files += 1;
            sink.emit(&path.display().to_string(), &Located::new("", 0, 1), vec![], &[Problem::whole(m)], &mut HashMap::new())?;
            continue;
        }
        // Fixed first; if the fixed file cannot be written, the file as it is is linted and the
        // reason reported after its findings.
        let mut earlier = None;
        if args.fix && kind == Stream::Jsonl {
            match fix_stream(set, &path, args, &opts) {
                Ok(n) => sink.summary.fixed += n,
                Err(m) => earlier = Some(Problem::whole(m)),
            }
        }
        lint_stream(&mut sink, &path, args, &opts, kind, earlier)?;
    }
    flush(&mut pending, &mut sink)?;
    if let (Some(path), Some(entries)) = (&args.write_baseline, sink.new_baseline.take())
        && let Err(m) = (Baseline { version: 1, findings: entries }).save(path)
    {
        eprintln!("mtlint: {m}");
        return Ok(FAILED);
    }
    if args.format == output::Format::Sarif {
        let end = sink.sarif.finish(set);
        sink.out.write_all(end.as_bytes())?;
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
