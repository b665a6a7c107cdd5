//! Byte spans into the original text, the one coordinate system of mtlint.

use std::ops::Range;

/// A half-open byte range into the original input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Shift a span found in a slice that starts at `offset`.
    pub fn offset(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
    pub fn text(self, text: &str) -> &str {
        &text[self.range()]
    }
}

/// The largest char boundary of `text` at or below `i` (`i` past the end counts as the end).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or above `i` (at most the end).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Characters that carry no text but may sit anywhere: BOM, zero-width spaces and joiners.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// Whitespace in the wide sense used for trimming: Unicode white space (tabs, no-break spaces)
/// and the invisible characters.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Trim blank characters from both ends of `span`, keeping byte positions exact.
pub fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start_trim = s.len() - s.trim_start_matches(is_blank).len();
    let rest = &s[start_trim..];
    let trimmed = rest.trim_end_matches(is_blank);
    Span::new(span.start + start_trim, span.start + start_trim + trimmed.len())
}
