//! Small pieces of a row: status indicator, progress, times, copy button, tag chips.
//!
//! Plain functions, not components: a component costs its own copy of Yew's lifecycle code
//! in the bundle, and a row re-renders its cells together anyway. The copy button's
//! "Copied" is the app's state.

use smc_core::number::display_f64;
use smc_core::{Status, Tag};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::filters::tag_label;
use crate::format::{format_time, percent, relative_time, Zone};
use crate::state::Action;

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
    let text = status.map_or("Unknown", |s| s.label()).to_owned();
    html! {
        // CLASS, not class: see "Dynamic classes" in components/mod.rs.
        <span CLASS={format!("smcv-status smcv-status--{kind}")}
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

/// Copies `text` (a `what`, for the accessible name) to the clipboard; the button says
/// "Copied" while the app's state holds `copied` (see `Action::Copied`).
pub fn copy_button(text: &str, what: &str, copied: bool, dispatch: &Callback<Action>) -> Html {
    let onclick = {
        let text = text.to_owned();
        dispatch.reform(move |event: MouseEvent| {
            event.stop_propagation();
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&text);
            }
            Action::Copied(text.clone())
        })
    };
    html! {
        <button type="button" class="smcv-copy" {onclick} aria-label={format!("Copy {what} {text}")}>
            { if copied { "Copied" } else { "Copy" } }
        </button>
    }
}

/// Tags as chips; with `on_select`, chips are buttons that add their tag as a filter.
pub fn tag_chips(tags: &[Tag], on_select: Option<&Callback<Tag>>) -> Html {
    if tags.is_empty() {
        return html! { <span class="smcv-muted">{ "–" }</span> };
    }
    html! {
        <ul class="smcv-chips smcv-chips--tags">
            { for tags.iter().map(|tag| {
                let label = tag_label(tag);
                match on_select {
                    Some(on_select) => {
                        let tag = tag.clone();
                        let onclick = on_select.reform(move |event: MouseEvent| {
                            event.stop_propagation();
                            tag.clone()
                        });
                        html! {
                            <li><button type="button" class="smcv-chip smcv-chip--tag" {onclick}
                                title={format!("Filter by tag {label}")}>{ label }</button></li>
                        }
                    }
                    None => html! { <li><span class="smcv-chip smcv-chip--tag">{ label }</span></li> },
                }
            }) }
        </ul>
    }
}
