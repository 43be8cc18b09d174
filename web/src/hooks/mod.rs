//! Reusable behaviour as named hooks, one per file: timers, the page's visibility, the
//! clock, unique ids, the Escape key, the focus back to a row, stored preferences, the URL,
//! the fetches (the list, its status counts, one job), and the language's texts.
//! Also what the pages tell over time: progress for the time left, watched jobs, notifications.

mod escape_key;
mod focus_back_to_row;
mod interval;
mod job_lookup;
mod jobs_fetch;
mod live_jobs;
mod notification_permission;
mod now;
mod page_visible;
mod preferences;
mod profiles;
mod status_counts;
mod texts;
mod timeout;
mod unique_id;
mod url_sync;

pub use escape_key::use_escape_key;
pub use focus_back_to_row::use_focus_back_to_row;
pub use interval::use_interval;
pub use job_lookup::use_job_lookup;
pub use jobs_fetch::use_jobs_fetch;
pub use live_jobs::use_live_jobs;
pub use notification_permission::use_notification_permission;
pub use now::use_now;
pub use page_visible::use_page_visible;
pub use preferences::use_preferences;
pub use profiles::use_profiles;
pub use status_counts::use_status_counts;
pub use texts::use_texts;
pub use timeout::use_timeout;
pub use unique_id::use_unique_id;
pub use url_sync::{current_hash, current_search, use_url_sync};
