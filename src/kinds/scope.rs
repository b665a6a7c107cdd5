//! Scopes: the units of text a rule looks at one at a time.

use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Document,
    Paragraph,
    Sentence,
    Line,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::Document, Scope::Paragraph, Scope::Sentence, Scope::Line];

    /// The units of `doc` for this scope, as spans (trimmed of blank characters).
    pub fn units(self, doc: &Document) -> Vec<Span> {
        match self {
            Scope::Document => vec![Span::new(0, doc.text.len())],
            Scope::Paragraph => doc.paragraphs.iter().map(|p| p.span).collect(),
            Scope::Sentence => doc.sentences.iter().map(|s| s.span).collect(),
            Scope::Line => doc.lines.clone(),
        }
    }
}
