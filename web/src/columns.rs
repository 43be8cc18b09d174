//! The table's columns: labels, preference keys, and how each sorts.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use smc_core::ReplicationJob;
use time::OffsetDateTime;

use crate::i18n::{Texts, EN_US};
use crate::page::{Page, PageJob};
use crate::progress_log::ProgressLog;

/// A column of the jobs table. Preferences store it by its kebab-case name
/// (`business-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Column {
    /// Name with the JobId (always shown).
    Name,
    /// Primary status.
    Status,
    /// Business status.
    BusinessStatus,
    /// Progress bar.
    Progress,
    /// A running job's time left, from the progress seen (see `crate::progress_log`).
    TimeLeft,
    /// Source server id.
    Source,
    /// Target type and what it points to.
    Target,
    /// Job type.
    JobType,
    /// Destination region.
    Region,
    /// Creation time.
    Created,
    /// Start of the latest run.
    LastRun,
    /// Tags as chips.
    Tags,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 12] = [
        Column::Name,
        Column::Status,
        Column::BusinessStatus,
        Column::Progress,
        Column::TimeLeft,
        Column::Source,
        Column::Target,
        Column::JobType,
        Column::Region,
        Column::Created,
        Column::LastRun,
        Column::Tags,
    ];

    /// The header text, in the language of `texts`.
    pub fn label(self, texts: &Texts) -> &'static str {
        match self {
            Column::Name => texts.column_name,
            Column::Status => texts.column_status,
            Column::BusinessStatus => texts.column_business_status,
            Column::Progress => texts.column_progress,
            Column::TimeLeft => texts.time_left_label,
            Column::Source => texts.column_source,
            Column::Target => texts.column_target,
            Column::JobType => texts.column_type,
            Column::Region => texts.column_region,
            Column::Created => texts.column_created,
            Column::LastRun => texts.column_last_run,
            Column::Tags => texts.column_tags,
        }
    }

    /// Its kebab-case name, as preferences store it: the CSS hook of its header and cells
    /// (`smcv-col--business-status`), which sets its width.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Status => "status",
            Column::BusinessStatus => "business-status",
            Column::Progress => "progress",
            Column::TimeLeft => "time-left",
            Column::Source => "source",
            Column::Target => "target",
            Column::JobType => "job-type",
            Column::Region => "region",
            Column::Created => "created",
            Column::LastRun => "last-run",
            Column::Tags => "tags",
        }
    }

    /// The job's field it shows, in the API's name, when it shows one field: where an odd
    /// field (see `ReplicationJob::odd_fields`) of the job is shown as received.
    pub fn wire_field(self) -> Option<&'static str> {
        match self {
            Column::Name => Some("Name"),
            Column::Status => Some("Status"),
            Column::BusinessStatus => Some("BusinessStatus"),
            Column::Progress => Some("Progress"),
            Column::Source => Some("SourceId"),
            Column::Target => Some("TargetType"),
            Column::JobType => Some("JobType"),
            Column::Region => Some("RegionId"),
            Column::Created => Some("CreationTime"),
            Column::Tags => Some("Tags"),
            Column::LastRun | Column::TimeLeft => None,
        }
    }

    /// Whether a person may hide it (the name identifies the row, so it stays).
    pub fn hideable(self) -> bool {
        self != Column::Name
    }

    /// Whether the header sorts by it.
    pub fn sortable(self) -> bool {
        self != Column::Tags
    }

    /// Orders two jobs by this column, ascending. Missing values sort first. The time left
    /// is not the job's own: [`sorted_jobs`] sorts it from the progress seen.
    pub fn compare(self, a: &ReplicationJob, b: &ReplicationJob) -> Ordering {
        match self {
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Column::Status => label(a.status.as_ref().map(|s| s.label()))
                .cmp(&label(b.status.as_ref().map(|s| s.label()))),
            Column::BusinessStatus => label(a.business_status.as_ref().map(|s| s.label()))
                .cmp(&label(b.business_status.as_ref().map(|s| s.label()))),
            Column::Progress => a
                .progress
                .unwrap_or(-1.0)
                .total_cmp(&b.progress.unwrap_or(-1.0)),
            Column::Source => a.source_id.cmp(&b.source_id),
            // The API's words: the order is the same in every language.
            Column::Target => target_summary(a, &EN_US).cmp(&target_summary(b, &EN_US)),
            Column::JobType => a
                .job_type
                .map(|t| t.code())
                .cmp(&b.job_type.map(|t| t.code())),
            Column::Region => a.region_id.cmp(&b.region_id),
            Column::Created => a.creation_time.cmp(&b.creation_time),
            Column::LastRun => last_run_start(a).cmp(&last_run_start(b)),
            Column::Tags | Column::TimeLeft => Ordering::Equal,
        }
    }
}

/// How the current page is sorted (the page only: the API has no sort).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Smallest first.
    pub ascending: bool,
}

fn label(text: Option<&str>) -> String {
    text.unwrap_or_default().to_owned()
}

