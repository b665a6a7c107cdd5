//! Rule kinds: each module owns one kind's parameters (as read from TOML), compilation and matching.
//! Adding a kind is one module, one variant of [`KindSpec`] and one arm in each `match` below.

pub mod brackets;
pub mod consistency;
pub mod document;
pub mod duplicates;
pub mod line_class;
pub mod names;
pub mod pattern;
pub mod phrases;
pub mod quote_balance;
pub mod scope;
pub mod segmentation;
pub mod spellings;
pub mod tokens;
pub mod typos;
pub mod vocabulary;
#[cfg(test)]
pub mod testing;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::rules::error::SpecError;
use crate::rules::lists::Lists;
use crate::text::{Document, Span};

/// The `[kind.<name>]` table of a rule file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum KindSpec {
    Pattern(pattern::Spec),
    Phrases(phrases::Spec),
    Tokens(tokens::Spec),
    Names(names::Spec),
    QuoteBalance(quote_balance::Spec),
    Consistency(consistency::Spec),
    Duplicates(duplicates::Spec),
    Spellings(spellings::Spec),
    Brackets(brackets::Spec),
    Segmentation(segmentation::Spec),
    LineClass(line_class::Spec),
    Typos(typos::Spec),
    Document(document::Spec),
}

impl KindSpec {
    pub fn name(&self) -> &'static str {
        match self {
            KindSpec::Pattern(_) => "pattern",
            KindSpec::Phrases(_) => "phrases",
            KindSpec::Tokens(_) => "tokens",
            KindSpec::Names(_) => "names",
            KindSpec::QuoteBalance(_) => "quote_balance",
            KindSpec::Consistency(_) => "consistency",
            KindSpec::Duplicates(_) => "duplicates",
            KindSpec::Spellings(_) => "spellings",
            KindSpec::Brackets(_) => "brackets",
            KindSpec::Segmentation(_) => "segmentation",
            KindSpec::LineClass(_) => "line_class",
            KindSpec::Typos(_) => "typos",
            KindSpec::Document(_) => "document",
        }
    }

    /// The template variables a rule of this kind can use in its message, help and fix. Every kind
    /// has `match` (the reported text), `match_lower` and `match_title` (every word capitalised).
    pub fn vars(&self) -> Vec<String> {
        let mut v = self.own_vars();
        v.push("match_lower".to_string());
        v.push("match_title".to_string());
        v
    }

    fn own_vars(&self) -> Vec<String> {
        let own: &[&str] = match self {
            KindSpec::Pattern(s) => return s.vars(),
            KindSpec::Phrases(_) => &["suggestion"],
            KindSpec::Tokens(s) => return s.vars(),
            KindSpec::Names(_) => &["canonical", "suggestion", "entity", "other"],
            KindSpec::QuoteBalance(_) => &[],
            KindSpec::Consistency(_) => &["label", "others"],
            KindSpec::Duplicates(_) => &["first_line"],
            KindSpec::Spellings(_) => &["other", "count"],
            KindSpec::Brackets(_) => &["mark"],
            KindSpec::Segmentation(_) => &["parts", "joined"],
            KindSpec::LineClass(_) => &["signals", "score"],
            KindSpec::Typos(_) => &["suggestion", "others", "dominant"],
            KindSpec::Document(_) => &[],
        };
        std::iter::once("match").chain(own.iter().copied()).map(str::to_string).collect()
    }
}

/// One finding of one rule, before its message is rendered.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Index of the rule in the rule set.
    pub rule: usize,
    pub span: Span,
    /// Template variables; `match` is added by the engine when absent.
    pub vars: Vec<(String, String)>,
}

impl Hit {
    pub fn new(rule: usize, span: Span) -> Self {
        Hit { rule, span, vars: Vec::new() }
    }
    pub fn var(mut self, name: &str, value: impl Into<String>) -> Self {
        self.vars.push((name.to_string(), value.into()));
        self
    }
}

