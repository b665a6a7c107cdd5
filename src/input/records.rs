//! Streaming a feed record by record with flat memory: the lines of a JSON Lines file, or the
//! `<item>` / `<entry>` elements of an RSS or Atom file, each with its offset and line in the file.

use std::io::{BufRead, BufReader, Read};

/// One record as read: its bytes and where it starts.
#[derive(Debug)]
pub struct RawRecord {
    /// 1-based line of the record's first byte (line breaks counted as the text model counts them:
    /// `\n`, `\r\n` and a lone `\r`).
    pub line: usize,
    /// Characters before the record on its first line (0 when it starts a line).
    pub column: usize,
    /// Byte offset of the record in the file.
    pub offset: usize,
    pub bytes: Vec<u8>,
    /// The input ended inside this record (a truncated feed).
    pub truncated: bool,
}

/// Where a reader stands in a file: line and character column, counted as the text model counts
/// them (a lone `\r` ends a line, `\r\n` is one break), across reads of any size.
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    /// 1-based line.
    pub line: usize,
    /// Characters since the start of the line.
    pub column: usize,
    /// The last byte passed was a `\r` (a `\n` right after it ends no further line).
    after_cr: bool,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor { line: 1, column: 0, after_cr: false }
    }
}

impl Cursor {
    /// Move past `bytes` (which may end or start inside a character or a `\r\n`).
    pub fn advance(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\r' => {
                    self.line += 1;
                    self.column = 0;
                }
                b'\n' if !self.after_cr => {
                    self.line += 1;
                    self.column = 0;
                }
                b'\n' => {}
                // A character is counted at its first byte.
                b if b & 0xC0 != 0x80 => self.column += 1,
                _ => {}
            }
            self.after_cr = b == b'\r';
        }
    }
}

/// The lines of a JSON Lines file (a record ends at `\n`, as JSON Lines says; a lone `\r` inside
/// one still counts as a line break for the numbering, as everywhere else).
pub struct Lines<R> {
    reader: BufReader<R>,
    at: Cursor,
    offset: usize,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines { reader: BufReader::with_capacity(1 << 20, inner), at: Cursor::default(), offset: 0 }
    }
}

