//! axe-core on the list and the details: no serious or critical violations.

use smc_e2e::{Browser, Stack};

use crate::common::assert_no_serious_violations;

#[tokio::test]
async fn list_and_details_have_no_serious_accessibility_violations() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;
    assert_no_serious_violations(&browser, "the list").await;

    browser
        .goto(&stack.url(&format!("/#/jobs/{}", rows[0])))
        .await;
    viewer
        .wait_for(
            "the details",
            "!busy() && root.querySelector('.smcv-details section[aria-label=\"Disks\"]')",
        )
        .await;
    assert_no_serious_violations(&browser, "the details").await;
    browser.close().await;
}
