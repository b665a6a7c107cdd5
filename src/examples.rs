//! Running the `[[example]]` entries of rule files: `bad` texts must trigger their rule (with the
//! expected fix and flagged text), `ok` texts must not.

use crate::diagnostic::apply_fixes;
use crate::engine::RuleSet;
use crate::rules::error::FileError;

/// Check every example of rule `index`; return one error per failing example, located at the example.
pub fn check_rule(set: &RuleSet, index: usize) -> Vec<FileError> {
    let rule = &set.rules[index];
    let mut failures = Vec::new();
    let fail = |span: &std::ops::Range<usize>, m: String| FileError::new(&rule.path, &rule.source_text, Some(span.clone()), m);
    for (ex, span) in &rule.examples {
        if let Some(bad) = &ex.bad {
            let found: Vec<_> = set.lint_with_rule(index, bad).into_iter().filter(|d| d.rule == index).collect();
            if found.is_empty() {
                failures.push(fail(span, format!("`bad` example does not trigger {}: {bad:?}", rule.id)));
                continue;
            }
            if let Some(flags) = &ex.flags
                && !found.iter().any(|d| d.span.text(bad) == flags)
            {
                let got: Vec<&str> = found.iter().map(|d| d.span.text(bad)).collect();
                failures.push(fail(span, format!("expected {flags:?} to be flagged, got {got:?}")));
            }
            if let Some(fixed) = &ex.fixed {
                let result = apply_fixes(bad, &found);
                if &result != fixed {
                    failures.push(fail(span, format!("fix gives {result:?}, expected {fixed:?}")));
                }
            }
        }
        if let Some(ok) = &ex.ok {
            let found: Vec<_> = set.lint_with_rule(index, ok).into_iter().filter(|d| d.rule == index).collect();
            if let Some(d) = found.first() {
                failures.push(fail(span, format!("`ok` example triggers {}: {:?} flagged ({})", rule.id, d.span.text(ok), d.message)));
            }
        }
    }
    failures
}

/// Check the examples of every rule in the set.
pub fn check_all(set: &RuleSet) -> Vec<FileError> {
    (0..set.rules.len()).flat_map(|i| check_rule(set, i)).collect()
}
