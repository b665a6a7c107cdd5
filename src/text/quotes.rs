//! Quotation marks: straight and typographic, opening or closing, told apart from apostrophes.

use super::span::{Span, is_blank};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// A straight double quote whose role the context does not settle; pairing decides it.
    Either,
    /// A straight double quote right after a digit: closes an open quotation, else an inch mark.
    CloseOrInch,
    Apostrophe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Straight,
    Typographic,
}

#[derive(Debug, Clone, Copy)]
pub struct QuoteMark {
    pub span: Span,
    pub role: Role,
    pub style: Style,
    /// Double marks (`"`, `“`, `”`, `„`) as opposed to single ones.
    pub double: bool,
}

fn opens_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => is_blank(c) || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '‘'),
    }
}

fn closes_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => is_blank(c) || (c.is_ascii_punctuation() && c != '\'' && c != '"') || matches!(c, '—' | '–' | '”' | '’' | '…'),
    }
}

/// Every quotation mark and apostrophe in `text`, in order.
pub fn scan(text: &str) -> Vec<QuoteMark> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let span = Span::new(i, i + c.len_utf8());
        let mark = |role, style, double| Some(QuoteMark { span, role, style, double });
        let found = match c {
            '“' | '„' => mark(Role::Open, Style::Typographic, true),
            '”' => mark(Role::Close, Style::Typographic, true),
            '‘' => mark(Role::Open, Style::Typographic, false),
            '"' if prev.is_some_and(|p| p.is_ascii_digit()) && closes_context(next) => mark(Role::CloseOrInch, Style::Straight, true),
            '"' => {
                let role = match (opens_context(prev), closes_context(next)) {
                    (true, false) => Role::Open,
                    (false, true) => Role::Close,
                    _ => Role::Either,
                };
                mark(role, Style::Straight, true)
            }
            '’' | '\'' => {
                let style = if c == '’' { Style::Typographic } else { Style::Straight };
                let letter_before = prev.is_some_and(char::is_alphanumeric);
                let letter_after = next.is_some_and(char::is_alphanumeric);
                let role = match (letter_before, letter_after) {
                    (true, true) => Role::Apostrophe,
                    // "’90s", "’em": an apostrophe before a word when nothing opened a single quote.
                    (false, true) if c == '\'' && opens_context(prev) => Role::Open,
                    (false, true) => Role::Apostrophe,
                    (true, false) => Role::Close,
                    (false, false) => Role::Close,
                };
                mark(role, style, false)
            }
            _ => None,
        };
        out.extend(found);
        prev = Some(c);
    }
    out
}

/// A quotation: an opening double mark and its closing mark (if the paragraph closes it).
#[derive(Debug, Clone, Copy)]
pub struct Quotation {
    pub open: Span,
    pub close: Option<Span>,
}

/// Problems found while pairing the double marks of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imbalance {
    /// An opening mark never closed; `reopened` when another opening mark came first.
    Unclosed { open: Span, reopened: bool },
    /// A closing mark with nothing open; `after` is the previous closing mark in the paragraph.
    Unopened { close: Span, after: Option<Span> },
}

/// Pair the double quotation marks inside `para`; return the quotations and the imbalances.
pub fn pair(marks: &[QuoteMark], para: Span) -> (Vec<Quotation>, Vec<Imbalance>) {
    let mut quotes = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<Span> = None;
    let mut last_close: Option<Span> = None;
    for m in marks.iter().filter(|m| m.double && para.contains(m.span)) {
        let role = match m.role {
            Role::Either | Role::CloseOrInch if open.is_some() => Role::Close,
            Role::Either => Role::Open,
            Role::CloseOrInch => continue,
            r => r,
        };
        match (role, open) {
            (Role::Open, None) => open = Some(m.span),
            (Role::Open, Some(o)) => {
                problems.push(Imbalance::Unclosed { open: o, reopened: true });
                quotes.push(Quotation { open: o, close: None });
                open = Some(m.span);
            }
            (Role::Close, Some(o)) => {
                quotes.push(Quotation { open: o, close: Some(m.span) });
                open = None;
                last_close = Some(m.span);
            }
            (Role::Close, None) => {
                problems.push(Imbalance::Unopened { close: m.span, after: last_close });
                last_close = Some(m.span);
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        problems.push(Imbalance::Unclosed { open: o, reopened: false });
        quotes.push(Quotation { open: o, close: None });
    }
    (quotes, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        scan(text).iter().map(|m| m.role).collect()
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(roles("China’s and McDonald's"), vec![Role::Apostrophe, Role::Apostrophe]);
        assert_eq!(roles("‘Peace’"), vec![Role::Open, Role::Close]);
    }

    #[test]
    fn straight_double_quotes_take_their_role_from_context() {
        assert_eq!(roles("a \"top supplier\" of"), vec![Role::Open, Role::Close]);
    }

    #[test]
    fn inch_marks_are_not_quotation_marks() {
        let t = "a 6\" pipe and a \"2024\" plan";
        let (q, p) = pair(&scan(t), Span::new(0, t.len()));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn pairing_reports_unclosed_and_unopened_marks() {
        let t = "“One,” he said. “Two; three.";
        let (_, p) = pair(&scan(t), Span::new(0, t.len()));
        assert!(matches!(p.as_slice(), [Imbalance::Unclosed { reopened: false, .. }]));
        let t = "“One”, two,” he said.";
        let (_, p) = pair(&scan(t), Span::new(0, t.len()));
        assert!(matches!(p.as_slice(), [Imbalance::Unopened { after: Some(_), .. }]));
        let t = "“One? He asked. “Two.”";
        let (q, p) = pair(&scan(t), Span::new(0, t.len()));
        assert!(matches!(p.as_slice(), [Imbalance::Unclosed { reopened: true, .. }]));
        assert_eq!(q.len(), 2);
    }
}
