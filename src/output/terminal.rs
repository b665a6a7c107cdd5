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

/// A piece of a file (a feed line, an RSS item) shown with the file's own line numbers and
/// columns, its lines broken where the text model breaks them (a lone `\r` too).
struct Piece<'a> {
    file: SimpleFile<&'a str, &'a str>,
    located: &'a Located<'a>,
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
    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.located.lines().line_of(byte_index))
    }
    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let lines = self.located.lines();
        let start = lines.line_start(line_index).ok_or(FilesError::LineTooLarge { given: line_index, max: lines.line_count() - 1 })?;
        Ok(start..lines.line_start(line_index + 1).unwrap_or(self.located.text.len()))
    }
    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, FilesError> {
        Ok(line_index + self.located.first_line)
    }
    fn column_number(&'a self, id: (), line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let start = self.line_range(id, line_index)?.start;
        let chars = self.located.text.get(start..byte_index.max(start)).map_or(0, |s| s.chars().count());
        Ok(chars + 1 + if line_index == 0 { self.located.first_column } else { 0 })
    }
}

pub fn render(set: &RuleSet, path: &str, located: &Located, findings: &[Finding], color: bool) -> String {
    let files = Piece { file: SimpleFile::new(path, located.text), located };
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