/// When the latest run started.
pub fn last_run_start(job: &ReplicationJob) -> Option<OffsetDateTime> {
    job.replication_job_runs
        .iter()
        .filter_map(|run| run.start_time)
        .max()
}

/// A run start that arrived in a form the viewer cannot read: the latest run is then
/// unknown, and this is shown in its place.
pub fn odd_run_start(job: &ReplicationJob) -> Option<&smc_core::OddField> {
    job.odd_fields.iter().rev().find(|field| {
        field.path.starts_with("ReplicationJobRuns") && field.path.ends_with("StartTime")
    })
}

/// What the job migrates to, in one line: `ECS image m-…`, `Container image ns/repo:tag`.
pub fn target_summary(job: &ReplicationJob, texts: &Texts) -> String {
    let (kind, points_to) = target_parts(job, texts);
    if points_to.is_empty() {
        kind
    } else {
        format!("{kind} {points_to}")
    }
}

/// What the job migrates to, as the kind of target (`ECS image`) and what it points to (an
/// image or instance id, a container reference; empty when the job names none), so the
/// table can keep the id whole.
pub fn target_parts(job: &ReplicationJob, texts: &Texts) -> (String, String) {
    use smc_core::TargetType;
    let kind = job
        .target_type
        .as_ref()
        .map_or(texts.target, |t| texts.target_type_name(t))
        .to_owned();
    let points_to = match job.target_type {
        Some(TargetType::ContainerImage) => {
            let mut reference = format!("{}/{}", job.container_namespace, job.container_repository);
            if !job.container_tag.is_empty() {
                reference.push(':');
                reference.push_str(&job.container_tag);
            }
            reference.trim_matches('/').to_owned()
        }
        Some(TargetType::TargetInstance) => job.instance_id.clone(),
        _ if !job.image_id.is_empty() => job.image_id.clone(),
        _ => job.image_name.clone(),
    };
    (kind, points_to)
}

