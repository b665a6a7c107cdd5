//! Line table: line starts, and 1-based line / character-column lookup for reporting.

use super::span::Span;

/// Start offsets of every line; `\n`, `\r\n` and a lone `\r` end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 0-based line number holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The content of the line holding byte `offset`, without its terminator.
    pub fn line_span_at(&self, text: &str, offset: usize) -> Span {
        let line = self.line_of(offset.min(text.len()));
        let s = self.starts[line];
        let mut e = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while e > s && (b[e - 1] == b'\n' || b[e - 1] == b'\r') {
            e -= 1;
        }
        Span::new(s, e)
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The content of every line, without its terminator.
    pub fn line_spans(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::with_capacity(self.starts.len());
        for (i, &s) in self.starts.iter().enumerate() {
            let mut e = self.starts.get(i + 1).copied().unwrap_or(text.len());
            let b = text.as_bytes();
            while e > s && (b[e - 1] == b'\n' || b[e - 1] == b'\r') {
                e -= 1;
            }
            out.push(Span::new(s, e));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_crlf_is_one_break() {
        let text = "a\r\n“é” x\rz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 5));
        assert_eq!(idx.line_col(text, text.find('z').unwrap()), (3, 1));
        let lines = idx.line_spans(text);
        assert_eq!(lines[0].text(text), "a");
        assert_eq!(lines[1].text(text), "“é” x");
    }
}