/// Largest compiled size allowed for one rule's regex: big word lists fit, runaway repetitions do not.
pub const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// Compile a rule regex, expanding `{{list:NAME}}` references; errors point at the TOML string.
pub fn compile_regex(src: &Spanned<String>, lists: &Lists, case_insensitive: bool) -> Result<Regex, SpecError> {
    let expanded = expand_regex(src, lists)?;
    RegexBuilder::new(&expanded)
        .case_insensitive(case_insensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| SpecError::at(src.span(), format!("invalid regex: {}", first_line_of_regex_error(&e))))
}

/// A regex whose syntax is checked when the rules load but which is compiled the first time a text
/// needs it: on a short input most rules never run, and compiling every one of them was most of
/// the start-up time. Compiled once, shared by every thread.
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    case_insensitive: bool,
    compiled: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    pub fn new(src: &Spanned<String>, lists: &Lists, case_insensitive: bool) -> Result<Self, SpecError> {
        let source = expand_regex(src, lists)?;
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(&source)
            .map_err(|e| SpecError::at(src.span(), format!("invalid regex: {}", last_line(&e.to_string()))))?;
        Ok(LazyRegex { source, case_insensitive, compiled: std::sync::OnceLock::new() })
    }

    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            RegexBuilder::new(&self.source)
                .case_insensitive(self.case_insensitive)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                // The syntax was checked at load; only a regex too large to compile gets here.
                .unwrap_or_else(|e| panic!("a rule's regex does not compile: {e}"))
        })
    }

    /// The names of its capture groups.
    pub fn capture_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(&self.source) {
            pattern::collect_capture_names(&ast, &mut names);
        }
        names
    }
}

fn last_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_string()
}

pub fn expand_regex(src: &Spanned<String>, lists: &Lists) -> Result<String, SpecError> {
    lists.expand(src.get_ref()).map_err(|m| SpecError::at(src.span(), m))
}

fn first_line_of_regex_error(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => s.lines().last().unwrap_or(s).trim().to_string(),
        other => other.to_string(),
    }
}

/// Look up a word list, with the error located at `span` in the rule file.
pub fn list_at(
    lists: &Lists,
    name: &str,
    span: std::ops::Range<usize>,
) -> Result<std::sync::Arc<crate::rules::lists::WordList>, SpecError> {
    lists.word_list(name).cloned().map_err(|m| SpecError::at(span, m))
}

/// Every kind, compiled together for one rule set.
#[derive(Debug, Default)]
pub struct Compiled {
    pattern: pattern::Compiled,
    phrases: phrases::Compiled,
    tokens: tokens::Compiled,
    names: names::Compiled,
    quote_balance: quote_balance::Compiled,
    consistency: consistency::Compiled,
    duplicates: duplicates::Compiled,
    spellings: spellings::Compiled,
    brackets: brackets::Compiled,
    segmentation: segmentation::Compiled,
    line_class: line_class::Compiled,
    typos: typos::Compiled,
    document: document::Compiled,
}

impl Compiled {
    /// Compile every rule's kind; collect every error with the index of its rule.
    pub fn build(specs: &[(usize, &KindSpec)], lists: &Lists) -> Result<Self, Vec<(usize, SpecError)>> {
        /// The rules of one kind, with their indices.
        fn of<'a, T>(specs: &[(usize, &'a KindSpec)], pick: impl Fn(&'a KindSpec) -> Option<&'a T>) -> Vec<(usize, &'a T)> {
            specs.iter().filter_map(|&(i, s)| pick(s).map(|t| (i, t))).collect()
        }
        let mut errors = Vec::new();
        let mut out = Compiled::default();
        macro_rules! kind {
            ($variant:ident, $field:ident, $build:path) => {
                let rules = of(specs, |s| if let KindSpec::$variant(x) = s { Some(x) } else { None });
                collect($build(&rules, lists), &mut out.$field, &mut errors);
            };
        }
        kind!(Pattern, pattern, pattern::Compiled::build);
        kind!(Phrases, phrases, phrases::Compiled::build);
        kind!(Tokens, tokens, tokens::Compiled::build);
        kind!(Names, names, names::build);
        kind!(QuoteBalance, quote_balance, quote_balance::build);
        kind!(Consistency, consistency, consistency::build);
        kind!(Duplicates, duplicates, duplicates::build);
        kind!(Spellings, spellings, spellings::build);
        kind!(Brackets, brackets, brackets::build);
        kind!(Segmentation, segmentation, segmentation::build);
        kind!(LineClass, line_class, line_class::build);
        kind!(Typos, typos, typos::build);
        kind!(Document, document, document::build);
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Hit>) {
        self.pattern.check(doc, out);
        self.phrases.check(doc, out);
        self.tokens.check(doc, out);
        self.names.check(doc, out);
        self.quote_balance.check(doc, out);
        self.consistency.check(doc, out);
        self.duplicates.check(doc, out);
        self.spellings.check(doc, out);
        self.brackets.check(doc, out);
        self.segmentation.check(doc, out);
        self.line_class.check(doc, out);
        self.typos.check(doc, out);
        self.document.check(doc, out);
    }
}