/// The jobs of `page` in the order shown: the API's, or sorted by a column (the page only:
/// the API has no sort); the time left from `progress` at `now`.
pub fn sorted_jobs(
    page: Option<&Page>,
    sort: Option<Sort>,
    progress: &ProgressLog,
    now: OffsetDateTime,
) -> Vec<PageJob> {
    let mut jobs: Vec<PageJob> = page.map(|page| page.jobs().collect()).unwrap_or_default();
    if let Some(Sort { column, ascending }) = sort {
        jobs.sort_by(|a, b| {
            let order = match column {
                Column::TimeLeft => {
                    let key = |job: &ReplicationJob| progress.sort_key(job, now).unwrap_or(-1.0);
                    key(a).total_cmp(&key(b))
                }
                _ => column.compare(a, b),
            };
            if ascending {
                order
            } else {
                order.reverse()
            }
        });
    }
    jobs
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::{ReplicationJobRun, TargetType};

    fn job(name: &str, progress: Option<f64>) -> ReplicationJob {
        ReplicationJob {
            name: name.into(),
            progress,
            ..ReplicationJob::default()
        }
    }

    #[test]
    fn headers_come_from_the_catalogue_in_table_order() {
        assert_eq!(Column::Name.label(&EN_US), "Name");
        assert_eq!(Column::LastRun.label(&EN_US), "Last run");
        assert_eq!(Column::Tags.label(&crate::i18n::ZH_CN), "标签");
        assert_eq!(Column::Status.label(&crate::i18n::ZH_CN), "状态");
    }

    #[test]
    fn preference_keys_round_trip() {
        for column in Column::ALL {
            let key = serde_json::to_value(column).unwrap();
            assert_eq!(Column::deserialize(key).ok(), Some(column));
        }
        let keys: Vec<_> = [Column::BusinessStatus, Column::JobType, Column::LastRun]
            .map(|column| serde_json::to_value(column).unwrap())
            .into();
        assert_eq!(keys, ["business-status", "job-type", "last-run"]);
    }

    #[test]
    fn css_keys_are_the_preference_keys() {
        for column in Column::ALL {
            assert_eq!(serde_json::to_value(column).unwrap(), column.key());
        }
    }

    fn page(jobs: Vec<ReplicationJob>) -> Page {
        Page(std::rc::Rc::new(
            smc_core::DescribeReplicationJobsResponse {
                replication_jobs: jobs,
                ..Default::default()
            },
        ))
    }

    fn names(page: &Page, column: Column, ascending: bool) -> Vec<String> {
        sorted_jobs(
            Some(page),
            Some(Sort { column, ascending }),
            &ProgressLog::default(),
            OffsetDateTime::UNIX_EPOCH,
        )
        .iter()
        .map(|j| j.name.clone())
        .collect()
    }

    #[test]
    fn sorting_orders_the_page_both_ways_with_missing_values_first() {
        let page = page(vec![
            job("b", Some(50.0)),
            job("A", None),
            job("c", Some(5.5)),
        ]);
        assert_eq!(names(&page, Column::Progress, true), ["A", "c", "b"]);
        assert_eq!(names(&page, Column::Name, false), ["c", "b", "A"]);
        let unsorted: Vec<String> = sorted_jobs(
            Some(&page),
            None,
            &ProgressLog::default(),
            OffsetDateTime::UNIX_EPOCH,
        )
        .iter()
        .map(|j| j.name.clone())
        .collect();
        assert_eq!(unsorted, ["b", "A", "c"]);
    }

    #[test]
    fn a_value_shown_as_received_sorts_as_unknown() {
        let body = r#"{"ReplicationJobs":[{"Name":"odd","Progress":"55 %","CreationTime":"soon"},{"Name":"low","Progress":5,"CreationTime":"2026-11-28T12:00:00Z"},{"Name":"none"}]}"#;
        let page = Page(std::rc::Rc::new(
            smc_core::json::parse_response(body).unwrap(),
        ));
        assert!(page.replication_jobs[0].odd_field("Progress").is_some());
        assert_eq!(
            names(&page, Column::Progress, false),
            ["low", "odd", "none"]
        );
        assert_eq!(names(&page, Column::Created, false), ["low", "odd", "none"]);
    }

    #[test]
    fn names_sort_without_regard_to_case_in_any_script() {
        let page = page(vec![
            job("Zeta", None),
            job("ÉCOLE", None),
            job("école-2", None),
        ]);
        assert_eq!(
            names(&page, Column::Name, true),
            ["Zeta", "ÉCOLE", "école-2"]
        );
    }

    #[test]
    fn targets_summarize_what_they_point_to() {
        let image = ReplicationJob {
            target_type: Some(TargetType::Image),
            image_id: "m-1".into(),
            ..ReplicationJob::default()
        };
        assert_eq!(target_summary(&image, &EN_US), "ECS image m-1");
        assert_eq!(target_summary(&image, &crate::i18n::ZH_CN), "ECS 镜像 m-1");
        let container = ReplicationJob {
            target_type: Some(TargetType::ContainerImage),
            container_namespace: "ns".into(),
            container_repository: "web".into(),
            container_tag: "v1".into(),
            ..ReplicationJob::default()
        };
        assert_eq!(
            target_summary(&container, &EN_US),
            "Container image ns/web:v1"
        );
        let instance = ReplicationJob {
            target_type: Some(TargetType::TargetInstance),
            instance_id: "i-1".into(),
            ..ReplicationJob::default()
        };
        assert_eq!(target_summary(&instance, &EN_US), "ECS instance i-1");
        assert_eq!(
            target_parts(&instance, &EN_US),
            ("ECS instance".to_owned(), "i-1".to_owned())
        );
        let nothing_named = ReplicationJob {
            target_type: Some(TargetType::Image),
            ..ReplicationJob::default()
        };
        assert_eq!(target_parts(&nothing_named, &EN_US).1, "");
        assert_eq!(target_summary(&nothing_named, &EN_US), "ECS image");
    }

    #[test]
    fn time_left_sorts_soonest_first_after_unknown_and_stalled_last() {
        let t0 = time::macros::datetime!(2026-12-03 12:00 UTC);
        let later = t0 + time::Duration::minutes(6);
        let running = |name: &str, progress: f64| ReplicationJob {
            job_id: name.into(),
            name: name.into(),
            status: Some(smc_core::Status::Running),
            progress: Some(progress),
            ..ReplicationJob::default()
        };
        let mut log = ProgressLog::default();
        log.record_page(
            &[
                running("slow", 0.0),
                running("fast", 0.0),
                running("stuck", 5.0),
            ],
            t0,
        );
        let now = page(vec![
            running("stuck", 5.0),
            running("slow", 6.0),
            running("new", 1.0),
            running("fast", 60.0),
        ]);
        log.record_page(&now.replication_jobs, later);
        let order = |ascending| -> Vec<String> {
            sorted_jobs(
                Some(&now),
                Some(Sort {
                    column: Column::TimeLeft,
                    ascending,
                }),
                &log,
                later,
            )
            .iter()
            .map(|j| j.name.clone())
            .collect()
        };
        assert_eq!(order(true), ["new", "fast", "slow", "stuck"]);
        assert_eq!(order(false), ["stuck", "slow", "fast", "new"]);
    }

    #[test]
    fn the_last_run_is_the_latest_start() {
        let at = |t: &str| smc_core::time_format::parse_wire_time(t).ok();
        let job = ReplicationJob {
            replication_job_runs: vec![
                ReplicationJobRun {
                    start_time: at("2026-11-02T00:00:00Z"),
                    ..Default::default()
                },
                ReplicationJobRun {
                    start_time: at("2026-11-20T00:00:00Z"),
                    ..Default::default()
                },
                ReplicationJobRun {
                    start_time: None,
                    ..Default::default()
                },
            ],
            ..ReplicationJob::default()
        };
        assert_eq!(last_run_start(&job), at("2026-11-20T00:00:00Z"));
    }
}
