//! The open job when it is not on the shown page (a deep link, or the page moved on): it is
//! fetched by itself, and only the answer for the job asked last is kept.

use std::rc::Rc;

use smc_core::{ApiError, DescribeReplicationJobsResponse};
use yew::Reducible;

use crate::page::{Page, PageJob};

/// What the details panel can show of a job.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The job is being fetched.
    Loading,
    /// The job.
    Found(PageJob),
    /// The API knows no job with this id.
    Missing,
    /// The fetch failed: the API's code and message.
    Failed(String),
}

/// The job fetched by itself: which id was asked for last, and what its answer said.
#[derive(Debug, Clone, PartialEq)]
pub struct JobLookup {
    asked: Option<String>,
    lookup: Lookup,
}

impl Default for JobLookup {
    fn default() -> Self {
        JobLookup {
            asked: None,
            lookup: Lookup::Loading,
        }
    }
}

/// A fetch of one job starting, or its answer arriving.
#[derive(Debug, Clone)]
pub enum LookupAction {
    /// The job with this id is fetched.
    Ask(String),
    /// The answer to a fetch of the job with this id.
    Answer(
        String,
        Result<Rc<DescribeReplicationJobsResponse>, ApiError>,
    ),
}

impl JobLookup {
    /// What to show for `job_id`: still loading until its own answer has arrived.
    pub fn for_job(&self, job_id: &str) -> Lookup {
        if self.asked.as_deref() == Some(job_id) {
            self.lookup.clone()
        } else {
            Lookup::Loading
        }
    }
}

impl Reducible for JobLookup {
    type Action = LookupAction;

    fn reduce(self: Rc<Self>, action: LookupAction) -> Rc<Self> {
        match action {
            LookupAction::Ask(job_id) => Rc::new(JobLookup {
                asked: Some(job_id),
                lookup: Lookup::Loading,
            }),
            // An answer for a job opened before: another job has been asked for since.
            LookupAction::Answer(job_id, _) if self.asked.as_deref() != Some(&job_id) => self,
            LookupAction::Answer(job_id, answer) => {
                let lookup = match answer {
                    Ok(page) => Page(page)
                        .find(&job_id)
                        .map_or(Lookup::Missing, Lookup::Found),
                    Err(error) => Lookup::Failed(format!("{}: {}", error.code, error.message)),
                };
                Rc::new(JobLookup {
                    asked: Some(job_id),
                    lookup,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::ReplicationJob;

    fn answer(job_id: &str) -> LookupAction {
        let page = DescribeReplicationJobsResponse {
            replication_jobs: vec![ReplicationJob {
                job_id: job_id.to_owned(),
                ..ReplicationJob::default()
            }],
            ..DescribeReplicationJobsResponse::default()
        };
        LookupAction::Answer(job_id.to_owned(), Ok(Rc::new(page)))
    }

    fn reduce(actions: impl IntoIterator<Item = LookupAction>) -> Rc<JobLookup> {
        actions
            .into_iter()
            .fold(Rc::new(JobLookup::default()), Reducible::reduce)
    }

    fn shown_id(lookup: &Lookup) -> Option<&str> {
        match lookup {
            Lookup::Found(job) => Some(&job.job_id),
            _ => None,
        }
    }

    #[test]
    fn a_late_answer_for_the_job_asked_before_is_dropped() {
        let state = reduce([
            LookupAction::Ask("j-a".into()),
            LookupAction::Ask("j-b".into()),
            answer("j-a"),
        ]);
        assert_eq!(state.for_job("j-b"), Lookup::Loading);
        let state = state.reduce(answer("j-b"));
        assert_eq!(shown_id(&state.for_job("j-b")), Some("j-b"));
        // j-a's answer arriving after j-b's changes nothing either.
        let state = state.reduce(answer("j-a"));
        assert_eq!(shown_id(&state.for_job("j-b")), Some("j-b"));
    }

    #[test]
    fn a_job_is_loading_until_its_own_answer_arrives() {
        let state = reduce([LookupAction::Ask("j-a".into()), answer("j-a")]);
        assert_eq!(shown_id(&state.for_job("j-a")), Some("j-a"));
        // Another job, before its fetch has even started: nothing of j-a shows.
        assert_eq!(state.for_job("j-b"), Lookup::Loading);
    }

    #[test]
    fn an_answer_without_the_job_or_a_failure_says_so() {
        let empty = LookupAction::Answer("j-a".into(), Ok(Rc::default()));
        let state = reduce([LookupAction::Ask("j-a".into()), empty]);
        assert_eq!(state.for_job("j-a"), Lookup::Missing);
        let error = ApiError {
            code: "Throttling".into(),
            message: "slow down".into(),
            ..ApiError::default()
        };
        let failed = LookupAction::Answer("j-a".into(), Err(error));
        let state = reduce([LookupAction::Ask("j-a".into()), failed]);
        assert_eq!(
            state.for_job("j-a"),
            Lookup::Failed("Throttling: slow down".into())
        );
    }
}
