//! English (United States).

use super::Texts;

/// The English catalogue.
pub const EN_US: Texts = Texts {
    language_name: "English",

    loading_jobs: "Loading jobs…",
    could_not_load_jobs: |code| format!("Could not load jobs: {code}"),
    slowing_down_announcement: "Slowing down: the jobs load again in a few seconds",
    showing_jobs: |range, page, last| format!("Showing {range} jobs, page {page} of {last}"),

    jobs_by_status: "Jobs by status",
    count_loading: "counting…",
    count_unknown: |code| format!("Count unknown: {code}"),

    theme: "Theme",
    theme_system: "System",
    theme_light: "Light",
    theme_dark: "Dark",

    filters_toggle: |count| format!("Filters ({count})"),
    more_tags: |count| match count {
        1 => "1 more tag".to_owned(),
        _ => format!("{count} more tags"),
    },
};
