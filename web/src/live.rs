//! What the viewer learns from pages as they keep arriving: the progress of every job (for
//! its time left), what is watched, and the watched jobs that ended. One reducer, beside
//! the view's state ([`crate::state`]), fed every page that arrives.

use std::rc::Rc;

use smc_core::{DescribeReplicationJobs, ReplicationJob};
use time::OffsetDateTime;
use yew::Reducible;

use crate::page::Page;
use crate::progress_log::ProgressLog;
use crate::watch::{Ending, StatusLog, Watchlist};

/// At most this many endings are kept for the notifications still to show.
const KEPT_ENDINGS: usize = 50;

/// What the viewer learnt from the pages so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveJobs {
    /// Every job's progress readings.
    pub progress: Rc<ProgressLog>,
    /// What the person watches.
    pub watchlist: Watchlist,
    /// Every job's last status.
    statuses: StatusLog,
    /// The watched jobs that ended, numbered from 1 in order (the newest last).
    pub endings: Vec<(u64, Ending)>,
    /// The number of the newest ending (0: none yet).
    pub last_ending: u64,
}

/// Every change to [`LiveJobs`].
#[derive(Debug, Clone, PartialEq)]
pub enum LiveAction {
    /// A page of `request` arrived at `at` (the viewer's clock).
    PageArrived(Page, DescribeReplicationJobs, OffsetDateTime),
    /// Watched jobs that are not on the page arrived at `at`, asked for by their ids (see
    /// [`LiveJobs::watched_elsewhere`]).
    WatchedJobsArrived(Vec<ReplicationJob>, OffsetDateTime),
    /// Watches a job, or stops.
    ToggleJob(String),
    /// Watches every job of a request's filters (the jobs shown now, and those of the
    /// pages of it to come), or stops.
    ToggleFilter(DescribeReplicationJobs, Vec<String>),
}

impl LiveJobs {
    /// Nothing seen yet, watching `watchlist` (kept from earlier in the session).
    pub fn new(watchlist: Watchlist) -> Self {
        LiveJobs {
            watchlist,
            ..LiveJobs::default()
        }
    }
}

impl LiveJobs {
    /// The watched jobs that may still end but are not among `shown` (a finished job
    /// leaves a `Status=Running` filter, for one): their ids, at most as many as one
    /// request may name, to ask for by id so their end is seen too.
    pub fn watched_elsewhere(&self, shown: &[ReplicationJob]) -> Vec<String> {
        self.watchlist
            .watched_ids()
            .into_iter()
            .filter(|id| self.statuses.may_still_end(id))
            .filter(|id| !shown.iter().any(|job| job.job_id == *id))
            .take(smc_core::request::MAX_IDS)
            .map(str::to_owned)
            .collect()
    }

    /// Records the progress and status of `jobs`, and the watched ones that ended.
    fn jobs_arrived(&mut self, jobs: &[ReplicationJob], at: OffsetDateTime) {
        Rc::make_mut(&mut self.progress).record_page(jobs, at);
        for ending in self.statuses.page_arrived(jobs) {
            if self.watchlist.is_watched(&ending.job_id) {
                self.last_ending += 1;
                self.endings.push((self.last_ending, ending));
            }
        }
        let excess = self.endings.len().saturating_sub(KEPT_ENDINGS);
        self.endings.drain(..excess);
    }
}

impl Reducible for LiveJobs {
    type Action = LiveAction;

