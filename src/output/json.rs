//! `--format json`: JSON Lines. One `{"type":"diagnostic",…}` object per finding, one
//! `{"type":"error",…}` per input problem, and a final `{"type":"summary",…}`. Spans are half-open
//! byte offsets into the file as read; lines and columns are 1-based, columns counted in characters.

use serde_json::json;

use super::Summary;
use crate::engine::RuleSet;
use crate::input::Problem;
use crate::lint::Finding;

pub fn render(set: &RuleSet, path: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for d in findings {
        let rule = &set.rules[d.rule];
        let mut obj = json!({
            "type": "diagnostic",
            "file": path,
            "rule": rule.id,
            "name": rule.name,
            "pack": rule.pack,
            "severity": d.severity,
            "message": d.message,
            "help": d.help,
            "span": {"start": d.span.start, "end": d.span.end},
            "text": d.text,
            "line": d.line,
            "column": d.column,
            "end_line": d.end_line,
            "end_column": d.end_column,
            "fix": d.fix.as_ref().map(|f| json!({
                "start": f.span.start, "end": f.span.end, "replacement": f.replacement
            })),
        });
        if let Some(r) = &d.record {
            obj["record"] = json!({"line": r.line, "id": r.id, "field": r.field});
        }
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

pub fn problem(path: &str, p: &Problem) -> String {
    format!("{}\n", json!({"type": "error", "file": path, "line": p.line, "record": p.record, "message": p.message}))
}
