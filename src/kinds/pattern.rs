//! Kind `pattern`: a regex over a scope, a named capture to highlight, exceptions that cancel a match.
//! A rule whose every match starts (or ends) with one of a few literals of two bytes or more runs
//! on its own, behind an Aho-Corasick search of the document for those literals: the regex runs
//! only on documents that hold one. The other pattern rules of one scope are gated together by a
//! `RegexSet`: only rules that can match a unit run their own regex on it. Rules with rare
//! literals thus cost one fast scan instead of states in the shared lazy DFA.

use std::sync::Arc;

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::scope::Scope;
use super::{Hit, LazyRegex, REGEX_SIZE_LIMIT, build_each, expand_regex, list_at};
use crate::rules::error::SpecError;
use crate::rules::lists::{Lists, WordList};
use crate::text::span::{ceil_char_boundary, floor_char_boundary};
use crate::text::{Document, Span};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// document, paragraph, sentence or line.
    pub scope: Scope,
    /// The regex; `{{list:NAME}}` inserts a word list as an alternation.
    pub regex: Spanned<String>,
    /// Name of the capture group to report (or several: the first that took part in the match);
    /// by default the group named `hl`, else the whole match.
    #[serde(default)]
    pub highlight: Option<Spanned<super::ListNames>>,
    #[serde(default)]
    pub case_insensitive: bool,
    /// Exceptions: a match is cancelled when every condition of one exception holds.
    #[serde(default)]
    pub unless: Vec<Exception>,
    /// Ignore matches inside quotations.
    #[serde(default)]
    pub outside_quotes: bool,
    /// Ignore matches in the document's first paragraph (a headline, a byline).
    #[serde(default)]
    pub skip_first_paragraph: bool,
    /// The rule only applies to documents in which this regex matches.
    #[serde(default)]
    pub document_matches: Option<Spanned<String>>,
    /// The rule only applies to documents in which this regex does not match.
    #[serde(default)]
    pub document_lacks: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The capture the conditions test; the highlighted text by default.
    #[serde(default)]
    pub capture: Option<Spanned<String>>,
    /// The capture's text is in this word list (case-insensitive).
    #[serde(default)]
    pub in_list: Option<Spanned<String>>,
    /// The capture's text is not in this word list (case-insensitive).
    #[serde(default)]
    pub not_in_list: Option<Spanned<String>>,
    /// The capture's text matches this regex (anchor it yourself).
    #[serde(default)]
    pub matches: Option<Spanned<String>>,
    /// The text just before the whole match ends with a match of this regex.
    #[serde(default)]
    pub before: Option<Spanned<String>>,
    /// The text just after the whole match starts with a match of this regex.
    #[serde(default)]
    pub after: Option<Spanned<String>>,
}

impl Spec {
    pub fn vars(&self) -> Vec<String> {
        let mut v = vec!["match".to_string()];
        // Parsing (not compiling) gives the capture names; list references are replaced by a
        // placeholder. A regex that does not parse yields none here; compilation reports it.
        let src = self.regex.get_ref().replace("{{list:", "(?:x").replace("}}", ")");
        if let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(&src) {
            collect_capture_names(&ast, &mut v);
        }
        v
    }
}

pub(super) fn collect_capture_names(ast: &regex_syntax::ast::Ast, out: &mut Vec<String>) {
    use regex_syntax::ast::{Ast, GroupKind};
    match ast {
        Ast::Group(g) => {
            if let GroupKind::CaptureName { name, .. } = &g.kind {
                out.push(name.name.clone());
            }
            collect_capture_names(&g.ast, out);
        }
        Ast::Concat(c) => c.asts.iter().for_each(|a| collect_capture_names(a, out)),
        Ast::Alternation(a) => a.asts.iter().for_each(|a| collect_capture_names(a, out)),
        Ast::Repetition(r) => collect_capture_names(&r.ast, out),
        _ => {}
    }
}

