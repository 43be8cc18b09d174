//! What several tests compute the same way.

use smc_core::{DescribeReplicationJobsResponse, ReplicationJob, TagFilter};
use smc_e2e::{Browser, BrowserOptions, ColorScheme};
use smc_web::i18n::Texts;

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

/// The paging label for `count` rows starting at the `first` job: "41–60 of 1,240".
pub fn range_label(first: usize, count: usize, total: i64) -> String {
    range_label_in(&smc_web::i18n::EN_US, first, count, total)
}

/// The paging label in the language of `texts`: "第 41–60 条，共 1,240 条".
pub fn range_label_in(texts: &Texts, first: usize, count: usize, total: i64) -> String {
    let grouped = |n: i64| smc_web::format::grouped(n);
    (texts.page_range)(
        &grouped(first as i64),
        &grouped((first + count - 1) as i64),
        &grouped(total),
    )
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

/// A request for the one job `job_id`.
pub fn job_request(job_id: &str) -> smc_core::DescribeReplicationJobs {
    smc_core::DescribeReplicationJobs {
        job_ids: vec![job_id.to_owned()],
        ..Default::default()
    }
}

/// The running jobs of the default data set now (the first 50), asked through the stack.
pub async fn running_jobs(stack: &smc_e2e::Stack) -> Vec<ReplicationJob> {
    stack.page(&running_request()).await.replication_jobs
}

/// The first 50 running jobs.
pub fn running_request() -> smc_core::DescribeReplicationJobs {
    smc_core::DescribeReplicationJobs {
        status: Some(smc_core::Status::Running),
        page_size: Some(50),
        ..Default::default()
    }
}

/// Moves the page's clock, then the emulator's, by `by`. In that order, an auto-refresh
/// between the two reads the old progress at the new time, which the refresh that follows
/// replaces, rather than the new progress at the old time.
pub async fn moves_clocks(
    stack: &smc_e2e::Stack,
    browser: &smc_e2e::Browser,
    by: std::time::Duration,
) {
    browser.advance_clock(by).await;
    stack
        .clock()
        .advance(time::Duration::try_from(by).expect("a short duration"));
}

/// A browser whose page clock starts where the stack's emulator clock stands (see
/// [`smc_e2e::Stack::with_manual_clock`]), so both can be moved together.
pub async fn browser_on_stack_clock(stack: &smc_e2e::Stack) -> smc_e2e::Browser {
    let browser = smc_e2e::Browser::start().await;
    browser
        .use_test_clock(stack.clock().now().unix_timestamp() * 1000)
        .await;
    browser
}

/// Opens the viewer filtered to the one job `job_id` and waits for its row.
pub async fn open_one_job<'a>(
    stack: &smc_e2e::Stack,
    browser: &'a smc_e2e::Browser,
    job_id: &str,
) -> smc_e2e::browser::Viewer<'a> {
    browser
        .goto(&stack.url(&format!("/?{}", job_request(job_id).to_query_string())))
        .await;
    let viewer = browser.viewer();
    assert_eq!(viewer.rows().await, vec![job_id.to_owned()]);
    viewer
}
