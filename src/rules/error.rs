//! Errors in rule files, lists and configuration, located in the file they come from.

use std::ops::Range;

/// One problem in a rule, list or config file: which file, where in it, and what is wrong.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct FileError {
    pub path: String,
    /// The file's text, for rendering the location.
    pub source_text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl FileError {
    pub fn new(path: &str, source_text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        FileError { path: path.to_string(), source_text: source_text.to_string(), span, message: message.into() }
    }

    /// 1-based line and character column of the error, when it has a location.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let span = self.span.clone()?;
        let idx = crate::text::LineIndex::new(&self.source_text);
        Some(idx.line_col(&self.source_text, span.start))
    }

    /// `path:line:col: message`, for logs and tests.
    pub fn brief(&self) -> String {
        match self.line_col() {
            Some((l, c)) => format!("{}:{}:{}: {}", self.path, l, c, self.message),
            None => format!("{}: {}", self.path, self.message),
        }
    }
}

/// Everything that went wrong while loading a rule set; loading reports all of it at once.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} error(s) in rule files", .0.len())]
pub struct LoadError(pub Vec<FileError>);

/// An error in one rule's kind parameters, before the file it belongs to is known.
#[derive(Debug, Clone)]
pub struct SpecError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl SpecError {
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        SpecError { span: Some(span), message: message.into() }
    }
    pub fn whole(message: impl Into<String>) -> Self {
        SpecError { span: None, message: message.into() }
    }
}
