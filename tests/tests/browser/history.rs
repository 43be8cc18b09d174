//! State in the URL: a deep link restores filters, page and open details; back and forward
//! restore earlier views.

use smc_core::{DescribeReplicationJobs, Status};
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label, shown_name};

#[tokio::test]
async fn a_deep_link_restores_filters_page_and_details() {
    let stack = Stack::start().await;
    let request = DescribeReplicationJobs {
        status: Some(Status::Running),
        page_number: Some(2),
        page_size: Some(10),
        ..Default::default()
    };
    let expected = stack.page(&request).await;
    let open = expected.replication_jobs[3].clone();
    let browser = Browser::start().await;
    browser
        .goto(&stack.url(&format!(
            "/?{}#/jobs/{}",
            request.to_query_string(),
            open.job_id
        )))
        .await;
    let viewer = browser.viewer();
    viewer
        .wait_for_range(&range_label(
            11,
            expected.replication_jobs.len(),
            expected.total_count.expect("a total"),
        ))
        .await;
    assert_eq!(viewer.rows().await, job_ids(&expected));
    assert_eq!(
        viewer.field("Status").await.prop("value").await.unwrap(),
        Some("Running".to_owned())
    );
    let heading = viewer
        .wait_for(
            "the details heading",
            "text(root.querySelector('.smcv-details h2'))",
        )
        .await;
    let name = shown_name(&open);
    assert!(heading.as_str().unwrap().contains(name), "{heading}");
    browser.close().await;
}

#[tokio::test]
async fn back_and_forward_restore_earlier_views() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let first_page = viewer.rows().await;
    let first_range = viewer.range().await;

    viewer.click("Next page").await;
    viewer
        .wait_for(
            "page 2",
            &format!("!busy() && range() !== {}", serde_json::json!(first_range)),
        )
        .await;
    let second_page = viewer.rows().await;
    let second_range = viewer.range().await;
    assert_ne!(first_page, second_page);

    viewer.choose("Status", "Finished").await;
    viewer
        .wait_for(
            "the status chip",
            "chips().some((c) => c.startsWith('Status: '))",
        )
        .await;
    assert!(browser.location().await.contains("Status=Finished"));
    viewer.rows().await;

    browser.client().back().await.expect("back");
    viewer.wait_for_range(&second_range).await;
    assert_eq!(viewer.rows().await, second_page);
    assert!(viewer.chips().await.is_empty());
    browser.client().back().await.expect("back");
    viewer.wait_for_range(&first_range).await;
    assert_eq!(viewer.rows().await, first_page);
    browser.client().forward().await.expect("forward");
    viewer.wait_for_range(&second_range).await;
    assert_eq!(viewer.rows().await, second_page);
    browser.close().await;
}
