//! The same article as plain text, Markdown, HTML with entities and a JSON Lines record with escapes
//! gives the same findings, each span slicing the flagged text out of that file's own bytes.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds/004_2aaa30d09644a734.txt");

fn lint(path: &Path, extra: &[&str]) -> (Vec<Value>, i32) {
    let out = Command::cargo_bin("mtlint").unwrap().args(["--no-config", "check", "--format", "json"]).args(extra).arg(path).output().unwrap();
    let lines = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (lines, out.status.code().unwrap())
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('“', "&ldquo;").replace('”', "&#x201D;").replace('’', "&rsquo;").replace('\'', "&#39;")
}

fn json_ascii(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// (rule, flagged text decoded for the format) for every finding, checking each span against the file.
fn findings(path: &Path, lines: &[Value], decode: impl Fn(&str) -> String) -> BTreeSet<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let mut out = BTreeSet::new();
    for d in lines.iter().filter(|v| v["type"] == "diagnostic") {
        let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
        let raw = std::str::from_utf8(&bytes[s..e]).expect("span on char boundaries");
        assert_eq!(raw, d["text"].as_str().unwrap(), "span slices the flagged text in {}", path.display());
        out.insert((d["rule"].as_str().unwrap().to_string(), decode(raw).split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    out
}

#[test]
fn one_article_in_four_formats_gives_the_same_findings() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();

    let md = dir.path().join("a.md");
    std::fs::write(&md, format!("---\nsource: test\n---\n\n{}\n\n```\nkyiv code is not prose\n```\n", paragraphs.join("\n\n"))).unwrap();
    let html = dir.path().join("a.html");
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>\n", html_escape(p))).collect();
    std::fs::write(&html, format!("<html><head><title>kyiv</title><script>var kyiv;</script></head><body><nav>Related coverage:</nav>{body}</body></html>")).unwrap();
    let jsonl = dir.path().join("a.jsonl");
    std::fs::write(&jsonl, format!("{{\"id\": \"x1\", \"body\": {}}}\n", json_ascii(&text))).unwrap();

    let (txt_lines, code) = lint(Path::new(SEED), &[]);
    assert_eq!(code, 1);
    let expected = findings(Path::new(SEED), &txt_lines, str::to_string);
    assert!(expected.len() >= 10);

    let (md_lines, _) = lint(&md, &[]);
    assert_eq!(findings(&md, &md_lines, str::to_string), expected, "Markdown");

    let (html_lines, _) = lint(&html, &[]);
    assert_eq!(findings(&html, &html_lines, |s| html_escape::decode_html_entities(s).into_owned()), expected, "HTML");

    let (json_lines, _) = lint(&jsonl, &["--id-field", "id"]);
    let decode_json = |s: &str| serde_json::from_str::<String>(&format!("\"{s}\"")).unwrap_or_else(|_| s.to_string());
    assert_eq!(findings(&jsonl, &json_lines, decode_json), expected, "JSON Lines");
    let d = json_lines.iter().find(|v| v["type"] == "diagnostic").unwrap();
    assert_eq!(d["record"]["id"], "x1");
    assert_eq!(d["record"]["line"], 1);
}

#[test]
fn figcaptions_are_captions_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("c.html");
    let caption = "Blinken meets with Chinese Foreign Minister Wang Yi at the Diaoyutai State Guesthouse";
    std::fs::write(&html, format!("<p>Headline</p><figure><figcaption>{caption}</figcaption></figure><p>He left.</p>")).unwrap();
    let (lines, code) = lint(&html, &[]);
    assert_eq!(code, 0, "{lines:?}");
    let txt = dir.path().join("c.txt");
    std::fs::write(&txt, format!("Headline\n\n{caption}\n\nHe left.")).unwrap();
    let (_, code) = lint(&txt, &[]);
    assert_eq!(code, 1, "the same caption pasted into plain text is reported");
}

#[test]
fn rss_and_atom_items_are_linted_with_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let rss = dir.path().join("f.rss");
    std::fs::write(&rss, "<rss><channel><item><guid>g-1</guid><title>Talks in kyiv</title><description><![CDATA[<p>US Secretary of State Anthony Blinken met Wang Yi.</p>]]></description></item></channel></rss>").unwrap();
    let (lines, code) = lint(&rss, &[]);
    assert_eq!(code, 1);
    let bytes = std::fs::read(&rss).unwrap();
    let diags: Vec<&Value> = lines.iter().filter(|v| v["type"] == "diagnostic").collect();
    assert_eq!(diags.len(), 2, "{diags:?}");
    for d in &diags {
        assert_eq!(d["record"]["id"], "g-1");
        let (s, e) = (d["span"]["start"].as_u64().unwrap() as usize, d["span"]["end"].as_u64().unwrap() as usize);
        assert!(["kyiv", "Anthony"].contains(&std::str::from_utf8(&bytes[s..e]).unwrap()));
    }
}
