//! Every rule file's `[[example]]` entries, one test per rule file (built-in packs).

use std::path::Path;
use std::sync::OnceLock;

use mtlint::RuleSet;
use mtlint::examples::check_rule;

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| match RuleSet::builtin() {
        Ok(s) => s,
        Err(e) => panic!("built-in rules fail to load:\n{}", e.0.iter().map(|e| e.brief()).collect::<Vec<_>>().join("\n")),
    })
}

fn rule_file(path: &Path) -> datatest_stable::Result<()> {
    let set = rules();
    let wanted = path.to_string_lossy().replace('\\', "/");
    let index = set
        .rules
        .iter()
        .position(|r| wanted.ends_with(r.path.trim_start_matches("<builtin>/")))
        .ok_or_else(|| format!("{wanted} is not loaded as a rule"))?;
    let failures = check_rule(set, index);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.iter().map(|f| f.brief()).collect::<Vec<_>>().join("\n").into())
    }
}

datatest_stable::harness! {
    { test = rule_file, root = "rules", pattern = r"^(?!lists/)[^/]+/[^/]+\.toml$" },
}
