//! What the person watches: jobs, one by one or every job of a filter, and the moment a
//! watched job ends (`Finished` or `InError`), read from the change between the status a
//! page showed before and the one it shows now.
//!
//! Pure: the browser's notifications are in [`crate::notify`], the wiring in
//! [`crate::live`].

use serde::{Deserialize, Serialize};
use smc_core::{DescribeReplicationJobs, ReplicationJob, Status};

/// The watched jobs and filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchlist {
    /// Jobs watched one by one.
    jobs: Ids,
    /// Filters whose every job is watched, with the jobs their pages brought.
    filters: Vec<WatchedFilter>,
    /// Jobs the person stopped watching: a watched filter does not take them back.
    unwatched: Ids,
}

/// JobIds, each once, in the order added: a few hundred at most, so a list (smaller in the
/// bundle than a set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
struct Ids(Vec<String>);

impl Ids {
    fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|known| known == id)
    }

    fn insert(&mut self, id: &str) {
        if !self.contains(id) {
            self.0.push(id.to_owned());
        }
    }

    fn remove(&mut self, id: &str) {
        self.0.retain(|known| known != id);
    }
}

/// A filter whose every job is watched, as pages of it arrive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct WatchedFilter {
    /// The filters as a query string (`Status=Running&Tag.1.Key=env`): the request's own
    /// writer, which gives one text for one set of filters.
    filter: String,
    jobs: Ids,
}

/// The filters of a request, as a query string without its page and page size.
pub fn filter_of(request: &DescribeReplicationJobs) -> String {
    DescribeReplicationJobs {
        page_number: None,
        page_size: None,
        ..request.clone()
    }
    .to_query_string()
}

impl Watchlist {
    /// Whether `job_id` is watched, alone or through a filter.
    pub fn is_watched(&self, job_id: &str) -> bool {
        self.jobs.contains(job_id) || self.filters.iter().any(|f| f.jobs.contains(job_id))
    }

    /// Whether every job of `request`'s filters is watched.
    pub fn watches_filter(&self, request: &DescribeReplicationJobs) -> bool {
        let filter = filter_of(request);
        self.filters.iter().any(|f| f.filter == filter)
    }

    /// Every watched JobId, alone or through a filter, each once.
    pub fn watched_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        let all = self
            .jobs
            .0
            .iter()
            .chain(self.filters.iter().flat_map(|f| f.jobs.0.iter()));
        for id in all {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }

    /// Whether nothing is watched.
    pub fn is_empty(&self) -> bool {
        self.jobs.0.is_empty() && self.filters.is_empty()
    }

    /// Watches `job_id`, or stops watching it (alone and through every filter).
    pub fn toggle_job(&mut self, job_id: &str) {
        if self.is_watched(job_id) {
            self.jobs.remove(job_id);
            for filter in &mut self.filters {
                filter.jobs.remove(job_id);
            }
            self.unwatched.insert(job_id);
        } else {
            self.jobs.insert(job_id);
            self.unwatched.remove(job_id);
        }
    }

    /// Watches every job of `request`'s filters, starting with those shown (`shown`), or
    /// stops: the jobs that only the filter watched are no longer watched.
    pub fn toggle_filter<'a>(
        &mut self,
        request: &DescribeReplicationJobs,
        shown: impl IntoIterator<Item = &'a str>,
    ) {
        let filter = filter_of(request);
        if let Some(index) = self.filters.iter().position(|f| f.filter == filter) {
            self.filters.remove(index);
            return;
        }
        let mut jobs = Ids::default();
        for job in shown {
            self.unwatched.remove(job);
            jobs.insert(job);
        }
        self.filters.push(WatchedFilter { filter, jobs });
    }

    /// A page of `request` arrived: when its filters are watched, its jobs are too (all but
    /// those the person stopped watching).
    pub fn page_arrived(&mut self, request: &DescribeReplicationJobs, jobs: &[ReplicationJob]) {
        let filter = filter_of(request);
        let unwatched = &self.unwatched;
        for watched in self.filters.iter_mut().filter(|f| f.filter == filter) {
            for job in jobs.iter().filter(|job| !unwatched.contains(&job.job_id)) {
                watched.jobs.insert(&job.job_id);
            }
        }
    }
}

/// A job that ended while the viewer looked.
#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    /// Its id.
    pub job_id: String,
    /// Its name (may be empty).
    pub name: String,
    /// `Finished` or `InError`.
    pub status: Status,
}

/// The status of every job seen, to tell when one changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusLog {
    /// By JobId, as [`ProgressLog`](crate::progress_log::ProgressLog) keeps them.
    last: Vec<(String, Status)>,
}

