//! The Time left column on a clock the test moves: a dash after one reading, the time left
//! from two readings, and Stalled once progress stands still for five minutes.

use std::time::Duration;

use smc_core::{DescribeReplicationJobs, ReplicationJob, Status};
use smc_e2e::Stack;

use crate::common::{
    browser_on_stack_clock, job_request, moves_clocks, open_one_job, running_jobs,
};

/// The time left text the viewer should show from two progress readings a minute apart,
/// computed here from the API's numbers the way a person would.
fn expected_time_left(first: f64, second: f64, seconds_between: f64) -> String {
    let per_second = (second - first) / seconds_between;
    let seconds = (100.0 - second) / per_second;
    if seconds < 60.0 {
        "less than 1 min".to_owned()
    } else {
        format!("about {} min left", (seconds / 60.0).round())
    }
}

async fn progress_of(stack: &Stack, job: &ReplicationJob) -> f64 {
    let page = stack.page(&job_request(&job.job_id)).await;
    let now = &page.replication_jobs[0];
    assert_eq!(
        now.status,
        Some(Status::Running),
        "{} still runs",
        job.job_id
    );
    now.progress.expect("a running job has a progress")
}

#[tokio::test]
async fn a_running_job_shows_its_time_left_from_two_readings_then_stalls() {
    let stack = Stack::with_manual_clock().await;
    // The running job with the longest way to go: it still runs a minute later.
    let job = running_jobs(&stack)
        .await
        .into_iter()
        .min_by(|a, b| {
            a.progress
                .unwrap_or(0.0)
                .total_cmp(&b.progress.unwrap_or(0.0))
        })
        .expect("the data set has running jobs");
    let first = progress_of(&stack, &job).await;

    let browser = browser_on_stack_clock(&stack).await;
    let viewer = open_one_job(&stack, &browser, &job.job_id).await;
    let cell = "text(root.querySelector('.smcv-cell-time-left .smcv-time-left'))";
    let shown = viewer.eval(cell).await;
    assert!(
        shown.as_str().is_some_and(|text| text.starts_with('–')),
        "one reading: a dash, not {shown}"
    );

    let minute = Duration::from_secs(60);
    moves_clocks(&stack, &browser, minute).await;
    let second = progress_of(&stack, &job).await;
    assert!(second > first, "the job moved: {first} → {second}");
    viewer.click("Refresh").await;
    let expected = expected_time_left(first, second, 60.0);
    let expected_js = serde_json::json!(expected).to_string();
    viewer
        .wait_for(
            &format!("the time left {expected}"),
            &format!("!busy() && {cell} === {expected_js}"),
        )
        .await;
    browser.screenshot("time-left").await;

    // Five minutes on the viewer's clock and none on the job's: it stands still.
    browser.advance_clock(5 * minute).await;
    viewer.click("Refresh").await;
    let stalled = viewer
        .wait_for(
            "Stalled",
            &format!("!busy() && {cell} && {cell}.startsWith('Stalled') && {cell}"),
        )
        .await;
    assert_eq!(stalled, "Stalled (No progress for 5 min)");
    let title = viewer
        .eval("root.querySelector('.smcv-cell-time-left .smcv-time-left').title")
        .await;
    assert_eq!(title, "No progress for 5 min");
    browser.close().await;
}

#[tokio::test]
async fn the_time_left_column_sorts_the_page_soonest_first() {
    let stack = Stack::with_manual_clock().await;
    let browser = browser_on_stack_clock(&stack).await;
    let running = DescribeReplicationJobs {
        status: Some(Status::Running),
        ..DescribeReplicationJobs::default()
    };
    browser
        .goto(&stack.url(&format!("/?{}", running.to_query_string())))
        .await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;
    assert!(rows.len() > 1, "{rows:?}");
    moves_clocks(&stack, &browser, Duration::from_secs(60)).await;
    viewer.click("Refresh").await;
    viewer
        .wait_for(
            "times left",
            "!busy() && root.querySelectorAll('.smcv-cell-time-left .smcv-time-left:not(.smcv-muted)').length > 1",
        )
        .await;
    viewer
        .eval(
            "[...root.querySelectorAll('th button.smcv-sort')]
               .find((b) => b.textContent.startsWith('Time left')).click()",
        )
        .await;
    let minutes = viewer
        .wait_for(
            "the page sorted by time left",
            "root.querySelector('th[aria-sort]') && [...root.querySelectorAll('.smcv-cell-time-left .smcv-time-left')]
               .map((el) => text(el)).map((t) => /about (\\d+) min/.exec(t)).filter(Boolean).map((m) => Number(m[1]))",
        )
        .await;
    let minutes: Vec<u64> = serde_json::from_value(minutes).expect("numbers");
    let mut sorted = minutes.clone();
    sorted.sort_unstable();
    assert_eq!(minutes, sorted, "soonest first");
    browser.close().await;
}
