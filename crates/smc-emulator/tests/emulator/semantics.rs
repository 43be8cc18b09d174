//! What the answers say: every filter alone and combined against the generated data,
//! paging, order, determinism, data files, and running jobs moving with the clock.

use std::collections::HashSet;

use smc_core::{
    BusinessStatus, DescribeReplicationJobs, JobType, ReplicationJob, Status, TagFilter,
};
use smc_emulator::files::load_jobs;
use smc_emulator::generate_jobs;
use time::Duration;

use crate::common::{ids, Harness, T0};

/// The filters of `request` applied by hand, as the API documents them: an empty filter
/// is none, but an empty tag value is a value.
pub fn expected<'a>(all: &'a [ReplicationJob], request: &DescribeReplicationJobs) -> Vec<&'a str> {
    let text = |filter: &Option<String>, value: &str| {
        filter.as_deref().is_none_or(|f| f.is_empty() || f == value)
    };
    let list = |filter: &[String], value: &str| {
        filter.iter().all(String::is_empty) || filter.iter().any(|f| f == value)
    };
    all.iter()
        .filter(|job| {
            text(&request.region_id, &job.region_id)
                && text(&request.name, &job.name)
                && text(&request.resource_group_id, &job.resource_group_id)
                && request
                    .status
                    .as_ref()
                    .is_none_or(|s| job.status.as_ref() == Some(s))
                && request
                    .business_status
                    .as_ref()
                    .is_none_or(|s| job.business_status.as_ref() == Some(s))
                && request.job_type.is_none_or(|t| job.job_type == Some(t))
                && list(&request.job_ids, &job.job_id)
                && list(&request.source_ids, &job.source_id)
                && list(&request.instance_ids, &job.instance_id)
                && request.tags.iter().all(|want| {
                    job.tags.iter().any(|tag| {
                        tag.key == want.key
                            && want.value.as_ref().is_none_or(|value| *value == tag.value)
                    })
                })
        })
        .map(|job| job.job_id.as_str())
        .collect()
}

pub async fn check(
    harness: &Harness,
    all: &[ReplicationJob],
    request: DescribeReplicationJobs,
) -> usize {
    let want = expected(all, &request);
    let got = harness.describe_all(&request).await;
    assert_eq!(ids(&got), want, "{request:?}");
    want.len()
}

#[tokio::test]
async fn every_filter_alone_selects_what_the_api_documents() {
    let harness = Harness::new();
    let all = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    assert_eq!(all.len(), 240);
    let first = &all[7];
    let instance = all
        .iter()
        .find(|job| !job.instance_id.is_empty())
        .expect("a TargetInstance job");
    let other = &all[100];
    let tagged = all
        .iter()
        .find(|job| job.tags.len() >= 2)
        .expect("a job with two tags");
    let base = DescribeReplicationJobs::default;
    let mut sizes = Vec::new();
    for request in [
        DescribeReplicationJobs {
            region_id: Some(first.region_id.clone()),
            ..base()
        },
        DescribeReplicationJobs {
            name: Some(first.name.clone()),
            ..base()
        },
        DescribeReplicationJobs {
            resource_group_id: Some(first.resource_group_id.clone()),
            ..base()
        },
        DescribeReplicationJobs {
            job_type: Some(JobType::VmwareAgentless),
            ..base()
        },
        DescribeReplicationJobs {
            job_ids: vec![
                first.job_id.clone(),
                other.job_id.clone(),
                "j-nonexistent".into(),
            ],
            ..base()
        },
        DescribeReplicationJobs {
            source_ids: vec![first.source_id.clone(), other.source_id.clone()],
            ..base()
        },
        DescribeReplicationJobs {
            instance_ids: vec![instance.instance_id.clone()],
            ..base()
        },
        DescribeReplicationJobs {
            tags: vec![TagFilter::any_value(tagged.tags[0].key.clone())],
            ..base()
        },
        DescribeReplicationJobs {
            tags: vec![TagFilter::from(&tagged.tags[0])],
            ..base()
        },
        DescribeReplicationJobs {
            tags: tagged.tags.iter().map(TagFilter::from).collect(),
            ..base()
        },
    ] {
        sizes.push(check(&harness, &all, request).await);
    }
    for status in Status::KNOWN {
        sizes.push(
            check(
                &harness,
                &all,
                DescribeReplicationJobs {
                    status: Some(status.clone()),
                    ..base()
                },
            )
            .await,
        );
    }
    for business in BusinessStatus::KNOWN {
        sizes.push(
            check(
                &harness,
                &all,
                DescribeReplicationJobs {
                    business_status: Some(business.clone()),
                    ..base()
                },
            )
            .await,
        );
    }
    // Each filter narrowed the list without emptying it.
    assert!(sizes.iter().all(|&n| n > 0 && n < 240), "{sizes:?}");
    assert_eq!(sizes[4], 2, "an ID list matches any of its IDs");
}

#[tokio::test]
async fn filters_combine_with_and() {
    let harness = Harness::new();
    let all = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    let job = all
        .iter()
        .find(|job| job.status == Some(Status::Running) && !job.tags.is_empty())
        .unwrap();
    let combined = DescribeReplicationJobs {
        region_id: Some(job.region_id.clone()),
        status: Some(Status::Running),
        job_type: job.job_type,
        resource_group_id: Some(job.resource_group_id.clone()),
        tags: vec![TagFilter::any_value(job.tags[0].key.clone())],
        ..DescribeReplicationJobs::default()
    };
    let count = check(&harness, &all, combined.clone()).await;
    assert!(count >= 1);
    let contradiction = DescribeReplicationJobs {
        job_ids: vec![job.job_id.clone()],
        status: Some(Status::Finished),
        ..combined
    };
    assert_eq!(check(&harness, &all, contradiction).await, 0);
}

