//! Parameters sent without a value: no filter, as the API page says ("parameters without
//! assigned values are not used as filtering conditions"), except a tag's value, which may
//! be the empty string; and tags whose key is the empty string.

use axum::http::StatusCode;
use smc_core::{DescribeReplicationJobs, Format, ReplicationJob, TagFilter};

use crate::common::{ids, Answer, Harness};
use crate::semantics::{check, expected};

/// A signed GET for JSON whose own parameters are exactly `own`, empty values included
/// (a typed request would leave empty scalars out).
async fn get_with(harness: &Harness, own: &[(&str, &str)]) -> Answer {
    let mut params = harness.signed_params(&DescribeReplicationJobs::default(), Format::Json);
    params.extend(
        own.iter()
            .map(|(name, value)| (name.to_string(), value.to_string())),
    );
    let params = harness.resign("GET", params);
    harness.get(&params).await
}

async fn every_job(harness: &Harness) -> Vec<ReplicationJob> {
    harness
        .describe_all(&DescribeReplicationJobs::default())
        .await
}

#[tokio::test]
async fn every_parameter_sent_empty_is_no_filter() {
    let harness = Harness::new();
    let all = every_job(&harness).await;
    let empty = [
        "RegionId",
        "Name",
        "Status",
        "BusinessStatus",
        "JobType",
        "PageNumber",
        "PageSize",
        "JobId.1",
        "SourceId.1",
        "InstanceId.1",
        "InstanceId.2",
        "ResourceGroupId",
    ]
    .map(|name| (name, ""));
    let page = get_with(&harness, &empty).await.page();
    assert_eq!(page.total_count, Some(all.len() as i64));
    assert_eq!((page.page_number, page.page_size), (Some(1), Some(10)));
    assert_eq!(ids(&page.replication_jobs), ids(&all[..10]));
}

#[tokio::test]
async fn an_empty_list_element_keeps_its_number_and_selects_nothing() {
    let harness = Harness::new();
    let all = every_job(&harness).await;
    let wanted = &all[3].job_id;
    let page = get_with(&harness, &[("JobId.1", ""), ("JobId.2", wanted)])
        .await
        .page();
    assert_eq!(ids(&page.replication_jobs), [wanted.as_str()]);

    let gap = get_with(&harness, &[("JobId.1", ""), ("JobId.3", wanted)]).await;
    assert_eq!(gap.status, StatusCode::BAD_REQUEST);
    let error = gap.error();
    assert_eq!(error.code, "InvalidParameter");
    assert!(
        error.message.contains("\"JobId.2\"") && error.message.contains("without gaps"),
        "{}",
        error.message
    );

    let blank = get_with(&harness, &[("SourceId.1", ""), ("SourceId.2", "  ")]).await;
    let error = blank.error();
    assert!(
        error.message.contains("\"SourceId.2\"") && error.message.contains("white space"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_key_with_the_empty_value_and_a_key_with_any_value_select_different_jobs() {
    let harness = Harness::new();
    let all = every_job(&harness).await;
    let empty_value = all
        .iter()
        .flat_map(|job| &job.tags)
        .find(|tag| !tag.key.is_empty() && tag.value.is_empty())
        .expect("the generated jobs have a tag with an empty value");
    let key = empty_value.key.as_str();
    let only_empty = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value(key, "")],
        ..DescribeReplicationJobs::default()
    };
    let any = DescribeReplicationJobs {
        tags: vec![TagFilter::any_value(key)],
        ..DescribeReplicationJobs::default()
    };
    let with_empty = check(&harness, &all, only_empty.clone()).await;
    let with_any = check(&harness, &all, any).await;
    assert!(
        0 < with_empty && with_empty < with_any,
        "{key}: {with_empty} with the empty value, {with_any} with any"
    );
    for job in harness.describe_all(&only_empty).await {
        assert!(
            job.tags.iter().any(|t| t.key == key && t.value.is_empty()),
            "{:?}",
            job.tags
        );
    }

    // On the wire: `Tag.1.Value=` is the empty value, no `Tag.1.Value` is any.
    let wire = |value: Option<&'static str>| {
        let mut own = vec![("Tag.1.Key", key), ("PageSize", "50")];
        own.extend(value.map(|v| ("Tag.1.Value", v)));
        own
    };
    let page = get_with(&harness, &wire(Some(""))).await.page();
    assert_eq!(page.total_count, Some(with_empty as i64));
    assert_eq!(
        ids(&page.replication_jobs),
        expected(&all, &only_empty)[..with_empty.min(50)]
    );
    let page = get_with(&harness, &wire(None)).await.page();
    assert_eq!(page.total_count, Some(with_any as i64));
}

#[tokio::test]
async fn the_empty_key_is_a_key() {
    let harness = Harness::new();
    let all = every_job(&harness).await;
    let carriers: Vec<&ReplicationJob> = all
        .iter()
        .filter(|job| job.tags.iter().any(|tag| tag.key.is_empty()))
        .collect();
    assert_eq!(carriers.len(), 1, "one generated job has an empty tag key");
    let tag = carriers[0]
        .tags
        .iter()
        .find(|tag| tag.key.is_empty())
        .expect("its tag");
    for filter in [TagFilter::any_value(""), TagFilter::from(tag)] {
        let request = DescribeReplicationJobs {
            tags: vec![filter],
            ..DescribeReplicationJobs::default()
        };
        assert_eq!(check(&harness, &all, request).await, 1);
    }
    let other_value = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("", format!("not {}", tag.value))],
        ..DescribeReplicationJobs::default()
    };
    assert_eq!(check(&harness, &all, other_value).await, 0);
    let page = get_with(&harness, &[("Tag.1.Key", ""), ("Tag.1.Value", &tag.value)])
        .await
        .page();
    assert_eq!(ids(&page.replication_jobs), [carriers[0].job_id.as_str()]);

    // A value without its key is still refused, naming the key it needs.
    let error = get_with(&harness, &[("Tag.1.Value", "v")]).await.error();
    assert_eq!(error.code, "InvalidParameter");
    assert!(error.message.contains("\"Tag.1.Key\""), "{}", error.message);
}
