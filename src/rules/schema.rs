//! The rule file: one TOML file per rule. Unknown fields are errors.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::kinds::KindSpec;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Stable id, e.g. `NM001`; the pack's prefix and a number.
    pub id: Spanned<String>,
    /// A kebab-case name that describes the problem, e.g. `misspelt-name`.
    pub name: Spanned<String>,
    /// One line.
    pub summary: String,
    /// What the rule finds, why it matters, what to do.
    pub description: String,
    pub severity: Severity,
    /// Template: `{match}` and the kind's variables.
    pub message: Spanned<String>,
    /// Template for the `help:` line (a suggestion).
    #[serde(default)]
    pub help: Option<Spanned<String>>,
    /// Template for the text that replaces the reported span, when the right text is certain.
    #[serde(default)]
    pub fix: Option<Spanned<String>>,
    /// Regions of the input where the rule does not apply: `caption` (an HTML `<figcaption>`),
    /// `seam` (the gap between separate links or buttons side by side, as in a tag list).
    #[serde(default)]
    pub unless_in: Vec<Spanned<String>>,
    /// Rules (ids or names) that report the same damage more precisely: a finding of this rule
    /// that overlaps one of theirs is dropped.
    #[serde(default)]
    pub yields_to: Vec<Spanned<String>>,
    /// `[kind.<name>]` with that kind's parameters.
    pub kind: Spanned<KindSpec>,
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<Example>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text that must trigger the rule.
    #[serde(default)]
    pub bad: Option<String>,
    /// Text that must not trigger the rule.
    #[serde(default)]
    pub ok: Option<String>,
    /// For `bad`: the text after applying the rule's fixes.
    #[serde(default)]
    pub fixed: Option<String>,
    /// For `bad`: the exact text one of the findings must cover.
    #[serde(default)]
    pub flags: Option<String>,
}

/// Region names an input format can mark.
pub const REGIONS: &[&str] = crate::text::regions::NAMES;

/// Placeholders `{name}` used by a template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if after[..j].chars().all(|c| c.is_alphanumeric() || c == '_') && j > 0 => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// Fill `{name}` placeholders from `vars`.
pub fn render(template: &str, vars: &[(String, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        let key = format!("{{{k}}}");
        if out.contains(&key) {
            out = out.replace(&key, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_known_placeholders() {
        assert_eq!(placeholders("write {suggestion} for {match} {x y}"), vec!["suggestion", "match"]);
        let vars = vec![("match".to_string(), "Van".to_string()), ("suggestion".to_string(), "Wang".to_string())];
        assert_eq!(render("“{match}” → “{suggestion}”", &vars), "“Van” → “Wang”");
    }
}
