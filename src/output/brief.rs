//! `--format brief`: `path:line:column: severity[id] message`, one diagnostic per line.

use super::FileReport;
use crate::engine::RuleSet;
use crate::text::LineIndex;

pub fn render(set: &RuleSet, report: &FileReport) -> String {
    let index = LineIndex::new(report.text);
    let mut out = String::new();
    for d in report.diagnostics {
        let ((line, col), _) = report.positions(&index, d);
        let rule = &set.rules[d.rule];
        out.push_str(&format!("{}:{line}:{col}: {}[{}] {}\n", report.path, d.severity, rule.id, d.message));
    }
    out
}
