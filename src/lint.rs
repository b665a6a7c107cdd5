//! Linting an input: its articles (units) linted with a rule set, and every diagnostic turned into a
//! finding located in the bytes, lines and character columns of the file as read.

use crate::diagnostic::{Fix, Severity};
use crate::engine::RuleSet;
use crate::input::{Record, Unit};
use crate::text::{LineIndex, Span};


/// A diagnostic located in the original file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: usize,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Half-open byte range into the file as read.
    pub span: Span,
    /// The file's bytes at `span`.
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// In file bytes, the replacement written for the file's format.
    pub fix: Option<Fix>,
    pub record: Option<Record>,
}

/// A piece of a file (the whole file, or one line of a feed) with its line table.
pub struct Located<'a> {
    pub text: &'a str,
    /// Byte offset of `text` in the file.
    pub base: usize,
    /// Line number of the first line of `text` in the file.
    pub first_line: usize,
    /// Characters before `text` on its first line (a feed item in the middle of a line).
    pub first_column: usize,
    index: LineIndex,
    /// The last position computed (offset in `text`, line index, column): findings come in order,
    /// so counting characters from there keeps long lines linear.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Located<'a> {
    pub fn new(text: &'a str, base: usize, first_line: usize) -> Self {
        Located { text, base, first_line, first_column: 0, index: LineIndex::new(text), last: std::cell::Cell::new((0, 0, 1)) }
    }

    /// The same piece, starting `column` characters into its first line.
    pub fn at_column(mut self, column: usize) -> Self {
        self.first_column = column;
        self
    }

    /// The line table of `text`.
    pub fn lines(&self) -> &LineIndex {
        &self.index
    }

    /// 1-based line and character column of a file offset inside this piece.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.saturating_sub(self.base).min(self.text.len());
        let line = self.index.line_of(offset);
        let (last_offset, last_line, last_col) = self.last.get();
        let col = if line == last_line && last_offset <= offset && self.text.is_char_boundary(last_offset) {
            last_col + self.text[last_offset..offset].chars().count()
        } else {
            self.index.line_col(self.text, offset).1
        };
        self.last.set((offset, line, col));
        (line + self.first_line, if line == 0 { col + self.first_column } else { col })
    }

    /// The line holding a file offset, as a span of `text` (not of the file), without terminator.
    pub fn line_at(&self, offset: usize) -> Span {
        self.index.line_span_at(self.text, offset.saturating_sub(self.base))
    }

    pub fn slice(&self, span: Span) -> &'a str {
        let s = span.start.saturating_sub(self.base).min(self.text.len());
        let e = span.end.saturating_sub(self.base).min(self.text.len()).max(s);
        self.text.get(s..e).unwrap_or("")
    }
}

/// Lint one unit; its spans are mapped into `located` (the file or the feed line it came from).
pub fn lint_unit(set: &RuleSet, unit: &Unit, located: &Located, min: Severity) -> Vec<Finding> {
    let text = &unit.text.text;
    set.lint_in_regions(text, &unit.regions)
        .into_iter()
        .filter(|d| d.severity >= min)
        .map(|d| {
            let span = unit.to_original(d.span);
            let (line, column) = located.position(span.start);
            let (end_line, end_column) = located.position(span.end);
            // A fix is kept only where the extracted text is the original text (no entity or
            // escape inside), so the replacement lands exactly.
            let fix = d.fix.and_then(|f| {
                let orig = unit.to_original(f.span);
                (located.slice(orig) == f.span.text(text)).then(|| Fix { span: orig, replacement: unit.escape.apply(&f.replacement) })
            });
            Finding {
                rule: d.rule,
                severity: d.severity,
                message: d.message,
                help: d.help,
                span,
                text: located.slice(span).to_string(),
                line,
                column,
                end_line,
                end_column,
                fix,
                record: unit.record.clone(),
            }
        })
        .collect()
}
