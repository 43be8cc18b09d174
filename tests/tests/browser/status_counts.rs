//! The counts by status above the table: each is the `TotalCount` the API answers for the
//! current filters with that status, they follow the other filters, pressing one filters
//! the list by its status and pressing it again clears it; and what one viewer's refresh
//! costs the proxy's upstream rate.

use std::time::{Duration, Instant};

use serde_json::json;
use smc_core::{DescribeReplicationJobs, Status, TagFilter};
use smc_e2e::browser::Viewer;
use smc_e2e::{Browser, Stack};
use smc_proxy::sharing::rate::Rate;

use crate::common::{job_ids, range_label, tag_typed};

/// Each count button as `[Status, number shown, aria-pressed]`.
const COUNTS: &str = "[...root.querySelectorAll('.smcv-status-counts button')]
  .map((b) => [b.value, text(b.querySelector('.smcv-status-count__number')), b.getAttribute('aria-pressed')])";

/// What the API answers for the count of `status` among the jobs `filters` picks.
async fn api_count(stack: &Stack, filters: &DescribeReplicationJobs, status: &Status) -> i64 {
    stack
        .page(&DescribeReplicationJobs {
            status: Some(status.clone()),
            page_size: Some(1),
            page_number: Some(1),
            ..filters.clone()
        })
        .await
        .total_count
        .expect("a TotalCount")
}

/// Waits until the viewer's counts are the API's for `filters`, and returns them.
async fn expect_counts(
    viewer: &Viewer<'_>,
    stack: &Stack,
    filters: &DescribeReplicationJobs,
    pressed: Option<&Status>,
) -> Vec<(Status, i64)> {
    let mut counts = Vec::new();
    let mut shown = Vec::new();
    for status in Status::KNOWN {
        let count = api_count(stack, filters, status).await;
        let is_pressed = pressed == Some(status);
        shown.push(json!([
            status.as_str(),
            count.to_string(),
            is_pressed.to_string()
        ]));
        counts.push((status.clone(), count));
    }
    let expected = json!(shown).to_string();
    viewer.wait_for_counts().await;
    viewer
        .wait_for(
            &format!("the counts {expected}"),
            &format!("JSON.stringify({COUNTS}) === {}", json!(expected)),
        )
        .await;
    counts
}

#[tokio::test]
async fn counts_are_the_apis_totals_follow_the_filters_and_toggle_the_status_filter() {
    // A rate the test's own calls for its expectations never meet.
    let stack = Stack::with_rate(Rate::per_second(1_000.0)).await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let page_size = viewer.rows().await.len() as i64;

    let everything = DescribeReplicationJobs::default();
    let all = expect_counts(&viewer, &stack, &everything, None).await;
    assert!(
        all.iter().filter(|(_, count)| *count > 0).count() >= 2,
        "jobs in several statuses: {all:?}"
    );

    // A tag filter: the counts are those of the tagged jobs alone.
    let first_page = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(50),
            ..Default::default()
        })
        .await;
    let tag = first_page
        .replication_jobs
        .iter()
        .flat_map(|job| &job.tags)
        .find(|tag| !tag.key.is_empty() && !tag.value.is_empty())
        .map(TagFilter::from)
        .expect("a tagged job");
    viewer.type_into("Tag", &tag_typed(&tag)).await;
    viewer.click("Add tag filter").await;
    let tagged = DescribeReplicationJobs {
        tags: vec![tag],
        ..Default::default()
    };
    let tagged_counts = expect_counts(&viewer, &stack, &tagged, None).await;
    assert_ne!(tagged_counts, all, "the tag changes the counts");

    // Pressing a count filters the list by its status, on page 1.
    let (status, count) = tagged_counts
        .iter()
        .find(|(_, count)| *count > 0)
        .cloned()
        .expect("a status with tagged jobs");
    let button = format!(".smcv-status-counts button[value=\"{status}\"]");
    viewer.click_css(&button).await;
    let by_status = DescribeReplicationJobs {
        status: Some(status.clone()),
        page_size: Some(page_size),
        ..tagged.clone()
    };
    let expected = stack.page(&by_status).await;
    viewer
        .wait_for_range(&range_label(1, expected.replication_jobs.len(), count))
        .await;
    assert_eq!(viewer.rows().await, job_ids(&expected));
    assert!(
        browser
            .location()
            .await
            .contains(&format!("Status={status}")),
        "{}",
        browser.location().await
    );
    // The counts stay those of every status, the pressed one marked.
    assert_eq!(
        expect_counts(&viewer, &stack, &tagged, Some(&status)).await,
        tagged_counts
    );

    // Pressing it again clears the status filter.
    viewer.click_css(&button).await;
    let total: i64 = stack.page(&tagged).await.total_count.expect("a total");
    let shown = total.min(page_size) as usize;
    viewer.wait_for_range(&range_label(1, shown, total)).await;
    assert!(!browser.location().await.contains("Status="));
    expect_counts(&viewer, &stack, &tagged, None).await;
    browser.close().await;
}

#[tokio::test]
async fn a_refresh_costs_the_list_and_one_call_per_status_and_is_never_throttled() {
    // The proxy's default rate (5 upstream calls a second, a burst of 5) and no cache, so
    // every call goes upstream.
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    // No auto-refresh, so the calls counted are the test's own.
    browser
        .before_each_document(
            "localStorage.setItem('smc-viewer.preferences', JSON.stringify({ autoRefresh: false }));",
        )
        .await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    viewer.rows().await;
    wait_for_every_count(&viewer).await;
    let upstream = stack.sharing("upstream_call").await;
    assert_eq!(upstream, 1 + Status::KNOWN.len() as u64, "the first page");

    viewer.click("Refresh").await;
    let per_refresh = 1 + Status::KNOWN.len() as u64;
    wait_for_upstream_calls(&stack, upstream + per_refresh).await;
    wait_for_every_count(&viewer).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(
        stack.sharing("upstream_call").await - upstream,
        per_refresh,
        "one refresh: the list and one count per status"
    );

    // A refresh and at once another page, as a person clicks: nothing is refused over the
    // rate and no banner shows.
    viewer.click("Refresh").await;
    viewer.click("Page 2").await;
    viewer
        .wait_for("page 2", "!busy() && range() && range().startsWith('21')")
        .await;
    wait_for_every_count(&viewer).await;
    assert_eq!(stack.sharing("rate_limited").await, 0, "calls refused");
    assert_eq!(
        viewer
            .eval("[banner(), text(root.querySelector('.smcv-banner--throttled'))]")
            .await,
        json!([null, null])
    );
    browser.close().await;
}

/// Waits until every count has answered with a number.
async fn wait_for_every_count(viewer: &Viewer<'_>) {
    viewer.wait_for_counts().await;
    viewer
        .wait_for(
            "every count",
            &format!("{COUNTS}.every(([, n]) => /^\\d+$/.test(n))"),
        )
        .await;
}

async fn wait_for_upstream_calls(stack: &Stack, at_least: u64) {
    let started = Instant::now();
    while stack.sharing("upstream_call").await < at_least {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} upstream calls, expected {at_least}",
            stack.sharing("upstream_call").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
