//! How many jobs match the current filters in each `Status`: one `PageSize=1` query per
//! status (the current request with that status) whose `TotalCount` is the count, and what
//! is shown of each while they load, refresh or fail.

use std::rc::Rc;

use smc_core::{DescribeReplicationJobs, Status};
use yew::Reducible;

/// The time between the starts of two count calls, in milliseconds: 4 calls a second,
/// under the proxy's default upstream rate of 5 a second, so the person's own next page
/// still finds the proxy ready.
pub const COUNT_SPACING_MS: u32 = 250;

/// The filters the counts depend on: the request without its status, page number and page
/// size. Counts are fetched again when these (or the account) change or the list is
/// refreshed, not when the person pages.
pub fn counted_filters(request: &DescribeReplicationJobs) -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        status: None,
        page_number: None,
        page_size: None,
        ..request.clone()
    }
}

/// The query that counts the jobs of `status` among those `request` filters: the same
/// request with `Status=status`, `PageSize=1` and `PageNumber=1`; its `TotalCount` is the
/// count.
pub fn count_request(
    request: &DescribeReplicationJobs,
    status: &Status,
) -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        status: Some(status.clone()),
        page_size: Some(1),
        page_number: Some(1),
        ..request.clone()
    }
}

/// Every count query for `request`, one per status smc-core knows, in the API's order.
pub fn count_requests(request: &DescribeReplicationJobs) -> Vec<(Status, DescribeReplicationJobs)> {
    Status::KNOWN
        .iter()
        .map(|status| (status.clone(), count_request(request, status)))
        .collect()
}

/// What is known of one status's count.
#[derive(Debug, Clone, PartialEq)]
pub enum Count {
    /// Not known yet: the first answer is awaited.
    Loading,
    /// This many jobs.
    Known(i64),
    /// The count call failed with this error code.
    Failed(String),
}

/// One status's count as shown: the last answer, and whether a newer one is awaited (the
/// last number stays on screen meanwhile).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCount {
    /// The status counted.
    pub status: Status,
    /// The last answer.
    pub count: Count,
    /// Whether a newer answer is awaited.
    pub refreshing: bool,
}

/// The counts of every status, for the newest round of count calls.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCounts {
    /// The newest round started; answers to older rounds are ignored.
    seq: u64,
    /// The account counted: another account's numbers are never shown.
    account: Option<String>,
    /// One per status, in the API's order.
    pub entries: Vec<StatusCount>,
}

impl Default for StatusCounts {
    fn default() -> Self {
        StatusCounts {
            seq: 0,
            account: None,
            entries: Status::KNOWN
                .iter()
                .map(|status| StatusCount {
                    status: status.clone(),
                    count: Count::Loading,
                    refreshing: false,
                })
                .collect(),
        }
    }
}

impl StatusCounts {
    /// Whether any count is awaited.
    pub fn busy(&self) -> bool {
        self.entries.iter().any(|entry| entry.refreshing)
    }
}

/// A round of count calls starting, or one of its answers arriving.
#[derive(Debug, Clone, PartialEq)]
pub enum CountsAction {
    /// Round `seq` of count calls starts for the account `account` (the proxy's default
    /// when `None`).
    Started {
        /// The round.
        seq: u64,
        /// The account counted.
        account: Option<String>,
    },
    /// The answer of round `seq` for `status`: the count, or the error code.
    Answered {
        /// The round.
        seq: u64,
        /// The status counted.
        status: Status,
        /// The `TotalCount`, or the code of the error.
        answer: Result<i64, String>,
    },
}

impl Reducible for StatusCounts {
    type Action = CountsAction;

