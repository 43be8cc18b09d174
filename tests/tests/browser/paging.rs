//! Paging: next, previous, last, page size and jump, with "x–y of N" right on every page.

use smc_core::DescribeReplicationJobs;
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label};

#[tokio::test]
async fn next_previous_last_page_size_and_jump_show_the_right_jobs() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let size = viewer.rows().await.len();
    let total = stack
        .page(&DescribeReplicationJobs::default())
        .await
        .total_count
        .expect("a total") as usize;
    let last_page = total.div_ceil(size);

    // Each step: what to do, then the page (number, size) that must show.
    let expect_page = |page: usize, page_size: usize| {
        let stack = &stack;
        async move {
            let expected = stack
                .page(&DescribeReplicationJobs {
                    page_number: Some(page as i64),
                    page_size: Some(page_size as i64),
                    ..Default::default()
                })
                .await;
            let first = (page - 1) * page_size + 1;
            let count = expected.replication_jobs.len();
            viewer
                .wait_for_range(&range_label(first, count, total as i64))
                .await;
            assert_eq!(
                viewer.rows().await,
                job_ids(&expected),
                "page {page} of {page_size}"
            );
        }
    };

    viewer.click("Next page").await;
    expect_page(2, size).await;
    assert!(browser.location().await.contains("PageNumber=2"));
    viewer.click("Next page").await;
    expect_page(3, size).await;
    viewer.click("Previous page").await;
    expect_page(2, size).await;
    viewer.click("Last page").await;
    expect_page(last_page, size).await;
    let next_disabled = viewer
        .eval("root.querySelector('button[aria-label=\"Next page\"]').disabled")
        .await;
    assert_eq!(next_disabled, true, "Next is disabled on the last page");
    viewer.click("First page").await;
    expect_page(1, size).await;

    viewer.choose("Per page", "50").await;
    expect_page(1, 50).await;
    assert!(browser.location().await.contains("PageSize=50"));
    viewer.type_into("Go to page", "3").await;
    viewer.click("Go").await;
    expect_page(3, 50).await;
    browser.close().await;
}