#[tokio::test]
async fn pages_add_up_newest_first_and_past_the_end_is_empty() {
    let harness = Harness::new();
    let all = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    assert!(
        all.windows(2)
            .all(|w| w[0].creation_time > w[1].creation_time),
        "newest CreationTime first"
    );
    for size in [7, 10, 50] {
        let mut joined = Vec::new();
        for number in 1..=(240 / size + 1) {
            let page = harness
                .describe(&DescribeReplicationJobs {
                    page_number: Some(number),
                    page_size: Some(size),
                    ..DescribeReplicationJobs::default()
                })
                .await;
            assert_eq!(page.total_count, Some(240));
            joined.extend(page.replication_jobs);
        }
        assert_eq!(ids(&joined), ids(&all), "page size {size}");
    }
    let default = harness.describe(&DescribeReplicationJobs::default()).await;
    assert_eq!(
        (default.page_size, default.replication_jobs.len()),
        (Some(10), 10)
    );
    let past = harness
        .describe(&DescribeReplicationJobs {
            page_number: Some(1000),
            status: Some(Status::InError),
            ..DescribeReplicationJobs::default()
        })
        .await;
    let in_error = all
        .iter()
        .filter(|job| job.status == Some(Status::InError))
        .count();
    assert_eq!(
        (past.total_count, past.replication_jobs.len()),
        (Some(in_error as i64), 0)
    );
}

#[tokio::test]
async fn the_same_seed_serves_the_same_jobs() {
    let one = Harness::with(|b| b.seed(42).jobs(60).frozen(true).anchor(T0));
    let two = Harness::with(|b| b.seed(42).jobs(60).frozen(true).anchor(T0));
    let three = Harness::with(|b| b.seed(43).jobs(60).frozen(true).anchor(T0));
    let all = DescribeReplicationJobs::default();
    let (a, b, c) = (
        one.describe_all(&all).await,
        two.describe_all(&all).await,
        three.describe_all(&all).await,
    );
    assert_eq!(a, b);
    assert_ne!(ids(&a), ids(&c));
    assert_eq!(
        a,
        generate_jobs(42, 60, T0),
        "the library's generator is what is served"
    );
}

#[tokio::test]
async fn running_jobs_progress_with_the_clock_unless_frozen() {
    let moving = Harness::new();
    let frozen = Harness::with(|b| b.frozen(true));
    let running = DescribeReplicationJobs {
        status: Some(Status::Running),
        ..DescribeReplicationJobs::default()
    };
    let before = moving.describe_all(&running).await;
    assert!(before.len() >= 4);
    for harness in [&moving, &frozen] {
        harness.clock.advance(Duration::minutes(2));
    }
    // More jobs run than one JobId list holds (50): read them all and pick them out.
    let after = moving
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    let progress = |jobs: &[ReplicationJob], id: &str| {
        jobs.iter()
            .find(|j| j.job_id == id)
            .and_then(|j| j.progress)
            .unwrap()
    };
    assert!(
        before
            .iter()
            .all(|job| progress(&after, &job.job_id) > job.progress.unwrap()),
        "every running job moved on"
    );
    assert_eq!(
        frozen.describe_all(&running).await,
        before,
        "frozen jobs stand still"
    );

    moving.clock.advance(Duration::hours(2));
    let later = moving
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    let was_running: HashSet<&str> = ids(&before).into_iter().collect();
    for job in later
        .iter()
        .filter(|job| was_running.contains(job.job_id.as_str()))
    {
        assert_eq!(job.progress, Some(100.0));
        assert!(
            matches!(job.status, Some(Status::Finished) | Some(Status::Waiting)),
            "{:?}",
            job.status
        );
        assert!(job
            .replication_job_runs
            .last()
            .is_some_and(|run| run.end_time.is_some()));
    }
    assert!(moving.describe_all(&running).await.is_empty());
}

#[tokio::test]
async fn jobs_load_from_a_wire_format_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jobs.json");
    let jobs = load_jobs(&path).expect("the fixture parses");
    let harness = Harness::with(|b| b.data(jobs.clone()));
    let served = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    assert_eq!(served.len(), jobs.len());
    let newest_first: Vec<&str> = [
        "j-bp1loaded000000000003",
        "j-bp1loaded000000000002",
        "j-bp1loaded000000000001",
    ]
    .to_vec();
    assert_eq!(ids(&served), newest_first);
    let tagged = harness
        .describe_all(&DescribeReplicationJobs {
            tags: vec![TagFilter::with_value("env", "prod")],
            ..DescribeReplicationJobs::default()
        })
        .await;
    assert_eq!(ids(&tagged), ["j-bp1loaded000000000002"]);
    let sources: HashSet<&str> = served.iter().map(|job| job.source_id.as_str()).collect();
    assert_eq!(sources.len(), 3);
    harness.clock.advance(Duration::hours(3));
    let finished = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    assert!(
        finished
            .iter()
            .all(|job| job.status != Some(Status::Running)),
        "the file's running job finished"
    );
}
