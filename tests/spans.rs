//! Spans always point into the original input: line endings, a BOM, tabs, no-break and zero-width
//! characters never shift them, and no input makes the engine panic.

use mtlint::RuleSet;

fn flagged(set: &RuleSet, text: &str) -> Vec<(String, String)> {
    set.lint(text).iter().map(|d| (set.rules[d.rule].id.clone(), d.span.text(text).to_string())).collect()
}

#[test]
fn crlf_bom_and_invisible_characters_do_not_shift_spans() {
    let set = RuleSet::builtin().unwrap();
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds/002_654890f6ec812977.txt")).unwrap();
    let plain = flagged(&set, &seed);
    assert!(plain.len() > 10);
    let crlf = format!("\u{FEFF}{}", seed.replace('\n', "\r\n"));
    let crlf_flagged: Vec<(String, String)> = flagged(&set, &crlf).into_iter().map(|(i, t)| (i, t.replace('\r', ""))).collect();
    assert_eq!(crlf_flagged, plain, "CRLF and a BOM");
    // Invisible and spacing characters at paragraph edges are trimmed, never counted.
    let padded = seed.replace('\n', "\u{200B}\t\u{A0}\n");
    let got = flagged(&set, &padded);
    for (id, text) in &plain {
        assert!(got.iter().any(|(i, t)| i == id && t.replace(['\u{200B}', '\t', '\u{A0}'], "") == *text), "{id} {text:?} lost");
    }
}

/// A small deterministic generator of awkward text.
fn noise(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "a", "A", "the", "U.S.", " ", "  ", "\n", "\r\n", "\n\n", ".", ",", ";", ":", "\"", "“", "”", "‘", "’", "'", "(", ")", "—", "-",
        "Xi", "Ji", "Van", "Wang Yi", "Xi Jinping", "kyiv", "é", "Ж", "中", "\u{FEFF}", "\u{200B}", "\t", "\u{A0}", "2024", "25.04.24",
        "For", "If", "said", "declared", "Pool", "(AP/", "Photo", "Details", "in February", "23", "and", "and and", "🙂", "\u{301}",
        "&", "&amp;", "&#x27;", "&#8220;", "&bogus", ";", "<p>", "</p>", "<br>", "<script>", "</script>", "<![CDATA[", "]]>", "<item>",
        "</item>", "<title>", "</title>", "\\", "\\u201c", "\\ud83d", "`", "```", "# ", "[", "](", "Блінкен", "під час", "США25",
    ];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::new();
    for _ in 0..len {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(PIECES[(x >> 33) as usize % PIECES.len()]);
    }
    out
}

#[test]
fn awkward_inputs_never_panic_and_spans_fall_on_char_boundaries() {
    let set = RuleSet::builtin().unwrap();
    for seed in 0..300 {
        let text = noise(seed, 1 + (seed as usize * 7) % 400);
        for d in set.lint(&text) {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end), "seed {seed}");
            if let Some(f) = &d.fix {
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }
    }
    for edge in ["", "\n", "\u{FEFF}", "“", "\"", ".", "a.", "U.S.", "\r", "\r\r\n\n"] {
        set.lint(edge);
    }
}

/// Applying every fix and linting again leaves nothing for the same rule to fix at the same place:
/// fixes converge (are idempotent) instead of flip-flopping.
#[test]
fn fixes_are_idempotent_on_the_fixtures() {
    let set = RuleSet::builtin().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for dir in ["seeds", "dirty"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let text = std::fs::read_to_string(path).unwrap();
            let first = set.lint(&text);
            let fixed = mtlint::diagnostic::apply_fixes(&text, &first);
            let second = set.lint(&fixed);
            let again = mtlint::diagnostic::apply_fixes(&fixed, &second);
            checked += first.iter().filter(|d| d.fix.is_some()).count();
            // Fixing the fixed text changes nothing more than what new, unrelated findings fix.
            for d in second.iter().filter(|d| d.fix.is_some()) {
                let f = d.fix.as_ref().unwrap();
                assert_ne!(
                    f.replacement,
                    fixed[f.span.range()],
                    "{}: fix of {} would replace {:?} with itself",
                    path.display(),
                    set.rules[d.rule].id,
                    f.replacement
                );
            }
            assert_eq!(mtlint::diagnostic::apply_fixes(&again, &set.lint(&again)), again, "{}: fixes do not converge", path.display());
        }
    }
    assert!(checked >= 20, "only {checked} fixes exercised");
}

/// Every input format's extractor survives awkward input, and maps spans onto char boundaries.
#[test]
fn extractors_never_panic_and_map_onto_char_boundaries() {
    use mtlint::input::{Format, units};
    for seed in 0..400 {
        let text = noise(seed, 1 + (seed as usize * 13) % 300);
        let json_line = format!("{{\"body\": {}}}", serde_json::to_string(&text).unwrap());
        for (format, src) in [(Format::Html, &text), (Format::Markdown, &text), (Format::Feed, &text), (Format::Jsonl, &json_line)] {
            let (units, _) = units(format, src, &mtlint::input::Options::default());
            for u in &units {
                let t = &u.text.text;
                for (i, _) in t.char_indices().step_by(7) {
                    let end = t[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                    let o = u.to_original(mtlint::Span::new(i, end));
                    assert!(o.end <= src.len() && src.is_char_boundary(o.start) && src.is_char_boundary(o.end), "{format:?} seed {seed}");
                }
            }
        }
    }
}
