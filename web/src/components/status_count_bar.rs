//! The number of matching jobs in each status, above the table, each a filter toggle.

use smc_core::Status;
use yew::prelude::*;

use crate::components::cells::status_look;
use crate::hooks::use_texts;
use crate::state::Action;
use crate::status_counts::{Count, StatusCounts};

/// The counts, and the status filter they toggle.
#[derive(Properties, PartialEq)]
pub struct StatusCountBarProps {
    /// The counts of every status.
    pub counts: StatusCounts,
    /// The request's status filter.
    pub active: Option<Status>,
    /// Told to set or clear the status filter.
    pub dispatch: Callback<Action>,
}

/// One toggle per status with its count: pressing one filters the list by it, pressing
/// the pressed one clears the filter. A count not known yet shows a dash; one that failed
/// shows "?" with the error's code in its title; the last number stays while a newer one
/// loads.
#[function_component]
pub fn StatusCountBar(props: &StatusCountBarProps) -> Html {
    let texts = use_texts();
    let toggle = |entry: &crate::status_counts::StatusCount| {
        let (icon, kind) = status_look(Some(&entry.status));
        let pressed = props.active.as_ref() == Some(&entry.status);
        let status = entry.status.clone();
        let onclick = props
            .dispatch
            .reform(move |_| Action::SetStatus((!pressed).then(|| status.clone())));
        let (number, title) = match &entry.count {
            Count::Known(total) => (html! { { total } }, None),
            Count::Loading => (
                html! {
                    <>
                        <span aria-hidden="true">{ "–" }</span>
                        <span class="smcv-sr-only">{ texts.count_loading }</span>
                    </>
                },
                None,
            ),
            Count::Failed(code) => {
                let unknown = (texts.count_unknown)(code);
                (
                    html! {
                        <>
                            <span aria-hidden="true">{ "?" }</span>
                            <span class="smcv-sr-only">{ unknown.clone() }</span>
                        </>
                    },
                    Some(unknown),
                )
            }
        };
        html! {
            <button type="button" value={entry.status.as_str().to_owned()} {onclick} {title}
                class={classes!("smcv-status-count", format!("smcv-status--{kind}"))}
                aria-pressed={pressed.to_string()}>
                <span class="smcv-status__icon" aria-hidden="true">{ icon }</span>
                <span class="smcv-status-count__label">{ status_name(&entry.status) }</span>
                <span class="smcv-status-count__number">{ number }</span>
            </button>
        }
    };
    html! {
        <div class="smcv-status-counts" role="group" aria-label={texts.jobs_by_status}
            aria-busy={props.counts.busy().to_string()}>
            { for props.counts.entries.iter().map(toggle) }
        </div>
    }
}

fn status_name(status: &Status) -> &str {
    status.label()
}
