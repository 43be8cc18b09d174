//! A page of jobs as it arrived, and one job of it: what the table, the details and the
//! state share, cheap to pass as props.

use std::ops::Deref;
use std::rc::Rc;

use smc_core::{DescribeReplicationJobsResponse, ReplicationJob};

/// A page as it arrived, shared by everything that shows it.
///
/// Two are equal when they are the same arrival: props compare without walking every job.
#[derive(Debug, Clone, Default)]
pub struct Page(pub Rc<DescribeReplicationJobsResponse>);

impl Page {
    /// The job at `index`, if the page has one there.
    pub fn job(&self, index: usize) -> Option<PageJob> {
        (index < self.replication_jobs.len()).then(|| PageJob {
            page: self.clone(),
            index,
        })
    }

    /// Every job of the page, in the API's order.
    pub fn jobs(&self) -> impl Iterator<Item = PageJob> + '_ {
        (0..self.replication_jobs.len()).filter_map(|index| self.job(index))
    }

    /// The job with this id, if it is on the page.
    pub fn find(&self, job_id: &str) -> Option<PageJob> {
        let index = self
            .replication_jobs
            .iter()
            .position(|job| job.job_id == job_id)?;
        self.job(index)
    }
}

impl PartialEq for Page {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for Page {
    type Target = DescribeReplicationJobsResponse;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// One job of a [`Page`]. It always points at a job: it is made only by [`Page::job`]
/// and [`Page::find`], and a page never changes once it has arrived.
#[derive(Debug, Clone, PartialEq)]
pub struct PageJob {
    page: Page,
    index: usize,
}

impl PageJob {
    /// The `RequestId` of the page the job arrived on, for support tickets.
    pub fn request_id(&self) -> &str {
        &self.page.request_id
    }
}

impl Deref for PageJob {
    type Target = ReplicationJob;

    fn deref(&self) -> &ReplicationJob {
        &self.page.replication_jobs[self.index]
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn page(ids: &[&str]) -> Page {
        Page(Rc::new(DescribeReplicationJobsResponse {
            replication_jobs: ids
                .iter()
                .map(|id| ReplicationJob {
                    job_id: (*id).to_owned(),
                    ..ReplicationJob::default()
                })
                .collect(),
            ..DescribeReplicationJobsResponse::default()
        }))
    }

    #[test]
    fn a_page_job_is_found_by_position_or_id_and_never_past_the_end() {
        let page = page(&["j-1", "j-2"]);
        assert_eq!(
            page.job(1).map(|job| job.job_id.clone()),
            Some("j-2".into())
        );
        assert_eq!(page.job(2), None);
        assert_eq!(page.find("j-1"), page.job(0));
        assert_eq!(page.find("j-9"), None);
        let ids: Vec<String> = page.jobs().map(|job| job.job_id.clone()).collect();
        assert_eq!(ids, ["j-1", "j-2"]);
    }

    #[test]
    fn pages_are_equal_only_when_they_are_the_same_arrival() {
        let first = page(&["j-1"]);
        assert_eq!(first, first.clone());
        assert_ne!(first, page(&["j-1"]));
    }
}
