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

    time_left_under_a_minute: "less than 1 min",
    time_left_about: |span| format!("about {span} left"),
    span_minutes: |n| format!("{n} min"),
    span_hours: |n| format!("{n} h"),
    span_days: |n| format!("{n} d"),
    time_left_pending: "Time left: known after the next refresh",
    stalled: "Stalled",
    stalled_for: |span| format!("No progress for {span}"),
    time_left_label: "Time left",
    transfer_rate_label: "Transfer rate",
    per_second: |size| format!("{size}/s"),
    percent_per_minute: |percent| format!("{percent}/min"),
    percent_per_hour: |percent| format!("{percent}/h"),

    watch_job: |name| format!("Notify me when {name} ends"),
    watch: "Notify me when it ends",
    watch_filter: "Notify me when any job of this filter ends",
    notification_finished_title: |name| format!("Finished: {name}"),
    notification_finished_body: |id| format!("Migration job {id} has finished."),
    notification_failed_title: |name| format!("Error: {name}"),
    notification_failed_body: |id| format!("Migration job {id} stopped with an error."),
    notifications_denied: "Notifications are blocked for this site, so watched jobs cannot tell you when they end. To allow them, change the site's notification setting in the browser.",
    notifications_unsupported: "This browser cannot show notifications: watched jobs stay marked, but cannot tell you when they end.",

    filters_toggle: |count| format!("Filters ({count})"),
    more_tags: |count| match count {
        1 => "1 more tag".to_owned(),
        _ => format!("{count} more tags"),
    },
};
