//! The commands that explain and test rules: `rules`, `rule`, `test-rules`, `segments`.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Global, SegmentsArgs};
use crate::{FAILED, load_config, report_load_errors, setup};
use mtlint::input::html::{self, Scope};
use mtlint::input::{self, Input};
use mtlint::text::{LineIndex, Span};
use mtlint::rules::error::LoadError;
use mtlint::rules::packs::RuleRoot;
use mtlint::{Config, RuleSet, examples};

pub fn rules(global: &Global, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let mut out = std::io::stdout().lock();
    let mut pack = "";
    for r in &set.rules {
        if r.pack != pack {
            pack = &r.pack;
            writeln!(out, "\n{pack}")?;
        }
        writeln!(out, "  {:<7} {:<8} {:<34} {}", r.id, r.severity.as_str(), r.name, r.summary)?;
    }
    writeln!(out, "\n{} rules in {} packs", set.rules.len(), set.rules.iter().map(|r| &r.pack).collect::<std::collections::BTreeSet<_>>().len())?;
    Ok(0)
}

pub fn rule(global: &Global, id: &str, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let Some(i) = set.find(id) else {
        eprintln!("mtlint: no rule `{id}`; `mtlint rules` lists them");
        return Ok(FAILED);
    };
    let r = &set.rules[i];
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} {} ({} pack, {}, kind `{}`)\n", r.id, r.name, r.pack, r.severity, r.kind)?;
    writeln!(out, "{}\n", r.summary)?;
    writeln!(out, "{}\n", r.description.trim())?;
    writeln!(out, "Message: {}", r.message)?;
    if let Some(f) = &r.fix {
        writeln!(out, "Fix: replace with {f}")?;
    }
    writeln!(out, "\nExamples:")?;
    for (ex, _) in &r.examples {
        if let Some(bad) = &ex.bad {
            writeln!(out, "  bad:   {bad}")?;
            if let Some(f) = &ex.fixed {
                writeln!(out, "  fixed: {f}")?;
            }
        }
        if let Some(ok) = &ex.ok {
            writeln!(out, "  ok:    {ok}")?;
        }
    }
    writeln!(out, "\nDefined in {}", r.path)?;
    Ok(0)
}

pub fn test_rules(global: &Global, dirs: &[PathBuf], color: bool) -> anyhow::Result<u8> {
    let config = Config::default();
    // A user's packs are checked on their own, with the built-in lists available to them.
    let mut roots = vec![RuleRoot::builtin_lists()];
    if dirs.is_empty() {
        roots[0] = RuleRoot::builtin();
    }
    for d in global.rules.iter().chain(dirs) {
        match RuleRoot::from_dir(d) {
            Ok(r) => roots.push(r),
            Err(e) => {
                report_load_errors(&[e], color);
                return Ok(FAILED);
            }
        }
    }
    let set = match RuleSet::load(&roots, &config) {
        Ok(s) => s,
        Err(LoadError(e)) => {
            report_load_errors(&e, color);
            return Ok(FAILED);
        }
    };
    let failures = examples::check_all(&set);
    let examples: usize = set.rules.iter().map(|r| r.examples.len()).sum();
    if failures.is_empty() {
        writeln!(std::io::stdout().lock(), "{} rules, {} examples: all pass", set.rules.len(), examples)?;
        Ok(0)
    } else {
        report_load_errors(&failures, color);
        Ok(FAILED)
    }
}

