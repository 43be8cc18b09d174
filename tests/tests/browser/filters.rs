//! First load, filters, tag and id chips, and the rules enforced before any request.

use smc_core::{DescribeReplicationJobs, Status, TagFilter};
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label, tag_typed};

#[tokio::test]
async fn first_load_shows_rows_and_the_total_then_a_status_filter_narrows_list_and_url() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();

    let rows = viewer.rows().await;
    let first = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(rows.len() as i64),
            ..Default::default()
        })
        .await;
    assert_eq!(rows, job_ids(&first));
    let total = first.total_count.expect("a total");
    assert_eq!(viewer.range().await, range_label(1, rows.len(), total));
    let heading = viewer.eval("text(root.querySelector('h1'))").await;
    assert_eq!(heading, format!("Migration jobs ({total})"));
    browser.screenshot("list").await;

    viewer.choose("Status", "Running").await;
    let running = stack
        .page(&DescribeReplicationJobs {
            status: Some(Status::Running),
            page_size: Some(rows.len() as i64),
            ..Default::default()
        })
        .await;
    let running_total = running.total_count.expect("a total");
    assert!(0 < running_total && running_total < total);
    viewer
        .wait_for_range(&range_label(
            1,
            running.replication_jobs.len(),
            running_total,
        ))
        .await;
    assert_eq!(viewer.rows().await, job_ids(&running));
    assert!(browser.location().await.contains("Status=Running"));
    assert!(viewer
        .chips()
        .await
        .iter()
        .any(|chip| chip.contains("Running")));
    browser.screenshot("filtered").await;
    browser.close().await;
}

#[tokio::test]
async fn tags_typed_or_clicked_in_a_row_become_chips_and_filter() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let first_rows = viewer.rows().await;

    // A tag clicked in a row: the first chip of the table, the first tag of the first row
    // that has tags.
    let first_page = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(first_rows.len() as i64),
            ..Default::default()
        })
        .await;
    let tag = first_page
        .replication_jobs
        .iter()
        .find_map(|job| job.tags.first())
        .map(TagFilter::from)
        .expect("a row with tags");
    let clicked = viewer
        .eval("text(root.querySelector('table.smcv-table button.smcv-chip--tag'))")
        .await;
    let clicked = clicked.as_str().expect("a row with tags").to_owned();
    assert_eq!(clicked, tag.to_string());
    viewer
        .click_css("table.smcv-table button.smcv-chip--tag")
        .await;
    let by_clicked = stack
        .page(&DescribeReplicationJobs {
            tags: vec![tag.clone()],
            page_size: Some(50),
            ..Default::default()
        })
        .await;
    viewer
        .wait_for(
            "the clicked tag's chip",
            &format!(
                "chips().includes({})",
                serde_json::json!(format!("Tag: {clicked}"))
            ),
        )
        .await;
    let rows = viewer.rows().await;
    assert_eq!(rows, job_ids(&by_clicked)[..rows.len()]);
    assert!(browser.location().await.contains("Tag.1.Key="));

    // A second tag typed into the input: both must be on every job shown.
    let other = by_clicked
        .replication_jobs
        .iter()
        .flat_map(|job| job.tags.iter())
        .find(|candidate| candidate.key != tag.key)
        .map(TagFilter::from)
        .expect("jobs with the first tag carry other tags too");
    let typed = tag_typed(&other);
    viewer.type_into("Tag", &typed).await;
    viewer.click("Add tag filter").await;
    let both = stack
        .page(&DescribeReplicationJobs {
            tags: vec![tag, other.clone()],
            page_size: Some(50),
            ..Default::default()
        })
        .await;
    viewer
        .wait_for(
            "the typed tag's chip",
            &format!(
                "chips().includes({})",
                serde_json::json!(format!("Tag: {other}"))
            ),
        )
        .await;
    // The typed text became the chip: the input is empty again.
    let tag_field = viewer.field("Tag").await;
    assert_eq!(tag_field.prop("value").await.unwrap().as_deref(), Some(""));
    let total = both.total_count.expect("a total");
    let shown = both.replication_jobs.len().min(rows.len());
    viewer.wait_for_range(&range_label(1, shown, total)).await;
    assert_eq!(viewer.rows().await, job_ids(&both)[..shown]);
    assert!(browser.location().await.contains("Tag.2.Key="));
    browser.close().await;
}

#[tokio::test]
async fn pasted_ids_become_chips_and_rules_are_enforced_before_any_request() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;

    // Three job IDs pasted as a list, separated as people paste them.
    let pasted = format!("{}, {}\n{}", rows[4], rows[1], rows[7]);
    viewer.paste_into("Job IDs", &pasted).await;
    viewer
        .wait_for("three rows", "!busy() && rows().length === 3")
        .await;
    let chips = viewer.chips().await;
    for id in [&rows[1], &rows[4], &rows[7]] {
        assert!(
            chips.iter().any(|chip| chip.contains(id.as_str())),
            "{chips:?}"
        );
    }
    // Newest first, as the API orders them.
    assert_eq!(
        viewer.rows().await,
        [rows[1].clone(), rows[4].clone(), rows[7].clone()]
    );
    let location = browser.location().await;
    assert!(location.contains("JobId.3="), "{location}");

    // Rules from smc-core stop a request at the input, with the rule in words.
    viewer.wait_for_counts().await;
    let calls = stack.api_calls().await;
    viewer.type_into("Tag", "site=https://example.com").await;
    viewer.click("Add tag filter").await;
    let message = viewer
        .wait_for("the URL rule's message", "fieldError().join(' ')")
        .await;
    assert!(message.as_str().unwrap().contains("http"), "{message}");
    // What broke the rule stays in the input, to be mended.
    let tag_field = viewer.field("Tag").await;
    assert_eq!(
        tag_field.prop("value").await.unwrap().as_deref(),
        Some("site=https://example.com")
    );
    let long_key = "k".repeat(65);
    viewer.type_into("Tag", &format!("{long_key}=v")).await;
    viewer.click("Add tag filter").await;
    viewer
        .wait_for(
            "the length rule's message",
            "fieldError().join(' ').includes('64')",
        )
        .await;
    assert_eq!(
        stack.api_calls().await,
        calls,
        "a refused tag sent a request"
    );
    assert!(!viewer
        .chips()
        .await
        .iter()
        .any(|chip| chip.starts_with("Tag")));
    browser.close().await;
}
