//! Kind `consistency`: a document (or paragraph) that uses two variants of one thing ("US" and
//! "U.S.", straight and typographic apostrophes). Reports the first use of each variant but the
//! most frequent one (`report = "minority"`), or of every variant (`report = "all"`).

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::scope::Scope;
use super::{EachRule, Hit, RunRule, compile_regex};
use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Report {
    /// The first use of every variant but the most used one.
    #[default]
    Minority,
    /// The first use of every variant.
    All,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub label: String,
    pub regex: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub variants: Spanned<Vec<Variant>>,
    /// document (default) or paragraph.
    #[serde(default = "document")]
    pub scope: Scope,
    #[serde(default)]
    pub report: Report,
}

fn document() -> Scope {
    Scope::Document
}

#[derive(Debug)]
pub struct Rule {
    index: usize,
    variants: Vec<(String, Regex)>,
    scope: Scope,
    report: Report,
}

impl RunRule for Rule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>) {
        for unit in self.scope.units(doc) {
            let t = unit.text(doc.text);
            // (label, first span, count) for every variant used in the unit.
            let used: Vec<(&str, Span, usize)> = self
                .variants
                .iter()
                .filter_map(|(label, re)| {
                    let mut it = re.find_iter(t);
                    let first = it.next()?;
                    Some((label.as_str(), Span::from(first.range()).offset(unit.start), 1 + it.count()))
                })
                .collect();
            if used.len() < 2 {
                continue;
            }
            let top = used.iter().enumerate().max_by_key(|(i, u)| (u.2, std::cmp::Reverse(*i))).map(|(i, _)| i);
            for (i, &(label, span, _)) in used.iter().enumerate() {
                if self.report == Report::Minority && Some(i) == top {
                    continue;
                }
                let others: Vec<&str> = used.iter().filter(|u| u.0 != label).map(|u| u.0).collect();
                out.push(Hit::new(self.index, span).var("label", label).var("others", others.join("”, “")));
            }
        }
    }
}

pub type Compiled = EachRule<Rule>;

pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Compiled, Vec<(usize, SpecError)>> {
    EachRule::build(rules, |index, s| {
        if s.variants.get_ref().len() < 2 {
            return Err(SpecError::at(s.variants.span(), "a `consistency` rule needs at least two variants"));
        }
        let variants = s
            .variants
            .get_ref()
            .iter()
            .map(|v| Ok((v.label.clone(), compile_regex(&v.regex, lists, false)?)))
            .collect::<Result<_, SpecError>>()?;
        Ok(Rule { index, variants, scope: s.scope, report: s.report })
    })
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule, run};

    fn variants(report: &str) -> String {
        rule(
            &format!("[kind.consistency]\nreport = \"{report}\"\n[[kind.consistency.variants]]\nlabel = \"A\"\nregex = 'colou?r'\n[[kind.consistency.variants]]\nlabel = \"B\"\nregex = 'grey|gray'"),
            "{label} vs {others}",
        )
    }

    #[test]
    fn minority_reports_all_but_the_most_used_variant() {
        let r = rule(
            "[kind.consistency]\n[[kind.consistency.variants]]\nlabel = \"us\"\nregex = 'color'\n[[kind.consistency.variants]]\nlabel = \"uk\"\nregex = 'colour'",
            "{label} vs {others}",
        );
        assert_eq!(run(&r, &[], "color, color, colour"), vec![("colour".into(), "uk vs us".into())]);
        assert!(flagged(&r, &[], "color, color").is_empty());
    }

    #[test]
    fn all_reports_the_first_use_of_every_variant() {
        assert_eq!(flagged(&variants("all"), &[], "color grey colour gray"), vec!["color", "grey"]);
    }
}
