//! `--format github`: GitHub Actions workflow commands, so findings appear as annotations on the
//! lines of a pull request: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::lint::Finding;

/// Escape a message (the part after `::`).
pub fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(set: &RuleSet, path: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for d in findings {
        let rule = &set.rules[d.rule];
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(r) = &d.record {
            message.push_str(&format!(" (record {}, field {})", r.id.as_deref().unwrap_or("?"), r.field));
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(path),
            d.line,
            d.column,
            d.end_line,
            d.end_column,
            property(&format!("{} {}", rule.id, rule.name)),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