pub fn segments(global: &Global, args: &SegmentsArgs, color: bool) -> anyhow::Result<u8> {
    let mut configured_scope = None;
    let Some(set) = setup(global, color, |c| configured_scope = c.html_scope) else { return Ok(FAILED) };
    let file = &args.file;
    let inp = if file.as_os_str() == "-" { Input::Stdin } else { Input::File(file.to_path_buf()) };
    let text = match input::read(&inp) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mtlint: {}: {e}", file.display());
            return Ok(FAILED);
        }
    };
    let format = args.input_format.or_else(|| input::Format::from_path(file)).unwrap_or(input::Format::Text);
    let scope = args.html_scope.or(configured_scope).unwrap_or_default();
    let index = LineIndex::new(&text);
    let mut out = std::io::stdout().lock();
    let pos = |o: usize| {
        let (l, c) = index.line_col(&text, o);
        format!("{l}:{c}")
    };
    if format == input::Format::Html {
        describe_selection(&mut out, &text, scope, &pos)?;
    }
    let options = input::Options { html_scope: scope, ..Default::default() };
    let (units, problems) = input::units(format, &text, &options);
    for p in &problems {
        writeln!(out, "problem: {}", p.message)?;
    }
    for unit in &units {
        let t = &unit.text.text;
        if let Some(r) = &unit.record {
            writeln!(out, "record at line {} ({}{})", r.line, r.field, r.id.as_ref().map(|i| format!(", id {i}")).unwrap_or_default())?;
        }
        if args.show_extracted {
            writeln!(out, "--- extracted text ---\n{t}\n--- end ---")?;
        }
        let doc = set.document(t);
        let at = |s: Span| pos(unit.to_original(s).start);
        writeln!(out, "paragraph style: {:?}", doc.style)?;
        for (pi, p) in doc.paragraphs.iter().enumerate() {
            writeln!(out, "¶{pi} at {}", at(p.span))?;
            for s in &doc.sentences[p.sentences.clone()] {
                writeln!(out, "  § {} {:?}", at(s.span), s.span.text(t))?;
                if args.words {
                    let ws: Vec<&str> = doc.words[s.words.clone()].iter().map(|w| w.span.text(t)).collect();
                    writeln!(out, "    words: {}", ws.join(" | "))?;
                }
            }
        }
        for q in &doc.quotations {
            let end = q.close.map_or("unclosed".to_string(), &at);
            writeln!(out, "quote {}..{end}", at(q.open))?;
        }
        for (p, i) in &doc.imbalances {
            writeln!(out, "imbalance in ¶{p}: {i:?}")?;
        }
    }
    Ok(0)
}

/// For `segments` on HTML: which part of the page is linted, and why.
fn describe_selection(out: &mut impl Write, text: &str, scope: Scope, pos: &dyn Fn(usize) -> String) -> std::io::Result<()> {
    let h = html::extract(text, scope);
    let Some((tree, sel)) = &h.selection else {
        let why = match scope {
            Scope::Page => "every visible element (--html-scope page)",
            Scope::Auto => "every visible element (a fragment: no <body>)",
            Scope::Article => "every visible element (nothing on the page reads like an article)",
        };
        return writeln!(out, "html scope: {why}");
    };
    let show = |i: usize| {
        let e = &tree.elements[i];
        let names = if e.class_id.is_empty() { String::new() } else { format!(" {:?}", e.class_id) };
        format!("<{}{names}> at {}..{}", e.name, pos(e.span.start), pos(e.span.end))
    };
    writeln!(out, "html scope: the article, chosen by {} ({:.1})", sel.how, sel.score)?;
    for &k in &sel.kept {
        writeln!(out, "  linted: {}", show(k))?;
    }
    for (d, why) in &sel.dropped {
        writeln!(out, "  left out: {} ({why})", show(*d))?;
    }
    for (c, score) in &sel.candidates {
        writeln!(out, "  candidate {score:.1}: {}", show(*c))?;
    }
    Ok(())
}

pub fn config(global: &Global, color: bool) -> anyhow::Result<u8> {
    let config = match load_config(global) {
        Ok(c) => c,
        Err(e) => {
            report_load_errors(&[e], color);
            return Ok(FAILED);
        }
    };
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let mut out = std::io::stdout().lock();
    match &config.path {
        Some(p) => writeln!(out, "config file: {}", p.display())?,
        None if global.no_config => writeln!(out, "config file: none (--no-config)")?,
        None => writeln!(out, "config file: none found (looked for mtlint.toml in this directory and its parents)")?,
    }
    let list = |v: &[String]| if v.is_empty() { "(all)".to_string() } else { v.join(", ") };
    writeln!(out, "select: {}", list(&config.select))?;
    writeln!(out, "ignore: {}", if config.ignore.is_empty() { "(none)".to_string() } else { config.ignore.join(", ") })?;
    for (rule, severity) in &config.severity {
        writeln!(out, "severity: {rule} = {severity}")?;
    }
    for dir in config.rules.iter().chain(&global.rules) {
        writeln!(out, "rules folder: {}", dir.display())?;
    }
    let mut packs: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for r in &set.rules {
        *packs.entry(r.pack.as_str()).or_default() += 1;
    }
    for (pack, n) in packs {
        writeln!(out, "pack {pack}: {n} rules")?;
    }
    Ok(0)
}
