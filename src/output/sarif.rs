//! `--format sarif`: one SARIF 2.1.0 document for the run, as GitHub code scanning accepts it: every
//! rule in the driver with its help text, results with character columns and byte offsets, fixes as
//! SARIF fixes, and the baseline fingerprint as a partial fingerprint.

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::lint::Finding;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A repository-relative URI with forward slashes.
pub fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

fn rule(r: &crate::engine::Rule) -> Value {
    let examples: Vec<String> = r
        .examples
        .iter()
        .filter_map(|(e, _)| e.bad.as_ref().map(|b| format!("- Flagged: {b}")).or_else(|| e.ok.as_ref().map(|o| format!("- Fine: {o}"))))
        .collect();
    json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.description.trim()},
        "help": {
            "text": format!("{}\n\n{}", r.description.trim(), examples.join("\n")),
            "markdown": format!("**{}** ({})\n\n{}\n\n{}", r.name, r.pack, r.description.trim(), examples.join("\n")),
        },
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"tags": [r.pack, "mtlint"], "kind": r.kind},
    })
}

/// One result, as compact JSON.
pub fn result(set: &RuleSet, path: &str, f: &Finding, fingerprint: &str) -> String {
    let r = &set.rules[f.rule];
    let mut result = json!({
        "ruleId": r.id,
        "ruleIndex": f.rule,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(path)},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "byteOffset": f.span.start,
                    "byteLength": f.span.len(),
                    "snippet": {"text": f.text},
                }
            }
        }],
        "partialFingerprints": {"mtlint/v1": fingerprint},
    });
    if let Some(fix) = &f.fix {
        result["fixes"] = json!([{
            "description": {"text": format!("Replace with “{}”", fix.replacement)},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(path)},
                "replacements": [{
                    "deletedRegion": {"byteOffset": fix.span.start, "byteLength": fix.span.len()},
                    "insertedContent": {"text": fix.replacement},
                }]
            }]
        }]);
    }
    if let Some(rec) = &f.record {
        result["properties"] = json!({"record": {"line": rec.line, "id": rec.id, "field": rec.field}});
    }
    serde_json::to_string(&result).expect("SARIF serialises")
}

/// The document around its results, written as a stream: `prelude`, then the results separated
/// by `,` (see [`Stream`]), then `epilogue`; memory does not grow with the number of results.
fn frame(set: &RuleSet) -> (String, String) {
    const HOLE: &str = "\u{0}results\u{0}";
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mtlint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/mtlint/mtlint",
                "rules": set.rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": HOLE,
        }]
    });
    let text = serde_json::to_string_pretty(&doc).expect("SARIF serialises");
    let hole = serde_json::to_string(HOLE).expect("a string serialises");
    let at = text.find(&hole).expect("the placeholder is in the document");
    (format!("{}[", &text[..at]), format!("\n      ]{}\n", &text[at + hole.len()..]))
}

/// A SARIF document written result by result.
#[derive(Default)]
pub struct Stream {
    results: usize,
    epilogue: Option<String>,
}

impl Stream {
    /// Text to write before the next result (the prelude before the first).
    pub fn before_result(&mut self, set: &RuleSet) -> String {
        let mut out = self.start(set);
        out.push_str(if self.results == 0 { "\n        " } else { ",\n        " });
        self.results += 1;
        out
    }

    fn start(&mut self, set: &RuleSet) -> String {
        if self.epilogue.is_some() {
            return String::new();
        }
        let (prelude, epilogue) = frame(set);
        self.epilogue = Some(epilogue);
        prelude
    }

    /// Text that ends the document (with the prelude if there were no results).
    pub fn finish(&mut self, set: &RuleSet) -> String {
        let mut out = self.start(set);
        out.push_str(self.epilogue.as_deref().unwrap_or_default());
        out
    }
}
