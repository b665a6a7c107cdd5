//! The text model: paragraphs, sentences, words and quotations, each a byte span into the original text.

pub mod lines;
pub mod paragraphs;
pub mod quotes;
pub mod regions;
pub mod sentences;
pub mod span;
pub mod words;

pub use lines::LineIndex;
pub use paragraphs::ParagraphStyle;
pub use quotes::{Imbalance, QuoteMark, Quotation};
pub use regions::Regions;
pub use sentences::Lexicon;
pub use span::Span;

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    /// Indices into `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Indices into `Document::words`.
    pub words: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub span: Span,
    pub sentence: usize,
}

/// A segmented document. Every span points into `text`, the input exactly as read.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub line_index: LineIndex,
    /// Non-blank lines, without terminators.
    pub lines: Vec<Span>,
    pub style: ParagraphStyle,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub words: Vec<Word>,
    pub marks: Vec<QuoteMark>,
    pub quotations: Vec<Quotation>,
    /// Quote imbalances, with the index of the paragraph they occur in.
    pub imbalances: Vec<(usize, Imbalance)>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, lexicon: &Lexicon) -> Self {
        let line_index = LineIndex::new(text);
        let all_lines = line_index.line_spans(text);
        let style = paragraphs::detect_style(text, &all_lines);
        let para_spans = paragraphs::split(text, &all_lines, style);
        let lines = all_lines.into_iter().map(|l| span::trim(text, l)).filter(|l| !l.is_empty()).collect();
        let marks = quotes::scan(text);

        let mut paragraphs = Vec::with_capacity(para_spans.len());
        let mut sentences = Vec::new();
        let mut words = Vec::new();
        let mut quotations = Vec::new();
        let mut imbalances = Vec::new();
        for (pi, &p) in para_spans.iter().enumerate() {
            let first_sentence = sentences.len();
            for s in sentences::split(text, p, lexicon) {
                let first_word = words.len();
                let si = sentences.len();
                words.extend(words::split(text, s).into_iter().map(|span| Word { span, sentence: si }));
                sentences.push(Sentence { span: s, paragraph: pi, words: first_word..words.len() });
            }
            paragraphs.push(Paragraph { span: p, sentences: first_sentence..sentences.len() });
            let first = marks.partition_point(|m| m.span.start < p.start);
            let last = marks.partition_point(|m| m.span.start < p.end);
            let (q, problems) = quotes::pair(&marks[first..last], p);
            quotations.extend(q);
            imbalances.extend(problems.into_iter().map(|i| (pi, i)));
        }
        Document { text, line_index, lines, style, paragraphs, sentences, words, marks, quotations, imbalances }
    }

    /// Is `span` inside a quotation (an unclosed one runs to the end of its paragraph)?
    pub fn in_quotation(&self, span: Span) -> bool {
        // Quotations are in text order and do not overlap: only the last one opened before
        // `span` can hold it.
        let i = self.quotations.partition_point(|q| q.open.start <= span.start);
        i > 0 && {
            let q = self.quotations[i - 1];
            let end = match q.close {
                Some(c) => c.end,
                None => self.paragraph_at(q.open.start).map_or(q.open.end, |p| self.paragraphs[p].span.end),
            };
            span.end <= end
        }
    }

    /// Index of the paragraph containing byte `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// Index of the word that starts at or after `offset`.
    pub fn word_at_or_after(&self, offset: usize) -> usize {
        self.words.partition_point(|w| w.span.start < offset)
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

}
