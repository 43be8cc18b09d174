//! The view's state and every change to it, as named actions in one reducer: testable
//! without a browser, and the only place state changes.

use std::rc::Rc;

use smc_core::{
    ApiError, BusinessStatus, DescribeReplicationJobs, DescribeReplicationJobsResponse, JobType,
    Status,
};
use time::OffsetDateTime;
use yew::Reducible;

use crate::columns::{Column, Sort};
use crate::filters::{self, Filter, IdList};
use crate::page::Page;
use crate::paging::PageWindow;
use crate::url_state::UrlState;

/// What the last requests brought.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fetch {
    /// The newest request started; answers to older ones are ignored.
    pub seq: u64,
    /// Whether the newest request is still running.
    pub loading: bool,
    /// The last good page: it stays on screen under an error.
    pub page: Option<Page>,
    /// The request that produced `page`.
    pub page_request: Option<DescribeReplicationJobs>,
    /// When `page` arrived.
    pub loaded_at: Option<OffsetDateTime>,
    /// The newest request's error, if it failed.
    pub error: Option<ApiError>,
    /// Seconds until the throttled request is sent again: the rows stay meanwhile.
    pub retry_in: Option<u32>,
}

/// Everything the viewer shows, except preferences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    /// Filters, page number and page size: the request the next fetch sends.
    pub request: DescribeReplicationJobs,
    /// The account (proxy profile) looked at; the proxy's default when absent.
    pub profile: Option<String>,
    /// The job whose details are open.
    pub open_job: Option<String>,
    /// Things the person should know (dropped link parts, page corrections).
    pub notices: Vec<String>,
    /// The inline message under each id input, in `IdList::ALL` order.
    pub id_messages: [Option<String>; 3],
    /// The inline message under the tag input.
    pub tag_message: Option<String>,
    /// The current page's sort.
    pub sort: Option<Sort>,
    /// Data and its loading.
    pub fetch: Fetch,
    /// Bumped to fetch the same request again.
    pub refresh_token: u64,
    /// The id just copied to the clipboard: its copy button says so for a moment.
    pub copied: Option<String>,
}

/// Every change the viewer makes to its state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets or clears the name filter.
    SetName(String),
    /// Sets or clears the status filter.
    SetStatus(Option<Status>),
    /// Sets or clears the business status filter.
    SetBusinessStatus(Option<BusinessStatus>),
    /// Sets or clears the job type filter.
    SetJobType(Option<JobType>),
    /// Sets or clears the region filter.
    SetRegion(String),
    /// Sets or clears the resource group filter.
    SetResourceGroup(String),
    /// Adds typed or pasted ids to a list.
    AddIds(IdList, String),
    /// Adds a typed tag filter: `key=value`, `key=` (the empty value), `key` (any value)
    /// or `=value` (the empty key).
    AddTag(String),
    /// Removes one active filter.
    RemoveFilter(Filter),
    /// Removes every filter.
    ClearFilters,
    /// Shows a page.
    GoToPage(i64),
    /// Changes the page size, keeping the first job shown in view.
    SetPageSize(i64),
    /// Opens a job's details.
    OpenJob(String),
    /// Closes the details.
    CloseJob,
    /// Sorts the page by a column (again: the other way).
    SortBy(Column),
    /// Takes the state a URL holds (on load, back and forward).
    FromUrl(UrlState, Vec<String>),
    /// Adds a notice.
    Notice(String),
    /// Dismisses the notices.
    DismissNotices,
    /// An id was copied to the clipboard.
    Copied(String),
    /// The copy button of this id says "Copy" again.
    CopyShown(String),
    /// Fetches the same request again.
    Refresh,
    /// Looks at another account: its first page, with the same filters.
    SetProfile(Option<String>),
    /// The account looked at is not one the proxy offers: back to its default.
    ProfileUnavailable,
    /// A second of a throttled wait went by; the request is sent again when none is left.
    RetryTick,
    /// A fetch started.
    FetchStarted(u64),
    /// A fetch brought a page.
    FetchSucceeded(u64, Rc<DescribeReplicationJobsResponse>, OffsetDateTime),
    /// A fetch failed.
    FetchFailed(u64, ApiError),
    /// A fetch was throttled: it is sent again after this many seconds.
    FetchThrottled(u64, u32),
}

