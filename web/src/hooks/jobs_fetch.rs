//! The list of jobs, fetched again whenever the request changes or a refresh is asked for.

use std::rc::Rc;

use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page_or_wait, Endpoint, Refusal};
use crate::format::now;
use crate::state::{Action, ViewState};

/// Fetches `request` from `endpoint` whenever either or `refresh_token` changes, and tells
/// the state with `dispatch`; a throttled answer tells how long to wait. Every fetch has a number, one more than the last, and the state
/// keeps only the answer to the newest: a late answer never overwrites a newer one.
#[hook]
pub fn use_jobs_fetch(
    endpoint: Endpoint,
    request: DescribeReplicationJobs,
    refresh_token: u64,
    dispatch: UseReducerDispatcher<ViewState>,
) {
    let last_seq = use_mut_ref(|| 0u64);
    use_effect_with(
        (endpoint, request, refresh_token),
        move |(endpoint, request, _)| {
            let seq = {
                let mut last = last_seq.borrow_mut();
                *last += 1;
                *last
            };
            let endpoint = endpoint.clone();
            let request = request.clone();
            let answer = dispatch.clone();
            // Queued before the state changes, so the request leaves before the "loading"
            // render rather than after it.
            spawn_local(async move {
                answer.dispatch(match fetch_page_or_wait(&endpoint, &request).await {
                    Ok(page) => Action::FetchSucceeded(seq, Rc::new(page), now()),
                    Err(Refusal {
                        retry_after: Some(seconds),
                        ..
                    }) => Action::FetchThrottled(seq, seconds),
                    Err(Refusal { error, .. }) => Action::FetchFailed(seq, error),
                });
            });
            dispatch.dispatch(Action::FetchStarted(seq));
        },
    );
}
