//! What several tests compute the same way.

use smc_core::{DescribeReplicationJobsResponse, ReplicationJob, TagFilter};
use smc_web::i18n::Texts;

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
