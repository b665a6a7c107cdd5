//! Inputs: which files a run lints (paths, directories walked, stdin: see [`paths`]), their
//! formats (plain text, Markdown, HTML, JSON Lines, RSS/Atom), and the articles extracted from them,
//! each with a map back to the bytes of the file as read.

pub mod feed;
pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod offsets;
pub mod paths;
pub mod records;

pub use paths::{Expanded, Walk, expand};

use std::io::Read;
use std::path::{Path, PathBuf};

use offsets::Extracted;

use crate::text::{Regions, Span};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// plain text (.txt, .text)
    Text,
    /// Markdown prose (.md, .markdown)
    Markdown,
    /// visible HTML text (.html, .htm)
    Html,
    /// JSON Lines / NDJSON, one article per line (.jsonl, .ndjson)
    Jsonl,
    /// RSS 2.0 or Atom (.rss, .atom, .xml)
    Feed,
}

impl Format {
    /// The format a file name implies, if it names one mtlint reads.
    pub fn from_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "rss" | "atom" | "xml" => Format::Feed,
            _ => return None,
        })
    }
}

/// Where an article sits in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the record (a JSON line, an RSS item's start).
    pub line: usize,
    pub id: Option<String>,
    /// The field the text came from.
    pub field: String,
}

/// How replacement text must be written into the original format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    None,
    Html,
    Xml,
    Json,
}

impl Escape {
    pub fn apply(self, s: &str) -> String {
        match self {
            Escape::None => s.to_string(),
            Escape::Html | Escape::Xml => html_escape::encode_text(s).into_owned(),
            Escape::Json => {
                let quoted = serde_json::to_string(s).expect("a string serialises");
                quoted[1..quoted.len() - 1].to_string()
            }
        }
    }
}

/// One article to lint: its text and the maps back to the file.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The text to lint and its map to the text of `outer[0]` (or to the file when `outer` is empty).
    pub text: Extracted,
    /// Further maps, innermost first (HTML inside XML).
    pub outer: Vec<Extracted>,
    /// Regions of `text` the format marked (picture captions, seams between separate links).
    pub regions: Regions,
    pub record: Option<Record>,
    pub escape: Escape,
}

impl Unit {
    /// A whole file linted as it is.
    pub fn plain(text: &str) -> Unit {
        let mut x = Extracted::default();
        x.push_verbatim(text, 0);
        Unit { text: x, outer: vec![], regions: Regions::default(), record: None, escape: Escape::None }
    }

    /// Map a span of the unit's text to the file's bytes.
    pub fn to_original(&self, span: Span) -> Span {
        self.outer.iter().fold(self.text.to_original(span), |s, m| m.to_original(s))
    }
}

/// An input, or part of one, that could not be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub record: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn whole(message: impl Into<String>) -> Problem {
        Problem { line: None, record: None, message: message.into() }
    }
}

/// How inputs are read: the JSON Lines fields, how much of an HTML page is linted.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub fields: jsonl::Fields,
    pub html_scope: html::Scope,
}

/// The articles of a whole (non-streamed) input.
pub fn units(format: Format, src: &str, options: &Options) -> (Vec<Unit>, Vec<Problem>) {
    match format {
        Format::Text => (vec![Unit::plain(src)], vec![]),
        Format::Markdown => {
            let text = markdown::extract(src);
            (vec![Unit { text, outer: vec![], regions: Regions::default(), record: None, escape: Escape::None }], vec![])
        }
        Format::Html => {
            let h = html::extract(src, options.html_scope);
            (vec![Unit { regions: h.regions(), text: h.text, outer: vec![], record: None, escape: Escape::Html }], vec![])
        }
        Format::Feed => feed::units(src, options.html_scope),
        Format::Jsonl => {
            let mut units = Vec::new();
            let mut problems = Vec::new();
            let mut offset = 0;
            // Records end at `\n`; lines are numbered as the text model numbers them.
            let mut at = records::Cursor::default();
            let mut records = 0;
            for line in src.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                if !jsonl::is_blank(content) {
                    records += 1;
                    let (u, p) = jsonl::units(content, at.line, offset, &options.fields);
                    units.extend(u);
                    problems.extend(p);
                }
                at.advance(line.as_bytes());
                offset += line.len();
            }
            // No record at all: one empty article.
            if records == 0 {
                units.push(Unit::plain(src));
            }
            (units, problems)
        }
    }
}

/// Read an input's bytes.
pub fn read_bytes(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::File(p) => std::fs::read(p).map_err(|e| format!("cannot read: {e}")),
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(b)
        }
    }
}

/// Read an input as UTF-8 text, exactly as stored.
pub fn read(input: &Input) -> Result<String, String> {
    decode(read_bytes(input)?)
}

/// Why a file with a NUL byte is not linted, whether read whole or streamed.
pub const BINARY: &str = "binary file (contains NUL bytes); not linted";

pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err(BINARY.to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("not valid UTF-8 (first bad byte at offset {at}); convert it to UTF-8 first")
    })
}

/// Refuse a file that is to be streamed if it holds a NUL byte anywhere, as a file read whole is
/// refused: one pass over the bytes before any record is linted, in flat memory. A file that
/// cannot be read is left to the reader that follows.
pub fn refuse_binary(path: &Path) -> Result<(), String> {
    let Ok(mut file) = std::fs::File::open(path) else { return Ok(()) };
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match file.read(&mut buf) {
            Ok(0) | Err(_) => return Ok(()),
            Ok(n) if buf[..n].contains(&0) => return Err(BINARY.to_string()),
            Ok(_) => {}
        }
    }
}

pub fn display_name(input: &Input, stdin_name: Option<&str>) -> String {
    match input {
        Input::File(p) => p.display().to_string(),
        Input::Stdin => stdin_name.unwrap_or("<stdin>").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_and_binary_inputs_are_refused_with_a_reason() {
        assert!(decode(vec![b'a', 0xff]).unwrap_err().contains("offset 1"));
        assert!(decode(vec![b'a', 0]).unwrap_err().contains("binary"));
        assert_eq!(decode("é".as_bytes().to_vec()).unwrap(), "é");
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("feed.ndjson")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("x.pdf")), None);
    }

    #[test]
    fn json_escapes_for_replacements() {
        assert_eq!(Escape::Json.apply("“a\" b”"), "“a\\\" b”");
        assert_eq!(Escape::Html.apply("a & b"), "a &amp; b");
    }
}
