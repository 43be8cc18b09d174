//! The progress the viewer has read of every job, by JobId, and each running job's time
//! left from it (see [`crate::time_left`] for the estimate itself).
//!
//! Every page that arrives is recorded, whatever brought it (auto-refresh, Refresh,
//! paging, a filter), at the time it arrived by the viewer's clock.

use smc_core::{ReplicationJob, Status};
use time::OffsetDateTime;

use crate::time_left::{Estimate, ProgressHistory};

const GIB: u64 = 1024 * 1024 * 1024;

/// The progress samples of every job seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressLog {
    /// By JobId: the jobs of the pages a person reads, a few hundred at most, so a list
    /// (smaller in the bundle than a map).
    histories: Vec<(String, ProgressHistory)>,
}

impl ProgressLog {
    /// Records the progress of each job of a page that arrived at `at`. A progress the
    /// viewer cannot read (missing, or shown as received) says nothing and is skipped.
    pub fn record_page(&mut self, jobs: &[ReplicationJob], at: OffsetDateTime) {
        let at_ms = millis(at);
        for job in jobs {
            if let Some(percent) = readable_progress(job) {
                let index = match self.position(&job.job_id) {
                    Some(index) => index,
                    None => {
                        self.histories
                            .push((job.job_id.clone(), ProgressHistory::default()));
                        self.histories.len() - 1
                    }
                };
                self.histories[index].1.record(at_ms, percent);
            }
        }
    }

    /// The time left of `job` at `now`: `None` unless the job is running; unknown while its
    /// progress cannot be read or fewer than two readings show it.
    pub fn time_left(&self, job: &ReplicationJob, now: OffsetDateTime) -> Option<Estimate> {
        if job.status != Some(Status::Running) {
            return None;
        }
        if readable_progress(job).is_none() {
            return Some(Estimate::Unknown);
        }
        let estimate = self
            .position(&job.job_id)
            .map(|index| &self.histories[index].1)
            .map_or(Estimate::Unknown, |history| {
                history.estimate(millis(now), total_bytes(job))
            });
        Some(estimate)
    }

    fn position(&self, job_id: &str) -> Option<usize> {
        self.histories.iter().position(|(id, _)| id == job_id)
    }

    /// How the Time left column sorts `job`: soonest first, stalled jobs last, and jobs
    /// without an estimate (not running, not measured yet) before all, as missing values
    /// sort everywhere.
    pub fn sort_key(&self, job: &ReplicationJob, now: OffsetDateTime) -> Option<f64> {
        match self.time_left(job, now)? {
            Estimate::Unknown => None,
            Estimate::Complete => Some(0.0),
            Estimate::Remaining { seconds, .. } => Some(seconds),
            Estimate::Stalled { .. } => Some(f64::INFINITY),
        }
    }
}

/// The job's progress, when the viewer can read it.
fn readable_progress(job: &ReplicationJob) -> Option<f64> {
    job.progress
        .filter(|_| job.odd_field("Progress").is_none())
        .filter(|p| p.is_finite())
}

/// What the job copies, in bytes: its system disk and data disks (`SystemDiskSize` and
/// `DataDisks`, else the `Disks` layout of newer SDKs), when their sizes are known.
pub fn total_bytes(job: &ReplicationJob) -> Option<u64> {
    let gib = |sizes: Vec<Option<i64>>| -> Option<u64> {
        let known: Vec<u64> = sizes
            .into_iter()
            .flatten()
            .filter_map(|size| u64::try_from(size).ok())
            .collect();
        let total: u64 = known.iter().sum();
        (total > 0).then(|| total.saturating_mul(GIB))
    };
    let listed = std::iter::once(job.system_disk_size)
        .chain(job.data_disks.iter().map(|disk| disk.size))
        .collect();
    gib(listed).or_else(|| {
        let layout = job.disks.as_ref()?;
        let sizes = layout
            .system
            .iter()
            .map(|disk| disk.size)
            .chain(layout.data.iter().map(|disk| disk.size))
            .collect();
        gib(sizes)
    })
}

