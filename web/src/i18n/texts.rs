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

    // Time left.
    /// A running job's time left, under a minute.
    pub time_left_under_a_minute: &'static str,
    /// A running job's time left: a span (`12 min`).
    pub time_left_about: fn(&str) -> String,
    /// A span of whole minutes.
    pub span_minutes: fn(u64) -> String,
    /// A span of whole hours.
    pub span_hours: fn(u64) -> String,
    /// A span of whole days.
    pub span_days: fn(u64) -> String,
    /// What the dash of a running job's time left means, before two readings.
    pub time_left_pending: &'static str,
    /// A running job whose progress stands still.
    pub stalled: &'static str,
    /// How long a stalled job has not moved: a span.
    pub stalled_for: fn(&str) -> String,
    /// The details' label of the time left.
    pub time_left_label: &'static str,
    /// The details' label of the transfer rate.
    pub transfer_rate_label: &'static str,
    /// A rate in bytes: a size (`12.4 MiB`) a second.
    pub per_second: fn(&str) -> String,
    /// A rate in progress: a percentage (`2.5 %`) a minute.
    pub percent_per_minute: fn(&str) -> String,
    /// A rate in progress: a percentage a hour, for very slow jobs.
    pub percent_per_hour: fn(&str) -> String,

    // Notifications.
    /// The watch toggle of a job: its name.
    pub watch_job: fn(&str) -> String,
    /// The watch toggle's visible text in the details.
    pub watch: &'static str,
    /// The toggle that watches every job of the current filter.
    pub watch_filter: &'static str,
    /// A watched job finished: its name.
    pub notification_finished_title: fn(&str) -> String,
    /// A watched job finished: its JobId.
    pub notification_finished_body: fn(&str) -> String,
    /// A watched job failed: its name.
    pub notification_failed_title: fn(&str) -> String,
    /// A watched job failed: its JobId.
    pub notification_failed_body: fn(&str) -> String,
    /// The browser refuses notifications.
    pub notifications_denied: &'static str,
    /// The browser has no notifications.
    pub notifications_unsupported: &'static str,

    // Every width.
    /// The button that shows the filters on a narrow screen: how many are set.
    pub filters_toggle: fn(usize) -> String,
    /// The accessible name of a row's "+N", which shows the tags that do not fit.
    pub more_tags: fn(usize) -> String,
}
