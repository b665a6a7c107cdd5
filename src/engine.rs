//! The engine: a rule set loaded and compiled once, then used to lint any number of texts.

use std::collections::HashSet;
use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::kinds::{self, Hit};
use crate::rules::error::{FileError, LoadError};
use crate::rules::lists::Lists;
use crate::rules::packs::RuleRoot;
use crate::rules::schema::{Example, REGIONS, RuleFile, placeholders, render};
use crate::rules::selection;
use crate::text::{Document, Lexicon, Regions, Span};

/// A loaded rule: its file's metadata, with the severity the configuration gives it.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub pack: String,
    pub path: String,
    pub source_text: String,
    pub summary: String,
    pub description: String,
    pub severity: Severity,
    pub kind: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<String>,
    /// Regions (such as `caption`) where the rule does not apply.
    pub unless_in: Vec<String>,
    /// Rules (ids or names) whose overlapping findings replace this rule's.
    pub yields_to: Vec<String>,
    pub examples: Vec<(Example, Range<usize>)>,
    spec: RuleFile,
}

/// Every enabled rule, compiled.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    lists: Lists,
    lexicon: Lexicon,
    compiled: kinds::Compiled,
}

fn lexicon_from(lists: &Lists) -> Lexicon {
    let set = |name: &str| -> HashSet<String> {
        lists.words.get(name).map(|l| l.entries.iter().map(|e| e.to_lowercase()).collect()).unwrap_or_default()
    };
    // Any function word, capitalised after an abbreviation, starts a sentence too ("D.C. For years…").
    let mut starters = set("sentence-starters");
    starters.extend(set("function-words"));
    Lexicon { abbreviations: set("abbreviations"), titles: set("title-abbreviations"), sentence_starters: starters }
}

fn parse_rule(pack: &str, path: &str, text: &str, config: &Config) -> Result<Rule, FileError> {
    let spec: RuleFile = toml::from_str(text).map_err(|e| FileError::new(path, text, e.span(), e.message()))?;
    let err = |span: Range<usize>, m: String| FileError::new(path, text, Some(span), m);
    let id = spec.id.get_ref().clone();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(err(spec.id.span(), "a rule id is letters, digits, `-` and `_`".into()));
    }
    let vars = spec.kind.get_ref().vars();
    let templates = [Some(&spec.message), spec.help.as_ref(), spec.fix.as_ref()];
    for t in templates.into_iter().flatten() {
        if let Some(p) = placeholders(t.get_ref()).into_iter().find(|p| !vars.iter().any(|v| v == p)) {
            return Err(err(t.span(), format!("unknown placeholder `{{{p}}}`; this kind provides: {}", vars.join(", "))));
        }
    }
    if let Some(r) = spec.unless_in.iter().find(|r| !REGIONS.contains(&r.get_ref().as_str())) {
        return Err(err(r.span(), format!("unknown region `{}`; known: {}", r.get_ref(), REGIONS.join(", "))));
    }
    let mut has_bad = false;
    let mut has_ok = false;
    for ex in &spec.examples {
        let e = ex.get_ref();
        match (&e.bad, &e.ok) {
            (Some(_), None) => has_bad = true,
            (None, Some(_)) if e.fixed.is_none() && e.flags.is_none() => has_ok = true,
            (None, Some(_)) => return Err(err(ex.span(), "`fixed` and `flags` belong to `bad` examples".into())),
            _ => return Err(err(ex.span(), "an example has exactly one of `bad` and `ok`".into())),
        }
    }
    if !has_bad || !has_ok {
        return Err(err(spec.id.span(), "a rule needs at least one `bad` and one `ok` [[example]]".into()));
    }
    let name = spec.name.get_ref().clone();
    Ok(Rule {
        severity: config.severity_for(&id, &name).unwrap_or(spec.severity),
        id,
        name,
        pack: pack.to_string(),
        path: path.to_string(),
        source_text: text.to_string(),
        summary: spec.summary.clone(),
        description: spec.description.clone(),
        kind: spec.kind.get_ref().name(),
        message: spec.message.get_ref().clone(),
        help: spec.help.as_ref().map(|h| h.get_ref().clone()),
        fix: spec.fix.as_ref().map(|h| h.get_ref().clone()),
        unless_in: spec.unless_in.iter().map(|r| r.get_ref().clone()).collect(),
        yields_to: spec.yields_to.iter().map(|r| r.get_ref().clone()).collect(),
        examples: spec.examples.iter().map(|e| (e.get_ref().clone(), e.span())).collect(),
        spec,
    })
}

