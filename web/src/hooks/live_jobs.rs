//! What the viewer learns from the pages as they arrive: progress for the time left, the
//! watched jobs (kept in `sessionStorage` for the tab's life), and a notification for each
//! watched job that ends, also after it left the page (asked for by its id).

use gloo::storage::{SessionStorage, Storage};
use smc_core::{DescribeReplicationJobs, Status};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::api::{fetch_page, Endpoint};
use crate::format::now;
use crate::i18n::Lang;
use crate::live::{LiveAction, LiveJobs};
use crate::notify;
use crate::page::Page;
use crate::watch::Watchlist;

const WATCHED_KEY: &str = "smc-viewer.watched";

/// Feeds every page that arrives (`page`, of `request`, at `arrived`) to the live
/// reducer, asks `endpoint` for the watched jobs that may still end but are not on it,
/// keeps the watchlist in `sessionStorage`, and notifies (in `lang`) when a watched job
/// ends.
#[hook]
pub fn use_live_jobs(
    page: Option<Page>,
    request: Option<DescribeReplicationJobs>,
    arrived: Option<OffsetDateTime>,
    lang: Lang,
    endpoint: Endpoint,
) -> UseReducerHandle<LiveJobs> {
    let live = use_reducer(|| {
        LiveJobs::new(SessionStorage::get::<Watchlist>(WATCHED_KEY).unwrap_or_default())
    });
    {
        let live = live.clone();
        // The three change together, when a page arrives.
        use_effect_with((page, request, arrived), move |(page, request, arrived)| {
            let (Some(page), Some(request), Some(arrived)) = (page, request, arrived) else {
                return;
            };
            let elsewhere = live.watched_elsewhere(&page.replication_jobs);
            let dispatcher = live.dispatcher();
            dispatcher.dispatch(LiveAction::PageArrived(
                page.clone(),
                request.clone(),
                *arrived,
            ));
            if elsewhere.is_empty() {
                return;
            }
            let by_id = DescribeReplicationJobs {
                region_id: request.region_id.clone(),
                page_size: Some(smc_core::request::MAX_PAGE_SIZE),
                job_ids: elsewhere,
                ..DescribeReplicationJobs::default()
            };
            wasm_bindgen_futures::spawn_local(async move {
                // A failure here changes nothing: the next page asks again.
                if let Ok(found) = fetch_page(&endpoint, &by_id).await {
                    dispatcher.dispatch(LiveAction::WatchedJobsArrived(
                        found.replication_jobs,
                        now(),
                    ));
                }
            });
        });
    }
    use_effect_with(live.watchlist.clone(), |watchlist| {
        let _ = SessionStorage::set(WATCHED_KEY, watchlist);
    });
    let notified = use_mut_ref(|| 0u64);
    {
        let live = live.clone();
        use_effect_with(live.last_ending, move |_| {
            let texts = lang.texts();
            let mut notified = notified.borrow_mut();
            let already = *notified;
            for (number, ending) in live.endings.iter().filter(|(n, _)| *n > already) {
                let name = if ending.name.is_empty() {
                    &ending.job_id
                } else {
                    &ending.name
                };
                let (title, body) = match ending.status {
                    Status::Finished => (
                        (texts.notification_finished_title)(name),
                        (texts.notification_finished_body)(&ending.job_id),
                    ),
                    _ => (
                        (texts.notification_failed_title)(name),
                        (texts.notification_failed_body)(&ending.job_id),
                    ),
                };
                notify::show(&title, &body, &ending.job_id);
                *notified = *number;
            }
        });
    }
    live
}