fn collect<T>(r: Result<T, Vec<(usize, SpecError)>>, slot: &mut T, errors: &mut Vec<(usize, SpecError)>) {
    match r {
        Ok(v) => *slot = v,
        Err(e) => errors.extend(e),
    }
}

/// A kind whose compiled rules each look at the document on their own.
pub trait RunRule {
    fn run(&self, doc: &Document, out: &mut Vec<Hit>);
}

/// The compiled rules of such a kind.
#[derive(Debug)]
pub struct EachRule<R>(pub Vec<R>);

impl<R> Default for EachRule<R> {
    fn default() -> Self {
        EachRule(Vec::new())
    }
}

impl<R: RunRule> EachRule<R> {
    /// Compile every rule with `f`, gathering all errors.
    pub fn build<S>(rules: &[(usize, &S)], f: impl FnMut(usize, &S) -> Result<R, SpecError>) -> Result<Self, Vec<(usize, SpecError)>> {
        build_each(rules, f).map(EachRule)
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Hit>) {
        for r in &self.0 {
            r.run(doc, out);
        }
    }
}

/// Build each rule with `f`, gathering all errors.
pub fn build_each<S, T>(
    rules: &[(usize, &S)],
    mut f: impl FnMut(usize, &S) -> Result<T, SpecError>,
) -> Result<Vec<T>, Vec<(usize, SpecError)>> {
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for &(i, s) in rules {
        match f(i, s) {
            Ok(v) => ok.push(v),
            Err(e) => errors.push((i, e)),
        }
    }
    if errors.is_empty() { Ok(ok) } else { Err(errors) }
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Does `span` start and end at word boundaries of `text`?
pub fn whole_word(text: &str, span: Span) -> bool {
    text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
        && !is_word_char(text[..span.start].chars().next_back())
        && !is_word_char(text[span.end..].chars().next())
}

/// One list name or several: `in_list = "function-words"` or `in_list = ["a", "b"]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ListNames {
    One(String),
    Many(Vec<String>),
}

impl ListNames {
    /// The names, one or several.
    pub fn names(&self) -> &[String] {
        match self {
            ListNames::One(n) => std::slice::from_ref(n),
            ListNames::Many(v) => v,
        }
    }
}

/// Several word lists read as one: a word is in it when any list has it.
#[derive(Debug, Clone)]
pub struct ListSet(Vec<std::sync::Arc<crate::rules::lists::WordList>>);

impl ListSet {
    pub fn contains(&self, word: &str) -> bool {
        self.0.iter().any(|l| l.contains(word))
    }

    /// Every entry of every list, as written.
    pub fn entries(&self) -> impl Iterator<Item = &String> {
        self.0.iter().flat_map(|l| l.entries.iter())
    }
}

/// Resolve one or several list names, with errors located at the field.
pub fn lists_at(lists: &Lists, names: &Spanned<ListNames>) -> Result<ListSet, SpecError> {
    let span = names.span();
    names.get_ref().names().iter().map(|n| list_at(lists, n, span.clone())).collect::<Result<_, _>>().map(ListSet)
}
