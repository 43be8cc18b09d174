//! What several tests compute the same way.

use serde_json::Value;
use smc_core::{DescribeReplicationJobsResponse, ReplicationJob, TagFilter};
use smc_e2e::{paths, Browser};
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

/// Runs axe-core on the page and fails, naming `view`, on any serious or critical
/// violation.
pub async fn assert_no_serious_violations(browser: &Browser, view: &str) {
    let axe = std::fs::read_to_string(paths::axe_core()).expect("axe-core's bundle");
    // WebDriver scripts run outside the page's Content-Security-Policy.
    browser
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await;
    let result = browser
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations.map((v) => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))))
               .catch((e) => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe runs");
    let Value::Array(violations) = result else {
        panic!("axe failed on {view}: {result}");
    };
    let serious: Vec<&Value> = violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(
        serious.is_empty(),
        "serious or critical violations on {view}: {}",
        serde_json::to_string_pretty(&serious).unwrap()
    );
}
