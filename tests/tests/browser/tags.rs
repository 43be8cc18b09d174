//! Tags whose value or key is the empty string: `key=` asks for the empty value (not any
//! value), `=value` for the empty key; their chips spell the empty parts out, and the link
//! keeps them through a reload.

use smc_core::{DescribeReplicationJobs, ReplicationJob, Tag, TagFilter};
use smc_e2e::browser::{strings, Viewer};
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, range_label, tag_typed};

/// Every job, asked through the proxy page by page.
async fn every_job(stack: &Stack) -> Vec<ReplicationJob> {
    let mut jobs = Vec::new();
    for number in 1.. {
        let page = stack
            .page(&DescribeReplicationJobs {
                page_number: Some(number),
                page_size: Some(50),
                ..Default::default()
            })
            .await;
        let total = page.total_count.expect("a total") as usize;
        jobs.extend(page.replication_jobs);
        if jobs.len() >= total {
            return jobs;
        }
    }
    unreachable!("pages end")
}

/// The first tag of any job that `wanted` picks.
fn find_tag(jobs: &[ReplicationJob], wanted: impl Fn(&Tag) -> bool) -> TagFilter {
    jobs.iter()
        .flat_map(|job| &job.tags)
        .find(|tag| wanted(tag))
        .map(TagFilter::from)
        .expect("the emulator's jobs have such a tag")
}

/// Types `tag` into the tag input, adds it, and waits until its chip shows and the table
/// holds what the API answers for `request` (the filters so far, this one included).
async fn add_tag(
    viewer: &Viewer<'_>,
    stack: &Stack,
    tag: &TagFilter,
    request: &DescribeReplicationJobs,
) {
    viewer.type_into("Tag", &tag_typed(tag)).await;
    viewer.click("Add tag filter").await;
    let chip = format!("Tag: {tag}");
    viewer
        .wait_for(
            &format!("the chip {chip:?}"),
            &format!("chips().includes({})", serde_json::json!(chip)),
        )
        .await;
    assert_table_shows(viewer, stack, request).await;
}

async fn assert_table_shows(viewer: &Viewer<'_>, stack: &Stack, request: &DescribeReplicationJobs) {
    let expected = stack.page(request).await;
    let total = expected.total_count.expect("a total");
    viewer
        .wait_for_range(&range_label(1, expected.replication_jobs.len(), total))
        .await;
    assert_eq!(viewer.rows().await, job_ids(&expected));
}

#[tokio::test]
async fn the_empty_value_and_the_empty_key_are_filters_of_their_own_and_survive_a_reload() {
    let stack = Stack::start().await;
    let jobs = every_job(&stack).await;
    let empty_value = find_tag(&jobs, |tag| !tag.key.is_empty() && tag.value.is_empty());
    let key = empty_value.key.clone();
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let page_size = viewer.rows().await.len() as i64;

    // `key=`: only the jobs whose tag `key` is the empty string, fewer than with any value.
    let mut request = DescribeReplicationJobs {
        tags: vec![empty_value.clone()],
        page_size: Some(page_size),
        ..Default::default()
    };
    add_tag(&viewer, &stack, &empty_value, &request).await;
    let only_empty = stack.page(&request).await.total_count.expect("a total");
    let any_value = stack
        .page(&DescribeReplicationJobs {
            tags: vec![TagFilter::any_value(key.clone())],
            ..request.clone()
        })
        .await
        .total_count
        .expect("a total");
    assert!(
        0 < only_empty && only_empty < any_value,
        "{only_empty} of {any_value}"
    );
    assert_eq!(viewer.chips().await, [format!("Tag: {key} = (empty)")]);
    // The rows' own chips say the same of the tag they carry.
    let row_chips = viewer
        .eval("[...root.querySelectorAll('table.smcv-table .smcv-chip--tag')].map(text)")
        .await;
    assert!(
        strings(row_chips).contains(&format!("{key} = (empty)")),
        "a row shows its empty value"
    );
    let location = browser.location().await;
    assert!(
        location.contains(&format!("Tag.1.Key={key}&Tag.1.Value=")),
        "{location}"
    );

    // `key` (any value) beside it is a second filter, not a repeat of the first.
    let any = TagFilter::any_value(key.clone());
    request.tags.push(any.clone());
    add_tag(&viewer, &stack, &any, &request).await;
    assert_eq!(
        viewer.chips().await,
        [format!("Tag: {key} = (empty)"), format!("Tag: {key}")]
    );

    // A reload of the link brings back the same chips and rows.
    let location = browser.location().await;
    browser.goto(&stack.url(&location)).await;
    let viewer = browser.viewer();
    assert_table_shows(&viewer, &stack, &request).await;
    assert_eq!(
        viewer.chips().await,
        [format!("Tag: {key} = (empty)"), format!("Tag: {key}")]
    );
    assert_eq!(browser.location().await, location);

    // `=value`: the one job whose tag has the empty key.
    viewer
        .click(&format!("Remove filter Tag: {key} = (empty)"))
        .await;
    viewer.click(&format!("Remove filter Tag: {key}")).await;
    let empty_key = find_tag(&jobs, |tag| tag.key.is_empty());
    request.tags = vec![empty_key.clone()];
    add_tag(&viewer, &stack, &empty_key, &request).await;
    assert_eq!(viewer.rows().await.len(), 1);
    let value = empty_key.value.clone().unwrap_or_default();
    assert_eq!(
        viewer.chips().await,
        [format!("Tag: (empty key) = {value}")]
    );
    assert!(
        browser.location().await.contains("Tag.1.Key=&Tag.1.Value="),
        "the empty key is in the link"
    );
    browser.screenshot("empty-tags").await;
    browser.close().await;
}

/// A link whose parameters are sent empty (`Name=`, `Status=`, `JobId.1=`) filters nothing,
/// as the API page says: the whole list shows, with no chip and no notice.
#[tokio::test]
async fn parameters_sent_empty_in_a_link_filter_nothing() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser
        .goto(&stack.url("/?Name=&Status=&JobId.1=&SourceId.1="))
        .await;
    let viewer = browser.viewer();
    // The viewer's own page size, as on a first visit.
    let unfiltered = DescribeReplicationJobs {
        page_size: Some(20),
        ..Default::default()
    };
    assert_table_shows(&viewer, &stack, &unfiltered).await;
    assert!(
        viewer.chips().await.is_empty(),
        "{:?}",
        viewer.chips().await
    );
    assert_eq!(
        viewer
            .eval("text(root.querySelector('.smcv-banner--notice'))")
            .await,
        serde_json::Value::Null,
        "no notice about the empty parameters"
    );
}
