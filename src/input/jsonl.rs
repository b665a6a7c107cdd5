//! JSON Lines / NDJSON feeds: one article per line. The named string fields are decoded with a map
//! back to the raw JSON bytes, escapes (`\"`, `\n`, `\u201c`, surrogate pairs) included.

use std::collections::HashMap;

use serde_json::value::RawValue;

use super::offsets::Extracted;
use super::{Problem, Record, Unit};
use crate::text::Span;

/// Which fields hold the text, and which one the article id.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// Dotted paths (`body`, `content.text`). Empty: `body`, `text`, `content`, whichever exist.
    pub text: Vec<String>,
    pub id: Option<String>,
}

const DEFAULT_FIELDS: &[&str] = &["body", "text", "content"];

/// Decode the JSON string literal `raw` (with its quotes), found at `at` in the file.
pub fn decode_string(raw: &str, at: usize) -> Result<Extracted, String> {
    let mut out = Extracted::at(at + 1);
    let b = raw.as_bytes();
    if b.len() < 2 || b[0] != b'"' || b[b.len() - 1] != b'"' {
        return Err("not a string".into());
    }
    let body_end = b.len() - 1;
    let mut i = 1;
    let mut run = 1;
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    while i < body_end {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_verbatim(&raw[run..i], at + run);
        let (decoded, len) = match b.get(i + 1) {
            Some(b'"') => ("\"".to_string(), 2),
            Some(b'\\') => ("\\".to_string(), 2),
            Some(b'/') => ("/".to_string(), 2),
            Some(b'b') => ("\u{8}".to_string(), 2),
            Some(b'f') => ("\u{c}".to_string(), 2),
            Some(b'n') => ("\n".to_string(), 2),
            Some(b'r') => ("\r".to_string(), 2),
            Some(b't') => ("\t".to_string(), 2),
            Some(b'u') => {
                let cp = raw.get(i + 2..i + 6).and_then(hex).ok_or("bad \\u escape")?;
                if (0xD800..0xDC00).contains(&cp) {
                    let low = raw.get(i + 6..i + 8).filter(|s| *s == "\\u").and_then(|_| raw.get(i + 8..i + 12)).and_then(hex);
                    match low {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            let c = char::from_u32(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)).ok_or("bad surrogate pair")?;
                            (c.to_string(), 12)
                        }
                        _ => ("\u{FFFD}".to_string(), 6),
                    }
                } else {
                    (char::from_u32(cp).unwrap_or('\u{FFFD}').to_string(), 6)
                }
            }
            _ => return Err("bad escape".into()),
        };
        out.push_replaced(&decoded, Span::new(at + i, at + i + len));
        i += len;
        run = i;
    }
    out.push_verbatim(&raw[run..body_end], at + run);
    Ok(out)
}

fn offset_in(line: &str, part: &str) -> usize {
    part.as_ptr() as usize - line.as_ptr() as usize
}

/// The raw value at a dotted path inside an object.
fn lookup<'a>(obj: &HashMap<String, &'a RawValue>, path: &str) -> Option<&'a RawValue> {
    let mut parts = path.split('.');
    let mut cur: &RawValue = obj.get(parts.next()?)?;
    for p in parts {
        let inner: HashMap<String, &RawValue> = serde_json::from_str(cur.get()).ok()?;
        cur = inner.get(p)?;
    }
    Some(cur)
}

/// Is this line no record (white space, perhaps after a byte order mark)?
pub fn is_blank(line: &str) -> bool {
    line.trim_start_matches('\u{feff}').trim().is_empty()
}

