//! Export buttons, with progress and cancel while every page is fetched.

use std::cell::Cell;
use std::rc::Rc;

use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Endpoint;
use crate::export::{download, fetch_all, ExportError, ExportFormat};
use crate::format::now;
use crate::progress_log::ProgressLog;

/// Where the export fetches from, and what.
#[derive(Properties, PartialEq)]
pub struct ExportControlProps {
    /// The proxy's browser API.
    pub endpoint: Endpoint,
    /// The request whose filters are exported (its page and page size are not).
    pub request: DescribeReplicationJobs,
    /// The progress seen, for the time left of running jobs in CSV.
    #[prop_or_default]
    pub progress: Rc<ProgressLog>,
}

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

/// Export to CSV or JSON of every job matching the filters: the buttons, or the progress of
/// a running export with its cancel button.
#[function_component]
pub fn ExportControl(props: &ExportControlProps) -> Html {
    let export = use_state(|| ExportState::Idle);
    // The running export's own flag: Cancel sets it, and that export then neither reports
    // progress nor its end, which leaves the state to whatever came after it.
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));

    let start = |format: ExportFormat| {
        let export = export.clone();
        let cancelled = cancelled.clone();
        let endpoint = props.endpoint.clone();
        let request = props.request.clone();
        let seen = props.progress.clone();
        Callback::from(move |_: MouseEvent| {
            let flag = Rc::new(Cell::new(false));
            *cancelled.borrow_mut() = flag.clone();
            export.set(ExportState::Running {
                format,
                done: 0,
                pages: 1,
            });
            let export = export.clone();
            let seen = seen.clone();
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
                let ended = match fetch_all(&endpoint, &request, progress, flag).await {
                    Ok(jobs) => {
                        let at = now();
                        let content = format.render(&jobs, |job| seen.time_left(job, at));
                        match download(format, &content) {
                            Ok(()) => ExportState::Done(jobs.len()),
                            Err(error) => ExportState::Failed(error),
                        }
                    }
                    Err(ExportError::Cancelled) => return,
                    Err(ExportError::Api(error)) => {
                        ExportState::Failed(format!("{}: {}", error.code, error.message))
                    }
                };
                export.set(ended);
            });
        })
    };
    let on_csv = start(ExportFormat::Csv);
    let on_json = start(ExportFormat::Json);
    let on_cancel = {
        let export = export.clone();
        Callback::from(move |_: MouseEvent| {
            cancelled.borrow().set(true);
            export.set(ExportState::Idle);
        })
    };

    match &*export {
        ExportState::Running {
            format,
            done,
            pages,
        } => html! {
            <div class="smcv-export" role="group" aria-label="Export">
                <label class="smcv-inline">
                    <span>{ format!("Exporting {} page {done} of {pages}", format.label()) }</span>
                    <progress max={pages.to_string()} value={done.to_string()}></progress>
                </label>
                <button type="button" class="smcv-button" onclick={on_cancel}>{ "Cancel export" }</button>
            </div>
        },
        ended => html! {
            <div class="smcv-export" role="group" aria-label="Export">
                <button type="button" class="smcv-button" onclick={on_csv}>{ "Export CSV" }</button>
                <button type="button" class="smcv-button" onclick={on_json}>{ "Export JSON" }</button>
                if let ExportState::Failed(message) = ended {
                    <span class="smcv-error-text" role="alert">{ format!("Export failed: {message}") }</span>
                }
                if let ExportState::Done(count) = ended {
                    <span class="smcv-muted">{ format!("Exported {count} jobs") }</span>
                }
            </div>
        },
    }
}
