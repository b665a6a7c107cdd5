//! Applying fixes to files (`mtlint check --fix`): non-overlapping fixes in file order, written
//! through a temporary file in the same folder and renamed over the original, so a file is never
//! left half written.

use std::io::Write;
use std::path::Path;

use crate::lint::Finding;

/// Apply the fixes of `findings` (spans relative to `text`, shifted by `base`) that do not overlap
/// an earlier one. Returns the new text and, per finding, whether its fix was applied.
pub fn apply(text: &str, base: usize, findings: &[Finding]) -> (String, Vec<bool>) {
    let mut order: Vec<usize> = (0..findings.len()).filter(|&i| findings[i].fix.is_some()).collect();
    order.sort_by_key(|&i| {
        let f = findings[i].fix.as_ref().expect("filtered");
        (f.span.start, f.span.end)
    });
    let mut applied = vec![false; findings.len()];
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for i in order {
        let f = findings[i].fix.as_ref().expect("filtered");
        let (start, end) = (f.span.start - base, f.span.end - base);
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&f.replacement);
        at = end;
        applied[i] = true;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// How many times fixes are applied to one text at most: a fix can make room for another (a glued
/// sentence split, then a missing space added), so fixes are applied and the text linted again until
/// nothing changes, as ruff does, but never more often than this.
pub const MAX_ROUNDS: usize = 10;

/// A text after its fixes: the new text, how many fixes were applied in all, and the findings of
/// the last lint (those no fix could remove), located in the new text.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    pub applied: usize,
    pub left: Vec<Finding>,
}

/// Apply the fixes of `findings`, lint the new text with `lint`, and go on until a round applies
/// nothing (at most [`MAX_ROUNDS`] rounds): one run's result is final.
pub fn apply_until_stable(text: String, base: usize, findings: Vec<Finding>, mut lint: impl FnMut(&str) -> Vec<Finding>) -> Fixed {
    let mut fixed = Fixed { text, applied: 0, left: findings };
    for _ in 0..MAX_ROUNDS {
        let (new_text, applied) = apply(&fixed.text, base, &fixed.left);
        let n = applied.iter().filter(|a| **a).count();
        if n == 0 {
            break;
        }
        fixed.applied += n;
        fixed.left = lint(&new_text);
        fixed.text = new_text;
    }
    fixed
}

/// Replace `path`'s contents with `contents` atomically, keeping its permissions.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};
    use crate::text::Span;

    /// A finding at `start..end` whose fix writes `to`.
    fn finding(start: usize, end: usize, to: &str) -> Finding {
        Finding {
            rule: 0,
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            span: Span::new(start, end),
            text: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            fix: Some(Fix { span: Span::new(start, end), replacement: to.to_string() }),
            record: None,
        }
    }

    /// A toy linter: every `.` glued to a letter needs a space after it.
    fn glued(text: &str) -> Vec<Finding> {
        let b = text.as_bytes();
        (0..b.len().saturating_sub(1)).filter(|&i| b[i] == b'.' && b[i + 1].is_ascii_alphabetic()).map(|i| finding(i, i + 1, ". ")).collect()
    }

    #[test]
    fn fixes_are_applied_until_nothing_changes() {
        // The first round splits "UkraineThe"; only then is "meeting.Ukraine" glued.
        let text = "meeting.UkraineThe talks";
        let first = vec![finding(15, 15, ".")];
        let fixed = apply_until_stable(text.to_string(), 0, first, glued);
        assert_eq!(fixed.text, "meeting. Ukraine. The talks");
        assert_eq!(fixed.applied, 3);
        assert!(fixed.left.is_empty());
    }

    #[test]
    fn fixes_that_never_settle_stop_after_the_last_round() {
        let fixed = apply_until_stable("a".to_string(), 0, vec![finding(0, 0, "a")], |t| vec![finding(0, 0, &t[..1])]);
        assert_eq!(fixed.applied, MAX_ROUNDS);
        assert_eq!(fixed.text.len(), MAX_ROUNDS + 1);
    }
}
