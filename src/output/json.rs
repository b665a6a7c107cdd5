//! `--format json`: JSON Lines. One `{"type":"diagnostic",…}` object per finding, `{"type":"error",…}`
//! per input that could not be linted, and a final `{"type":"summary",…}`. Spans are half-open byte
//! offsets into the file as read; lines and columns are 1-based, columns counted in characters.

use serde_json::json;

use super::{FileReport, Summary};
use crate::engine::RuleSet;
use crate::text::LineIndex;

pub fn render(set: &RuleSet, report: &FileReport) -> String {
    let index = LineIndex::new(report.text);
    let mut out = String::new();
    for d in report.diagnostics {
        let ((line, column), (end_line, end_column)) = report.positions(&index, d);
        let rule = &set.rules[d.rule];
        let obj = json!({
            "type": "diagnostic",
            "file": report.path,
            "rule": rule.id,
            "name": rule.name,
            "pack": rule.pack,
            "severity": d.severity,
            "message": d.message,
            "help": d.help,
            "span": {"start": d.span.start, "end": d.span.end},
            "text": d.span.text(report.text),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "fix": d.fix.as_ref().map(|f| json!({
                "start": f.span.start, "end": f.span.end, "replacement": f.replacement
            })),
        });
        out.push_str(&obj.to_string());
        out.push('\n');
    }
    out
}

pub fn summary(s: &Summary) -> String {
    let mut v = serde_json::to_value(s).expect("a summary serialises");
    v["type"] = json!("summary");
    v["diagnostics"] = json!(s.total());
    format!("{v}\n")
}

pub fn failure(path: &str, message: &str) -> String {
    format!("{}\n", json!({"type": "error", "file": path, "message": message}))
}
