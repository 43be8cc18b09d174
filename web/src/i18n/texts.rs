//! The shape of a catalogue: every text the viewer shows, as a field. A text with values
//! in it is a function of them, so each language orders its words as it needs.
//!
//! Fields are grouped by the part of the viewer that shows them, in the order of the page.
//! The catalogue names only smc-core's types and plain values, so the modules that word
//! things (filters, paging, format…) may take a `&Texts` without an import circle.

use smc_core::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};

/// Every text of the viewer in one language.
pub struct Texts {
    /// The language's own name, for the language menu: `English`, `简体中文`.
    pub language_name: &'static str,

    // The page and the language.
    /// The document's title when the viewer is the whole page.
    pub page_title: &'static str,
    /// The language menu's legend.
    pub language_legend: &'static str,
    /// The language menu's first choice: the browser's languages decide.
    pub language_browser_default: &'static str,

    // The API's values, in the console's words.
    /// A job's `Status` (a value the viewer does not know shows as received).
    pub status: fn(&Status) -> &'static str,
    /// A job's `BusinessStatus`.
    pub business_status: fn(&BusinessStatus) -> &'static str,
    /// A job's `JobType`.
    pub job_type: fn(JobType) -> &'static str,
    /// A job's `TargetType`.
    pub target_type: fn(&TargetType) -> &'static str,
    /// A job's `NetMode`.
    pub net_mode: fn(NetMode) -> &'static str,
    /// A job's `LicenseType`.
    pub license_type: fn(&LicenseType) -> &'static str,
    /// A run's `Type`.
    pub run_type: fn(&RunType) -> &'static str,
    /// A value neither the API's documentation nor the viewer knows.
    pub unknown_value: &'static str,

