//! Accounts: the switcher shows each account's own rows from its first page, keeps the
//! filters, and the account survives a reload in the URL and, without one, in the
//! preferences; a portal's `profile` attribute fixes the account; one account, no switcher.

use smc_core::{DescribeReplicationJobs, Status};
use smc_e2e::stack::PROFILES;
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label};

/// Whether the viewer shows an account switcher.
const HAS_SWITCHER: &str = "!!root.querySelector('.smcv-account select')";
/// The account the switcher shows.
const CHOSEN: &str = "root.querySelector('.smcv-account select')?.value";

#[tokio::test]
async fn the_switcher_shows_each_accounts_rows_and_the_account_survives_a_reload() {
    let stack = Stack::with_profiles().await;
    let [(prod, prod_label), (test, _)] = PROFILES;
    let first_page = DescribeReplicationJobs {
        page_size: Some(20),
        ..Default::default()
    };
    let prod_page = stack.page_in(Some(prod), &first_page).await;
    let test_page = stack.page_in(Some(test), &first_page).await;
    assert_eq!(
        job_ids(&stack.page(&first_page).await),
        job_ids(&prod_page),
        "the first profile is the default"
    );
    assert_ne!(
        job_ids(&prod_page),
        job_ids(&test_page),
        "the two accounts hold different jobs"
    );

    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    assert_eq!(viewer.rows().await, job_ids(&prod_page));
    viewer.wait_for("the switcher", HAS_SWITCHER).await;
    assert_eq!(viewer.eval(CHOSEN).await, prod);
    let labels = viewer
        .eval("[...root.querySelectorAll('.smcv-account option')].map(text)")
        .await;
    assert_eq!(labels, serde_json::json!([prod_label, PROFILES[1].1]));

    // A filter and page 2 of the first account, then the other account: its page 1 with
    // the same filter.
    viewer.choose("Status", "Running").await;
    let running = DescribeReplicationJobs {
        status: Some(Status::Running),
        ..first_page.clone()
    };
    let prod_running = stack.page_in(Some(prod), &running).await;
    assert!(
        prod_running.total_count.unwrap_or(0) > 20,
        "enough running jobs to page"
    );
    viewer
        .wait_for_range(&range_label(1, 20, prod_running.total_count.unwrap()))
        .await;
    viewer.click("Next page").await;
    viewer
        .wait_for("page 2", "location.search.includes('PageNumber=2')")
        .await;
    viewer.rows().await;

    viewer.choose("Account", test).await;
    let test_running = stack.page_in(Some(test), &running).await;
    let test_total = test_running.total_count.expect("a total");
    viewer
        .wait_for_range(&range_label(
            1,
            test_running.replication_jobs.len(),
            test_total,
        ))
        .await;
    assert_eq!(viewer.rows().await, job_ids(&test_running));
    assert_eq!(viewer.chips().await, ["Status: Running"]);
    let location = browser.location().await;
    assert!(location.contains("profile=test"), "{location}");
    assert!(location.contains("Status=Running"), "{location}");
    assert!(
        !location.contains("PageNumber"),
        "back to page 1: {location}"
    );

    // The URL brings the account back.
    browser.goto(&stack.url(&location)).await;
    assert_eq!(viewer.rows().await, job_ids(&test_running));
    assert_eq!(viewer.eval(CHOSEN).await, test);

    // Without one in the URL, the preferences do.
    browser.goto(&stack.url("/")).await;
    assert_eq!(viewer.rows().await, job_ids(&test_page));
    assert_eq!(viewer.eval(CHOSEN).await, test);
    browser.screenshot("accounts").await;
    browser.close().await;
}

#[tokio::test]
async fn a_portal_fixes_the_account_with_the_profile_attribute() {
    let stack = Stack::with_profiles().await;
    let (test, _) = PROFILES[1];
    let page = stack
        .page_in(
            Some(test),
            &DescribeReplicationJobs {
                page_size: Some(10),
                ..Default::default()
            },
        )
        .await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/embed.html")).await;
    browser
        .execute(
            "const viewer = document.createElement('smc-replication-jobs');
             viewer.id = 'fixed';
             viewer.setAttribute('profile', arguments[0]);
             viewer.setAttribute('page-size', '10');
             document.body.append(viewer);",
            vec![serde_json::json!(test)],
        )
        .await;
    let fixed = browser.viewer_in("fixed");
    assert_eq!(fixed.rows().await, job_ids(&page));
    // The demo's own viewers, without the attribute, offer the switcher once the proxy
    // has said which accounts there are; the fixed one does not.
    browser
        .viewer_in("all")
        .wait_for("the switcher", HAS_SWITCHER)
        .await;
    assert_eq!(fixed.eval(HAS_SWITCHER).await, false);
    browser.close().await;
}

#[tokio::test]
async fn one_account_shows_no_switcher() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    viewer.rows().await;
    assert_eq!(viewer.eval(HAS_SWITCHER).await, false);
    browser.close().await;
}
