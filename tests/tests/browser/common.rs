//! What several tests compute the same way.

use smc_core::{DescribeReplicationJobsResponse, ReplicationJob, TagFilter};
use smc_e2e::{Browser, BrowserOptions, ColorScheme};

/// The languages the viewer speaks, as Chromium's `--lang` asks for them.
pub const LANGUAGES: [&str; 2] = ["en-US", "zh-CN"];

/// Both color schemes.
pub const SCHEMES: [ColorScheme; 2] = [ColorScheme::Light, ColorScheme::Dark];

/// A browser that prefers `lang`, at the default window size.
pub async fn browser_in(lang: &'static str) -> Browser {
    Browser::start_with(BrowserOptions {
        lang: Some(lang),
        ..BrowserOptions::default()
    })
    .await
}

/// The JobIds of a page, in order.
pub fn job_ids(page: &DescribeReplicationJobsResponse) -> Vec<String> {
    page.replication_jobs
        .iter()
        .map(|job| job.job_id.clone())
        .collect()
}

/// The paging label for `count` rows starting at the `first` job: "41–60 of 240".
pub fn range_label(first: usize, count: usize, total: i64) -> String {
    format!("{first}–{} of {total}", first + count - 1)
}

/// A job's name as the viewer shows it.
pub fn shown_name(job: &ReplicationJob) -> &str {
    if job.name.is_empty() {
        "(unnamed)"
    } else {
        &job.name
    }
}

/// A tag filter as it is typed into the tag input: `key=value`, `key=`, `=value` or `key`.
pub fn tag_typed(tag: &TagFilter) -> String {
    match &tag.value {
        Some(value) => format!("{}={value}", tag.key),
        None => tag.key.clone(),
    }
}