/// The gate's version of a rule regex, which may match more than the rule but never less:
/// word-boundary assertions removed (without Unicode word boundaries the set runs on the fast
/// lazy DFA even on non-ASCII text), and counted repetitions opened up (`x{0,80}` → `x*`,
/// `x{1,4}` → `x+`), which otherwise multiply the automaton's states: the four largest rules took
/// two thirds of the gate's build time for their counters alone.
pub fn gate_source(src: &str) -> String {
    use regex_syntax::ast::{parse::Parser, print::Printer};
    let Ok(mut ast) = Parser::new().parse(src) else { return src.to_string() };
    loosen(&mut ast);
    let mut out = String::with_capacity(src.len());
    match Printer::new().print(&ast, &mut out) {
        Ok(()) => out,
        Err(_) => src.to_string(),
    }
}

fn loosen(ast: &mut regex_syntax::ast::Ast) {
    use regex_syntax::ast::{Ast, AssertionKind, RepetitionKind, RepetitionRange};
    match ast {
        Ast::Assertion(a)
            if matches!(
                a.kind,
                AssertionKind::WordBoundary
                    | AssertionKind::NotWordBoundary
                    | AssertionKind::WordBoundaryStart
                    | AssertionKind::WordBoundaryEnd
                    | AssertionKind::WordBoundaryStartAngle
                    | AssertionKind::WordBoundaryEndAngle
                    | AssertionKind::WordBoundaryStartHalf
                    | AssertionKind::WordBoundaryEndHalf
            ) =>
        {
            *ast = Ast::empty(a.span);
        }
        Ast::Repetition(r) => {
            if let RepetitionKind::Range(RepetitionRange::Bounded(m, n)) = r.op.kind
                && n > 1
            {
                r.op.kind = RepetitionKind::Range(RepetitionRange::AtLeast(m));
            }
            loosen(&mut r.ast);
        }
        Ast::Group(g) => loosen(&mut g.ast),
        Ast::Concat(c) => c.asts.iter_mut().for_each(loosen),
        Ast::Alternation(a) => a.asts.iter_mut().for_each(loosen),
        _ => {}
    }
}

/// How far `before` and `after` exceptions look, in bytes.
const CONTEXT: usize = 160;

#[derive(Debug)]
struct CompiledException {
    capture: Option<String>,
    in_list: Option<Arc<WordList>>,
    not_in_list: Option<Arc<WordList>>,
    matches: Option<LazyRegex>,
    before: Option<LazyRegex>,
    after: Option<LazyRegex>,
}

#[derive(Debug)]
struct Rule {
    index: usize,
    regex: LazyRegex,
    /// The regex's capture group names.
    captures: Vec<String>,
    /// Capture groups to report, the first that took part in the match.
    highlight: Vec<String>,
    unless: Vec<CompiledException>,
    outside_quotes: bool,
    skip_first_paragraph: bool,
    document_matches: Option<LazyRegex>,
    document_lacks: Option<LazyRegex>,
}

#[derive(Debug, Default)]
pub struct Compiled {
    /// Per scope: the gate and the rules in the gate's order.
    scopes: Vec<(Scope, RegexSet, Vec<Rule>)>,
    /// Rules behind their own literal prefilter, with their scope.
    literal: Vec<(Scope, aho_corasick::AhoCorasick, Rule)>,
}

/// Literals one of which every match of `src` starts or ends with, if there are few of them and
/// none shorter than two bytes: a prefilter that rules a document out with one scan.
fn required_literals(src: &str, case_insensitive: bool) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(case_insensitive).build().parse(src).ok()?;
    [ExtractKind::Prefix, ExtractKind::Suffix].into_iter().find_map(|kind| {
        let mut ex = Extractor::new();
        ex.kind(kind).limit_class(4).limit_repeat(4).limit_literal_len(16).limit_total(64);
        let mut seq = ex.extract(&hir);
        seq.minimize_by_preference();
        let lits = seq.literals()?;
        (!lits.is_empty() && lits.iter().all(|l| l.len() >= 2)).then(|| lits.iter().map(|l| l.as_bytes().to_vec()).collect())
    })
}

