//! Odd job fields never fail a page: with the emulator sending them, every row still shows,
//! odd values are marked as shown as received, the details' Raw JSON holds the field no
//! model knows, and the page's RequestId is shown and copyable.

use smc_core::DescribeReplicationJobs;
use smc_e2e::{Browser, Stack};
use smc_emulator::{odd_jobs, FaultRule};

use crate::common::{job_ids, shown_name};

#[tokio::test]
async fn a_page_with_odd_fields_shows_every_row_marks_them_and_keeps_them_raw() {
    let stack = Stack::start().await;
    stack.set_faults(vec![FaultRule::odd_job_fields()]);
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;
    let expected = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(rows.len() as i64),
            ..Default::default()
        })
        .await;
    assert_eq!(rows, job_ids(&expected), "every row shows");
    let odd_job = &expected.replication_jobs[0];
    assert!(!odd_job.odd_fields.is_empty(), "the first job is sent odd");

    // The odd job's row marks what it shows as received.
    let marks = viewer
        .eval(
            "[...root.querySelector('table.smcv-table tbody tr').querySelectorAll('.smcv-received')]
               .map((mark) => mark.getAttribute('title'))",
        )
        .await;
    let marks = smc_e2e::browser::strings(marks);
    assert!(
        marks
            .iter()
            .any(|title| title.starts_with("Shown as received: ")),
        "{marks:?}"
    );
    assert!(
        marks
            .iter()
            .any(|title| title.contains(&odd_jobs::UNKNOWN_JOB_TYPE.to_string())),
        "the unknown job type shows its number: {marks:?}"
    );

    // The page's RequestId, below the table, with a copy button.
    let footer_id = viewer
        .wait_for(
            "the request ID",
            "text(root.querySelector('.smcv-request-id code'))",
        )
        .await;
    let footer_id = footer_id.as_str().unwrap_or_default().to_owned();
    assert_eq!(footer_id.len(), 36, "{footer_id}");
    viewer.click(&format!("Copy request ID {footer_id}")).await;
    viewer
        .wait_for(
            "the copy to be confirmed",
            "text(root.querySelector('.smcv-request-id .smcv-copy')) === 'Copied'",
        )
        .await;

    // The details: the fields shown as received, the RequestId, and the raw JSON with the
    // field no model knows.
    viewer
        .click(&format!("Open details of {}", shown_name(odd_job)))
        .await;
    let received = viewer
        .wait_for(
            "the fields shown as received",
            "text(root.querySelector('.smcv-details section[aria-label=\"Shown as received\"]'))",
        )
        .await;
    let received = received.as_str().unwrap_or_default();
    for field in &odd_job.odd_fields {
        assert!(
            received.contains(&field.path),
            "{} in {received}",
            field.path
        );
        assert!(
            received.contains(&field.text()),
            "{} in {received}",
            field.text()
        );
    }
    let overview = viewer
        .eval("text(root.querySelector('.smcv-details section[aria-label=\"Overview\"]'))")
        .await;
    assert!(
        overview.as_str().unwrap_or_default().contains(&footer_id),
        "the details show the page's RequestId: {overview}"
    );
    let raw = viewer
        .eval("text(root.querySelector('.smcv-details .smcv-raw'))")
        .await;
    let raw = raw.as_str().unwrap_or_default();
    assert!(raw.contains(odd_jobs::UNKNOWN_FIELD), "{raw}");
    for field in &odd_job.odd_fields {
        assert!(raw.contains(&field.text()), "{} in {raw}", field.text());
    }
    browser.screenshot("odd-fields").await;
    browser.close().await;
}