    fn reduce(self: Rc<Self>, action: LiveAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LiveAction::PageArrived(page, request, at) => {
                next.watchlist
                    .page_arrived(&request, &page.replication_jobs);
                next.jobs_arrived(&page.replication_jobs, at);
            }
            LiveAction::WatchedJobsArrived(jobs, at) => next.jobs_arrived(&jobs, at),
            LiveAction::ToggleJob(job_id) => next.watchlist.toggle_job(&job_id),
            LiveAction::ToggleFilter(request, shown) => next
                .watchlist
                .toggle_filter(&request, shown.iter().map(String::as_str)),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::{DescribeReplicationJobsResponse, Status};
    use time::Duration;

    use crate::time_left::Estimate;

    const T0: OffsetDateTime = time::macros::datetime!(2026-12-03 12:00 UTC);

    fn page(jobs: &[(&str, Status, f64)]) -> Page {
        Page(Rc::new(DescribeReplicationJobsResponse {
            replication_jobs: jobs
                .iter()
                .map(|(id, status, progress)| ReplicationJob {
                    job_id: (*id).into(),
                    status: Some(status.clone()),
                    progress: Some(*progress),
                    ..ReplicationJob::default()
                })
                .collect(),
            ..DescribeReplicationJobsResponse::default()
        }))
    }

    fn reduce(state: LiveJobs, actions: impl IntoIterator<Item = LiveAction>) -> LiveJobs {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    /// A page of `request` at T0: j-1 running at 90 %, j-2 at 10 %.
    fn two_running(request: &DescribeReplicationJobs) -> LiveAction {
        LiveAction::PageArrived(
            page(&[
                ("j-1", Status::Running, 90.0),
                ("j-2", Status::Running, 10.0),
            ]),
            request.clone(),
            T0,
        )
    }

    #[test]
    fn pages_feed_the_time_left_and_watched_endings_only() {
        let request = DescribeReplicationJobs::default();
        let at = |minutes| T0 + Duration::minutes(minutes);
        let state = reduce(
            LiveJobs::default(),
            [
                two_running(&request),
                LiveAction::ToggleJob("j-1".into()),
                LiveAction::PageArrived(
                    page(&[
                        ("j-1", Status::Running, 95.0),
                        ("j-2", Status::Running, 20.0),
                    ]),
                    request.clone(),
                    at(1),
                ),
            ],
        );
        let j2 = &page(&[("j-2", Status::Running, 20.0)]).replication_jobs[0].clone();
        assert!(matches!(
            state.progress.time_left(j2, at(1)),
            Some(Estimate::Remaining { .. })
        ));
        let state = reduce(
            state,
            [LiveAction::PageArrived(
                page(&[
                    ("j-1", Status::Finished, 100.0),
                    ("j-2", Status::InError, 20.0),
                ]),
                request,
                at(2),
            )],
        );
        let ended: Vec<(u64, &str)> = state
            .endings
            .iter()
            .map(|(n, e)| (*n, e.job_id.as_str()))
            .collect();
        assert_eq!(ended, [(1, "j-1")], "j-2 is not watched");
        assert_eq!(state.last_ending, 1);
    }

    #[test]
    fn a_watched_job_that_leaves_the_page_is_asked_for_and_its_end_seen() {
        let running = DescribeReplicationJobs {
            status: Some(Status::Running),
            ..DescribeReplicationJobs::default()
        };
        let state = reduce(
            LiveJobs::default(),
            [
                two_running(&running),
                LiveAction::ToggleFilter(running.clone(), vec!["j-1".into(), "j-2".into()]),
            ],
        );
        // j-1 finished, so the Running filter no longer shows it.
        let now = page(&[("j-2", Status::Running, 20.0)]);
        let state = reduce(
            state,
            [LiveAction::PageArrived(
                now.clone(),
                running,
                T0 + Duration::minutes(1),
            )],
        );
        assert_eq!(state.watched_elsewhere(&now.replication_jobs), ["j-1"]);
        let asked = page(&[("j-1", Status::Finished, 100.0)]);
        let state = reduce(
            state,
            [LiveAction::WatchedJobsArrived(
                asked.replication_jobs.clone(),
                T0 + Duration::minutes(1),
            )],
        );
        assert_eq!(state.endings.len(), 1);
        assert_eq!(state.endings[0].1.job_id, "j-1");
        // Ended: no longer asked for.
        assert!(state.watched_elsewhere(&now.replication_jobs).is_empty());
    }

    #[test]
    fn a_watched_filter_watches_the_jobs_of_its_pages() {
        let running = DescribeReplicationJobs {
            status: Some(Status::Running),
            ..DescribeReplicationJobs::default()
        };
        let state = reduce(
            LiveJobs::default(),
            [
                LiveAction::ToggleFilter(running.clone(), Vec::new()),
                LiveAction::PageArrived(
                    page(&[("j-1", Status::Running, 50.0)]),
                    running.clone(),
                    T0,
                ),
                LiveAction::PageArrived(
                    page(&[("j-1", Status::InError, 50.0)]),
                    running,
                    T0 + Duration::minutes(1),
                ),
            ],
        );
        assert!(state.watchlist.is_watched("j-1"));
        assert_eq!(state.endings.len(), 1);
        assert_eq!(state.endings[0].1.status, Status::InError);
    }
}
