//! Streaming a feed record by record with flat memory: the lines of a JSON Lines file, or the
//! `<item>` / `<entry>` elements of an RSS or Atom file, each with its offset and line in the file.

use std::io::{BufRead, BufReader, Read};

/// One record as read: its bytes and where it starts.
#[derive(Debug)]
pub struct RawRecord {
    /// 1-based line of the record's first byte.
    pub line: usize,
    /// Byte offset of the record in the file.
    pub offset: usize,
    pub bytes: Vec<u8>,
    /// The input ended inside this record (a truncated feed).
    pub truncated: bool,
}

/// The lines of a JSON Lines file.
pub struct Lines<R> {
    reader: BufReader<R>,
    line: usize,
    offset: usize,
}

impl<R: Read> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines { reader: BufReader::with_capacity(1 << 20, inner), line: 0, offset: 0 }
    }
}

impl<R: Read> Iterator for Lines<R> {
    type Item = std::io::Result<RawRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut bytes = Vec::new();
        match self.reader.read_until(b'\n', &mut bytes) {
            Ok(0) => None,
            Ok(n) => {
                self.line += 1;
                let record = RawRecord { line: self.line, offset: self.offset, bytes, truncated: false };
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
    /// Unconsumed bytes, starting at file offset `base`, on line `base_line`.
    buf: Vec<u8>,
    base: usize,
    base_line: usize,
    eof: bool,
    /// Where the search for the current item's end tag resumes (so long items are scanned once).
    resume: usize,
}

impl<R: Read> Items<R> {
    pub fn new(inner: R) -> Self {
        Items { reader: inner, buf: Vec::new(), base: 0, base_line: 1, eof: false, resume: 0 }
    }

    /// Read more input; false at the end.
    fn fill(&mut self) -> std::io::Result<bool> {
        let mut chunk = vec![0; 1 << 20];
        let n = self.reader.read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// Drop the first `n` bytes of the buffer, keeping offsets and line numbers right.
    fn consume(&mut self, n: usize) {
        self.resume = 0;
        self.base_line += self.buf[..n].iter().filter(|b| **b == b'\n').count();
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
                    let end = end + close.len();
                    let line = self.base_line + self.buf[..start].iter().filter(|b| **b == b'\n').count();
                    let record = RawRecord { line, offset: self.base + start, bytes: self.buf[start..end].to_vec(), truncated: false };
                    self.consume(end);
                    return Some(Ok(record));
                }
                self.resume = self.buf.len().saturating_sub(close.len());
                if self.eof {
                    let line = self.base_line + self.buf[..start].iter().filter(|b| **b == b'\n').count();
                    let record = RawRecord { line, offset: self.base + start, bytes: self.buf[start..].to_vec(), truncated: true };
                    let n = self.buf.len();
                    self.consume(n);
                    return Some(Ok(record));
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
    }

    #[test]
    fn lines_keep_offsets() {
        let recs: Vec<RawRecord> = Lines::new("a\r\nbb\n\nc".as_bytes()).map(Result::unwrap).collect();
        assert_eq!(recs.iter().map(|r| (r.line, r.offset)).collect::<Vec<_>>(), vec![(1, 0), (2, 3), (3, 6), (4, 7)]);
    }
}