fn anchored(src: &Spanned<String>, lists: &Lists, prefix: &str, suffix: &str) -> Result<LazyRegex, SpecError> {
    let expanded = expand_regex(src, lists)?;
    let wrapped = Spanned::new(src.span(), format!("{prefix}(?:{expanded}){suffix}"));
    LazyRegex::new(&wrapped, &Lists::default(), false)
}

fn compile_rule(index: usize, spec: &Spec, lists: &Lists) -> Result<(Scope, String, Rule), SpecError> {
    let regex = LazyRegex::new(&spec.regex, lists, spec.case_insensitive)?;
    let captures = regex.capture_names();
    let names: Vec<&str> = captures.iter().map(String::as_str).collect();
    let check_capture = |c: &Spanned<String>| {
        if names.contains(&c.get_ref().as_str()) {
            Ok(c.get_ref().clone())
        } else {
            Err(SpecError::at(c.span(), format!("the regex has no capture group named `{}`", c.get_ref())))
        }
    };
    // A capture named `hl` is the highlight unless the rule names others.
    let highlight = match &spec.highlight {
        Some(h) => {
            h.get_ref().names().iter().map(|n| check_capture(&Spanned::new(h.span(), n.clone()))).collect::<Result<Vec<_>, _>>()?
        }
        None if names.contains(&"hl") => vec!["hl".to_string()],
        None => Vec::new(),
    };
    let mut unless = Vec::new();
    for u in &spec.unless {
        unless.push(CompiledException {
            capture: u.capture.as_ref().map(check_capture).transpose()?,
            in_list: u.in_list.as_ref().map(|l| list_at(lists, l.get_ref(), l.span())).transpose()?,
            not_in_list: u.not_in_list.as_ref().map(|l| list_at(lists, l.get_ref(), l.span())).transpose()?,
            matches: u.matches.as_ref().map(|r| LazyRegex::new(r, lists, false)).transpose()?,
            before: u.before.as_ref().map(|r| anchored(r, lists, "", r"\z")).transpose()?,
            after: u.after.as_ref().map(|r| anchored(r, lists, r"\A", "")).transpose()?,
        });
    }
    let set_source = format!("{}{}", if spec.case_insensitive { "(?i)" } else { "" }, gate_source(&expand_regex(&spec.regex, lists)?));
    Ok((
        spec.scope,
        set_source,
        Rule {
            index,
            regex,
            captures,
            highlight,
            unless,
            outside_quotes: spec.outside_quotes,
            skip_first_paragraph: spec.skip_first_paragraph,
            document_matches: spec.document_matches.as_ref().map(|r| LazyRegex::new(r, lists, false)).transpose()?,
            document_lacks: spec.document_lacks.as_ref().map(|r| LazyRegex::new(r, lists, false)).transpose()?,
        },
    ))
}