impl StatusLog {
    /// Whether `job_id` was last seen in a status it may still leave for `Finished` or
    /// `InError` (every status but those two).
    pub fn may_still_end(&self, job_id: &str) -> bool {
        self.last
            .iter()
            .find(|(id, _)| id == job_id)
            .map(|(_, status)| status)
            .is_some_and(|status| !matches!(status, Status::Finished | Status::InError))
    }

    /// Notes the status of each job of a page and returns the jobs that became `Finished`
    /// or `InError` since a page last showed them. A job seen for the first time did not
    /// become anything while the viewer looked.
    pub fn page_arrived(&mut self, jobs: &[ReplicationJob]) -> Vec<Ending> {
        let mut endings = Vec::new();
        for job in jobs {
            let Some(status) = job.status.clone() else {
                continue;
            };
            let before = match self.last.iter_mut().find(|(id, _)| *id == job.job_id) {
                Some((_, last)) => Some(std::mem::replace(last, status.clone())),
                None => {
                    self.last.push((job.job_id.clone(), status.clone()));
                    None
                }
            };
            let ended = matches!(status, Status::Finished | Status::InError);
            if ended && before.is_some_and(|before| before != status) {
                endings.push(Ending {
                    job_id: job.job_id.clone(),
                    name: job.name.clone(),
                    status,
                });
            }
        }
        endings
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn job(id: &str, status: Status) -> ReplicationJob {
        ReplicationJob {
            job_id: id.into(),
            name: format!("name of {id}"),
            status: Some(status),
            ..ReplicationJob::default()
        }
    }

    fn running_filter(page: i64) -> DescribeReplicationJobs {
        DescribeReplicationJobs {
            status: Some(Status::Running),
            page_number: Some(page),
            page_size: Some(20),
            ..DescribeReplicationJobs::default()
        }
    }

    #[test]
    fn a_job_toggles_on_and_off() {
        let mut list = Watchlist::default();
        assert!(list.is_empty());
        list.toggle_job("j-1");
        assert!(list.is_watched("j-1"));
        assert!(!list.is_watched("j-2"));
        list.toggle_job("j-1");
        assert!(!list.is_watched("j-1"));
        assert!(list.is_empty());
    }

    #[test]
    fn a_watched_filter_takes_the_jobs_of_every_page_of_it_but_not_those_unwatched() {
        let mut list = Watchlist::default();
        list.toggle_filter(&running_filter(1), ["j-1", "j-2"]);
        assert!(list.watches_filter(&running_filter(3)), "any page of it");
        assert!(list.is_watched("j-2"));
        list.toggle_job("j-2");
        assert!(!list.is_watched("j-2"));
        list.page_arrived(
            &running_filter(2),
            &[job("j-2", Status::Running), job("j-3", Status::Running)],
        );
        assert!(list.is_watched("j-3"));
        assert!(!list.is_watched("j-2"), "unwatched stays unwatched");
        // Another filter's page adds nothing.
        list.page_arrived(
            &DescribeReplicationJobs::default(),
            &[job("j-4", Status::Running)],
        );
        assert!(!list.is_watched("j-4"));
        // Off: only the jobs watched alone stay.
        list.toggle_job("j-9");
        list.toggle_filter(&running_filter(1), []);
        assert!(!list.watches_filter(&running_filter(1)));
        assert!(!list.is_watched("j-1") && !list.is_watched("j-3"));
        assert!(list.is_watched("j-9"));
    }

    #[test]
    fn the_watchlist_survives_storage() {
        let mut list = Watchlist::default();
        list.toggle_job("j-1");
        list.toggle_filter(&running_filter(1), ["j-2"]);
        let stored = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<Watchlist>(&stored).unwrap(), list);
        assert_eq!(
            serde_json::from_str::<Watchlist>("{\"jobs\":7}").ok(),
            None,
            "a broken entry is refused, and the caller starts empty"
        );
    }

    #[test]
    fn an_ending_is_a_change_to_finished_or_in_error_since_the_last_page() {
        let mut log = StatusLog::default();
        assert!(log
            .page_arrived(&[
                job("j-1", Status::Running),
                job("j-2", Status::Running),
                job("j-3", Status::Finished),
            ])
            .is_empty());
        let endings = log.page_arrived(&[
            job("j-1", Status::Finished),
            job("j-2", Status::InError),
            job("j-3", Status::Finished),
            job("j-4", Status::InError),
        ]);
        let ended: Vec<(&str, &Status)> = endings
            .iter()
            .map(|e| (e.job_id.as_str(), &e.status))
            .collect();
        assert_eq!(
            ended,
            [("j-1", &Status::Finished), ("j-2", &Status::InError)],
            "j-3 was already finished, j-4 never seen before"
        );
        // The same page again: nothing new.
        assert!(log.page_arrived(&[job("j-1", Status::Finished)]).is_empty());
    }
}