impl ViewState {
    /// A state showing `request` with nothing loaded yet.
    pub fn new(
        request: DescribeReplicationJobs,
        open_job: Option<String>,
        notices: Vec<String>,
    ) -> Self {
        ViewState {
            request,
            open_job,
            notices: notices.into_iter().map(dropped_notice).collect(),
            ..ViewState::default()
        }
    }

    /// Where the shown page stands: from the page's own numbers, or the request's.
    pub fn window(&self) -> PageWindow {
        let request = self.fetch.page_request.as_ref().unwrap_or(&self.request);
        let page = self.fetch.page.as_deref();
        PageWindow {
            page: page
                .and_then(|p| p.page_number)
                .unwrap_or_else(|| request.effective_page_number()),
            page_size: page
                .and_then(|p| p.page_size)
                .unwrap_or_else(|| request.effective_page_size()),
            total: page.and_then(|p| p.total_count).unwrap_or(0),
        }
    }

    /// The URL's part of the state.
    pub fn url_state(&self) -> UrlState {
        UrlState {
            request: self.request.clone(),
            open_job: self.open_job.clone(),
            profile: self.profile.clone(),
        }
    }

    /// Another account: nothing of the one before stays on screen, and its first page
    /// with the same filters is fetched next (also when a host's fixed account means the
    /// calls do not change, so the table is never left waiting).
    fn with_profile(mut self, profile: Option<String>) -> Self {
        if profile == self.profile {
            return self;
        }
        self.profile = profile;
        self.request.page_number = None;
        self.sort = None;
        self.open_job = None;
        self.fetch = Fetch {
            seq: self.fetch.seq,
            loading: true,
            ..Fetch::default()
        };
        self.refresh_token += 1;
        self
    }

    /// Whether any job on the shown page may still change by itself: auto-refresh polls then.
    pub fn has_active_jobs(&self) -> bool {
        self.fetch
            .page
            .as_ref()
            .is_some_and(|page| page.replication_jobs.iter().any(job_may_change))
    }

    /// A filter changed: show its first page.
    fn filtered(mut self, change: impl FnOnce(&mut DescribeReplicationJobs)) -> Self {
        change(&mut self.request);
        self.request.page_number = None;
        self.sort = None;
        self
    }
}

/// Running, waiting and deleting jobs change by themselves, and so does a job with a
/// business status (preparing, syncing, processing, cleaning) that has not stopped.
pub fn job_may_change(job: &smc_core::ReplicationJob) -> bool {
    let status = job.status.as_ref();
    let stopped = matches!(
        status,
        Some(Status::Finished | Status::Expired | Status::InError | Status::Stopped)
    );
    status.is_some_and(Status::is_active) || (job.business_status.is_some() && !stopped)
}

fn dropped_notice(part: String) -> String {
    format!("Ignored from the link: {part}")
}