impl Compiled {
    pub fn build(rules: &[(usize, &Spec)], lists: &Lists) -> Result<Self, Vec<(usize, SpecError)>> {
        let mut compiled = build_each(rules, |i, s| compile_rule(i, s, lists))?;
        let mut literal = Vec::new();
        let mut gated = Vec::new();
        for ((scope, src, rule), (_, spec)) in compiled.into_iter().zip(rules) {
            let expanded = expand_regex(&spec.regex, lists).map_err(|e| vec![(rule.index, e)])?;
            match required_literals(&expanded, spec.case_insensitive) {
                Some(lits) => {
                    let ac = aho_corasick::AhoCorasick::new(&lits)
                        .map_err(|e| vec![(rule.index, SpecError::whole(format!("literal prefilter: {e}")))])?;
                    literal.push((scope, ac, rule));
                }
                None => gated.push((scope, src, rule)),
            }
        }
        compiled = gated;
        let mut scopes = Vec::new();
        for scope in Scope::ALL {
            let (mine, rest): (Vec<_>, Vec<_>) = compiled.into_iter().partition(|(s, _, _)| *s == scope);
            compiled = rest;
            let (sources, rules): (Vec<String>, Vec<Rule>) = mine.into_iter().map(|(_, src, r)| (src, r)).unzip();
            if rules.is_empty() {
                continue;
            }
            let set = RegexSetBuilder::new(&sources)
                .size_limit(REGEX_SIZE_LIMIT * 4)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 4)
                .build()
                .map_err(|e| rules.iter().map(|r| (r.index, SpecError::whole(format!("regex set: {e}")))).collect::<Vec<_>>())?;
            scopes.push((scope, set, rules));
        }
        Ok(Compiled { scopes, literal })
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Hit>) {
        let text = doc.text;
        let active = |r: &Rule| {
            r.document_matches.as_ref().is_none_or(|re| re.get().is_match(text)) && r.document_lacks.as_ref().is_none_or(|re| !re.get().is_match(text))
        };
        for (scope, ac, rule) in &self.literal {
            // Every match starts or ends with one of the literals, inside one unit: only units
            // holding an occurrence need the regex.
            let mut hits = ac.find_overlapping_iter(text).peekable();
            if hits.peek().is_none() || !active(rule) {
                continue;
            }
            let units = scope.units(doc);
            let mut last = usize::MAX;
            for m in hits {
                let i = units.partition_point(|u| u.end <= m.start());
                if i < units.len() && units[i].start <= m.start() && i != last {
                    last = i;
                    rule.run(doc, units[i], out);
                }
            }
        }
        for (scope, set, rules) in &self.scopes {
            let active: Vec<bool> = rules
                .iter()
                .map(|r| {
                    r.document_matches.as_ref().is_none_or(|re| re.get().is_match(text))
                        && r.document_lacks.as_ref().is_none_or(|re| !re.get().is_match(text))
                })
                .collect();
            if !active.iter().any(|&a| a) {
                continue;
            }
            for unit in scope.units(doc) {
                let unit_text = unit.text(text);
                for ri in set.matches(unit_text).iter() {
                    if active[ri] {
                        rules[ri].run(doc, unit, out);
                    }
                }
            }
        }
    }
}

