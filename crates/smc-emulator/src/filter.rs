//! Whether a job is selected by a request: every filter given must hold (they are ANDed);
//! an absent filter selects everything.

use smc_core::{BusinessStatus, DescribeReplicationJobs, ReplicationJob, Status, Tag};

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
        && request.tags.iter().all(|wanted| has_tag(&job.tags, wanted))
}

/// A text filter: exact and case-sensitive, as IDs and names are.
fn equal(filter: &Option<String>, value: &str) -> bool {
    filter.as_deref().is_none_or(|wanted| wanted == value)
}

/// An ID list selects a job holding any of its IDs; an empty list selects every job.
fn any_of(ids: &[String], value: &str) -> bool {
    ids.is_empty() || ids.iter().any(|id| id == value)
}

/// A tag filter needs the key on the job; an empty value accepts any value of it.
fn has_tag(tags: &[Tag], wanted: &Tag) -> bool {
    tags.iter()
        .any(|tag| tag.key == wanted.key && (wanted.value.is_empty() || tag.value == wanted.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> ReplicationJob {
        ReplicationJob {
            job_id: "j-1".into(),
            region_id: "cn-hangzhou".into(),
            instance_id: String::new(),
            tags: vec![Tag::new("env", "prod"), Tag::new("team", "data")],
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
    fn tags_need_every_key_and_an_empty_value_means_any() {
        let job = job();
        let running = Status::Running;
        let request = |tags: Vec<Tag>| DescribeReplicationJobs {
            tags,
            ..DescribeReplicationJobs::default()
        };
        assert!(matches(
            &request(vec![Tag::new("env", "")]),
            &job,
            now(&running)
        ));
        assert!(matches(
            &request(vec![Tag::new("env", "prod"), Tag::new("team", "")]),
            &job,
            now(&running)
        ));
        assert!(!matches(
            &request(vec![Tag::new("env", "dev")]),
            &job,
            now(&running)
        ));
        assert!(!matches(
            &request(vec![Tag::new("env", "prod"), Tag::new("owner", "")]),
            &job,
            now(&running)
        ));
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
