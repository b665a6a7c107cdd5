//! `--format brief`: `path:line:column: severity[id] message`, one finding per line.

use crate::engine::RuleSet;
use crate::lint::Finding;

pub fn render(set: &RuleSet, path: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for d in findings {
        let rule = &set.rules[d.rule];
        let record = d.record.as_ref().and_then(|r| r.id.as_ref()).map(|id| format!(" (record {id})")).unwrap_or_default();
        out.push_str(&format!("{path}:{}:{}: {}[{}] {}{record}\n", d.line, d.column, d.severity, rule.id, d.message));
    }
    out
}
