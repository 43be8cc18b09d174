//! The list of jobs, fetched again whenever the request changes or a refresh is asked for.

use std::rc::Rc;

use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page, Endpoint};
use crate::format::now;
use crate::state::{Action, ViewState};

/// Fetches `request` from `endpoint` whenever it or `refresh_token` changes, and tells the
/// state with `dispatch`. Every fetch has a number, one more than the last, and the state
/// keeps only the answer to the newest: a late answer never overwrites a newer one.
#[hook]
pub fn use_jobs_fetch(
    endpoint: Endpoint,
    request: DescribeReplicationJobs,
    refresh_token: u64,
    dispatch: UseReducerDispatcher<ViewState>,
) {
    let last_seq = use_mut_ref(|| 0u64);
    use_effect_with((request, refresh_token), move |(request, _)| {
        let seq = {
            let mut last = last_seq.borrow_mut();
            *last += 1;
            *last
        };
        let request = request.clone();
        let answer = dispatch.clone();
        // Queued before the state changes, so the request leaves before the "loading"
        // render rather than after it.
        spawn_local(async move {
            match fetch_page(&endpoint, &request).await {
                Ok(page) => answer.dispatch(Action::FetchSucceeded(seq, Rc::new(page), now())),
                Err(error) => answer.dispatch(Action::FetchFailed(seq, error)),
            }
        });
        dispatch.dispatch(Action::FetchStarted(seq));
    });
}
