//! The embed demo: two `<smc-replication-jobs>` elements on one page, paging on their own.

use smc_core::DescribeReplicationJobs;
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label};

#[tokio::test]
async fn two_embedded_viewers_page_independently() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/embed.html")).await;
    // embed.html: "hangzhou" shows cn-hangzhou 5 at a time, "all" everything 10 at a time.
    let hangzhou = browser.viewer_in("hangzhou");
    let all = browser.viewer_in("all");
    let hangzhou_page = |page: i64| DescribeReplicationJobs {
        region_id: Some("cn-hangzhou".to_owned()),
        page_number: Some(page),
        page_size: Some(5),
        ..Default::default()
    };
    let first = stack.page(&hangzhou_page(1)).await;
    let hangzhou_total = first.total_count.expect("a total");
    assert!(
        hangzhou_total > 10,
        "the seed has enough Hangzhou jobs to page"
    );
    let everything = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(10),
            ..Default::default()
        })
        .await;
    let total = everything.total_count.expect("a total");

    hangzhou
        .wait_for_range(&range_label(1, 5, hangzhou_total))
        .await;
    assert_eq!(hangzhou.rows().await, job_ids(&first));
    all.wait_for_range(&range_label(1, 10, total)).await;
    assert_eq!(all.rows().await, job_ids(&everything));

    hangzhou.click("Next page").await;
    hangzhou
        .wait_for_range(&range_label(6, 5, hangzhou_total))
        .await;
    assert_eq!(
        hangzhou.rows().await,
        job_ids(&stack.page(&hangzhou_page(2)).await)
    );
    assert_eq!(
        all.range().await,
        range_label(1, 10, total),
        "the other viewer stays"
    );

    all.click("Last page").await;
    let last = (total + 9) / 10;
    all.wait_for_range(&range_label(
        (last as usize - 1) * 10 + 1,
        (total - (last - 1) * 10) as usize,
        total,
    ))
    .await;
    assert_eq!(hangzhou.range().await, range_label(6, 5, hangzhou_total));
    // Embedded viewers do not own the page's URL.
    assert_eq!(browser.location().await, "/embed.html");
    browser.screenshot("embed").await;
    browser.close().await;
}