/// The articles of one line (`line_no` 1-based, starting at byte `offset` of the file). A byte
/// order mark before the record (at the start of the file, or of a file concatenated to another)
/// is not part of the JSON.
pub fn units(line: &str, line_no: usize, offset: usize, fields: &Fields) -> (Vec<Unit>, Vec<Problem>) {
    let (line, offset) = match line.strip_prefix('\u{feff}') {
        Some(rest) => (rest, offset + '\u{feff}'.len_utf8()),
        None => (line, offset),
    };
    if is_blank(line) {
        return (vec![], vec![]);
    }
    let problem = |id: Option<String>, message: String| Problem { line: Some(line_no), record: id, message };
    let obj: HashMap<String, &RawValue> = match serde_json::from_str(line) {
        Ok(o) => o,
        Err(e) => return (vec![], vec![problem(None, format!("JSON that does not parse: {e}"))]),
    };
    // A string id is shown as it reads, a number or other value as written; `null` is no id.
    let id = fields.id.as_ref().and_then(|f| lookup(&obj, f)).and_then(|raw| match serde_json::from_str::<serde_json::Value>(raw.get()) {
        Ok(serde_json::Value::String(s)) => Some(s),
        Ok(serde_json::Value::Null) => None,
        _ => Some(raw.get().to_string()),
    });
    let wanted: Vec<String> = if fields.text.is_empty() {
        DEFAULT_FIELDS.iter().filter(|f| obj.contains_key(**f)).map(|f| f.to_string()).collect()
    } else {
        fields.text.clone()
    };
    let mut units = Vec::new();
    let mut problems = Vec::new();
    if wanted.is_empty() {
        problems.push(problem(id.clone(), format!("record has none of the fields {}; name them with --field", DEFAULT_FIELDS.join(", "))));
    }
    for field in wanted {
        let Some(raw) = lookup(&obj, &field) else {
            problems.push(problem(id.clone(), format!("record has no field `{field}`")));
            continue;
        };
        let at = offset + offset_in(line, raw.get());
        match decode_string(raw.get(), at) {
            Ok(text) => units.push(Unit {
                text,
                outer: vec![],
                regions: Default::default(),
                record: Some(Record { line: line_no, id: id.clone(), field: field.clone() }),
                escape: super::Escape::Json,
            }),
            Err(_) if raw.get() == "null" => {}
            Err(_) => problems.push(problem(id.clone(), format!("field `{field}` is not a string"))),
        }
    }
    (units, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_back_to_raw_bytes() {
        let raw = r#""\u201cYes,\u201d he said.\nIn kyiv \"now\" \ud83d\ude00 ok""#;
        let x = decode_string(raw, 100).unwrap();
        assert_eq!(x.text, "“Yes,” he said.\nIn kyiv \"now\" 😀 ok");
        let at = x.text.find("kyiv").unwrap();
        let o = x.to_original(Span::new(at, at + 4));
        assert_eq!(&raw[o.start - 100..o.end - 100], "kyiv");
        let q = x.text.find('“').unwrap();
        let o = x.to_original(Span::new(q, q + "“Yes".len()));
        assert_eq!(&raw[o.start - 100..o.end - 100], "\\u201cYes");
        let e = x.text.find('😀').unwrap();
        let o = x.to_original(Span::new(e, e + 4));
        assert_eq!(&raw[o.start - 100..o.end - 100], "\\ud83d\\ude00");
    }

    #[test]
    fn records_fields_and_problems() {
        let fields = Fields { text: vec!["body".into(), "meta.title".into()], id: Some("id".into()) };
        let line = r#"{"id": 7, "meta": {"title": "In kyiv"}, "body": "Blinken met Xi."}"#;
        let (us, problems) = units(line, 3, 50, &fields);
        assert!(problems.is_empty());
        assert_eq!(us.len(), 2);
        assert_eq!(us[1].record.as_ref().unwrap().id.as_deref(), Some("7"));
        let t = &us[1].text;
        let o = t.to_original(Span::new(3, 7));
        assert_eq!(&line[o.start - 50..o.end - 50], "kyiv");
        let (_, problems) = units(r#"{"id": "a", "body": "x"}"#, 4, 0, &fields);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("meta.title"));
        let (_, problems) = units("{\"body\": \"trunc", 5, 0, &fields);
        assert!(problems[0].message.contains("does not parse"));
    }

    #[test]
    fn a_null_id_is_no_id() {
        let fields = Fields { text: vec![], id: Some("id".into()) };
        let (us, _) = units(r#"{"id": null, "body": "x"}"#, 1, 0, &fields);
        assert_eq!(us[0].record.as_ref().unwrap().id, None);
        let (us, _) = units(r#"{"id": 12, "body": "x"}"#, 1, 0, &fields);
        assert_eq!(us[0].record.as_ref().unwrap().id.as_deref(), Some("12"));
    }

    #[test]
    fn a_byte_order_mark_before_a_record_is_skipped_and_spans_still_fit() {
        let line = "\u{feff}{\"body\": \"In kyiv.\"}";
        let (us, problems) = units(line, 1, 0, &Fields::default());
        assert!(problems.is_empty(), "{problems:?}");
        let at = us[0].text.text.find("kyiv").unwrap();
        assert_eq!(&line[us[0].to_original(Span::new(at, at + 4)).range()], "kyiv");
    }
}
