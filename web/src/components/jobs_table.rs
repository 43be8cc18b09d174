//! The jobs table: one row per job, sortable headers, skeleton rows and empty states.

use smc_core::ReplicationJob;
use time::OffsetDateTime;
use yew::prelude::*;

use crate::columns::{last_run_start, sorted_jobs, target_summary, Column, Sort};
use crate::components::{copy_button, progress_cell, status_indicator, tag_chips, time_cell};
use crate::filters::tag_label;
use crate::format::Zone;
use crate::page::Page;
use crate::state::Action;

/// What the table shows.
#[derive(Debug, Clone, PartialEq)]
pub struct JobsTableProps {
    /// The page shown, once one has arrived.
    pub page: Option<Page>,
    /// The columns shown.
    pub columns: Vec<Column>,
    /// The page's sort.
    pub sort: Option<Sort>,
    /// The zone of exact times.
    pub zone: Zone,
    /// Whether a page is loading.
    pub loading: bool,
    /// Whether filters are set (an empty result then means "no match", not "no jobs").
    pub filtered: bool,
    /// Rows a page holds, for the skeleton.
    pub page_size: i64,
    /// The job whose details are open.
    pub selected: Option<String>,
    /// Now, for relative times.
    pub now: OffsetDateTime,
    /// The id just copied (its copy button says so).
    pub copied: Option<String>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The table: a function of the app's state, not a component of its own (a component costs
/// about 1 KB of the gzip bundle in Yew's lifecycle code).
pub fn jobs_table(props: &JobsTableProps) -> Html {
    let now = props.now;
    let columns = &props.columns;
    let jobs = sorted_jobs(props.page.as_ref(), props.sort);
    let body = if props.page.is_none() && props.loading {
        skeleton_rows(columns.len(), props.page_size.clamp(1, 10) as usize)
    } else if props.page.is_some() && jobs.is_empty() {
        empty_row(columns.len(), props.filtered, &props.dispatch)
    } else {
        html! { <>{ for jobs.into_iter().map(|job| row(job, props, now)) }</> }
    };
    html! {
        <div class="smcv-table-wrap">
            if let Some(sort) = props.sort {
                <p class="smcv-sort-note">
                    { format!("Sorted by {} ({}) on this page only: the API returns jobs newest first and cannot sort.",
                        sort.column.label(), if sort.ascending { "ascending" } else { "descending" }) }
                </p>
            }
            // CLASS, not class: see "Dynamic classes" in components/mod.rs.
            <table CLASS={if props.loading { "smcv-table smcv-table--busy" } else { "smcv-table" }}
                aria-busy={props.loading.to_string()}>
                <caption class="smcv-sr-only">{ "Migration jobs. Sorting a column sorts the current page only." }</caption>
                <thead>
                    <tr>{ for columns.iter().map(|column| header(*column, props)) }</tr>
                </thead>
                <tbody>{ body }</tbody>
            </table>
        </div>
    }
}

fn header(column: Column, props: &JobsTableProps) -> Html {
    let sorted = props.sort.filter(|sort| sort.column == column);
    let aria_sort = sorted.map(|sort| {
        if sort.ascending {
            "ascending"
        } else {
            "descending"
        }
    });
    if !column.sortable() {
        return html! { <th scope="col">{ column.label() }</th> };
    }
    let arrow = match sorted {
        Some(Sort {
            ascending: true, ..
        }) => "▲",
        Some(Sort {
            ascending: false, ..
        }) => "▼",
        None => "↕",
    };
    html! {
        <th scope="col" aria-sort={aria_sort}>
            <button type="button" class="smcv-sort" onclick={props.dispatch.reform(move |_| Action::SortBy(column))}
                title="Sort this page">
                { column.label() }
                <span class="smcv-sort__arrow" aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}

fn row(job: &ReplicationJob, props: &JobsTableProps, now: OffsetDateTime) -> Html {
    let selected = props.selected.as_deref() == Some(job.job_id.as_str());
    let open = {
        let id = job.job_id.clone();
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::OpenJob(id.clone()))
    };
    let on_tag = props
        .dispatch
        .reform(|tag: smc_core::Tag| Action::AddTag(tag_label(&tag)));
    let name = if job.name.is_empty() {
        "(unnamed)".to_owned()
    } else {
        job.name.clone()
    };
    let cell = |column: &Column| -> Html {
        match column {
            Column::Name => html! {
                <th scope="row" class="smcv-cell-name">
                    <button type="button" class="smcv-link" onclick={open.clone()}
                        aria-label={format!("Open details of {name}")}>{ name.clone() }</button>
                    <span class="smcv-id">
                        <code>{ job.job_id.clone() }</code>
                        { copy_button(&job.job_id, "job ID", props.copied.as_ref() == Some(&job.job_id), &props.dispatch) }
                    </span>
                </th>
            },
            Column::Status => html! { <td>{ status_indicator(job.status.as_ref()) }</td> },
            Column::BusinessStatus => html! {
                <td>{ job.business_status.as_ref().map_or("–".to_owned(), |s| s.label().to_owned()) }</td>
            },
            Column::Progress => html! {
                <td>{ progress_cell(job.progress, format!("Progress of {name}")) }</td>
            },
            Column::Source => html! { <td><code>{ job.source_id.clone() }</code></td> },
            Column::Target => html! { <td>{ target_summary(job) }</td> },
            Column::JobType => html! { <td>{ job.job_type.map_or("–", |t| t.label()) }</td> },
            Column::Region => html! { <td>{ job.region_id.clone() }</td> },
            Column::Created => {
                html! { <td>{ time_cell(job.creation_time, props.zone, now) }</td> }
            }
            Column::LastRun => {
                html! { <td>{ time_cell(last_run_start(job), props.zone, now) }</td> }
            }
            Column::Tags => {
                html! { <td>{ tag_chips(&job.tags, Some(&on_tag)) }</td> }
            }
        }
    };
    html! {
        // CLASS, not class: see "Dynamic classes" in components/mod.rs.
        <tr key={job.job_id.clone()} CLASS={selected.then_some("smcv-row--selected")}
            aria-selected={selected.then_some("true")}>
            { for props.columns.iter().map(cell) }
        </tr>
    }
}

fn skeleton_rows(columns: usize, rows: usize) -> Html {
    html! {
        { for (0..rows).map(|row| html! {
            <tr key={format!("skeleton-{row}")} class="smcv-skeleton" aria-hidden="true">
                { for (0..columns).map(|_| html! { <td><span class="smcv-skeleton__bar"></span></td> }) }
            </tr>
        }) }
    }
}

fn empty_row(columns: usize, filtered: bool, dispatch: &Callback<Action>) -> Html {
    let content = if filtered {
        html! {
            <>
                <p class="smcv-empty__title">{ "No jobs match these filters" }</p>
                <button type="button" class="smcv-button" onclick={dispatch.reform(|_| Action::ClearFilters)}>{ "Clear filters" }</button>
            </>
        }
    } else {
        html! {
            <>
                <p class="smcv-empty__title">{ "No migration jobs yet" }</p>
                <p class="smcv-muted">{ "Jobs created in the SMC console or with CreateReplicationJob appear here." }</p>
            </>
        }
    };
    html! {
        <tr key="empty" class="smcv-empty"><td colspan={columns.to_string()}>{ content }</td></tr>
    }
}
