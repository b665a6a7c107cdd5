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

/// The whole SARIF document; `results` are (path, finding, fingerprint) in output order.
pub fn document(set: &RuleSet, results: &[(String, Finding, String)]) -> String {
    let results: Vec<Value> = results
        .iter()
        .map(|(path, f, fingerprint)| {
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
            result
        })
        .collect();
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
            "results": results,
        }]
    });
    format!("{}\n", serde_json::to_string_pretty(&doc).expect("SARIF serialises"))
}
