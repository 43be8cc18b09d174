//! The jobs table: one row per job, sortable headers, skeleton rows and empty states.

use time::OffsetDateTime;
use yew::prelude::*;

use crate::columns::{sorted_jobs, Column, Sort};
use crate::components::{ColumnHeader, JobRow};
use crate::format::Zone;
use crate::page::{Page, PageJob};
use crate::progress_log::ProgressLog;
use crate::state::Action;
use crate::watch::Watchlist;

/// What the table shows.
#[derive(Properties, Debug, Clone, PartialEq)]
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
    /// The progress seen, for the time left.
    #[prop_or_default]
    pub progress: std::rc::Rc<ProgressLog>,
    /// What is watched.
    #[prop_or_default]
    pub watchlist: Watchlist,
    /// Told the JobId to watch, or to stop watching.
    #[prop_or_default]
    pub on_watch: Callback<String>,
}

/// The table of the shown page's jobs.
#[function_component]
pub fn JobsTable(props: &JobsTableProps) -> Html {
    let columns = &props.columns;
    let jobs = sorted_jobs(props.page.as_ref(), props.sort, &props.progress, props.now);
    let body = if props.page.is_none() && props.loading {
        skeleton_rows(columns.len(), props.page_size.clamp(1, 10) as usize)
    } else if props.page.is_some() && jobs.is_empty() {
        let on_clear = props.dispatch.reform(|_| Action::ClearFilters);
        empty_row(columns.len(), props.filtered, on_clear)
    } else {
        let row = |job: PageJob| {
            let selected = props.selected.as_ref() == Some(&job.job_id);
            let copied = props.copied.as_ref() == Some(&job.job_id);
            let key = job.job_id.clone();
            let time_left = props.progress.time_left(&job, props.now);
            let watched = props.watchlist.is_watched(&job.job_id);
            html! {
                <JobRow {key} {job} columns={columns.clone()} zone={props.zone}
                    now={props.now} {selected} {copied} dispatch={props.dispatch.clone()}
                    {time_left} {watched} on_watch={props.on_watch.clone()} />
            }
        };
        html! { <>{ for jobs.into_iter().map(row) }</> }
    };
    html! {
        <div class="smcv-table-wrap">
            if let Some(sort) = props.sort {
                <p class="smcv-sort-note">
                    { format!("Sorted by {} ({}) on this page only: the API returns jobs newest first and cannot sort.",
                        sort.column.label(), if sort.ascending { "ascending" } else { "descending" }) }
                </p>
            }
            <table class={classes!("smcv-table", props.loading.then_some("smcv-table--busy"))}
                aria-busy={props.loading.to_string()}>
                <caption class="smcv-sr-only">{ "Migration jobs. Sorting a column sorts the current page only." }</caption>
                <thead>
                    <tr>
                        { for columns.iter().map(|column| html! {
                            <ColumnHeader column={*column} sort={props.sort} dispatch={props.dispatch.clone()} />
                        }) }
                    </tr>
                </thead>
                <tbody>{ body }</tbody>
            </table>
        </div>
    }
}

/// Grey bars while the first page loads.
fn skeleton_rows(columns: usize, rows: usize) -> Html {
    html! {
        { for (0..rows).map(|row| html! {
            <tr key={format!("skeleton-{row}")} class="smcv-skeleton" aria-hidden="true">
                { for (0..columns).map(|_| html! { <td><span class="smcv-skeleton__bar"></span></td> }) }
            </tr>
        }) }
    }
}

/// No jobs: none match the filters (with a way out), or there are none yet.
fn empty_row(columns: usize, filtered: bool, on_clear: Callback<MouseEvent>) -> Html {
    let content = if filtered {
        html! {
            <>
                <p class="smcv-empty__title">{ "No jobs match these filters" }</p>
                <button type="button" class="smcv-button" onclick={on_clear}>{ "Clear filters" }</button>
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