fn non_empty(text: String) -> Option<String> {
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

impl Reducible for ViewState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let state = (*self).clone();
        let next = match action {
            Action::SetName(name) => state.filtered(|r| r.name = non_empty(name)),
            Action::SetStatus(status) => state.filtered(|r| r.status = status),
            Action::SetBusinessStatus(status) => state.filtered(|r| r.business_status = status),
            Action::SetJobType(job_type) => state.filtered(|r| r.job_type = job_type),
            Action::SetRegion(region) => state.filtered(|r| r.region_id = non_empty(region)),
            Action::SetResourceGroup(group) => {
                state.filtered(|r| r.resource_group_id = non_empty(group))
            }
            Action::AddIds(list, raw) => {
                let mut next = state;
                let index = IdList::ALL
                    .iter()
                    .position(|l| *l == list)
                    .unwrap_or_default();
                let mut request = next.request.clone();
                match filters::add_ids(&mut request, list, &raw) {
                    Ok(_) => {
                        next.id_messages[index] = None;
                        next.filtered(|r| *r = request)
                    }
                    Err(message) => {
                        next.id_messages[index] = Some(message);
                        next
                    }
                }
            }
            Action::AddTag(raw) => {
                let mut next = state;
                let mut request = next.request.clone();
                match filters::parse_tag(&raw).and_then(|tag| filters::add_tag(&mut request, tag)) {
                    Ok(_) => {
                        next.tag_message = None;
                        next.filtered(|r| *r = request)
                    }
                    Err(message) => {
                        next.tag_message = Some(message);
                        next
                    }
                }
            }
            Action::RemoveFilter(filter) => {
                let mut next = state.filtered(|r| filter.remove_from(r));
                next.id_messages = Default::default();
                next.tag_message = None;
                next
            }
            Action::ClearFilters => {
                let mut next = state.filtered(|r| *r = filters::clear_filters(r));
                next.id_messages = Default::default();
                next.tag_message = None;
                next
            }
            Action::GoToPage(page) => {
                let mut next = state;
                next.request.page_number = (page > 1).then_some(page);
                next.sort = None;
                next
            }
            Action::SetPageSize(size) => {
                let mut next = state;
                let first_shown = next.window().range().map_or(1, |(first, _)| first);
                let page = (first_shown - 1) / size.max(1) + 1;
                next.request.page_size = Some(size);
                next.request.page_number = (page > 1).then_some(page);
                next
            }
            Action::OpenJob(job) => ViewState {
                open_job: Some(job),
                ..state
            },
            Action::CloseJob => ViewState {
                open_job: None,
                ..state
            },
            Action::SortBy(column) => {
                let ascending = match state.sort {
                    Some(sort) if sort.column == column => !sort.ascending,
                    _ => true,
                };
                ViewState {
                    sort: Some(Sort { column, ascending }),
                    ..state
                }
            }
            Action::FromUrl(url, dropped) => {
                let mut next = state.with_profile(url.profile);
                if next.request != url.request {
                    next.sort = None;
                }
                next.request = url.request;
                next.open_job = url.open_job;
                next.notices.extend(dropped.into_iter().map(dropped_notice));
                next
            }
            Action::Notice(notice) => {
                let mut next = state;
                next.notices.push(notice);
                next
            }
            Action::DismissNotices => ViewState {
                notices: Vec::new(),
                ..state
            },
            Action::Copied(id) => ViewState {
                copied: Some(id),
                ..state
            },
            // A later copy keeps its own moment.
            Action::CopyShown(id) if state.copied.as_ref() == Some(&id) => ViewState {
                copied: None,
                ..state
            },
            Action::CopyShown(_) => state,
            Action::Refresh => {
                let mut next = state;
                next.refresh_token += 1;
                next.fetch.retry_in = None;
                next
            }
            Action::SetProfile(profile) => state.with_profile(profile),
            Action::ProfileUnavailable => {
                let Some(name) = state.profile.clone() else {
                    return self;
                };
                let mut next = state.with_profile(None);
                next.notices.push(format!(
                    "The account {name} is not one you may use here: showing the default account."
                ));
                next
            }
            Action::RetryTick => match state.fetch.retry_in {
                Some(left) if left > 1 => {
                    let mut next = state;
                    next.fetch.retry_in = Some(left - 1);
                    next
                }
                Some(_) => {
                    let mut next = state;
                    next.fetch.retry_in = None;
                    next.refresh_token += 1;
                    next
                }
                None => return self,
            },
            Action::FetchStarted(seq) => {
                let mut next = state;
                next.fetch.seq = seq;
                next.fetch.loading = true;
                next
            }
            Action::FetchSucceeded(seq, page, at) => {
                if seq != state.fetch.seq {
                    // An answer to an older request: a newer one is on its way.
                    return self;
                }
                let mut next = state;
                let window = PageWindow {
                    page: next.request.effective_page_number(),
                    page_size: next.request.effective_page_size(),
                    total: page.total_count.unwrap_or(0),
                };
                if page.replication_jobs.is_empty() && window.is_past_end() {
                    let last = window.last_page();
                    next.notices.push(format!(
                        "Page {} is past the end of the {} matching jobs: showing page {last}.",
                        window.page, window.total
                    ));
                    next.request.page_number = (last > 1).then_some(last);
                    return Rc::new(next);
                }
                next.fetch.loading = false;
                next.fetch.error = None;
                next.fetch.retry_in = None;
                next.fetch.page = Some(Page(page));
                next.fetch.page_request = Some(next.request.clone());
                next.fetch.loaded_at = Some(at);
                next
            }
            Action::FetchFailed(seq, error) => {
                if seq != state.fetch.seq {
                    return self;
                }
                let mut next = state;
                next.fetch.loading = false;
                next.fetch.error = Some(error);
                next.fetch.retry_in = None;
                next
            }
            Action::FetchThrottled(seq, seconds) => {
                if seq != state.fetch.seq {
                    return self;
                }
                let mut next = state;
                next.fetch.loading = false;
                next.fetch.error = None;
                next.fetch.retry_in = Some(seconds.max(1));
                next
            }
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::{ReplicationJob, TagFilter};

    fn reduce(state: ViewState, actions: impl IntoIterator<Item = Action>) -> ViewState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn page(total: i64, jobs: usize) -> Rc<DescribeReplicationJobsResponse> {
        Rc::new(DescribeReplicationJobsResponse {
            total_count: Some(total),
            replication_jobs: (0..jobs)
                .map(|i| ReplicationJob {
                    job_id: format!("j-{i}"),
                    ..ReplicationJob::default()
                })
                .collect(),
            ..DescribeReplicationJobsResponse::default()
        })
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH
    }

    #[test]
    fn a_copy_is_shown_until_its_own_moment_ends() {
        let copied = |actions: Vec<Action>| reduce(ViewState::default(), actions).copied;
        assert_eq!(
            copied(vec![Action::Copied("j-1".into())]),
            Some("j-1".into())
        );
        assert_eq!(
            copied(vec![
                Action::Copied("j-1".into()),
                Action::CopyShown("j-1".into())
            ]),
            None
        );
        // The first copy's moment ends while a second one is shown: the second stays.
        assert_eq!(
            copied(vec![
                Action::Copied("j-1".into()),
                Action::Copied("j-2".into()),
                Action::CopyShown("j-1".into())
            ]),
            Some("j-2".into())
        );
    }

    #[test]
    fn the_request_built_from_the_ui_is_the_expected_smc_core_request() {
        let state = reduce(
            ViewState::default(),
            [
                Action::SetName("  web-01 ".into()),
                Action::SetStatus(Some(Status::Running)),
                Action::SetBusinessStatus(Some(BusinessStatus::Syncing)),
                Action::SetJobType(Some(JobType::CrossZoneMigration)),
                Action::SetRegion("cn-hangzhou".into()),
                Action::SetResourceGroup("rg-acfm01".into()),
                Action::AddIds(IdList::JobId, "j-1, j-2".into()),
                Action::AddIds(IdList::SourceId, "s-1\ns-2".into()),
                Action::AddIds(IdList::InstanceId, "i-1".into()),
                Action::AddTag("env=prod".into()),
                Action::AddTag("team".into()),
                Action::AddTag("owner=".into()),
                Action::AddTag("=cmdb-import".into()),
                Action::SetPageSize(50),
            ],
        );
        let expected = DescribeReplicationJobs {
            region_id: Some("cn-hangzhou".into()),
            name: Some("web-01".into()),
            status: Some(Status::Running),
            business_status: Some(BusinessStatus::Syncing),
            job_type: Some(JobType::CrossZoneMigration),
            page_number: None,
            page_size: Some(50),
            job_ids: vec!["j-1".into(), "j-2".into()],
            source_ids: vec!["s-1".into(), "s-2".into()],
            instance_ids: vec!["i-1".into()],
            resource_group_id: Some("rg-acfm01".into()),
            tags: vec![
                TagFilter::with_value("env", "prod"),
                TagFilter::any_value("team"),
                TagFilter::with_value("owner", ""),
                TagFilter::with_value("", "cmdb-import"),
            ],
        };
        assert_eq!(state.request, expected);
    }

    #[test]
    fn a_filter_change_goes_back_to_the_first_page() {
        let state = reduce(
            ViewState::default(),
            [
                Action::GoToPage(4),
                Action::SetStatus(Some(Status::InError)),
            ],
        );
        assert_eq!(state.request.page_number, None);
    }

    #[test]
    fn broken_rules_show_at_the_input_and_change_nothing() {
        let state = reduce(
            ViewState::default(),
            [
                Action::AddTag("url=http://x".into()),
                Action::AddIds(IdList::SourceId, " ".into()),
            ],
        );
        assert_eq!(
            state.tag_message.as_deref(),
            Some("Tag.1.Value: must not contain http:// or https://")
        );
        assert!(state.id_messages[1]
            .as_deref()
            .unwrap_or_default()
            .contains("source server id"));
        assert_eq!(state.request, DescribeReplicationJobs::default());
        let fixed = reduce(state, [Action::AddTag("env=prod".into())]);
        assert_eq!(fixed.tag_message, None);
    }

    #[test]
    fn answers_out_of_order_never_overwrite_newer_ones() {
        let state = reduce(
            ViewState::default(),
            [
                Action::FetchStarted(1),
                Action::FetchStarted(2),
                Action::FetchSucceeded(2, page(2, 2), now()),
                Action::FetchSucceeded(1, page(99, 9), now()),
                Action::FetchFailed(1, ApiError::default()),
            ],
        );
        assert_eq!(
            state.fetch.page.as_ref().and_then(|p| p.total_count),
            Some(2)
        );
        assert_eq!(state.fetch.error, None);
        assert!(!state.fetch.loading);
    }

    #[test]
    fn an_error_keeps_the_last_good_page() {
        let error = ApiError {
            code: "InternalError".into(),
            ..ApiError::default()
        };
        let state = reduce(
            ViewState::default(),
            [
                Action::FetchStarted(1),
                Action::FetchSucceeded(1, page(5, 5), now()),
                Action::Refresh,
                Action::FetchStarted(2),
                Action::FetchFailed(2, error.clone()),
            ],
        );
        assert_eq!(state.fetch.error, Some(error));
        assert_eq!(
            state.fetch.page.map(|page| page.replication_jobs.len()),
            Some(5)
        );
        assert_eq!(state.refresh_token, 1);
    }

    #[test]
    fn a_page_past_the_end_moves_to_the_last_page_with_a_notice() {
        let start = ViewState::new(
            DescribeReplicationJobs {
                page_number: Some(9),
                page_size: Some(20),
                ..Default::default()
            },
            None,
            Vec::new(),
        );
        let state = reduce(
            start,
            [
                Action::FetchStarted(1),
                Action::FetchSucceeded(1, page(45, 0), now()),
            ],
        );
        assert_eq!(state.request.page_number, Some(3));
        assert!(state.fetch.loading);
        assert_eq!(
            state.notices,
            ["Page 9 is past the end of the 45 matching jobs: showing page 3."]
        );
    }

    #[test]
    fn an_invalid_link_is_cleaned_with_a_notice_naming_what_was_dropped() {
        let (url, dropped) = UrlState::parse("?Status=Running&PageSize=999", "#/nowhere");
        let expect = |state: &ViewState| {
            assert_eq!(state.request.status, Some(Status::Running));
            assert_eq!(state.request.page_size, None);
            assert_eq!(state.open_job, None);
            assert_eq!(state.notices.len(), 2, "{:?}", state.notices);
            assert!(state.notices[0].starts_with("Ignored from the link: PageSize=999: "));
            assert!(state.notices[1].starts_with("Ignored from the link: #/nowhere: "));
        };
        // A link opened, and a link reached by back or forward.
        expect(&ViewState::new(
            url.request.clone(),
            url.open_job.clone(),
            dropped.clone(),
        ));
        expect(&reduce(
            ViewState::default(),
            [Action::FromUrl(url, dropped)],
        ));
    }

    #[test]
    fn changing_the_page_size_keeps_the_first_job_in_view() {
        let start = ViewState::new(
            DescribeReplicationJobs {
                page_number: Some(3),
                page_size: Some(20),
                ..Default::default()
            },
            None,
            Vec::new(),
        );
        let loaded = reduce(
            start,
            [
                Action::FetchStarted(1),
                Action::FetchSucceeded(1, page(240, 20), now()),
            ],
        );
        // Jobs 41–60 were shown; with 50 a page, job 41 is on page 1.
        assert_eq!(
            reduce(loaded.clone(), [Action::SetPageSize(50)])
                .request
                .page_number,
            None
        );
        assert_eq!(
            reduce(loaded, [Action::SetPageSize(10)])
                .request
                .page_number,
            Some(5)
        );
    }

    #[test]
    fn sorting_toggles_direction_and_resets_on_new_data_requests() {
        let state = reduce(
            ViewState::default(),
            [
                Action::SortBy(Column::Progress),
                Action::SortBy(Column::Progress),
            ],
        );
        assert_eq!(
            state.sort,
            Some(Sort {
                column: Column::Progress,
                ascending: false
            })
        );
        let state = reduce(state, [Action::GoToPage(2)]);
        assert_eq!(state.sort, None);
    }

    #[test]
    fn only_pages_with_changing_jobs_ask_for_auto_refresh() {
        let job = |status: Status, business: Option<BusinessStatus>| ReplicationJob {
            status: Some(status),
            business_status: business,
            ..ReplicationJob::default()
        };
        assert!(job_may_change(&job(Status::Running, None)));
        assert!(job_may_change(&job(Status::Waiting, None)));
        assert!(job_may_change(&job(
            Status::Ready,
            Some(BusinessStatus::Preparing)
        )));
        assert!(!job_may_change(&job(
            Status::Finished,
            Some(BusinessStatus::Cleaning)
        )));
        assert!(!job_may_change(&job(Status::InError, None)));
    }

    #[test]
    fn clearing_filters_keeps_the_page_size_and_removes_messages() {
        let state = reduce(
            ViewState::default(),
            [
                Action::SetPageSize(20),
                Action::AddTag("env=prod".into()),
                Action::AddTag("".into()),
                Action::ClearFilters,
            ],
        );
        assert_eq!(
            state.request,
            DescribeReplicationJobs {
                page_size: Some(20),
                ..Default::default()
            }
        );
        assert_eq!(state.tag_message, None);
    }

    #[test]
    fn another_account_starts_on_its_first_page_with_the_same_filters_and_no_old_rows() {
        let state = reduce(
            ViewState::default(),
            [
                Action::SetStatus(Some(Status::Running)),
                Action::FetchStarted(1),
                Action::FetchSucceeded(1, page(30, 10), now()),
                Action::GoToPage(2),
                Action::OpenJob("j-1".into()),
                Action::FetchStarted(2),
                Action::SetProfile(Some("test".into())),
            ],
        );
        assert_eq!(state.profile.as_deref(), Some("test"));
        assert_eq!(state.request.status, Some(Status::Running));
        assert_eq!(state.request.page_number, None);
        assert_eq!(state.open_job, None);
        assert_eq!(state.fetch.page, None, "the other account's rows are gone");
        assert!(state.fetch.loading);
        assert_eq!(state.url_state().profile.as_deref(), Some("test"));
        // The answer for the account before, still on its way, is not shown as this one's.
        let late = reduce(
            state.clone(),
            [
                Action::FetchStarted(3),
                Action::FetchSucceeded(2, page(30, 10), now()),
            ],
        );
        assert_eq!(late.fetch.page, None);
        // Choosing the same account again changes nothing.
        let same = reduce(state.clone(), [Action::SetProfile(Some("test".into()))]);
        assert_eq!(same, state);
    }

    #[test]
    fn an_account_the_proxy_does_not_offer_falls_back_to_the_default_with_a_notice() {
        let state = reduce(
            ViewState::default(),
            [
                Action::SetProfile(Some("gone".into())),
                Action::ProfileUnavailable,
            ],
        );
        assert_eq!(state.profile, None);
        assert_eq!(
            state.notices,
            ["The account gone is not one you may use here: showing the default account."]
        );
        let default = reduce(ViewState::default(), [Action::ProfileUnavailable]);
        assert_eq!(default, ViewState::default());
    }

    #[test]
    fn a_throttled_fetch_keeps_the_rows_counts_down_and_fetches_again() {
        let shown = reduce(
            ViewState::default(),
            [
                Action::FetchStarted(1),
                Action::FetchSucceeded(1, page(3, 3), now()),
                Action::Refresh,
                Action::FetchStarted(2),
                Action::FetchThrottled(2, 2),
            ],
        );
        assert_eq!(shown.fetch.retry_in, Some(2));
        assert_eq!(shown.fetch.error, None);
        assert!(!shown.fetch.loading);
        assert_eq!(shown.fetch.page.as_ref().unwrap().replication_jobs.len(), 3);
        let token = shown.refresh_token;
        let ticked = reduce(shown.clone(), [Action::RetryTick]);
        assert_eq!(ticked.fetch.retry_in, Some(1));
        assert_eq!(ticked.refresh_token, token);
        let retried = reduce(ticked, [Action::RetryTick]);
        assert_eq!(retried.fetch.retry_in, None);
        assert_eq!(retried.refresh_token, token + 1, "sent again at zero");
        assert!(retried.fetch.page.is_some());
        // A tick with no wait running changes nothing; an answer ends the wait.
        assert_eq!(reduce(retried.clone(), [Action::RetryTick]), retried);
        let answered = reduce(
            shown,
            [
                Action::FetchStarted(3),
                Action::FetchSucceeded(3, page(3, 3), now()),
            ],
        );
        assert_eq!(answered.fetch.retry_in, None);
    }
}
