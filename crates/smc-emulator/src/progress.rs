//! How a running job moves on as time passes, as a pure function of the job and the
//! elapsed time: no clock is read here, so tests step through a whole run without sleeping.
//!
//! A run goes `Preparing` → `Syncing` → `Processing` → `Cleaning` at fixed progress marks.
//! At 100 % a one-time job is `Finished`; an incremental job (`RunOnce=false`) goes back to
//! `Waiting` for its next scheduled run, as the service does.

use smc_core::{BusinessStatus, ReplicationJob, RunType, Status, TargetType};
use time::{Duration, OffsetDateTime};

use crate::rng::{mix, SplitMix64};

/// Progress is kept in hundredths of a percent, the precision the API shows (`55.45`).
pub(crate) const COMPLETE: u32 = 10_000;

/// Where each business status begins, in hundredths of a percent.
const SYNCING_FROM: u32 = 500;
const PROCESSING_FROM: u32 = 8_500;
const CLEANING_FROM: u32 = 9_700;

/// The shortest and longest time a whole run takes, in seconds: long enough to watch,
/// short enough that a person polling the viewer sees jobs finish.
const RUN_SECONDS: (i64, i64) = (10 * 60, 45 * 60);

/// How one running job moves from its progress at the anchor time to 100 %.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunPlan {
    /// Progress at the anchor time, in hundredths of a percent.
    pub(crate) start: u32,
    /// Seconds from the anchor time until the run completes.
    pub(crate) remaining_seconds: i64,
    /// The image the run produces, for `Image` targets.
    pub(crate) image_id: String,
}

impl RunPlan {
    /// The plan of a `Running` job (`None` for any other status). The run's length and
    /// its image are drawn from the job ID, so loaded and generated jobs behave alike and
    /// the same job always runs the same way.
    pub(crate) fn for_job(job: &ReplicationJob) -> Option<RunPlan> {
        if job.status != Some(Status::Running) {
            return None;
        }
        let mut rng = SplitMix64::new(mix(fnv1a(job.job_id.as_bytes())));
        let run_seconds = rng.between(RUN_SECONDS.0, RUN_SECONDS.1);
        let start = hundredths(job.progress.unwrap_or(0.0)).min(COMPLETE - 1);
        let remaining = i64::from(COMPLETE - start) * run_seconds / i64::from(COMPLETE);
        let image_id = if job.image_id.is_empty() {
            format!("m-{}", rng.alphanumeric(20))
        } else {
            job.image_id.clone()
        };
        Some(RunPlan {
            start,
            remaining_seconds: remaining.max(1),
            image_id,
        })
    }

    /// Progress after `elapsed`, in hundredths of a percent; it never goes back.
    pub(crate) fn progress_after(&self, elapsed: Duration) -> u32 {
        let elapsed = elapsed.whole_seconds().clamp(0, self.remaining_seconds);
        let gained = i64::from(COMPLETE - self.start) * elapsed / self.remaining_seconds;
        self.start + gained as u32
    }
}

/// The business status at a progress, in hundredths of a percent.
pub(crate) fn business_status_at(progress: u32) -> BusinessStatus {
    match progress {
        p if p < SYNCING_FROM => BusinessStatus::Preparing,
        p if p < PROCESSING_FROM => BusinessStatus::Syncing,
        p if p < CLEANING_FROM => BusinessStatus::Processing,
        _ => BusinessStatus::Cleaning,
    }
}

/// The fields of a running job that time changes, at one moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Live {
    /// `Running`, then `Finished` (or `Waiting` for an incremental job).
    pub(crate) status: Status,
    /// The business status while running; none once the run is over.
    pub(crate) business_status: Option<BusinessStatus>,
    /// Progress in hundredths of a percent.
    pub(crate) progress: u32,
    /// When the run completed, once it has.
    pub(crate) completed_at: Option<OffsetDateTime>,
}

/// The state of a job with `plan`, `elapsed` after the anchor time.
pub(crate) fn live(
    job: &ReplicationJob,
    plan: &RunPlan,
    anchor: OffsetDateTime,
    elapsed: Duration,
) -> Live {
    let progress = plan.progress_after(elapsed);
    if progress < COMPLETE {
        return Live {
            status: Status::Running,
            business_status: Some(business_status_at(progress)),
            progress,
            completed_at: None,
        };
    }
    let status = if job.run_once == Some(false) {
        Status::Waiting
    } else {
        Status::Finished
    };
    Live {
        status,
        business_status: None,
        progress,
        completed_at: Some(anchor + Duration::seconds(plan.remaining_seconds)),
    }
}