/// Milliseconds since the epoch, the estimator's unit of time.
pub fn millis(time: OffsetDateTime) -> f64 {
    (time.unix_timestamp_nanos() / 1_000_000) as f64
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::{DataDisk, Disks, SystemDisk};
    use time::Duration;

    const T0: OffsetDateTime = time::macros::datetime!(2026-12-03 12:00 UTC);

    fn running(id: &str, progress: f64) -> ReplicationJob {
        ReplicationJob {
            job_id: id.into(),
            status: Some(Status::Running),
            progress: Some(progress),
            system_disk_size: Some(40),
            data_disks: vec![DataDisk {
                size: Some(20),
                ..DataDisk::default()
            }],
            ..ReplicationJob::default()
        }
    }

    #[test]
    fn two_pages_give_a_running_job_its_time_left_and_rate() {
        let mut log = ProgressLog::default();
        log.record_page(&[running("j-1", 10.0)], T0);
        let later = T0 + Duration::minutes(1);
        assert_eq!(
            log.time_left(&running("j-1", 10.0), T0),
            Some(Estimate::Unknown)
        );
        log.record_page(&[running("j-1", 12.0)], later);
        let Some(Estimate::Remaining {
            seconds,
            bytes_per_second,
            ..
        }) = log.time_left(&running("j-1", 12.0), later)
        else {
            panic!("two readings give a time left");
        };
        // 2 % a minute, 88 % to go.
        assert!((seconds - 44.0 * 60.0).abs() < 1e-6, "{seconds}");
        // 2 % of 60 GiB a minute.
        let expected = 60.0 * GIB as f64 * 0.02 / 60.0;
        assert!((bytes_per_second.unwrap() - expected).abs() < 1.0);
    }

    #[test]
    fn only_running_jobs_have_a_time_left_and_odd_progress_is_unknown() {
        let mut log = ProgressLog::default();
        let finished = ReplicationJob {
            status: Some(Status::Finished),
            ..running("j-1", 100.0)
        };
        log.record_page(std::slice::from_ref(&finished), T0);
        assert_eq!(log.time_left(&finished, T0), None);
        assert_eq!(log.sort_key(&finished, T0), None);
        let page = smc_core::json::parse_response(
            r#"{"ReplicationJobs":[{"JobId":"j-2","Status":"Running","Progress":"55 %"}]}"#,
        )
        .unwrap();
        let odd = &page.replication_jobs[0];
        log.record_page(&page.replication_jobs, T0);
        log.record_page(&page.replication_jobs, T0 + Duration::minutes(1));
        assert_eq!(log.time_left(odd, T0), Some(Estimate::Unknown));
        assert_eq!(log.position("j-2"), None, "nothing recorded");
    }

    #[test]
    fn the_sort_key_puts_soonest_first_and_stalled_last() {
        let mut log = ProgressLog::default();
        log.record_page(&[running("fast", 10.0), running("stuck", 10.0)], T0);
        let later = T0 + Duration::minutes(6);
        log.record_page(&[running("fast", 70.0), running("stuck", 10.0)], later);
        let fast = log.sort_key(&running("fast", 70.0), later).unwrap();
        let stuck = log.sort_key(&running("stuck", 10.0), later).unwrap();
        assert!(fast < stuck && stuck.is_infinite(), "{fast} {stuck}");
        assert_eq!(log.sort_key(&running("new", 5.0), later), None);
    }

    #[test]
    fn total_bytes_come_from_the_disks_listed_else_the_layout() {
        assert_eq!(total_bytes(&running("j", 0.0)), Some(60 * GIB));
        let layout_only = ReplicationJob {
            disks: Some(Disks {
                system: Some(SystemDisk {
                    size: Some(30),
                    ..SystemDisk::default()
                }),
                data: Vec::new(),
            }),
            ..ReplicationJob::default()
        };
        assert_eq!(total_bytes(&layout_only), Some(30 * GIB));
        assert_eq!(total_bytes(&ReplicationJob::default()), None);
        let negative = ReplicationJob {
            system_disk_size: Some(-1),
            ..ReplicationJob::default()
        };
        assert_eq!(total_bytes(&negative), None);
    }
}
