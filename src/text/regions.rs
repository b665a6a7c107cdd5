//! Regions an input format marks in the text it extracts, which some rules stay out of (a rule's
//! `unless_in`): picture captions (`caption`), headings (`heading`: an HTML `<h1>`…`<h6>`, which
//! has no full stop by nature), and the seams between separate items set side by side, such as
//! the links of a tag list (`seam`).

use super::Span;

/// Region names a rule's `unless_in` may use.
pub const NAMES: &[&str] = &["caption", "heading", "seam"];

/// Marked regions, each list sorted and disjoint.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    pub captions: Vec<Span>,
    pub headings: Vec<Span>,
    pub seams: Vec<Span>,
}

impl Regions {
    pub fn named(&self, name: &str) -> &[Span] {
        match name {
            "caption" => &self.captions,
            "heading" => &self.headings,
            "seam" => &self.seams,
            _ => &[],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.captions.is_empty() && self.headings.is_empty() && self.seams.is_empty()
    }

    /// Does `span` overlap a region called `name`? A seam (possibly empty: two items with nothing
    /// between) is crossed when the span starts before its end and ends after its start.
    pub fn touches(&self, name: &str, span: Span) -> bool {
        let list = self.named(name);
        let i = list.partition_point(|r| r.end < span.start || (r.end == span.start && !r.is_empty()));
        list[i..].iter().take_while(|r| r.start <= span.end).any(|r| if r.is_empty() { span.start < r.start && r.start < span.end } else { r.overlaps(span) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_touch_the_regions_they_overlap_or_cross() {
        let r = Regions { captions: vec![Span::new(10, 20)], headings: vec![], seams: vec![Span::new(30, 31), Span::new(40, 40)] };
        assert!(r.touches("caption", Span::new(15, 25)));
        assert!(!r.touches("caption", Span::new(20, 25)));
        assert!(r.touches("seam", Span::new(26, 35)));
        assert!(!r.touches("seam", Span::new(31, 35)));
        assert!(r.touches("seam", Span::new(36, 44)));
        assert!(!r.touches("seam", Span::new(40, 44)));
        assert!(!r.touches("nothing", Span::new(0, 100)));
    }
}
