//! The shape of a catalogue: every text the viewer shows, as a field. A text with values
//! in it is a function of them, so each language orders its words as it needs.
//!
//! Fields are grouped by the part of the viewer that shows them, in the order of the page.

/// Every text of the viewer in one language.
pub struct Texts {
    /// The language's own name, for the language menu: `English`, `简体中文`.
    pub language_name: &'static str,

    // What a screen reader hears after each change (the app's live region).
    /// While a page loads.
    pub loading_jobs: &'static str,
    /// A page failed: the error code.
    pub could_not_load_jobs: fn(&str) -> String,
    /// While a throttled request waits.
    pub slowing_down_announcement: &'static str,
    /// A page arrived: the range label, the page, the last page.
    pub showing_jobs: fn(&str, i64, i64) -> String,

    // Status counts.
    /// The name of the group of counts above the table, one per status.
    pub jobs_by_status: &'static str,
    /// Said instead of a count that is not known yet.
    pub count_loading: &'static str,
    /// A count whose call failed: the error code.
    pub count_unknown: fn(&str) -> String,

    // Dark mode.
    /// The theme choice's legend in the preferences.
    pub theme: &'static str,
    /// The theme of the system (`prefers-color-scheme`).
    pub theme_system: &'static str,
    /// Always light.
    pub theme_light: &'static str,
    /// Always dark.
    pub theme_dark: &'static str,

    // Every width.
    /// The button that shows the filters on a narrow screen: how many are set.
    pub filters_toggle: fn(usize) -> String,
    /// The accessible name of a row's "+N", which shows the tags that do not fit.
    pub more_tags: fn(usize) -> String,
}
