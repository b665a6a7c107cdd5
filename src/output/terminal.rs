//! Terminal output: rustc-style diagnostics rendered by codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use super::FileReport;
use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::rules::error::FileError;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn buffer(color: bool) -> Buffer {
    if color { Buffer::ansi() } else { Buffer::no_color() }
}

pub fn render(set: &RuleSet, report: &FileReport, color: bool) -> String {
    let file = SimpleFile::new(report.path, report.text);
    let config = Config::default();
    let mut buf = buffer(color);
    for d in report.diagnostics {
        let rule = &set.rules[d.rule];
        let mut notes = Vec::new();
        if let Some(h) = &d.help {
            notes.push(format!("help: {h}"));
        }
        if let Some(f) = &d.fix {
            notes.push(format!("fix: replace with “{}”", f.replacement));
        }
        let label = if d.span.is_empty() { rule.summary.clone() } else { d.span.text(report.text).chars().take(60).collect() };
        let diag = Report::new(severity(d.severity))
            .with_code(format!("{}/{}", rule.id, rule.name))
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), d.span.range()).with_message(label)])
            .with_notes(notes);
        // Rendering into memory cannot fail for a valid span.
        let _ = term::emit_to_write_style(&mut buf, &config, &file, &diag);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// A broken rule or config file, shown like a compiler error pointing into the TOML.
pub fn render_file_error(e: &FileError, color: bool) -> String {
    let file = SimpleFile::new(e.path.as_str(), e.source_text.as_str());
    let mut diag = Report::error().with_message(&e.message);
    if let Some(span) = &e.span {
        let end = span.end.min(e.source_text.len()).max(span.start);
        diag = diag.with_labels(vec![Label::primary((), span.start..end)]);
    } else {
        diag = diag.with_notes(vec![format!("in {}", e.path)]);
    }
    let mut buf = buffer(color);
    let _ = term::emit_to_write_style(&mut buf, &Config::default(), &file, &diag);
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}