impl<R: Read> Iterator for Lines<R> {
    type Item = std::io::Result<RawRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut bytes = Vec::new();
        match self.reader.read_until(b'\n', &mut bytes) {
            Ok(0) => None,
            Ok(n) => {
                let record = RawRecord { line: self.at.line, column: self.at.column, offset: self.offset, bytes, truncated: false };
                self.at.advance(&record.bytes);
                self.offset += n;
                Some(Ok(record))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// The `<item>` (RSS) and `<entry>` (Atom) elements of a feed.
pub struct Items<R> {
    reader: R,
    /// Unconsumed bytes, starting at file offset `base`, at position `base_at`.
    buf: Vec<u8>,
    base: usize,
    base_at: Cursor,
    eof: bool,
    /// Where the search for the current item's end tag resumes (so long items are scanned once).
    resume: usize,
}

impl<R: Read> Items<R> {
    pub fn new(inner: R) -> Self {
        Items { reader: inner, buf: Vec::new(), base: 0, base_at: Cursor::default(), eof: false, resume: 0 }
    }

    /// Read more input; false at the end.
    fn fill(&mut self) -> std::io::Result<bool> {
        let mut chunk = vec![0; 1 << 20];
        let n = self.reader.read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// The line and column of buffer position `i`.
    fn cursor_at(&self, i: usize) -> Cursor {
        let mut at = self.base_at;
        at.advance(&self.buf[..i]);
        at
    }

    /// The record at `start..end` of the buffer, consumed.
    fn take(&mut self, start: usize, end: usize, truncated: bool) -> RawRecord {
        let at = self.cursor_at(start);
        let record = RawRecord { line: at.line, column: at.column, offset: self.base + start, bytes: self.buf[start..end].to_vec(), truncated };
        self.consume(end);
        record
    }

    /// Drop the first `n` bytes of the buffer, keeping offsets and line numbers right.
    fn consume(&mut self, n: usize) {
        self.resume = 0;
        self.base_at.advance(&self.buf[..n]);
        self.base += n;
        self.buf.drain(..n);
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|i| i + from)
}

/// Where the next `<item` or `<entry` start tag begins, and its end tag.
fn next_start(buf: &[u8]) -> Option<(usize, &'static [u8])> {
    let mut from = 0;
    while let Some(i) = find(buf, b"<", from) {
        for (open, close) in [(&b"<item"[..], &b"</item>"[..]), (&b"<entry"[..], &b"</entry>"[..])] {
            let after = buf.get(i + open.len());
            if buf[i..].len() >= open.len() && buf[i..i + open.len()].eq_ignore_ascii_case(open) && after.is_some_and(|c| c.is_ascii_whitespace() || *c == b'>') {
                return Some((i, close));
            }
        }
        from = i + 1;
    }
    None
}

impl<R: Read> Iterator for Items<R> {
    type Item = std::io::Result<RawRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((start, close)) = next_start(&self.buf) {
                if let Some(end) = find(&self.buf, close, start.max(self.resume)) {
                    return Some(Ok(self.take(start, end + close.len(), false)));
                }
                self.resume = self.buf.len().saturating_sub(close.len());
                if self.eof {
                    return Some(Ok(self.take(start, self.buf.len(), true)));
                }
            } else if self.eof {
                return None;
            } else {
                // Keep a possible partial start tag at the end of the buffer.
                let keep = self.buf.len().min(8);
                let n = self.buf.len() - keep;
                self.consume(n);
            }
            match self.fill() {
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_cut_out_with_offsets_and_lines() {
        let src = "<rss><channel>\n<title>x</title>\n<item><title>A</title></item>\n<ITEM>\n<title>B</title></ITEM><entry><title>C";
        let recs: Vec<RawRecord> = Items::new(src.as_bytes()).map(Result::unwrap).collect();
        assert_eq!(recs.len(), 3);
        assert_eq!(&src[recs[0].offset..recs[0].offset + recs[0].bytes.len()], "<item><title>A</title></item>");
        assert_eq!((recs[0].line, recs[1].line), (3, 4));
        assert!(recs[2].truncated && !recs[1].truncated);
        assert_eq!((recs[0].column, recs[1].column, recs[2].column), (0, 0, 23));
    }

    #[test]
    fn item_positions_count_characters_and_lone_carriage_returns() {
        let src = "<rss>\r<channel>\r\n<title>Café “x”</title><item><title>A</title></item></channel></rss>";
        let recs: Vec<RawRecord> = Items::new(src.as_bytes()).map(Result::unwrap).collect();
        assert_eq!((recs[0].line, recs[0].column), (3, 23));
        // Read one byte at a time, a `\r\n` split between reads is still one break.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let recs: Vec<RawRecord> = Items::new(Trickle(src.as_bytes())).map(Result::unwrap).collect();
        assert_eq!((recs[0].line, recs[0].column), (3, 23));
    }

    #[test]
    fn lines_keep_offsets() {
        let recs: Vec<RawRecord> = Lines::new("a\r\nbb\n\nc".as_bytes()).map(Result::unwrap).collect();
        assert_eq!(recs.iter().map(|r| (r.line, r.offset)).collect::<Vec<_>>(), vec![(1, 0), (2, 3), (3, 6), (4, 7)]);
        // A lone CR breaks a line for the numbering (as in the text model) but not a record.
        let recs: Vec<RawRecord> = Lines::new("{\"a\":\r1}\nx".as_bytes()).map(Result::unwrap).collect();
        assert_eq!(recs.iter().map(|r| (r.line, r.column, r.offset)).collect::<Vec<_>>(), vec![(1, 0, 0), (3, 0, 9)]);
    }
}
