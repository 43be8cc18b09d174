//! Paging arithmetic: which jobs a page shows, how many pages there are, and the page
//! links to offer. Pure, so the rules are tested without a browser.

use crate::format::grouped;
use crate::i18n::Texts;

/// Where one page stands in the whole result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    /// The page shown, from 1.
    pub page: i64,
    /// Jobs per page.
    pub page_size: i64,
    /// Jobs matching the filters, on all pages.
    pub total: i64,
}

impl PageWindow {
    /// The last page; 1 when there are no jobs, so "page 1 of 1" is never "of 0".
    pub fn last_page(&self) -> i64 {
        let size = self.page_size.max(1);
        ((self.total + size - 1) / size).max(1)
    }

    /// The 1-based positions of the first and last job on this page, if it has any.
    pub fn range(&self) -> Option<(i64, i64)> {
        let first = (self.page - 1) * self.page_size + 1;
        let last = (self.page * self.page_size).min(self.total);
        (self.page >= 1 && first <= last).then_some((first, last))
    }

    /// `41–60 of 1,240`, or `0 of 0` (`第 41–60 条，共 1,240 条`).
    pub fn label(&self, texts: &Texts) -> String {
        let total = grouped(self.total);
        match self.range() {
            Some((first, last)) => (texts.page_range)(&grouped(first), &grouped(last), &total),
            None => (texts.page_range_empty)(&total),
        }
    }

    /// A page past the end (a filter shrank the total): the viewer moves to the last page.
    pub fn is_past_end(&self) -> bool {
        self.total > 0 && self.page > self.last_page()
    }

    /// Whether there is a page before this one.
    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    /// Whether there is a page after this one.
    pub fn has_next(&self) -> bool {
        self.page < self.last_page()
    }
}

/// One link of the page list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLink {
    /// A page number.
    Page(i64),
    /// Pages left out (`…`).
    Gap,
}

/// The page links to show: the first and last pages, the current page with one neighbour
/// on each side, and `…` for what is left out. A gap would hide a single page, so that
/// page is shown instead: `1 2 3 4 5` rather than `1 … 3 4 5`.
pub fn page_links(current: i64, last: i64) -> Vec<PageLink> {
    let last = last.max(1);
    let current = current.clamp(1, last);
    let mut shown: Vec<i64> = vec![1, current - 1, current, current + 1, last]
        .into_iter()
        .filter(|page| (1..=last).contains(page))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut links = Vec::with_capacity(shown.len() * 2);
    let mut previous = 0;
    for page in shown {
        match page - previous {
            1 => {}
            2 => links.push(PageLink::Page(previous + 1)),
            _ => links.push(PageLink::Gap),
        }
        links.push(PageLink::Page(page));
        previous = page;
    }
    links
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};
    use PageLink::{Gap, Page};

    fn window(page: i64, page_size: i64, total: i64) -> PageWindow {
        PageWindow {
            page,
            page_size,
            total,
        }
    }

    #[test]
    fn ranges_and_labels() {
        assert_eq!(window(3, 20, 240).label(&EN_US), "41–60 of 240");
        assert_eq!(window(12, 20, 240).label(&EN_US), "221–240 of 240");
        assert_eq!(window(5, 50, 240).label(&EN_US), "201–240 of 240");
        assert_eq!(window(1, 10, 0).label(&EN_US), "0 of 0");
        assert_eq!(window(61, 20, 1_240).label(&EN_US), "1,201–1,220 of 1,240");
        assert_eq!(window(1, 20, 240).label(&ZH_CN), "第 1–20 条，共 240 条");
        assert_eq!(window(1, 10, 0).label(&ZH_CN), "共 0 条");
        assert_eq!(window(13, 20, 240).range(), None);
    }

    #[test]
    fn last_page_rounds_up_and_is_never_zero() {
        assert_eq!(window(1, 20, 240).last_page(), 12);
        assert_eq!(window(1, 20, 241).last_page(), 13);
        assert_eq!(window(1, 50, 1).last_page(), 1);
        assert_eq!(window(1, 10, 0).last_page(), 1);
    }

    #[test]
    fn past_the_end_is_detected_only_when_there_are_jobs() {
        assert!(window(13, 20, 240).is_past_end());
        assert!(!window(12, 20, 240).is_past_end());
        assert!(!window(4, 20, 0).is_past_end());
    }

    #[test]
    fn previous_and_next() {
        assert!(!window(1, 20, 240).has_previous());
        assert!(window(2, 20, 240).has_previous());
        assert!(!window(12, 20, 240).has_next());
        assert!(window(11, 20, 240).has_next());
    }

    #[test]
    fn page_links_with_ellipses() {
        assert_eq!(page_links(1, 1), [Page(1)]);
        assert_eq!(page_links(1, 3), [Page(1), Page(2), Page(3)]);
        assert_eq!(
            page_links(6, 12),
            [Page(1), Gap, Page(5), Page(6), Page(7), Gap, Page(12)]
        );
        assert_eq!(page_links(1, 12), [Page(1), Page(2), Gap, Page(12)]);
        assert_eq!(page_links(12, 12), [Page(1), Gap, Page(11), Page(12)]);
        // A gap of one page shows the page itself.
        assert_eq!(
            page_links(4, 12),
            [Page(1), Page(2), Page(3), Page(4), Page(5), Gap, Page(12)]
        );
        assert_eq!(page_links(99, 5), [Page(1), Gap, Page(4), Page(5)]);
    }
}
