//! `--format brief`: `path:line:column: severity[id] message`, one finding per line: a line break
//! inside the path, the message or the record id is shown as `⏎`.

use std::borrow::Cow;

use crate::engine::RuleSet;
use crate::lint::Finding;

/// `s` on one line: every line break (`\r\n`, `\n`, `\r`, U+0085, U+2028, U+2029, vertical tab,
/// form feed) becomes `⏎`.
pub fn one_line(s: &str) -> Cow<'_, str> {
    const BREAKS: [char; 7] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{0b}', '\u{0c}'];
    if !s.contains(BREAKS) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "⏎").replace(BREAKS, "⏎"))
}

pub fn render(set: &RuleSet, path: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let path = one_line(path);
    for d in findings {
        let rule = &set.rules[d.rule];
        let record = d.record.as_ref().and_then(|r| r.id.as_ref()).map(|id| format!(" (record {})", one_line(id))).unwrap_or_default();
        out.push_str(&format!("{path}:{}:{}: {}[{}] {}{record}\n", d.line, d.column, d.severity, rule.id, one_line(&d.message)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_one_visible_mark() {
        assert_eq!(one_line("a\r\nb\nc\rd\u{2028}e"), "a⏎b⏎c⏎d⏎e");
        assert!(matches!(one_line("plain"), Cow::Borrowed("plain")));
    }
}
