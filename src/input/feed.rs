//! RSS 2.0 and Atom feeds: each item's (entry's) title and description/content, the HTML inside the
//! XML extracted as article text, mapped back through CDATA, XML entities, tags and HTML entities to
//! the bytes of the feed.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::html;
use super::offsets::Extracted;
use super::{Escape, Problem, Record, Unit};
use crate::text::{LineIndex, Span};

/// Decode XML character data (CDATA sections, entity references) found at `at` in the file.
fn decode_xml(raw: &str, at: usize) -> Extracted {
    let mut out = Extracted::at(at);
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        if rest.starts_with("<![CDATA[") {
            let end = rest.find("]]>").map_or(raw.len(), |j| i + j);
            out.push_verbatim(&raw[i + 9..end], at + i + 9);
            i = (end + 3).min(raw.len());
        } else if rest.starts_with('&') {
            match html::entity_at(raw, i) {
                Some((text, end)) => {
                    out.push_replaced(&text, Span::new(at + i, at + end));
                    i = end;
                }
                None => {
                    out.push_verbatim("&", at + i);
                    i += 1;
                }
            }
        } else {
            let end = rest.find(['&', '<']).map_or(raw.len(), |j| i + j.max(1));
            out.push_verbatim(&raw[i..end], at + i);
            i = end;
        }
    }
    out
}

fn local_name(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

fn qualified(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// Fields of an item that hold text.
fn text_field(qname: &str) -> Option<bool> {
    // Some(true): HTML content; Some(false): plain text.
    match qname {
        "title" => Some(false),
        "description" | "content:encoded" | "content" | "summary" => Some(true),
        _ => None,
    }
}

/// An item being read: its start offset, its id, and its text fields (name, HTML?, content span).
type OpenItem = (usize, Option<String>, Vec<(String, bool, Span)>);

/// The articles of a whole feed. A feed with no item or entry at all is one empty article (the
/// `document` kind reports it); a file that is not an RSS or Atom feed is a problem.
pub fn units(src: &str, scope: html::Scope) -> (Vec<Unit>, Vec<Problem>) {
    let (units, mut problems, items) = items(src, scope);
    if items > 0 || !problems.is_empty() {
        return (units, problems);
    }
    match check_feed(src.as_bytes()) {
        Ok(()) => (vec![Unit::plain("")], problems),
        Err(m) => {
            problems.push(Problem::whole(m));
            (units, problems)
        }
    }
}

/// Is this (a file with no item or entry) an RSS or Atom feed, or nothing at all? Reads only up to
/// the root element, in flat memory.
pub fn check_feed(src: impl std::io::BufRead) -> Result<(), String> {
    let mut reader = Reader::from_reader(src);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Err(e) => return Err(format!("not an RSS or Atom feed: the XML does not parse: {e}")),
            Ok(Event::Eof) => return Ok(()),
            Ok(Event::Text(t)) if !t.trim_start_matches('\u{feff}').trim().is_empty() => {
                return Err("not an RSS or Atom feed: text outside any XML element".into());
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                return match local_name(&name).as_str() {
                    "rss" | "feed" | "rdf" => Ok(()),
                    _ => Err(format!("not an RSS or Atom feed: the root element is <{name}>")),
                };
            }
            Ok(_) => {}
        }
    }
}

