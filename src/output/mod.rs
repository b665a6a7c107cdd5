//! Output formats: one module per format. Each turns one file's diagnostics into text, in one piece,
//! so files linted in parallel never interleave.

pub mod brief;
pub mod json;
pub mod terminal;

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::RuleSet;
use crate::text::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source excerpts
    Terminal,
    /// `path:line:column: severity[id] message`, one per line
    Brief,
    /// JSON Lines: one object per diagnostic, then a summary object
    Json,
}

/// One linted input and what was found in it.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

impl FileReport<'_> {
    /// 1-based (line, column) of the start and of the end of a diagnostic, columns in characters.
    pub fn positions(&self, index: &LineIndex, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
        (index.line_col(self.text, d.span.start), index.line_col(self.text, d.span.end))
    }
}

/// Totals over a whole run.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub failed_files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file")
        );
        if self.failed_files > 0 {
            s.push_str(&format!("; {} could not be linted", plural(self.failed_files, "file")));
        }
        s
    }
}

/// Render one file's report in `format`.
pub fn render(format: Format, set: &RuleSet, report: &FileReport, color: bool) -> String {
    match format {
        Format::Terminal => terminal::render(set, report, color),
        Format::Brief => brief::render(set, report),
        Format::Json => json::render(set, report),
    }
}

/// The closing summary in `format`.
pub fn render_summary(format: Format, summary: &Summary) -> String {
    match format {
        Format::Terminal | Format::Brief => format!("{}\n", summary.line()),
        Format::Json => json::summary(summary),
    }
}

/// A file that could not be linted, in `format`.
pub fn render_failure(format: Format, path: &str, message: &str) -> String {
    match format {
        Format::Json => json::failure(path, message),
        _ => format!("error: {path}: {message}\n"),
    }
}
