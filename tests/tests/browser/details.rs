//! Details of a chosen job: disks and partitions, run history and tags; focus and Escape.

use smc_core::{DescribeReplicationJobs, ReplicationJob};
use smc_e2e::{Browser, Stack};

use crate::common::shown_name;

#[tokio::test]
async fn details_show_disks_partitions_runs_and_tags_of_the_chosen_job() {
    let stack = Stack::start().await;
    let job = richest_job(&stack).await;
    let browser = Browser::start().await;
    // The job filtered by its id, then opened from its row as a person would.
    let filter = DescribeReplicationJobs {
        job_ids: vec![job.job_id.clone()],
        ..Default::default()
    };
    browser
        .goto(&stack.url(&format!("/?{}", filter.to_query_string())))
        .await;
    let viewer = browser.viewer();
    assert_eq!(viewer.rows().await, vec![job.job_id.clone()]);
    let name = shown_name(&job);
    viewer.click(&format!("Open details of {name}")).await;
    viewer
        .wait_for(
            "the details",
            "root.querySelector('.smcv-details section[aria-label=\"Disks\"]')",
        )
        .await;
    assert!(browser
        .location()
        .await
        .ends_with(&format!("#/jobs/{}", job.job_id)));

    let disks = section_text(&viewer, "Disks").await;
    for disk in &job.data_disks {
        let index = disk.index.expect("generated disks are numbered");
        assert!(disks.contains(&format!("Data disk {index}")), "{disks}");
        for part in &disk.parts {
            assert!(
                disks.contains(&part.device),
                "{} missing from {disks}",
                part.device
            );
        }
    }
    for part in &job.system_disk_parts {
        assert!(disks.contains(&part.device), "{disks}");
    }
    let run_items = viewer
        .eval("root.querySelectorAll('.smcv-details .smcv-timeline__item').length")
        .await;
    assert_eq!(run_items, job.replication_job_runs.len());
    let history = section_text(&viewer, "Run history").await;
    assert!(
        history.contains(&format!("Run history ({})", job.replication_job_runs.len())),
        "{history}"
    );
    let tags = section_text(&viewer, "Tags").await;
    for tag in &job.tags {
        assert!(tags.contains(&tag.key), "{} missing from {tags}", tag.key);
    }
    let raw = section_text(&viewer, "Raw JSON").await;
    assert!(raw.contains(&job.job_id));
    browser.screenshot("details").await;

    // The panel took the focus when it opened; Escape closes it, and the URL forgets the job.
    assert_eq!(
        viewer.eval("document.activeElement.id").await,
        format!("details-{}", job.job_id)
    );
    viewer
        .eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
        .await;
    viewer
        .wait_for(
            "the details to close",
            "!document.querySelector('.smcv-details')",
        )
        .await;
    assert!(!browser.location().await.contains("#/jobs/"));
    browser.close().await;
}

/// A job with data disks that have partitions, system partitions, runs and tags: the one
/// whose details have the most to show.
async fn richest_job(stack: &Stack) -> ReplicationJob {
    for page in 1.. {
        let response = stack
            .page(&DescribeReplicationJobs {
                page_number: Some(page),
                page_size: Some(50),
                ..Default::default()
            })
            .await;
        assert!(
            !response.replication_jobs.is_empty(),
            "no job has disks, runs and tags"
        );
        let found = response.replication_jobs.into_iter().find(|job| {
            job.data_disks.iter().any(|disk| !disk.parts.is_empty())
                && !job.system_disk_parts.is_empty()
                && job.replication_job_runs.len() > 1
                && !job.tags.is_empty()
        });
        if let Some(job) = found {
            return job;
        }
    }
    unreachable!("the loop returns or fails")
}

async fn section_text(viewer: &smc_e2e::browser::Viewer<'_>, label: &str) -> String {
    let value = viewer
        .eval(&format!(
            "text(root.querySelector('.smcv-details section[aria-label=\"{label}\"]'))"
        ))
        .await;
    value
        .as_str()
        .unwrap_or_else(|| panic!("no {label} section in the details"))
        .to_owned()
}
