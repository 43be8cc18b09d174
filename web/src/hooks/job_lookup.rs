//! The open job, from the shown page or fetched by itself.

use std::rc::Rc;

use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page, Endpoint};
use crate::job_lookup::{JobLookup, Lookup, LookupAction};
use crate::page::Page;

/// What to show of `job_id`: the job on `page` when it is there, else the job fetched by
/// itself from `endpoint` (a deep link, or the page moved on). Only the answer for the job
/// asked for last is shown: a slower answer for a job opened before is dropped.
#[hook]
pub fn use_job_lookup(job_id: AttrValue, page: Option<Page>, endpoint: Endpoint) -> Lookup {
    let fetched = use_reducer(JobLookup::default);
    let on_page = page.as_ref().and_then(|page| page.find(&job_id));
    {
        let dispatcher = fetched.dispatcher();
        let missing = on_page.is_none().then(|| job_id.clone());
        use_effect_with(missing, move |missing| {
            if let Some(job_id) = missing {
                let job_id = job_id.to_string();
                dispatcher.dispatch(LookupAction::Ask(job_id.clone()));
                let request = DescribeReplicationJobs {
                    job_ids: vec![job_id.clone()],
                    ..DescribeReplicationJobs::default()
                };
                spawn_local(async move {
                    let answer = fetch_page(&endpoint, &request).await.map(Rc::new);
                    dispatcher.dispatch(LookupAction::Answer(job_id, answer));
                });
            }
        });
    }
    on_page.map_or_else(|| fetched.for_job(&job_id), Lookup::Found)
}
