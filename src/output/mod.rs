//! Output formats: one module per format. Each turns a file's (or a feed line's) findings into text
//! in one piece, so files linted in parallel never interleave. SARIF is one document for the whole
//! run and is written at the end.

pub mod brief;
pub mod github;
pub mod json;
pub mod sarif;
pub mod terminal;

use std::collections::BTreeMap;

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::input::Problem;
use crate::lint::{Finding, Located};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source excerpts
    Terminal,
    /// `path:line:column: severity[id] message`, one per line
    Brief,
    /// JSON Lines: one object per diagnostic, then a summary object
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (inline annotations on pull requests)
    Github,
}

/// Totals over a whole run.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    /// Inputs with at least one problem (unreadable, unparsable records…).
    pub failed_files: usize,
    pub problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings left out because the baseline lists them.
    pub baselined: usize,
    /// Findings fixed in place (`--fix`).
    pub fixed: usize,
}

impl Summary {
    pub fn add(&mut self, findings: &[Finding]) {
        for d in findings {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file")
        );
        if self.fixed > 0 {
            s.push_str(&format!(" after {} fixed", plural(self.fixed, "finding")));
        }
        if self.baselined > 0 {
            s.push_str(&format!(" ({} already in the baseline)", self.baselined));
        }
        if self.problems > 0 {
            s.push_str(&format!("; {} in {} could not be linted", plural(self.problems, "input problem"), plural(self.failed_files, "file")));
        }
        s
    }
}

/// Counts per rule and severity (`--statistics`).
#[derive(Debug, Default, Clone)]
pub struct Statistics {
    /// rule index → count per severity (info, warning, error).
    pub by_rule: BTreeMap<usize, [usize; 3]>,
}

impl Statistics {
    pub fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            self.by_rule.entry(f.rule).or_default()[f.severity as usize] += 1;
        }
    }

    pub fn render(&self, format: Format, set: &RuleSet) -> String {
        let mut rows: Vec<(&crate::engine::Rule, [usize; 3])> = self.by_rule.iter().map(|(&r, &c)| (&set.rules[r], c)).collect();
        rows.sort_by_key(|(r, c)| (std::cmp::Reverse(c.iter().sum::<usize>()), r.id.clone()));
        if format == Format::Json {
            let rules: Vec<serde_json::Value> = rows
                .iter()
                .map(|(r, c)| serde_json::json!({"rule": r.id, "name": r.name, "info": c[0], "warning": c[1], "error": c[2], "total": c.iter().sum::<usize>()}))
                .collect();
            return format!("{}\n", serde_json::json!({"type": "statistics", "rules": rules}));
        }
        let mut out = format!("{:>6}  {:<7} {:<34} {:>5} {:>7} {:>5}\n", "total", "rule", "name", "error", "warning", "info");
        for (r, c) in rows {
            out.push_str(&format!("{:>6}  {:<7} {:<34} {:>5} {:>7} {:>5}\n", c.iter().sum::<usize>(), r.id, r.name, c[2], c[1], c[0]));
        }
        out
    }
}

/// Render the findings of one file (or one feed line) in `format`. SARIF renders nothing here.
pub fn render(format: Format, set: &RuleSet, path: &str, located: &Located, findings: &[Finding], color: bool) -> String {
    match format {
        Format::Terminal => terminal::render(set, path, located, findings, color),
        Format::Brief => brief::render(set, path, findings),
        Format::Json => json::render(set, path, findings),
        Format::Github => github::render(set, path, findings),
        Format::Sarif => String::new(),
    }
}

/// A problem with an input, in `format`; `true` when it belongs on standard output.
pub fn render_problem(format: Format, path: &str, p: &Problem) -> (String, bool) {
    let place = match (p.line, &p.record) {
        (Some(l), Some(id)) => format!("{path}:{l} (record {id})"),
        (Some(l), None) => format!("{path}:{l}"),
        _ => path.to_string(),
    };
    match format {
        Format::Json => (json::problem(path, p), true),
        Format::Github => (format!("::error file={},line={}::{}\n", github::property(path), p.line.unwrap_or(1), github::data(&p.message)), true),
        Format::Brief => (format!("error: {}: {}\n", brief::one_line(&place), brief::one_line(&p.message)), false),
        _ => (format!("error: {place}: {}\n", p.message), false),
    }
}

/// The closing summary in `format`.
pub fn render_summary(format: Format, summary: &Summary) -> String {
    match format {
        Format::Terminal | Format::Brief => format!("{}\n", summary.line()),
        Format::Json => json::summary(summary),
        Format::Github => format!("mtlint: {}\n", summary.line()),
        Format::Sarif => String::new(),
    }
}
