//! One job as a row of the table.

use smc_core::Tag;
use time::OffsetDateTime;
use yew::prelude::*;

use crate::columns::{last_run_start, odd_run_start, Column};
use crate::components::cells::{
    id_text, job_type_text, odd_cell, odd_field_value, progress_cell, status_indicator,
    target_text, time_cell,
};
use crate::components::time_left::time_left_view;
use crate::components::WatchToggle;
use crate::components::{CopyButton, TagChips};
use crate::filters::tag_label;
use crate::format::Zone;
use crate::hooks::use_texts;
use crate::page::PageJob;
use crate::state::{job_may_change, Action};
use crate::time_left::Estimate;

/// The job a row shows, and how.
#[derive(Properties, PartialEq)]
pub struct JobRowProps {
    /// The job.
    pub job: PageJob,
    /// The columns shown.
    pub columns: Vec<Column>,
    /// The zone of exact times.
    pub zone: Zone,
    /// Now, for relative times.
    pub now: OffsetDateTime,
    /// Whether the job's details are open.
    pub selected: bool,
    /// Whether the job's id was just copied.
    pub copied: bool,
    /// Told to open the job, to filter by a tag, and of copies.
    pub dispatch: Callback<Action>,
    /// The job's time left (`None` when it does not run).
    #[prop_or_default]
    pub time_left: Option<Estimate>,
    /// Whether the job is watched.
    #[prop_or_default]
    pub watched: bool,
    /// Told the JobId to watch, or to stop watching.
    #[prop_or_default]
    pub on_watch: Callback<String>,
}

/// How many tag chips a row shows before `+N`.
const ROW_TAGS: usize = 2;

/// A row: the name opens the details, tags filter, the id copies. Each cell carries its
/// column (`smcv-col--status`) and label (`data-label`), which narrow screens show as a
/// card.
#[function_component]
pub fn JobRow(props: &JobRowProps) -> Html {
    let texts = use_texts();
    let job = &props.job;
    let name = if job.name.is_empty() {
        texts.unnamed.to_owned()
    } else {
        job.name.clone()
    };
    let open = {
        let id = job.job_id.clone();
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::OpenJob(id.clone()))
    };
    let on_tag = props
        .dispatch
        .reform(|tag: Tag| Action::AddTag(tag_label(&tag)));
    let content = |column: &Column| -> Html {
        // A value that arrived in a form the viewer cannot read is shown as it arrived (the
        // name stays the row's button).
        if let Some(odd) = column
            .wire_field()
            .filter(|_| *column != Column::Name)
            .and_then(|field| odd_cell(job, field, texts))
        {
            return odd;
        }
        match column {
            Column::Name => html! {
                <>
                    <button type="button" class="smcv-link" onclick={open.clone()} title={name.clone()}
                        aria-label={(texts.open_details_of)(&name)}>{ name.clone() }</button>
                    <span class="smcv-id">
                        { id_text(&job.job_id) }
                        <CopyButton text={job.job_id.clone()} what={texts.copy_what_job_id} copied={props.copied}
                            dispatch={props.dispatch.clone()} />
                    </span>
                </>
            },
            Column::Status => status_indicator(job.status.as_ref(), texts),
            Column::BusinessStatus => {
                html! { job.business_status.as_ref().map_or("–", |s| texts.business_status_name(s)).to_owned() }
            }
            Column::Progress => progress_cell(job.progress, (texts.progress_of)(&name)),
            Column::TimeLeft => {
                let watchable = props.watched || job_may_change(job);
                let on_toggle = {
                    let id = job.job_id.clone();
                    props.on_watch.reform(move |()| id.clone())
                };
                html! {
                    <>
                        { time_left_view(props.time_left, props.now, texts) }
                        if watchable {
                            <WatchToggle pressed={props.watched} label={(texts.watch_job)(&name)} {on_toggle} />
                        }
                    </>
                }
            }
            Column::Source => id_text(&job.source_id),
            Column::Target => target_text(job, texts),
            Column::JobType => job_type_text(job.job_type, texts),
            Column::Region => html! { job.region_id.clone() },
            Column::Created => time_cell(job.creation_time, props.zone, props.now, texts),
            Column::LastRun => match odd_run_start(job) {
                Some(odd) => odd_field_value(odd, texts),
                None => time_cell(last_run_start(job), props.zone, props.now, texts),
            },
            Column::Tags => html! {
                <TagChips tags={job.tags.clone()} on_select={on_tag.clone()} limit={ROW_TAGS} />
            },
        }
    };
    let cell = |column: &Column| -> Html {
        let class = classes!(
            format!("smcv-col--{}", column.key()),
            (*column == Column::TimeLeft).then_some("smcv-cell-time-left")
        );
        if *column == Column::Name {
            html! { <th scope="row" {class}>{ content(column) }</th> }
        } else {
            html! { <td {class} data-label={column.label(texts)}>{ content(column) }</td> }
        }
    };
    html! {
        <tr class={classes!(props.selected.then_some("smcv-row--selected"))}
            aria-selected={props.selected.then_some("true")} data-job-id={job.job_id.clone()}>
            { for props.columns.iter().map(cell) }
        </tr>
    }
}
