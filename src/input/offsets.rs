//! Offset maps: text extracted from an input (Markdown prose, HTML text, a JSON string) keeps a map
//! back to the bytes of the original file, so every span reported points into the file as read.

use crate::text::Span;

/// One run of extracted text and where it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Start in the extracted text.
    ext: usize,
    ext_len: usize,
    /// Start in the original bytes.
    orig: usize,
    orig_len: usize,
    /// Copied byte for byte: offsets inside map one to one.
    verbatim: bool,
}

/// Extracted text with its map to original offsets.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pieces: Vec<Piece>,
    /// Where an empty text stands in the original (an empty JSON string, an empty element).
    origin: usize,
}

impl Extracted {
    /// Empty text found at `orig` in the original: spans of it map there, not to the file's start.
    pub fn at(orig: usize) -> Self {
        Extracted { origin: orig, ..Extracted::default() }
    }

    /// Text copied unchanged from `orig_start` in the original.
    pub fn push_verbatim(&mut self, s: &str, orig_start: usize) {
        if s.is_empty() {
            return;
        }
        self.pieces.push(Piece { ext: self.text.len(), ext_len: s.len(), orig: orig_start, orig_len: s.len(), verbatim: true });
        self.text.push_str(s);
    }

    /// `decoded` stands for the original bytes `orig` (an entity, an escape sequence).
    pub fn push_replaced(&mut self, decoded: &str, orig: Span) {
        if decoded.is_empty() {
            return;
        }
        self.pieces.push(Piece { ext: self.text.len(), ext_len: decoded.len(), orig: orig.start, orig_len: orig.len(), verbatim: false });
        self.text.push_str(decoded);
    }

    /// Text that is not in the original (a paragraph break between blocks), placed at `orig_at`.
    pub fn push_synthetic(&mut self, s: &str, orig_at: usize) {
        self.push_replaced(s, Span::new(orig_at, orig_at));
    }

    /// End a paragraph (a blank line) at `orig_at`, unless the text is empty or already ends one.
    pub fn paragraph_break(&mut self, orig_at: usize) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.push_synthetic("\n\n", orig_at);
        }
    }

    /// Move every original offset by `by` (text extracted from a piece that starts at `by` in its file).
    pub fn shift(&mut self, by: usize) {
        for p in &mut self.pieces {
            p.orig += by;
        }
        self.origin += by;
    }

    /// Does the extracted text end with `s`?
    pub fn ends_with(&self, s: &str) -> bool {
        self.text.ends_with(s)
    }

    fn piece_at(&self, ext: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.ext + p.ext_len <= ext);
        self.pieces.get(i)
    }

    /// Map a span of the extracted text to the original bytes. A span that starts or ends inside a
    /// replaced piece (an entity) widens to cover the whole piece.
    pub fn to_original(&self, span: Span) -> Span {
        let start = match self.piece_at(span.start) {
            Some(p) if p.verbatim => p.orig + (span.start - p.ext),
            Some(p) => p.orig,
            None => self.pieces.last().map_or(self.origin, |p| p.orig + p.orig_len),
        };
        if span.end <= span.start {
            return Span::new(start, start);
        }
        let end = match self.piece_at(span.end - 1) {
            Some(p) if p.verbatim => p.orig + (span.end - p.ext),
            Some(p) => p.orig + p.orig_len,
            None => start,
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_through_verbatim_replaced_and_synthetic_pieces() {
        // original: "<p>A &amp; B</p><p>C</p>"
        let mut x = Extracted::default();
        x.push_verbatim("A ", 3);
        x.push_replaced("&", Span::new(5, 10));
        x.push_verbatim(" B", 10);
        x.push_synthetic("\n\n", 16);
        x.push_verbatim("C", 19);
        assert_eq!(x.text, "A & B\n\nC");
        assert_eq!(x.to_original(Span::new(0, 1)), Span::new(3, 4));
        assert_eq!(x.to_original(Span::new(2, 3)), Span::new(5, 10));
        assert_eq!(x.to_original(Span::new(0, 5)), Span::new(3, 12));
        assert_eq!(x.to_original(Span::new(7, 8)), Span::new(19, 20));
        assert_eq!(x.to_original(Span::new(4, 8)), Span::new(11, 20));
    }
}
