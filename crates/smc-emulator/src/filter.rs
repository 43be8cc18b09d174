//! Whether a job is selected by a request: every filter given must hold (they are ANDed);
//! an absent or empty filter selects everything, except an empty tag value, which is a
//! value.

use smc_core::{BusinessStatus, DescribeReplicationJobs, ReplicationJob, Status};

/// A job's status and business status at the moment of the request (a running job's
/// change with time, so they are passed apart from the stored job).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Current<'a> {
    /// `Status` now.
    pub(crate) status: Option<&'a Status>,
    /// `BusinessStatus` now.
    pub(crate) business_status: Option<&'a BusinessStatus>,
}

/// Whether `request` selects `job`, whose status is `now`.
pub(crate) fn matches(
    request: &DescribeReplicationJobs,
    job: &ReplicationJob,
    now: Current<'_>,
) -> bool {
    equal(&request.region_id, &job.region_id)
        && equal(&request.name, &job.name)
        && equal(&request.resource_group_id, &job.resource_group_id)
        && request
            .status
            .as_ref()
            .is_none_or(|s| now.status == Some(s))
        && request
            .business_status
            .as_ref()
            .is_none_or(|s| now.business_status == Some(s))
        && request.job_type.is_none_or(|t| job.job_type == Some(t))
        && any_of(&request.job_ids, &job.job_id)
        && any_of(&request.source_ids, &job.source_id)
        && any_of(&request.instance_ids, &job.instance_id)
        && request.tags.iter().all(|wanted| wanted.selects(&job.tags))
}

/// A text filter: exact and case-sensitive, as IDs and names are; empty is no filter.
fn equal(filter: &Option<String>, value: &str) -> bool {
    filter
        .as_deref()
        .is_none_or(|wanted| wanted.is_empty() || wanted == value)
}

/// An ID list selects a job holding any of its IDs; empty IDs are no filter, so a list of
/// none but them selects every job.
fn any_of(ids: &[String], value: &str) -> bool {
    let mut wanted = ids.iter().filter(|id| !id.is_empty()).peekable();
    wanted.peek().is_none() || wanted.any(|id| id == value)
}

#[cfg(test)]
mod tests {
    use smc_core::{Tag, TagFilter};

    use super::*;

    fn job() -> ReplicationJob {
        ReplicationJob {
            job_id: "j-1".into(),
            region_id: "cn-hangzhou".into(),
            instance_id: String::new(),
            tags: vec![
                Tag::new("env", "prod"),
                Tag::new("team", "data"),
                Tag::new("owner", ""),
            ],
            ..ReplicationJob::default()
        }
    }

    fn now(status: &Status) -> Current<'_> {
        Current {
            status: Some(status),
            business_status: None,
        }
    }

    #[test]
    fn tags_need_every_key_and_a_missing_value_means_any() {
        let job = job();
        let running = Status::Running;
        let selects = |tags: Vec<TagFilter>| {
            let request = DescribeReplicationJobs {
                tags,
                ..DescribeReplicationJobs::default()
            };
            matches(&request, &job, now(&running))
        };
        assert!(selects(vec![TagFilter::any_value("env")]));
        assert!(selects(vec![
            TagFilter::with_value("env", "prod"),
            TagFilter::any_value("team")
        ]));
        assert!(!selects(vec![TagFilter::with_value("env", "dev")]));
        // The empty value is a value: `env` has another, `owner` has it.
        assert!(!selects(vec![TagFilter::with_value("env", "")]));
        assert!(selects(vec![
            TagFilter::with_value("env", "prod"),
            TagFilter::with_value("owner", "")
        ]));
        assert!(!selects(vec![
            TagFilter::with_value("env", "prod"),
            TagFilter::any_value("cost-center")
        ]));
    }

    #[test]
    fn empty_text_and_ids_are_no_filter() {
        let job = job();
        let running = Status::Running;
        let request = DescribeReplicationJobs {
            name: Some(String::new()),
            region_id: Some(String::new()),
            job_ids: vec![String::new()],
            instance_ids: vec![String::new(), String::new()],
            ..DescribeReplicationJobs::default()
        };
        assert!(matches(&request, &job, now(&running)));
        let request = DescribeReplicationJobs {
            job_ids: vec![String::new(), "j-2".into()],
            ..DescribeReplicationJobs::default()
        };
        assert!(!matches(&request, &job, now(&running)));
    }

    #[test]
    fn filters_are_anded_and_lists_match_any() {
        let job = job();
        let running = Status::Running;
        let mut request = DescribeReplicationJobs {
            job_ids: vec!["j-0".into(), "j-1".into()],
            region_id: Some("cn-hangzhou".into()),
            status: Some(Status::Running),
            ..DescribeReplicationJobs::default()
        };
        assert!(matches(&request, &job, now(&running)));
        assert!(!matches(&request, &job, now(&Status::Finished)));
        request.region_id = Some("cn-beijing".into());
        assert!(!matches(&request, &job, now(&running)));
        request.region_id = None;
        request.instance_ids = vec!["i-1".into()];
        assert!(!matches(&request, &job, now(&running)));
    }
}