/// Writes a live state into a copy of the job, as the service would report it then.
pub(crate) fn apply(job: &mut ReplicationJob, plan: &RunPlan, live: &Live) {
    job.status = Some(live.status.clone());
    job.business_status = live.business_status.clone();
    job.progress = Some(f64::from(live.progress) / 100.0);
    let Some(completed_at) = live.completed_at else {
        return;
    };
    let produces_image = job.target_type == Some(TargetType::Image);
    if produces_image {
        job.image_id = plan.image_id.clone();
    }
    if job.run_once == Some(false) {
        // The next incremental run is due `Frequency` hours after this one.
        let hours = job.frequency.unwrap_or(24).clamp(1, 168);
        job.scheduled_start_time = Some(completed_at + Duration::hours(hours));
    } else {
        job.end_time = Some(completed_at);
    }
    if let Some(run) = job
        .replication_job_runs
        .iter_mut()
        .rev()
        .find(|run| run.end_time.is_none())
    {
        run.end_time = Some(completed_at);
        if produces_image {
            run.image_id = plan.image_id.clone();
        }
    } else {
        job.replication_job_runs.push(smc_core::ReplicationJobRun {
            r#type: Some(RunType::Manual),
            start_time: job.start_time,
            end_time: Some(completed_at),
            image_id: if produces_image {
                plan.image_id.clone()
            } else {
                String::new()
            },
        });
    }
}

/// A percentage as hundredths, clamped to 0..=100 % (NaN counts as 0).
pub(crate) fn hundredths(percent: f64) -> u32 {
    if percent.is_nan() {
        return 0;
    }
    (percent.clamp(0.0, 100.0) * 100.0).round() as u32
}

/// FNV-1a: a stable hash of bytes (std's hasher may change between Rust versions).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running(progress: f64, run_once: bool) -> ReplicationJob {
        ReplicationJob {
            job_id: "j-bp1abcdefghij0123456".into(),
            status: Some(Status::Running),
            business_status: Some(BusinessStatus::Syncing),
            progress: Some(progress),
            run_once: Some(run_once),
            frequency: Some(12),
            target_type: Some(TargetType::Image),
            replication_job_runs: vec![smc_core::ReplicationJobRun {
                r#type: Some(RunType::Manual),
                start_time: Some(time::macros::datetime!(2026-03-01 11:00 UTC)),
                end_time: None,
                image_id: String::new(),
            }],
            ..ReplicationJob::default()
        }
    }

    const ANCHOR: OffsetDateTime = time::macros::datetime!(2026-03-01 12:00 UTC);

    #[test]
    fn only_running_jobs_have_a_plan() {
        let mut job = running(10.0, true);
        assert!(RunPlan::for_job(&job).is_some());
        job.status = Some(Status::Stopped);
        assert!(RunPlan::for_job(&job).is_none());
    }

    #[test]
    fn progress_rises_monotonically_through_every_business_status_to_finished() {
        let job = running(0.0, true);
        let plan = RunPlan::for_job(&job).unwrap();
        let mut seen = Vec::new();
        let mut last = 0;
        for second in (0..=plan.remaining_seconds + 60).step_by(5) {
            let state = live(&job, &plan, ANCHOR, Duration::seconds(second));
            assert!(state.progress >= last, "progress went back at {second}s");
            last = state.progress;
            let label = state
                .business_status
                .clone()
                .map_or("done".to_owned(), |b| b.to_string());
            if seen.last() != Some(&label) {
                seen.push(label);
            }
        }
        assert_eq!(
            seen,
            ["Preparing", "Syncing", "Processing", "Cleaning", "done"]
        );
        let end = live(&job, &plan, ANCHOR, Duration::hours(5));
        assert_eq!(end.status, Status::Finished);
        assert_eq!(end.progress, COMPLETE);
    }

    #[test]
    fn a_finished_run_closes_its_run_record_and_sets_the_image() {
        let job = running(99.0, true);
        let plan = RunPlan::for_job(&job).unwrap();
        let state = live(&job, &plan, ANCHOR, Duration::hours(1));
        let mut copy = job.clone();
        apply(&mut copy, &plan, &state);
        assert_eq!(copy.status, Some(Status::Finished));
        assert_eq!(copy.progress, Some(100.0));
        assert_eq!(copy.business_status, None);
        assert!(copy.image_id.starts_with("m-"));
        assert_eq!(copy.replication_job_runs[0].end_time, state.completed_at);
        assert_eq!(copy.end_time, state.completed_at);
    }

    #[test]
    fn an_incremental_job_waits_for_its_next_run() {
        let job = running(50.0, false);
        let plan = RunPlan::for_job(&job).unwrap();
        let state = live(&job, &plan, ANCHOR, Duration::hours(2));
        assert_eq!(state.status, Status::Waiting);
        let mut copy = job.clone();
        apply(&mut copy, &plan, &state);
        let completed = state.completed_at.unwrap();
        assert_eq!(
            copy.scheduled_start_time,
            Some(completed + Duration::hours(12))
        );
    }

    #[test]
    fn before_the_anchor_nothing_moves_and_odd_progress_is_clamped() {
        let job = running(42.42, true);
        let plan = RunPlan::for_job(&job).unwrap();
        assert_eq!(plan.progress_after(Duration::seconds(-100)), 4_242);
        assert_eq!(hundredths(f64::NAN), 0);
        assert_eq!(hundredths(250.0), COMPLETE);
        assert_eq!(business_status_at(0), BusinessStatus::Preparing);
        assert_eq!(business_status_at(9_999), BusinessStatus::Cleaning);
    }
}
