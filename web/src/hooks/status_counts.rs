//! The number of matching jobs in each status, fetched after the list.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page_or_wait, Endpoint};
use crate::status_counts::{
    count_requests, counted_filters, CountsAction, StatusCounts, COUNT_SPACING_MS,
};

/// The counts of every status among the jobs `request` filters, from `endpoint` (its
/// account). They are fetched once the list has answered (`list_answered`), so the list
/// goes first, and again when the filters, the account or `refresh_token` change; paging
/// alone does not count again. The calls are spaced to stay under the proxy's rate, a
/// round stops sending when a newer one starts, and answers of an older round are ignored.
#[hook]
pub fn use_status_counts(
    endpoint: Endpoint,
    request: &DescribeReplicationJobs,
    refresh_token: u64,
    list_answered: bool,
) -> StatusCounts {
    let counts = use_reducer(StatusCounts::default);
    let newest = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    let last_counted = use_mut_ref(|| None);
    let dispatcher = counts.dispatcher();
    let key = (endpoint, counted_filters(request), refresh_token);
    use_effect_with((key, list_answered), move |(key, answered)| {
        if !*answered || last_counted.borrow().as_ref() == Some(key) {
            return;
        }
        *last_counted.borrow_mut() = Some(key.clone());
        let newest = Rc::clone(&newest.borrow());
        let seq = newest.get() + 1;
        newest.set(seq);
        let (endpoint, filters, _) = key.clone();
        dispatcher.dispatch(CountsAction::Started {
            seq,
            account: endpoint.profile.clone(),
        });
        // One call every COUNT_SPACING_MS, each answered on its own: the calls overlap
        // when upstream is slow, and never go faster than the spacing.
        spawn_local(async move {
            for (n, (status, request)) in count_requests(&filters).into_iter().enumerate() {
                if n > 0 {
                    TimeoutFuture::new(COUNT_SPACING_MS).await;
                }
                if newest.get() != seq {
                    return;
                }
                let endpoint = endpoint.clone();
                let dispatcher = dispatcher.clone();
                spawn_local(async move {
                    let answer = match fetch_page_or_wait(&endpoint, &request).await {
                        Ok(page) => page
                            .total_count
                            .ok_or_else(|| "Viewer.MalformedResponse".to_owned()),
                        Err(refusal) => Err(refusal.error.code),
                    };
                    dispatcher.dispatch(CountsAction::Answered {
                        seq,
                        status,
                        answer,
                    });
                });
            }
        });
    });
    (*counts).clone()
}
