//! Baselines: adopt mtlint on an existing archive and fail only on new findings. A finding's
//! fingerprint is made of the file, the rule, the flagged text, the record id and how many identical
//! findings came before it in the file — no line numbers or offsets, so it survives edits elsewhere.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::RuleSet;
use crate::lint::Finding;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub text: String,
    pub fingerprint: String,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// FNV-1a, 64 bits: stable across platforms and releases.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// Fingerprints of one file's findings, in order.
pub fn fingerprints(set: &RuleSet, path: &str, findings: &[Finding], seen: &mut HashMap<String, usize>) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let rule = &set.rules[f.rule].id;
            let text: String = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let record = f.record.as_ref().and_then(|r| r.id.clone()).unwrap_or_default();
            let key = format!("{path}\0{rule}\0{text}\0{record}");
            let n = seen.entry(key).or_default();
            *n += 1;
            format!("{:016x}", fnv1a(&[path, rule, &text, &record, &n.to_string()]))
        })
        .collect()
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("baseline {} is not a mtlint baseline: {e}", path.display()))
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        std::fs::write(path, text + "\n").map_err(|e| format!("cannot write baseline {}: {e}", path.display()))
    }

    /// The fingerprints it holds, with their counts.
    pub fn index(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for e in &self.findings {
            *m.entry(e.fingerprint.clone()).or_default() += 1;
        }
        m
    }
}
