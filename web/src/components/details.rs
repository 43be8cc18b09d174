//! A job's details, opened from a row or by a deep link (`#/jobs/<JobId>`).

use yew::prelude::*;

use std::rc::Rc;

use time::OffsetDateTime;

use crate::api::Endpoint;
use crate::components::{JobDetails, WatchToggle};
use crate::format::Zone;
use crate::hooks::{use_escape_key, use_focus_back_to_row, use_job_lookup, use_texts};
use crate::job_lookup::Lookup;
use crate::page::Page;
use crate::progress_log::ProgressLog;
use crate::state::{job_may_change, Action};

/// The job to show, and where to find it.
#[derive(Properties, PartialEq)]
pub struct DetailsPanelProps {
    /// The open job's id.
    pub job_id: AttrValue,
    /// The shown page: the job is taken from it when it is there.
    pub page: Option<Page>,
    /// Where a job that is not on the page is fetched from.
    pub endpoint: Endpoint,
    /// The zone of times.
    pub zone: Zone,
    /// The text just copied (its copy button says so).
    pub copied: Option<String>,
    /// Told to close the panel, to filter by a tag, and of copies.
    pub dispatch: Callback<Action>,
    /// The progress seen, for the time left and the rate.
    #[prop_or_default]
    pub progress: Rc<ProgressLog>,
    /// Now, for the time left.
    #[prop_or(OffsetDateTime::UNIX_EPOCH)]
    pub now: OffsetDateTime,
    /// Whether the job is watched.
    #[prop_or_default]
    pub watched: bool,
    /// Told the JobId to watch, or to stop watching.
    #[prop_or_default]
    pub on_watch: Callback<String>,
}

/// The details panel, beside the list on a wide viewer and over it on a narrow one. It
/// takes the focus when a job opens, Escape closes it, and the focus then goes back to
/// the job's row.
#[function_component]
pub fn DetailsPanel(props: &DetailsPanelProps) -> Html {
    let texts = use_texts();
    let job_id = &props.job_id;
    let lookup = use_job_lookup(job_id.clone(), props.page.clone(), props.endpoint.clone());
    let heading = use_node_ref();
    let panel = use_node_ref();
    use_focus_back_to_row(panel.clone(), job_id.clone());
    {
        let heading = heading.clone();
        use_effect_with(job_id.clone(), move |_| {
            if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    use_escape_key(props.dispatch.reform(|_| Action::CloseJob));

    let watchable = match &lookup {
        Lookup::Found(job) => props.watched || job_may_change(job),
        _ => false,
    };
    let on_toggle = {
        let id = job_id.to_string();
        props.on_watch.reform(move |()| id.clone())
    };
    let title = match &lookup {
        Lookup::Found(job) if !job.name.is_empty() => job.name.clone(),
        _ => job_id.to_string(),
    };
    let body = match lookup {
        Lookup::Loading => html! { <p class="smcv-muted">{ texts.loading_job }</p> },
        Lookup::Missing => {
            html! { <p>{ (texts.no_such_job)(job_id) }</p> }
        }
        Lookup::Failed(message) => {
            html! { <p class="smcv-error-text" role="alert">{ message }</p> }
        }
        Lookup::Found(job) => {
            let time_left = props.progress.time_left(&job, props.now);
            html! {
                <JobDetails {job} zone={props.zone} copied={props.copied.clone()} dispatch={props.dispatch.clone()}
                    {time_left} now={props.now} />
            }
        }
    };
    let heading_id = format!("details-{job_id}");
    html! {
        <aside class="smcv-details" ref={panel} aria-labelledby={heading_id.clone()}>
            <header class="smcv-details__header">
                <h2 id={heading_id} tabindex="-1" ref={heading}>{ title }</h2>
                if watchable {
                    <WatchToggle pressed={props.watched} label={texts.watch} show_label=true {on_toggle} />
                }
                <button type="button" class="smcv-button" onclick={props.dispatch.reform(|_| Action::CloseJob)}
                    aria-label={texts.close_details}>{ texts.close }</button>
            </header>
            { body }
        </aside>
    }
}