/// The articles of the items of `src`, its problems, and how many items or entries it holds.
fn items(src: &str, scope: html::Scope) -> (Vec<Unit>, Vec<Problem>, usize) {
    let mut count = 0;
    let index = LineIndex::new(src);
    let line_of = |pos: usize| index.line_of(pos) + 1;
    let mut reader = Reader::from_str(src);
    reader.config_mut().trim_text(false);
    let mut units = Vec::new();
    let mut problems = Vec::new();
    // Inside an item: its start, id, the fields found (name, html?, content span).
    let mut item: Option<OpenItem> = None;
    let mut open_field: Option<(String, bool, usize, usize)> = None; // (name, html, content start, depth)
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Err(e) => {
                problems.push(Problem { line: Some(line_of(before.min(src.len()))), record: None, message: format!("feed does not parse: {e}") });
                break;
            }
            Ok(Event::Eof) => {
                if item.is_some() {
                    problems.push(Problem { line: Some(line_of(src.len())), record: None, message: "feed ends inside an item (truncated?)".into() });
                }
                break;
            }
            Ok(Event::Start(e)) => {
                depth += 1;
                let (local, q) = (local_name(e.name().as_ref()), qualified(e.name().as_ref()));
                let after = reader.buffer_position() as usize;
                if local == "item" || local == "entry" {
                    count += 1;
                    item = Some((before, None, Vec::new()));
                } else if item.is_some() && open_field.is_none() {
                    if let Some(is_html) = text_field(&q).or_else(|| text_field(&local)) {
                        let typed_text = e.attributes().flatten().any(|a| a.key.as_ref() == "type" && &*a.value == "text");
                        open_field = Some((local.clone(), is_html && !typed_text, after, depth));
                    } else if matches!(local.as_str(), "guid" | "id" | "link") {
                        open_field = Some((format!("#id:{local}"), false, after, depth));
                    }
                }
            }
            Ok(Event::End(e)) => {
                let local = local_name(e.name().as_ref());
                if let Some((name, is_html, start, d)) = open_field.clone()
                    && d == depth
                {
                    open_field = None;
                    if let Some((_, id, fields)) = item.as_mut() {
                        let span = Span::new(start, before);
                        if let Some(kind) = name.strip_prefix("#id:") {
                            if id.is_none() || kind == "guid" || kind == "id" {
                                *id = Some(decode_xml(&src[span.range()], span.start).text.trim().to_string());
                            }
                        } else {
                            fields.push((name, is_html, span));
                        }
                    }
                }
                depth = depth.saturating_sub(1);
                if (local == "item" || local == "entry")
                    && let Some((start, id, fields)) = item.take()
                {
                    for (field, is_html, span) in fields {
                        let xml = decode_xml(&src[span.range()], span.start);
                        let record = Some(Record { line: line_of(start), id: id.clone(), field: field.clone() });
                        if is_html {
                            let h = html::extract(&xml.text, scope);
                            units.push(Unit { regions: h.regions(), text: h.text, outer: vec![xml], record, escape: Escape::Xml });
                        } else {
                            units.push(Unit { text: xml, outer: vec![], regions: Default::default(), record, escape: Escape::Xml });
                        }
                    }
                }
            }
            Ok(_) => {}
        }
    }
    (units, problems, count)
}

/// The units of one `<item>` / `<entry>` cut out of a streamed feed, found at `offset` and line
/// `line` of the file.
pub fn item_units(item: &str, offset: usize, line: usize, scope: html::Scope) -> (Vec<Unit>, Vec<Problem>) {
    let (mut units, mut problems, _) = items(item, scope);
    for u in &mut units {
        match u.outer.last_mut() {
            Some(outermost) => outermost.shift(offset),
            None => u.text.shift(offset),
        }
        if let Some(r) = &mut u.record {
            r.line += line - 1;
        }
    }
    for p in &mut problems {
        p.line = p.line.map(|l| l + line - 1);
    }
    (units, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_map_through_cdata_and_entities() {
        let src = "<?xml version=\"1.0\"?>\n<rss><channel><title>Feed</title>\n<item><title>Blinken in kyiv</title><guid>a1</guid>\n<description><![CDATA[<p>He met &ldquo;Ji&rdquo; in kyiv.</p>]]></description></item>\n<item><title>Two &amp; kyiv</title><description>&lt;p&gt;Met in kyiv.&lt;/p&gt;</description></item></channel></rss>";
        let (us, problems) = units(src, html::Scope::Auto);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(us.len(), 4);
        for u in &us {
            let at = u.text.text.find("kyiv").unwrap();
            assert_eq!(&src[u.to_original(Span::new(at, at + 4)).range()], "kyiv", "{:?}", u.text.text);
        }
        assert_eq!(us[1].text.text, "He met “Ji” in kyiv.\n\n");
        assert_eq!(us[0].record.as_ref().unwrap().id.as_deref(), Some("a1"));
        assert_eq!(us[0].record.as_ref().unwrap().line, 3);
        let q = us[1].text.text.find('“').unwrap();
        assert_eq!(&src[us[1].to_original(Span::new(q, q + 3)).range()], "&ldquo;");
        let amp = us[2].text.text.find('&').unwrap();
        assert_eq!(&src[us[2].to_original(Span::new(amp, amp + 1)).range()], "&amp;");
    }

    #[test]
    fn atom_entries_and_truncated_feeds() {
        let src = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e1</id><title type=\"text\">In kyiv</title><content type=\"html\">&lt;p&gt;kyiv&lt;/p&gt;</content></entry><entry><title>Cut";
        let (us, problems) = units(src, html::Scope::Auto);
        assert_eq!(us.len(), 2);
        assert_eq!(us[0].record.as_ref().unwrap().id.as_deref(), Some("e1"));
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
