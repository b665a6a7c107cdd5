//! Terminal output: rustc-style diagnostics rendered by codespan-reporting.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::lint::{Finding, Located};
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

/// A piece of a file (a feed line) shown with the file's own line numbers.
struct Piece<'a> {
    file: SimpleFile<&'a str, &'a str>,
    first_line: usize,
}

impl<'a> Files<'a> for Piece<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<&'a str, FilesError> {
        Files::name(&self.file, id)
    }
    fn source(&'a self, id: ()) -> Result<&'a str, FilesError> {
        Files::source(&self.file, id)
    }
    fn line_index(&'a self, id: (), byte_index: usize) -> Result<usize, FilesError> {
        Files::line_index(&self.file, id, byte_index)
    }
    fn line_range(&'a self, id: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        Files::line_range(&self.file, id, line_index)
    }
    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, FilesError> {
        Ok(line_index + self.first_line)
    }
}

pub fn render(set: &RuleSet, path: &str, located: &Located, findings: &[Finding], color: bool) -> String {
    let files = Piece { file: SimpleFile::new(path, located.text), first_line: located.first_line };
    let config = Config::default();
    let mut buf = buffer(color);
    for d in findings {
        let rule = &set.rules[d.rule];
        let mut notes = Vec::new();
        if let Some(r) = &d.record {
            notes.push(format!("record: line {}, id {}, field {}", r.line, r.id.as_deref().unwrap_or("?"), r.field));
        }
        if let Some(h) = &d.help {
            notes.push(format!("help: {h}"));
        }
        if let Some(f) = &d.fix {
            notes.push(format!("fix: replace with “{}”", f.replacement));
        }
        let range = d.span.start - located.base..d.span.end - located.base;
        let diag = Report::new(severity(d.severity))
            .with_code(format!("{}/{}", rule.id, rule.name))
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), range)])
            .with_notes(notes);
        // Rendering into memory cannot fail for a valid span.
        let _ = term::emit_to_write_style(&mut buf, &config, &files, &diag);
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
