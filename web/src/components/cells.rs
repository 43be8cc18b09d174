//! Small views of a job's values, shared by the table and the details: status indicator,
//! progress and times. Functions of their arguments, with no state or callbacks.

use smc_core::number::display_f64;
use smc_core::Status;
use time::OffsetDateTime;
use yew::prelude::*;

use crate::format::{format_time, percent, relative_time, Zone};

/// The icon and colour class of a status: never colour alone, always with its text.
pub fn status_look(status: Option<&Status>) -> (&'static str, &'static str) {
    match status {
        Some(Status::Running) => ("▶", "running"),
        Some(Status::Finished) => ("✓", "finished"),
        Some(Status::InError) => ("✕", "error"),
        Some(Status::Stopped) => ("❚❚", "stopped"),
        Some(Status::Ready) => ("○", "ready"),
        Some(Status::Waiting) => ("◷", "waiting"),
        Some(Status::Expired) => ("⌛", "expired"),
        Some(Status::Deleting) => ("⌫", "deleting"),
        Some(Status::Unknown(_)) | None => ("?", "unknown"),
    }
}

/// A status as icon, colour and text.
pub fn status_indicator(status: Option<&Status>) -> Html {
    let (icon, kind) = status_look(status);
    let text = status.map_or("Unknown", |s| s.label());
    html! {
        <span class={classes!("smcv-status", format!("smcv-status--{kind}"))}
            title={status.map(|s| s.as_str().to_owned())}>
            <span class="smcv-status__icon" aria-hidden="true">{ icon }</span>
            { text }
        </span>
    }
}

/// A bar with its percentage (0 to 100); `label` says what it measures, for screen readers.
pub fn progress_cell(progress: Option<f64>, label: String) -> Html {
    match progress {
        Some(progress) => html! {
            <span class="smcv-progress">
                <progress max="100" value={display_f64(progress.clamp(0.0, 100.0))} aria-label={label}></progress>
                <span class="smcv-progress__text">{ percent(progress) }</span>
            </span>
        },
        None => html! { <span class="smcv-muted">{ "–" }</span> },
    }
}

/// `3 h ago` from `now`, with the exact time in `zone` on hover and for assistive tech.
pub fn time_cell(time: Option<OffsetDateTime>, zone: Zone, now: OffsetDateTime) -> Html {
    match time {
        Some(time) => {
            let exact = format_time(time, zone);
            html! {
                <time datetime={smc_core::time_format::format_wire_time(time)} title={exact.clone()} aria-label={exact}>
                    { relative_time(time, now) }
                </time>
            }
        }
        None => html! { <span class="smcv-muted">{ "–" }</span> },
    }
}