    // Times and numbers.
    /// Less than a minute from now.
    pub just_now: &'static str,
    /// Units of a rounded time span, in order: minutes, hours, days, months, years.
    pub time_units: [&'static str; 5],
    /// An amount of a unit: `3 min`, `3 分钟`.
    pub time_amount: fn(u64, &str) -> String,
    /// A span in the past: `3 min ago`.
    pub time_ago: fn(&str) -> String,
    /// A span in the future: `in 3 min`.
    pub time_in: fn(&str) -> String,
    /// The zone menu's labels: UTC, the browser's zone, UTC+8.
    pub zone_utc: &'static str,
    /// The browser's zone.
    pub zone_local: &'static str,
    /// UTC+8, as the SMC console shows times.
    pub zone_utc8: &'static str,

    // The title bar.
    /// The heading.
    pub jobs_heading: &'static str,
    /// The number of matching jobs after the heading: ` (1,240)`.
    pub jobs_total: fn(&str) -> String,
    /// Auto-refresh is off.
    pub auto_refresh_off: &'static str,
    /// Auto-refresh is polling.
    pub auto_refresh_polling: &'static str,
    /// Auto-refresh waits for a running job.
    pub auto_refresh_waiting: &'static str,
    /// The auto-refresh checkbox.
    pub auto_refresh: &'static str,
    /// Before the zone menu.
    pub times_in: &'static str,
    /// The zone menu's accessible name.
    pub time_zone: &'static str,
    /// The refresh button.
    pub refresh: &'static str,
    /// The preferences button and panel.
    pub preferences: &'static str,
    /// The page arrived this many seconds ago.
    pub updated_seconds_ago: fn(i64) -> String,
    /// The page arrived this many minutes ago.
    pub updated_minutes_ago: fn(i64) -> String,

    // Export.
    /// The export group's accessible name.
    pub export: &'static str,
    /// The CSV button.
    pub export_csv: &'static str,
    /// The JSON button.
    pub export_json: &'static str,
    /// A running export: the format, pages done, pages in all.
    pub exporting: fn(&str, usize, usize) -> String,
    /// Stops a running export.
    pub cancel_export: &'static str,
    /// An export failed: why.
    pub export_failed: fn(&str) -> String,
    /// The browser would not save the file.
    pub export_refused: &'static str,
    /// An export ended with this many jobs: the number, and it with grouped digits.
    pub exported: fn(usize, &str) -> String,

    // Preferences.
    /// The columns' legend.
    pub columns: &'static str,
    /// The density's legend.
    pub density: &'static str,
    /// Room to breathe.
    pub density_comfortable: &'static str,
    /// More rows on screen.
    pub density_compact: &'static str,
    /// The page size's legend.
    pub page_size: &'static str,
    /// The page size menu's accessible name.
    pub jobs_per_page: &'static str,
    /// A page size of the menu.
    pub page_size_option: fn(i64) -> String,
    /// Closes the panel.
    pub done: &'static str,

    // Accounts.
    /// The account menu's label.
    pub account: &'static str,

    // Filters.
    /// The filter bar's accessible name.
    pub filters: &'static str,
    /// The name filter's label.
    pub name: &'static str,
    /// The name filter's placeholder.
    pub name_placeholder: &'static str,
    /// The status filter's label.
    pub status_label: &'static str,
    /// No status filter.
    pub any_status: &'static str,
    /// The business status filter's label.
    pub business_status_label: &'static str,
    /// No business status filter.
    pub any_business_status: &'static str,
    /// The job type filter's label.
    pub type_label: &'static str,
    /// No job type filter.
    pub any_type: &'static str,
    /// The region filter's label.
    pub region: &'static str,
    /// The resource group filter's label.
    pub resource_group: &'static str,
    /// One job id.
    pub job_id: &'static str,
    /// One source server id.
    pub source_id: &'static str,
    /// One instance id.
    pub instance_id: &'static str,
    /// The job id input's label.
    pub job_ids: &'static str,
    /// The source server id input's label.
    pub source_ids: &'static str,
    /// The instance id input's label.
    pub instance_ids: &'static str,
    /// The tag input's label.
    pub tag: &'static str,
    /// The tag input's placeholder.
    pub tag_placeholder: &'static str,
    /// The button that adds what an input holds.
    pub add: &'static str,
    /// Its accessible name for an id list: the list's label.
    pub add_id_filter: fn(&str) -> String,
    /// Its accessible name for the tag input.
    pub add_tag_filter: &'static str,
    /// An id input was empty: the list's label.
    pub type_ids: fn(&str) -> String,
    /// The tag input was empty.
    pub type_tag: &'static str,
    /// A tag filter already set.
    pub already_a_filter: fn(&str) -> String,
    /// A rule of the API broken: the parameter (as the API names it) and smc-core's rule.
    pub api_rule: fn(&str, &str) -> String,
    /// A tag's empty key, spelled out.
    pub empty_key: &'static str,
    /// A tag's empty value, spelled out.
    pub empty_value: &'static str,
    /// An active filter's chip: the field and the value.
    pub filter_chip: fn(&str, &str) -> String,
    /// A chip's remove button: the chip.
    pub remove_filter: fn(&str) -> String,
    /// The chips' accessible name.
    pub active_filters: &'static str,
    /// Removes every filter.
    pub clear_filters: &'static str,

    // Notices and banners.
    /// A part of the link left out: the part and why.
    pub ignored_from_link: fn(&str, &str) -> String,
    /// Why: the text is not UTF-8.
    pub not_utf8: &'static str,
    /// Why: the parameter came twice.
    pub given_twice: &'static str,
    /// Why: the fragment is not a job's (the route expected).
    pub not_a_job_link: fn(&str) -> String,
    /// Why: a tag value without its key (the key's parameter).
    pub needs_its_key: fn(&str) -> String,
    /// Why: too many ids (the most).
    pub too_many_ids: fn(usize) -> String,
    /// Why: too many tags (the most).
    pub too_many_tags: fn(usize) -> String,
    /// The link's filters taken together.
    pub link_filters_together: &'static str,
    /// The account remembered or linked is not offered.
    pub account_unavailable: fn(&str) -> String,
    /// A page past the end: the page, the total, the page shown instead.
    pub past_the_end: fn(i64, &str, i64) -> String,
    /// Dismisses the notices.
    pub dismiss: &'static str,
    /// A throttled request waits this many seconds.
    pub slowing_down: fn(u32) -> String,
    /// The error banner's title.
    pub could_not_load_jobs_title: &'static str,
    /// The error's code.
    pub error_code_label: &'static str,
    /// The error's message.
    pub error_message_label: &'static str,
    /// A request id.
    pub request_id: &'static str,
    /// A retryable error.
    pub usually_temporary: &'static str,
    /// Retrying.
    pub retrying: &'static str,
    /// Retry.
    pub retry: &'static str,

    // The table.
    /// The header of the column `Name`.
    pub column_name: &'static str,
    /// The header of the column `Status`.
    pub column_status: &'static str,
    /// The header of the column `BusinessStatus`.
    pub column_business_status: &'static str,
    /// The header of the column `Progress`.
    pub column_progress: &'static str,
    /// The header of the column `Source`.
    pub column_source: &'static str,
    /// The header of the column `Target`.
    pub column_target: &'static str,
    /// The header of the column `JobType`.
    pub column_type: &'static str,
    /// The header of the column `Region`.
    pub column_region: &'static str,
    /// The header of the column `Created`.
    pub column_created: &'static str,
    /// The header of the column `LastRun`.
    pub column_last_run: &'static str,
    /// The header of the column `Tags`.
    pub column_tags: &'static str,
    /// The sort note: the column, and whether ascending.
    pub sorted_note: fn(&str, bool) -> String,
    /// The table's caption.
    pub table_caption: &'static str,
    /// A sortable header's title.
    pub sort_this_page: &'static str,
    /// No job matches the filters.
    pub no_match: &'static str,
    /// No job at all.
    pub no_jobs_yet: &'static str,
    /// Where jobs come from.
    pub no_jobs_hint: &'static str,
    /// A job without a name.
    pub unnamed: &'static str,
    /// A row's name button: the job's name.
    pub open_details_of: fn(&str) -> String,
    /// A progress bar's accessible name: the job's name.
    pub progress_of: fn(&str) -> String,
    /// The details' progress bar's accessible name.
    pub progress_of_this_job: &'static str,
    /// A copy button's accessible name: what it copies, and the text.
    pub copy_label: fn(&str, &str) -> String,
    /// A copy button.
    pub copy: &'static str,
    /// A copy button just after a copy.
    pub copied: &'static str,
    /// What a copy button copies: a job id.
    pub copy_what_job_id: &'static str,
    /// What a copy button copies: a request id.
    pub copy_what_request_id: &'static str,
    /// A tag chip's title: the tag.
    pub filter_by_tag: fn(&str) -> String,
    /// A value shown as it arrived: the value and why.
    pub shown_as_received_title: fn(&str, &str) -> String,
    /// After such a value, for screen readers.
    pub shown_as_received_mark: &'static str,
    /// Why: a field the viewer cannot read.
    pub odd_field: &'static str,
    /// Why: a job type the viewer does not know.
    pub odd_job_type: &'static str,
    /// Why: a network mode the viewer does not know.
    pub odd_net_mode: &'static str,

    // Paging.
    /// The paging's accessible name.
    pub pagination: &'static str,
    /// The jobs of the page: first, last, total (grouped digits).
    pub page_range: fn(&str, &str, &str) -> String,
    /// A page without jobs: the total.
    pub page_range_empty: fn(&str) -> String,
    /// First page.
    pub first_page: &'static str,
    /// Previous page.
    pub previous_page: &'static str,
    /// Next page.
    pub next_page: &'static str,
    /// Last page.
    pub last_page: &'static str,
    /// A page's button: its number.
    pub page_n: fn(i64) -> String,
    /// The page size's label.
    pub per_page: &'static str,
    /// The jump field's label.
    pub go_to_page: &'static str,
    /// The jump button.
    pub go: &'static str,
    /// Before the page's request id.
    pub request_id_of_page: &'static str,

    // Details.
    /// Closes the details.
    pub close: &'static str,
    /// The close button's accessible name.
    pub close_details: &'static str,
    /// While the job loads.
    pub loading_job: &'static str,
    /// No such job: its id.
    pub no_such_job: fn(&str) -> String,
    /// Section: overview.
    pub overview: &'static str,
    /// Description.
    pub description: &'static str,
    /// Work group.
    pub work_group: &'static str,
    /// Started.
    pub started: &'static str,
    /// Ended.
    pub ended: &'static str,
    /// Section: error (accessible name).
    pub error_section: &'static str,
    /// Section: error (heading).
    pub what_went_wrong: &'static str,
    /// Error code.
    pub error_code: &'static str,
    /// Status information.
    pub status_info: &'static str,
    /// Section: schedule.
    pub schedule: &'static str,
    /// How the job runs.
    pub runs: &'static str,
    /// Runs once.
    pub one_time_migration: &'static str,
    /// Runs again and again: every so many hours.
    pub incremental_every: fn(i64) -> String,
    /// Runs again and again.
    pub incremental: &'static str,
    /// Scheduled start.
    pub scheduled_start: &'static str,
    /// Valid until.
    pub valid_until: &'static str,
    /// Images kept.
    pub images_kept: &'static str,
    /// Section and fact: target.
    pub target: &'static str,
    /// Image name.
    pub image_name: &'static str,
    /// Image ID.
    pub image_id: &'static str,
    /// Container namespace.
    pub container_namespace: &'static str,
    /// Container repository.
    pub container_repository: &'static str,
    /// Container tag.
    pub container_tag: &'static str,
    /// Launch template.
    pub launch_template: &'static str,
    /// Launch template version.
    pub launch_template_version: &'static str,
    /// Intermediate instance.
    pub intermediate_instance: &'static str,
    /// Intermediate instance type.
    pub intermediate_instance_type: &'static str,
    /// Instance RAM role.
    pub instance_ram_role: &'static str,
    /// License.
    pub license: &'static str,
    /// No license.
    pub no_license: &'static str,
    /// Replication parameters.
    pub replication_parameters: &'static str,
    /// Section and fact: network.
    pub network: &'static str,
    /// VPC.
    pub vpc: &'static str,
    /// vSwitch.
    pub v_switch: &'static str,
    /// Section: tags.
    pub tags: &'static str,
    /// Section: fields shown as received.
    pub shown_as_received: &'static str,
    /// What that section means.
    pub shown_as_received_note: &'static str,
    /// Section: the JSON.
    pub raw_json: &'static str,
    /// Section: disks.
    pub disks: &'static str,
    /// The system disk.
    pub system_disk: &'static str,
    /// Its partitions.
    pub system_disk_partitions: &'static str,
    /// A data disk: its index.
    pub data_disk: fn(&str) -> String,
    /// A data disk's partitions: its index.
    pub data_disk_partitions: fn(&str) -> String,
    /// A partition's device.
    pub device: &'static str,
    /// A size.
    pub size: &'static str,
    /// Block replication.
    pub block_replication: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// The source's disk layout.
    pub source_disk_layout: &'static str,
    /// The layout's system disk: id, size, LVM.
    pub layout_system: fn(&str, &str, &str) -> String,
    /// A layout's data disk: id, size, LVM, partitions.
    pub layout_data: fn(&str, &str, &str, &str) -> String,
    /// Section: runs (its accessible name).
    pub run_history_section: &'static str,
    /// Section: runs, with their number.
    pub run_history: fn(usize) -> String,
    /// No run yet.
    pub no_runs: &'static str,
    /// A run of a type.
    pub run_of_type: fn(&str) -> String,
    /// A run of no known type.
    pub run: &'static str,
    /// How long a run took: the span.
    pub run_took: fn(&str) -> String,
    /// A run still going.
    pub run_running: &'static str,
    /// The image a run made.
    pub run_image: &'static str,

    // Hints for a failed job.
    /// A permission is missing.
    pub hint_permission: &'static str,
    /// The source or the intermediate instance is out of reach.
    pub hint_network: &'static str,
    /// A quota is reached.
    pub hint_quota: &'static str,
    /// A disk problem.
    pub hint_disk: &'static str,
    /// The account cannot pay.
    pub hint_balance: &'static str,
    /// The image or snapshot failed.
    pub hint_image: &'static str,
    /// An error inside SMC.
    pub hint_internal: &'static str,
    /// Anything else.
    pub hint_other: &'static str,

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