impl Rule {
    fn run(&self, doc: &Document, unit: Span, out: &mut Vec<Hit>) {
        let text = doc.text;
        let unit_text = unit.text(text);
        for caps in self.regex.get().captures_iter(unit_text) {
            let whole = caps.get(0).expect("group 0 always participates");
            let whole_span = Span::from(whole.range()).offset(unit.start);
            let hl = self.highlight.iter().find_map(|h| caps.name(h)).unwrap_or(whole);
            let span = Span::from(hl.range()).offset(unit.start);
            if span.is_empty() && whole_span.is_empty() {
                continue;
            }
            if self.outside_quotes && doc.in_quotation(span) {
                continue;
            }
            if self.skip_first_paragraph && doc.paragraph_at(span.start) == Some(0) {
                continue;
            }
            let cancelled = self.unless.iter().any(|u| {
                let subject = u.capture.as_deref().and_then(|c| caps.name(c)).unwrap_or(hl).as_str();
                u.in_list.as_ref().is_none_or(|l| l.contains(subject))
                    && u.not_in_list.as_ref().is_none_or(|l| !l.contains(subject))
                    && u.matches.as_ref().is_none_or(|re| re.get().is_match(subject))
                    && u.before.as_ref().is_none_or(|re| {
                        let from = floor_char_boundary(text, whole_span.start.saturating_sub(CONTEXT));
                        re.get().is_match(&text[from..whole_span.start])
                    })
                    && u.after.as_ref().is_none_or(|re| {
                        let to = ceil_char_boundary(text, whole_span.end + CONTEXT);
                        re.get().is_match(&text[whole_span.end..to])
                    })
            });
            if cancelled {
                continue;
            }
            let mut hit = Hit::new(self.index, span).var("match", hl.as_str());
            for name in &self.captures {
                hit = hit.var(name, caps.name(name).map_or("", |m| m.as_str()));
            }
            out.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::kinds::testing::{flagged, rule, run};

    #[test]
    fn rules_with_rare_literals_get_their_own_prefilter() {
        let lits = |r: &str| super::required_literals(r, false);
        assert_eq!(lits(r"\{\{[^{}]+\}\}"), Some(vec![b"{{".to_vec()]));
        assert!(lits(r"\p{Ll}[.!?]”").is_some_and(|l| l.contains(&".”".as_bytes().to_vec())), "a suffix literal will do");
        // A one-byte literal or none at all: the rule stays behind the shared gate.
        assert_eq!(lits(r"\p{Ll}\(\p{Lu}"), None);
        assert_eq!(lits(r"\b\p{Lu}\p{Ll}+\b"), None);
        // Case-insensitive literals cover every case.
        assert!(lits(r"(?i)photo:").is_some_and(|l| l.contains(&b"PHOTO:".to_vec())));
    }

    #[test]
    fn the_gate_drops_word_boundaries_and_counters_only() {
        use super::gate_source;
        assert_eq!(gate_source(r"\bU\.S\.\B\\b"), r"U\.S\.\\b");
        assert_eq!(gate_source(r"[^\n]{0,80}x{1,4}?y{3}z{2,}(?:a|\b{start}b)"), r"[^\n]{0,}x{1,}?y{3}z{2,}(?:a|b)");
        // Every text the rule matches, the gate matches, and more.
        let src = r"^\p{Lu}[\p{L}.]{1,40}?\b, \d{1,2}\b";
        let (rule, gate) = (regex::Regex::new(src).unwrap(), regex::Regex::new(&gate_source(src)).unwrap());
        let long = format!("P{}, 1234", "a".repeat(50));
        assert!(rule.is_match("Paris, 12") && gate.is_match("Paris, 12"));
        assert!(!rule.is_match(&long) && gate.is_match(&long));
    }

    #[test]
    fn highlight_capture_and_message_captures() {
        let r = rule("[kind.pattern]\nscope = \"sentence\"\nregex = '(?P<hl>colour)(?P<rest>s?)'", "{match}/{rest}");
        assert_eq!(run(&r, &[], "Two colours."), vec![("colour".to_string(), "colour/s".to_string())]);
    }

    #[test]
    fn word_lists_expand_and_exceptions_cancel() {
        let r = rule(
            "[kind.pattern]\nscope = \"line\"\nregex = '\\b(?:{{list:fruit}})\\b'\n[[kind.pattern.unless]]\nbefore = 'no $'\n[[kind.pattern.unless]]\nafter = '^ pie'\n[[kind.pattern.unless]]\nin_list = \"skip\"",
            "x",
        );
        let lists = [("fruit", "apple\npear\nplum\n"), ("skip", "plum\n")];
        assert_eq!(flagged(&r, &lists, "apple, no pear, pear pie, plum, pear"), vec!["apple", "pear"]);
    }

    #[test]
    fn document_conditions_and_quotes() {
        let r = rule("[kind.pattern]\nscope = \"sentence\"\nregex = 'said'\ndocument_lacks = '\"'\noutside_quotes = true", "x");
        assert_eq!(flagged(&r, &[], "He said so."), vec!["said"]);
        assert!(flagged(&r, &[], "He said \"so\".").is_empty());
        let r = rule("[kind.pattern]\nscope = \"paragraph\"\nregex = 'said'\noutside_quotes = true", "x");
        assert_eq!(flagged(&r, &[], "“I said it,” he said."), vec!["said"]);
    }

    #[test]
    fn scopes_do_not_match_across_their_units() {
        let r = rule("[kind.pattern]\nscope = \"sentence\"\nregex = 'end\\. Start'", "x");
        assert!(flagged(&r, &[], "The end. Start again.").is_empty());
        let r = rule("[kind.pattern]\nscope = \"paragraph\"\nregex = 'end\\. Start'", "x");
        assert_eq!(flagged(&r, &[], "The end. Start again."), vec!["end. Start"]);
    }
}
