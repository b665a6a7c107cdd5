//! Test helper for the kind modules: compile one rule from inline TOML and lint a text with it.

use crate::config::Config;
use crate::engine::RuleSet;
use crate::rules::packs::{RuleRoot, Source};

/// A rule file with the given `[kind.…]` section and placeholder metadata and examples.
pub fn rule(kind_section: &str, message: &str) -> String {
    format!(
        "id = \"T001\"\nname = \"test-rule\"\nsummary = \"s\"\ndescription = \"d\"\nseverity = \"warning\"\nmessage = \"{message}\"\n{kind_section}\n\n[[example]]\nbad = \"x\"\n\n[[example]]\nok = \"y\"\n"
    )
}

/// Lint `text` with one rule (the built-in lists are available); return (flagged text, message) pairs.
pub fn run(rule_toml: &str, lists: &[(&str, &str)], text: &str) -> Vec<(String, String)> {
    let mut root = RuleRoot::builtin_lists();
    root.packs.insert("test".into(), vec![Source { path: "test.toml".into(), text: rule_toml.into() }]);
    for (name, body) in lists {
        root.lists.insert(name.to_string(), Source { path: format!("{name}.txt"), text: body.to_string() });
    }
    let set = match RuleSet::load(&[root], &Config::default()) {
        Ok(s) => s,
        Err(e) => panic!("{}", e.0.iter().map(|e| e.brief()).collect::<Vec<_>>().join("\n")),
    };
    set.lint(text).into_iter().map(|d| (d.span.text(text).to_string(), d.message)).collect()
}

/// Just the flagged texts.
pub fn flagged(rule_toml: &str, lists: &[(&str, &str)], text: &str) -> Vec<String> {
    run(rule_toml, lists, text).into_iter().map(|(t, _)| t).collect()
}
