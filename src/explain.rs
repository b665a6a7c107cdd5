//! The commands that explain and test rules: `rules`, `rule`, `test-rules`, `segments`.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::Global;
use crate::{FAILED, load_config, report_load_errors, setup};
use mtlint::input::{self, Input};
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

pub fn segments(global: &Global, file: &std::path::Path, words: bool, color: bool) -> anyhow::Result<u8> {
    let Some(set) = setup(global, color, |_| {}) else { return Ok(FAILED) };
    let inp = if file.as_os_str() == "-" { Input::Stdin } else { Input::File(file.to_path_buf()) };
    let text = match input::read(&inp) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mtlint: {}: {e}", file.display());
            return Ok(FAILED);
        }
    };
    let doc = set.document(&text);
    let mut out = std::io::stdout().lock();
    let pos = |o: usize| {
        let (l, c) = doc.line_index.line_col(&text, o);
        format!("{l}:{c}")
    };
    writeln!(out, "paragraph style: {:?}", doc.style)?;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        writeln!(out, "¶{pi} {}..{} ({})", p.span.start, p.span.end, pos(p.span.start))?;
        for s in &doc.sentences[p.sentences.clone()] {
            writeln!(out, "  § {}..{} {:?}", s.span.start, s.span.end, s.span.text(&text))?;
            if words {
                let ws: Vec<&str> = doc.words[s.words.clone()].iter().map(|w| w.span.text(&text)).collect();
                writeln!(out, "    words: {}", ws.join(" | "))?;
            }
        }
    }
    for q in &doc.quotations {
        let end = q.close.map_or("unclosed".to_string(), |c| c.end.to_string());
        writeln!(out, "quote {}..{end} at {}", q.open.start, pos(q.open.start))?;
    }
    for (p, i) in &doc.imbalances {
        writeln!(out, "imbalance in ¶{p}: {i:?}")?;
    }
    Ok(0)
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