    fn reduce(self: Rc<Self>, action: CountsAction) -> Rc<Self> {
        match action {
            CountsAction::Started { seq, account } => {
                let mut next = if account == self.account {
                    (*self).clone()
                } else {
                    StatusCounts {
                        account,
                        ..StatusCounts::default()
                    }
                };
                next.seq = seq;
                for entry in &mut next.entries {
                    entry.refreshing = true;
                }
                Rc::new(next)
            }
            // An answer of an older round: a newer one is on its way.
            CountsAction::Answered { seq, .. } if seq != self.seq => self,
            CountsAction::Answered { status, answer, .. } => {
                let mut next = (*self).clone();
                if let Some(entry) = next.entries.iter_mut().find(|e| e.status == status) {
                    entry.count = match answer {
                        Ok(total) => Count::Known(total),
                        Err(code) => Count::Failed(code),
                    };
                    entry.refreshing = false;
                }
                Rc::new(next)
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
    use smc_core::TagFilter;

    fn filtered() -> DescribeReplicationJobs {
        DescribeReplicationJobs {
            name: Some("web".into()),
            region_id: Some("cn-hangzhou".into()),
            tags: vec![TagFilter {
                key: "env".into(),
                value: Some("prod".into()),
            }],
            status: Some(Status::Finished),
            page_number: Some(3),
            page_size: Some(20),
            ..DescribeReplicationJobs::default()
        }
    }

    fn reduce(
        state: StatusCounts,
        actions: impl IntoIterator<Item = CountsAction>,
    ) -> StatusCounts {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn answered(seq: u64, status: Status, answer: Result<i64, &str>) -> CountsAction {
        CountsAction::Answered {
            seq,
            status,
            answer: answer.map_err(str::to_owned),
        }
    }

    fn count_of(counts: &StatusCounts, status: Status) -> (Count, bool) {
        let entry = counts.entries.iter().find(|e| e.status == status).unwrap();
        (entry.count.clone(), entry.refreshing)
    }

    #[test]
    fn each_status_is_counted_with_the_other_filters_on_one_first_page_of_one() {
        let requests = count_requests(&filtered());
        assert_eq!(
            requests.iter().map(|(s, _)| s).collect::<Vec<_>>(),
            Status::KNOWN.iter().collect::<Vec<_>>()
        );
        let (_, running) = &requests[1];
        assert_eq!(
            running.to_query_string(),
            "RegionId=cn-hangzhou&Name=web&Status=Running&PageNumber=1&PageSize=1&Tag.1.Key=env&Tag.1.Value=prod"
        );
        for (status, request) in &requests {
            assert_eq!(request.status.as_ref(), Some(status));
            assert!(request.validate().is_ok(), "{status}");
            assert_eq!(counted_filters(request), counted_filters(&filtered()));
        }
    }

    #[test]
    fn paging_and_the_status_filter_do_not_change_what_is_counted() {
        let mut other_page = filtered();
        other_page.page_number = None;
        other_page.page_size = Some(50);
        other_page.status = Some(Status::Running);
        assert_eq!(counted_filters(&other_page), counted_filters(&filtered()));
        let mut other_name = filtered();
        other_name.name = Some("db".into());
        assert_ne!(counted_filters(&other_name), counted_filters(&filtered()));
    }

    #[test]
    fn counts_load_then_keep_their_number_while_refreshing() {
        let first = reduce(
            StatusCounts::default(),
            [CountsAction::Started {
                seq: 1,
                account: None,
            }],
        );
        assert!(first.busy());
        assert_eq!(count_of(&first, Status::Running), (Count::Loading, true));
        let known = reduce(
            first,
            [
                answered(1, Status::Running, Ok(12)),
                answered(1, Status::InError, Err("Throttling")),
            ],
        );
        assert_eq!(count_of(&known, Status::Running), (Count::Known(12), false));
        assert_eq!(
            count_of(&known, Status::InError),
            (Count::Failed("Throttling".into()), false)
        );
        assert_eq!(count_of(&known, Status::Ready), (Count::Loading, true));

        let refreshing = reduce(
            known,
            [CountsAction::Started {
                seq: 2,
                account: None,
            }],
        );
        assert_eq!(
            count_of(&refreshing, Status::Running),
            (Count::Known(12), true)
        );
        let refreshed = reduce(refreshing, [answered(2, Status::Running, Ok(13))]);
        assert_eq!(
            count_of(&refreshed, Status::Running),
            (Count::Known(13), false)
        );
    }

    #[test]
    fn a_late_answer_of_an_older_round_is_ignored() {
        let counts = reduce(
            StatusCounts::default(),
            [
                CountsAction::Started {
                    seq: 1,
                    account: None,
                },
                CountsAction::Started {
                    seq: 2,
                    account: None,
                },
                answered(2, Status::Running, Ok(5)),
                answered(1, Status::Running, Ok(99)),
                answered(1, Status::Ready, Ok(99)),
            ],
        );
        assert_eq!(count_of(&counts, Status::Running), (Count::Known(5), false));
        assert_eq!(count_of(&counts, Status::Ready), (Count::Loading, true));
    }

    #[test]
    fn another_account_starts_from_nothing() {
        let counts = reduce(
            StatusCounts::default(),
            [
                CountsAction::Started {
                    seq: 1,
                    account: Some("prod".into()),
                },
                answered(1, Status::Running, Ok(5)),
                CountsAction::Started {
                    seq: 2,
                    account: Some("test".into()),
                },
            ],
        );
        assert_eq!(count_of(&counts, Status::Running), (Count::Loading, true));
    }

    #[test]
    fn count_calls_stay_under_the_proxys_default_rate() {
        // smc-proxy's default: 5 upstream calls a second per account.
        let calls_per_second = 1000.0 / f64::from(COUNT_SPACING_MS);
        assert!(calls_per_second < 5.0, "{calls_per_second}");
        // Every count within about two seconds.
        assert!(COUNT_SPACING_MS as usize * (Status::KNOWN.len() - 1) <= 2_000);
    }
}
