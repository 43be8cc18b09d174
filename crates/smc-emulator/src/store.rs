//! The jobs the emulator serves, and how a request selects one page of them.

use std::sync::Arc;

use smc_core::request::MAX_PAGE_SIZE;
use smc_core::{DescribeReplicationJobs, ReplicationJob};
use time::OffsetDateTime;

use crate::filter::{matches, Current};
use crate::generate::{generate_jobs, sort_newest_first};
use crate::progress::{apply, live, RunPlan};

/// Where the emulator's jobs come from.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    /// `count` jobs made by the generator from `seed`.
    Generated {
        /// The generator's seed.
        seed: u64,
        /// How many jobs.
        count: usize,
    },
    /// These jobs, as given (for example read with `--data`).
    Jobs(Arc<Vec<ReplicationJob>>),
}

impl Default for DataSource {
    /// 240 jobs from seed 1.
    fn default() -> Self {
        DataSource::Generated {
            seed: 1,
            count: DEFAULT_JOBS,
        }
    }
}

/// How many jobs the generator makes unless told otherwise.
pub const DEFAULT_JOBS: usize = 240;

/// The most jobs the emulator holds (the real service allows 1,000 per account; more
/// are allowed here for load tests, within bounded memory).
pub const MAX_JOBS: usize = 20_000;

/// A stored job and, when it is running, how it moves on.
#[derive(Debug, Clone)]
struct StoredJob {
    job: ReplicationJob,
    plan: Option<RunPlan>,
}

/// The jobs, newest first, as they were at the anchor time.
#[derive(Debug, Clone)]
pub(crate) struct JobStore {
    jobs: Vec<StoredJob>,
    anchor: OffsetDateTime,
    source: DataSource,
}

/// One page of a request's result.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    /// How many jobs match, on all pages.
    pub(crate) total: usize,
    /// The jobs on the requested page, as they are at the time of the request.
    pub(crate) jobs: Vec<ReplicationJob>,
}

impl JobStore {
    /// The jobs of `source`, as they are at `anchor`; running jobs move on from there.
    pub(crate) fn new(source: DataSource, anchor: OffsetDateTime) -> Self {
        let anchor = anchor.replace_nanosecond(0).unwrap_or(anchor);
        let mut jobs = match &source {
            DataSource::Generated { seed, count } => {
                generate_jobs(*seed, (*count).min(MAX_JOBS), anchor)
            }
            DataSource::Jobs(jobs) => jobs.iter().take(MAX_JOBS).cloned().collect(),
        };
        sort_newest_first(&mut jobs);
        let jobs = jobs
            .into_iter()
            .map(|job| StoredJob {
                plan: RunPlan::for_job(&job),
                job,
            })
            .collect();
        JobStore {
            jobs,
            anchor,
            source,
        }
    }

    /// How many jobs there are.
    pub(crate) fn len(&self) -> usize {
        self.jobs.len()
    }

    /// The time the jobs are described at; running jobs move on from here.
    pub(crate) fn anchor(&self) -> OffsetDateTime {
        self.anchor
    }

    /// Where the jobs came from.
    pub(crate) fn source(&self) -> &DataSource {
        &self.source
    }

    /// The page `request` asks for, with jobs as they are at `at`.
    pub(crate) fn describe(&self, request: &DescribeReplicationJobs, at: OffsetDateTime) -> Page {
        let elapsed = at - self.anchor;
        let size = request.effective_page_size().clamp(1, MAX_PAGE_SIZE) as usize;
        let skip = usize::try_from(request.effective_page_number().max(1) - 1)
            .ok()
            .and_then(|pages| pages.checked_mul(size))
            .unwrap_or(usize::MAX);
        let mut total = 0;
        let mut jobs = Vec::with_capacity(size);
        for stored in &self.jobs {
            let state = stored
                .plan
                .as_ref()
                .map(|plan| (plan, live(&stored.job, plan, self.anchor, elapsed)));
            let current = match &state {
                Some((_, live)) => Current {
                    status: Some(&live.status),
                    business_status: live.business_status.as_ref(),
                },
                None => Current {
                    status: stored.job.status.as_ref(),
                    business_status: stored.job.business_status.as_ref(),
                },
            };
            if !matches(request, &stored.job, current) {
                continue;
            }
            if total >= skip && jobs.len() < size {
                let mut job = stored.job.clone();
                if let Some((plan, live)) = &state {
                    apply(&mut job, plan, live);
                }
                jobs.push(job);
            }
            total += 1;
        }
        Page { total, jobs }
    }
}

#[cfg(test)]
mod tests {
    use smc_core::Status;
    use time::Duration;

    use super::*;

    const ANCHOR: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

    fn store() -> JobStore {
        JobStore::new(DataSource::Generated { seed: 5, count: 37 }, ANCHOR)
    }

    #[test]
    fn pages_split_the_result_and_past_the_end_is_empty() {
        let store = store();
        let page = |number, size| {
            store.describe(
                &DescribeReplicationJobs {
                    page_number: Some(number),
                    page_size: Some(size),
                    ..DescribeReplicationJobs::default()
                },
                ANCHOR,
            )
        };
        assert_eq!(page(1, 10).jobs.len(), 10);
        assert_eq!(page(4, 10).jobs.len(), 7);
        let past = page(5, 10);
        assert_eq!((past.total, past.jobs.len()), (37, 0));
        assert_eq!(page(i64::MAX, 50).jobs.len(), 0);
    }

    #[test]
    fn running_jobs_finish_as_time_passes_and_filters_see_it() {
        let store = store();
        let running = DescribeReplicationJobs {
            status: Some(Status::Running),
            page_size: Some(50),
            ..DescribeReplicationJobs::default()
        };
        let before = store.describe(&running, ANCHOR).total;
        assert!(before >= 4);
        let later = ANCHOR + Duration::hours(2);
        assert_eq!(store.describe(&running, later).total, 0);
        let all = DescribeReplicationJobs {
            page_size: Some(50),
            ..DescribeReplicationJobs::default()
        };
        assert!(store
            .describe(&all, later)
            .jobs
            .iter()
            .all(|j| j.status != Some(Status::Running)));
    }
}
