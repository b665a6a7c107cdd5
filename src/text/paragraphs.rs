//! Paragraphs: blank-line separated, or one per line when the whole document is written that way.

use super::span::{Span, is_blank, trim};

/// How a document marks its paragraphs; decided once per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphStyle {
    /// Paragraphs are separated by blank lines; a paragraph may span several lines.
    BlankLines,
    /// No blank line separates two text lines: every line is a paragraph.
    OnePerLine,
}

fn is_blank_line(text: &str, line: Span) -> bool {
    line.text(text).chars().all(is_blank)
}

/// A blank line between two text lines means the document separates paragraphs with blank lines.
pub fn detect_style(text: &str, lines: &[Span]) -> ParagraphStyle {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for &l in lines {
        if is_blank_line(text, l) {
            blank_after_text |= seen_text;
        } else {
            if blank_after_text {
                return ParagraphStyle::BlankLines;
            }
            seen_text = true;
        }
    }
    ParagraphStyle::OnePerLine
}

/// Paragraph spans, trimmed of blank characters at both ends.
pub fn split(text: &str, lines: &[Span], style: ParagraphStyle) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for &l in lines {
        if is_blank_line(text, l) {
            if let Some(p) = current.take() {
                out.push(trim(text, p));
            }
            continue;
        }
        match style {
            ParagraphStyle::OnePerLine => out.push(trim(text, l)),
            ParagraphStyle::BlankLines => {
                current = Some(match current {
                    Some(p) => Span::new(p.start, l.end),
                    None => l,
                })
            }
        }
    }
    if let Some(p) = current {
        out.push(trim(text, p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::LineIndex;

    fn paras(text: &str) -> (ParagraphStyle, Vec<&str>) {
        let lines = LineIndex::new(text).line_spans(text);
        let style = detect_style(text, &lines);
        (style, split(text, &lines, style).iter().map(|s| s.text(text)).collect())
    }

    #[test]
    fn blank_line_documents_keep_wrapped_lines_together() {
        let (style, p) = paras("\u{FEFF}One\nstill one.\r\n\r\nTwo.\n");
        assert_eq!(style, ParagraphStyle::BlankLines);
        assert_eq!(p, vec!["One\nstill one.", "Two."]);
    }

    #[test]
    fn documents_without_blank_lines_have_a_paragraph_per_line() {
        let (style, p) = paras("One.\nTwo.\n\n");
        assert_eq!(style, ParagraphStyle::OnePerLine);
        assert_eq!(p, vec!["One.", "Two."]);
    }

    #[test]
    fn leading_blank_lines_do_not_decide_the_style() {
        let (style, _) = paras("\n\nOne.\nTwo.");
        assert_eq!(style, ParagraphStyle::OnePerLine);
    }
}
