//! Terminal output: rustc-style diagnostics rendered by codespan-reporting.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files, SimpleFile};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::lint::{Finding, Located};
use crate::text::span::{ceil_char_boundary, floor_char_boundary};
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

/// A line longer than this (bytes) is shown as a window around the flagged text.
const LONG_LINE: usize = 400;
/// Context kept on each side of the flagged text in a window (bytes, then snapped to characters).
const CONTEXT: usize = 100;
/// Flagged text longer than this is shown cut, with an ellipsis.
const LONG_SPAN: usize = 240;

/// The excerpt of a long line shown for one finding: `…` + a window of the line + `…`, with the
/// file's line number and the columns of the original line.
struct Window<'a> {
    name: &'a str,
    excerpt: String,
    line_number: usize,
    /// Characters of the line before the window.
    skipped_chars: usize,
    /// Bytes of the leading ellipsis in `excerpt`.
    prefix: usize,
}

impl<'a> Files<'a> for Window<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }
    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.excerpt)
    }
    fn line_index(&'a self, _: (), _: usize) -> Result<usize, FilesError> {
        Ok(0)
    }
    fn line_range(&'a self, _: (), _: usize) -> Result<Range<usize>, FilesError> {
        Ok(0..self.excerpt.len())
    }
    fn line_number(&'a self, _: (), _: usize) -> Result<usize, FilesError> {
        Ok(self.line_number)
    }
    fn column_number(&'a self, _: (), _: usize, byte_index: usize) -> Result<usize, FilesError> {
        let at = byte_index.max(self.prefix).min(self.excerpt.len());
        Ok(self.skipped_chars + self.excerpt.get(self.prefix..at).map_or(0, |s| s.chars().count()) + 1)
    }
}

/// For a finding on a long line: the window to show and the label's range in it.
/// `line` and `column` are the finding's (1-based, characters): nothing is counted from the start
/// of the line, so many findings on one long line cost no more than their windows.
fn window<'a>(path: &'a str, located: &Located, range: Range<usize>, line: usize, column: usize) -> (Window<'a>, Range<usize>) {
    let text = located.text;
    let bounds = located.line_at(range.start + located.base);
    let (line_start, line_end) = (bounds.start, bounds.end.max(range.start));
    let shown_end = range.end.min(line_end).min(range.start + LONG_SPAN);
    let from = floor_char_boundary(text, range.start.saturating_sub(CONTEXT).max(line_start));
    let to = ceil_char_boundary(text, (shown_end + CONTEXT).min(line_end));
    let shown_end = ceil_char_boundary(text, shown_end);
    let mut excerpt = String::new();
    if from > line_start {
        excerpt.push('…');
    }
    let prefix = excerpt.len();
    excerpt.push_str(&text[from..to]);
    if to < line_end {
        excerpt.push('…');
    }
    let label = prefix + (range.start - from)..prefix + (shown_end - from);
    let skipped_chars = (column - 1).saturating_sub(text[from..range.start].chars().count());
    (Window { name: path, excerpt, line_number: line, skipped_chars, prefix }, label)
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
        let long = located.line_at(d.span.start).len() > LONG_LINE || range.len() > LONG_SPAN;
        let report = |range: Range<usize>| {
            Report::new(severity(d.severity))
                .with_code(format!("{}/{}", rule.id, rule.name))
                .with_message(&d.message)
                .with_labels(vec![Label::primary((), range)])
                .with_notes(notes.clone())
        };
        // Rendering into memory cannot fail for a valid span.
        if long {
            let (w, label) = window(path, located, range, d.line, d.column);
            let _ = term::emit_to_write_style(&mut buf, &config, &w, &report(label));
        } else {
            let _ = term::emit_to_write_style(&mut buf, &config, &files, &report(range));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shown_as_a_window_with_the_original_columns() {
        let text = format!("{}He saw the the cat.{}\nnext", "é".repeat(1000), " x".repeat(1000));
        let located = Located::new(&text, 0, 1);
        let start = text.find("the the").unwrap();
        let column = text[..start].chars().count() + 1;
        let (w, label) = window("f.txt", &located, start..start + 7, 1, column);
        assert!(w.excerpt.starts_with('…') && w.excerpt.ends_with('…'), "{}", w.excerpt);
        assert!(w.excerpt.len() < 400);
        assert_eq!(&w.excerpt[label.clone()], "the the");
        assert_eq!(w.column_number((), 0, label.start).unwrap(), 1000 + "He saw ".len() + 1);
    }
}