impl RuleSet {
    /// The default packs, as embedded in the binary.
    pub fn builtin() -> Result<RuleSet, LoadError> {
        RuleSet::load(&[RuleRoot::builtin()], &Config::default())
    }

    /// Load, check and compile every rule the configuration enables; report every error found.
    pub fn load(roots: &[RuleRoot], config: &Config) -> Result<RuleSet, LoadError> {
        let root = RuleRoot::merge(roots);
        let mut errors = Vec::new();
        let mut lists = Lists::default();
        for (name, src) in &root.lists {
            if let Err(e) = lists.add_file(name, &src.path, &src.text) {
                errors.push(e);
            }
        }
        for (name, src) in &root.tables {
            if let Err(e) = lists.add_table(name, src) {
                errors.push(e);
            }
        }
        let mut rules: Vec<Rule> = Vec::new();
        // Every rule's id and name, enabled or not, for checking `yields_to`.
        let mut all_names: Vec<String> = Vec::new();
        for (pack, sources) in &root.packs {
            for src in sources {
                match parse_rule(pack, &src.path, &src.text, config) {
                    Ok(rule) => {
                        all_names.push(rule.id.clone());
                        all_names.push(rule.name.clone());
                        let clash = rules.iter().find(|r| r.id == rule.id || r.name == rule.name);
                        if let Some(other) = clash {
                            errors.push(FileError::new(
                                &rule.path,
                                &rule.source_text,
                                Some(rule.spec.id.span()),
                                format!("rule id or name already used by {}", other.path),
                            ));
                        } else if config.enables(pack, &rule.id, &rule.name) {
                            rules.push(rule);
                        }
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        for rule in &rules {
            for y in &rule.spec.yields_to {
                let known = all_names.iter().any(|n| n == y.get_ref());
                if !known {
                    errors.push(FileError::new(&rule.path, &rule.source_text, Some(y.span()), format!("`yields_to`: no rule `{}`", y.get_ref())));
                }
            }
        }
        if errors.is_empty() {
            let known = selection::Known { packs: root.packs.keys().cloned().collect(), rules: all_names };
            errors.extend(selection::check(config, &known));
        }
        rules.sort_by(|a, b| (&a.pack, &a.id).cmp(&(&b.pack, &b.id)));
        let compiled = match Self::compile(&rules, &lists, 0..rules.len()) {
            Ok(c) => c,
            Err(e) => {
                errors.extend(e);
                kinds::Compiled::default()
            }
        };
        if !errors.is_empty() {
            return Err(LoadError(errors));
        }
        let lexicon = lexicon_from(&lists);
        Ok(RuleSet { rules, lists, lexicon, compiled })
    }

    fn compile(rules: &[Rule], lists: &Lists, which: Range<usize>) -> Result<kinds::Compiled, Vec<FileError>> {
        let specs: Vec<(usize, &kinds::KindSpec)> = which.map(|i| (i, rules[i].spec.kind.get_ref())).collect();
        kinds::Compiled::build(&specs, lists).map_err(|errs| {
            errs.into_iter()
                .map(|(i, e)| {
                    let r = &rules[i];
                    FileError::new(&r.path, &r.source_text, Some(e.span.unwrap_or(r.spec.kind.span())), e.message)
                })
                .collect()
        })
    }

    pub fn document<'a>(&self, text: &'a str) -> Document<'a> {
        Document::new(text, &self.lexicon)
    }

    /// Lint a text with every rule.
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        self.lint_in_regions(text, &Regions::default())
    }

    /// Lint a text in which an input format marked `regions` (picture captions, seams between
    /// separate items): a rule with `unless_in = ["caption"]` stays quiet in captions, and so on.
    pub fn lint_in_regions(&self, text: &str, regions: &Regions) -> Vec<Diagnostic> {
        let doc = self.document(text);
        let mut hits = Vec::new();
        self.compiled.check(&doc, &mut hits);
        if !regions.is_empty() {
            hits.retain(|h| !self.rules[h.rule].unless_in.iter().any(|r| regions.touches(r, h.span)));
        }
        self.finish(text, hits)
    }

    /// Lint a text with one rule only (for running a rule's examples).
    pub fn lint_with_rule(&self, rule: usize, text: &str) -> Vec<Diagnostic> {
        let compiled = Self::compile(&self.rules, &self.lists, rule..rule + 1).expect("the rule compiled with its set");
        let doc = self.document(text);
        let mut hits = Vec::new();
        compiled.check(&doc, &mut hits);
        self.finish(text, hits)
    }

    fn finish(&self, text: &str, mut hits: Vec<Hit>) -> Vec<Diagnostic> {
        self.apply_precedence(&mut hits);
        let mut out: Vec<Diagnostic> = hits.into_iter().map(|h| self.diagnostic(text, h)).collect();
        out.sort_by(|a, b| (a.span, a.rule, &a.message).cmp(&(b.span, b.rule, &b.message)));
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
        out
    }

    /// Drop the findings of rules that yield to another rule's overlapping finding.
    fn apply_precedence(&self, hits: &mut Vec<Hit>) {
        let yielding: std::collections::BTreeSet<usize> =
            hits.iter().map(|h| h.rule).filter(|&r| !self.rules[r].yields_to.is_empty()).collect();
        for r in yielding {
            let rule = &self.rules[r];
            let named = |o: &Rule| rule.yields_to.iter().any(|y| *y == o.id || *y == o.name);
            // The spans of the rules it yields to, sorted by start, with the running maximum of
            // their ends: a span overlaps one of them iff, among those starting before its end,
            // the furthest end lies after its start.
            let mut spans: Vec<Span> = hits.iter().filter(|o| o.rule != r && named(&self.rules[o.rule])).map(|o| o.span).collect();
            if spans.is_empty() {
                continue;
            }
            spans.sort();
            // A finding gives way when the other findings it overlaps cover at least half of it
            // (a crawler header at the start of a line does not hide the rest of the line). The
            // look-back is bounded: spans sorted by start, at most 64 examined per finding.
            hits.retain(|h| {
                if h.rule != r {
                    return true;
                }
                let j = spans.partition_point(|s| s.start < h.span.end);
                let covered: usize = spans[..j]
                    .iter()
                    .rev()
                    .take(64)
                    .map(|s| s.end.min(h.span.end).saturating_sub(s.start.max(h.span.start)))
                    .sum();
                covered * 2 < h.span.len().max(1)
            });
        }
    }

    fn diagnostic(&self, text: &str, mut hit: Hit) -> Diagnostic {
        let rule = &self.rules[hit.rule];
        if !hit.vars.iter().any(|(k, _)| k == "match") {
            hit.vars.push(("match".into(), hit.span.text(text).to_string()));
        }
        let matched = hit.vars.iter().find(|(k, _)| k == "match").map(|(_, v)| v.clone()).unwrap_or_default();
        let title = title_case(&matched);
        hit.vars.push(("match_lower".into(), matched.to_lowercase()));
        hit.vars.push(("match_title".into(), title));
        let fix = rule.fix.as_ref().map(|t| Fix { span: hit.span, replacement: match_case(hit.span.text(text), render(t, &hit.vars)) });
        Diagnostic {
            rule: hit.rule,
            severity: rule.severity,
            span: hit.span,
            message: render(&rule.message, &hit.vars),
            help: rule.help.as_ref().map(|t| render(t, &hit.vars)),
            fix,
        }
    }

    pub fn find(&self, id_or_name: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name == id_or_name)
    }
}

/// Every word with a capital first letter ("south korea" → "South Korea"); the rest untouched.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c.is_whitespace() || c == '-';
    }
    out
}

/// A replacement for a capitalised original starts with a capital too ("A" → "An"), unless the
/// replacement is the original in lowercase (the fix of a wrong capital).
fn match_case(original: &str, replacement: String) -> String {
    if replacement == original.to_lowercase() {
        return replacement;
    }
    let orig_cap = original.chars().next().is_some_and(char::is_uppercase);
    let mut cs = replacement.chars();
    match cs.next() {
        Some(c) if orig_cap && c.is_lowercase() => c.to_uppercase().chain(cs).collect(),
        _ => replacement,
    }
}
