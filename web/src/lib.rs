//! The SMC replication job viewer: a Yew single-page app over the signing proxy's
//! `/api/DescribeReplicationJobs`, also usable as the `<smc-replication-jobs>` custom
//! element. Requests, responses and errors are smc-core's: there is no second model here.
//!
//! - [`page`]: a page of jobs as it arrived, shared by the rest.
//! - [`state`]: the view's state and every change to it (a reducer); [`job_lookup`]: the
//!   open job fetched by itself (a small reducer of its own); [`status_counts`]: how many
//!   jobs match in each status (another small reducer, and the queries that count).
//! - [`filters`], [`url_state`], [`paging`], [`columns`], [`format`], [`prefs`], [`hints`],
//!   [`export`]: the rules, each pure and tested natively.
//! - [`i18n`]: the viewer's words, one catalogue per language.
//! - [`time_left`], [`progress_log`], [`watch`] and [`live`]: what the pages tell over
//!   time (time left, watched jobs that end), pure and tested natively; [`notify`]: the
//!   browser's notifications.
//! - [`api`]: the one call to the proxy.
//! - [`components`] (one per file) and [`hooks`] (reusable behaviour): the UI.
//! - [`embed`]: the custom element.

// smc-core's `ApiError` is every field a person may need to report a failure (160 bytes);
// failures are rare and shown once, so boxing them would buy nothing but noise.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod columns;
pub mod components;
pub mod embed;
pub mod export;
pub mod filters;
pub mod format;
pub mod hints;
pub mod hooks;
pub mod i18n;
pub mod job_lookup;
pub mod live;
pub mod notify;
pub mod page;
pub mod paging;
pub mod prefs;
pub mod progress_log;
pub mod state;
pub mod status_counts;
pub mod time_left;
pub mod url_state;
pub mod watch;

pub use embed::register_custom_element;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
