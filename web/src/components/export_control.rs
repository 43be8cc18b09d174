//! Export buttons, with progress and cancel while every page is fetched.

use std::cell::Cell;
use std::rc::Rc;

use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Endpoint;
use crate::export::{download, fetch_all, ExportError, ExportFormat};

/// What the export control shows.
#[derive(Debug, Clone, PartialEq)]
enum ExportState {
    Idle,
    Running {
        format: ExportFormat,
        done: usize,
        pages: usize,
    },
    Failed(String),
    Done(usize),
}

/// The export's state and its buttons' callbacks, held by the app (see [`use_export`]).
pub struct Export {
    state: UseStateHandle<ExportState>,
    csv: Callback<MouseEvent>,
    json: Callback<MouseEvent>,
    cancel: Callback<MouseEvent>,
}

/// Export to CSV or JSON of every job matching the filters of `request` (its page and page
/// size are ignored), fetched from `endpoint`.
#[hook]
pub fn use_export(endpoint: Endpoint, request: DescribeReplicationJobs) -> Export {
    let export = use_state(|| ExportState::Idle);
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));

    let start = |format: ExportFormat| {
        let export = export.clone();
        let cancelled = cancelled.clone();
        let endpoint = endpoint.clone();
        let request = request.clone();
        Callback::from(move |_: MouseEvent| {
            let flag = Rc::new(Cell::new(false));
            *cancelled.borrow_mut() = flag.clone();
            export.set(ExportState::Running {
                format,
                done: 0,
                pages: 1,
            });
            let export = export.clone();
            let endpoint = endpoint.clone();
            let request = request.clone();
            spawn_local(async move {
                let progress = {
                    let export = export.clone();
                    move |done, pages| {
                        export.set(ExportState::Running {
                            format,
                            done,
                            pages,
                        })
                    }
                };
                let result = fetch_all(&endpoint, &request, progress, flag).await;
                export.set(match result {
                    Ok(jobs) => match download(format, &format.render(&jobs)) {
                        Ok(()) => ExportState::Done(jobs.len()),
                        Err(error) => ExportState::Failed(error),
                    },
                    // Cancel showed the buttons already, and another export may be running.
                    Err(ExportError::Cancelled) => return,
                    Err(ExportError::Api(error)) => {
                        ExportState::Failed(format!("{}: {}", error.code, error.message))
                    }
                });
            });
        })
    };
    let csv = start(ExportFormat::Csv);
    let json = start(ExportFormat::Json);
    let cancel = {
        let export = export.clone();
        Callback::from(move |_: MouseEvent| {
            cancelled.borrow().set(true);
            export.set(ExportState::Idle);
        })
    };
    Export {
        state: export,
        csv,
        json,
        cancel,
    }
}

/// The export buttons, or the progress of a running export with its cancel button.
pub fn export_control(export: &Export) -> Html {
    let Export {
        state,
        csv,
        json,
        cancel,
    } = export;
    match &**state {
        ExportState::Running {
            format,
            done,
            pages,
        } => html! {
            <div class="smcv-export" role="group" aria-label="Export">
                <label class="smcv-inline">
                    <span>{ format!("Exporting {} page {done} of {pages}", if *format == ExportFormat::Csv { "CSV" } else { "JSON" }) }</span>
                    <progress max={pages.to_string()} value={done.to_string()}></progress>
                </label>
                <button type="button" class="smcv-button" onclick={cancel.clone()}>{ "Cancel export" }</button>
            </div>
        },
        state => html! {
            <div class="smcv-export" role="group" aria-label="Export">
                <button type="button" class="smcv-button" onclick={csv.clone()}>{ "Export CSV" }</button>
                <button type="button" class="smcv-button" onclick={json.clone()}>{ "Export JSON" }</button>
                { match state {
                    ExportState::Failed(message) => html! { <span class="smcv-error-text" role="alert">{ format!("Export failed: {message}") }</span> },
                    ExportState::Done(count) => html! { <span class="smcv-muted">{ format!("Exported {count} jobs") }</span> },
                    _ => html! {},
                } }
            </div>
        },
    }
}
