//! Small views of a job's values, shared by the table and the details: status indicator,
//! progress, times, and values shown as received. Functions of their arguments, with no
//! state or callbacks.

use smc_core::number::display_f64;
use smc_core::{JobType, NetMode, OddField, ReplicationJob, Status};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::columns::target_parts;
use crate::format::{format_time, percent, relative_time, Zone};
use crate::i18n::Texts;

/// The icon and colour class of a status: never colour alone, always with its text.
pub fn status_look(status: Option<&Status>) -> (&'static str, &'static str) {
    match status {
        Some(Status::Running) => ("▶", "running"),
        Some(Status::Finished) => ("✓", "finished"),
        Some(Status::InError) => ("✕", "error"),
        Some(Status::Stopped) => ("❚❚", "stopped"),
        Some(Status::Ready) => ("○", "ready"),
        Some(Status::Waiting) => ("◷", "waiting"),
        Some(Status::Expired) => ("⊘", "expired"),
        Some(Status::Deleting) => ("⌫", "deleting"),
        Some(Status::Unknown(_)) | None => ("?", "unknown"),
    }
}

/// A status as icon, colour and text.
pub fn status_indicator(status: Option<&Status>, texts: &Texts) -> Html {
    let (icon, kind) = status_look(status);
    let text = status.map_or(texts.unknown_value, |s| texts.status_name(s));
    html! {
        <span class={classes!("smcv-status", format!("smcv-status--{kind}"))}
            title={status.map(|s| s.as_str().to_owned())}>
            <span class="smcv-status__icon" aria-hidden="true">{ icon }</span>
            { text.to_owned() }
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

/// An id (`j-…`, `s-…`, `m-…`, a RequestId) in one piece: monospace, never broken after
/// its `j-`; cut with an ellipsis where the space is short, with the whole id on hover
/// (copy buttons beside it copy the whole id).
pub fn id_text(id: &str) -> Html {
    html! { <code class="smcv-id-text" title={id.to_owned()}>{ id.to_owned() }</code> }
}

/// What the job migrates to (`ECS image m-…`), the id kept whole.
pub fn target_text(job: &ReplicationJob, texts: &Texts) -> Html {
    let (kind, points_to) = target_parts(job, texts);
    if points_to.is_empty() {
        html! { kind }
    } else {
        html! { <span class="smcv-target">{ kind }{ " " }{ id_text(&points_to) }</span> }
    }
}

/// `3 h ago` from `now`, with the exact time in `zone` on hover and for assistive tech.
pub fn time_cell(
    time: Option<OffsetDateTime>,
    zone: Zone,
    now: OffsetDateTime,
    texts: &Texts,
) -> Html {
    match time {
        Some(time) => {
            let exact = format_time(time, zone);
            html! {
                <time datetime={smc_core::time_format::format_wire_time(time)} title={exact.clone()} aria-label={exact}>
                    { relative_time(time, now, texts) }
                </time>
            }
        }
        None => html! { <span class="smcv-muted">{ "–" }</span> },
    }
}

/// A value the viewer could not read, as it arrived, marked `≈` and saying so on hover and
/// to assistive tech. `why` says what the viewer made of it.
pub fn as_received(text: String, why: &str, texts: &Texts) -> Html {
    html! {
        <span class="smcv-received" title={(texts.shown_as_received_title)(&text, why)}>
            <span class="smcv-received__mark" aria-hidden="true">{ "≈" }</span>
            { text }
            <span class="smcv-sr-only">{ texts.shown_as_received_mark }</span>
        </span>
    }
}

/// The field `path` of `job` as it arrived, if it arrived odd.
pub fn odd_cell(job: &ReplicationJob, path: &str, texts: &Texts) -> Option<Html> {
    job.odd_field(path)
        .map(|field| odd_field_value(field, texts))
}

/// An odd field's value, as it arrived.
pub fn odd_field_value(field: &OddField, texts: &Texts) -> Html {
    as_received(field.text(), texts.odd_field, texts)
}

/// A job type: its label, or the number as received when the viewer does not know it.
pub fn job_type_text(job_type: Option<JobType>, texts: &Texts) -> Html {
    match job_type {
        Some(t) if !t.is_known() => as_received(t.code().to_string(), texts.odd_job_type, texts),
        Some(t) => html! { { (texts.job_type)(t) } },
        None => html! { { "–" } },
    }
}

/// A network mode: its label, or the number as received when the viewer does not know it.
pub fn net_mode_text(net_mode: Option<NetMode>, texts: &Texts) -> Html {
    match net_mode {
        Some(m) if !m.is_known() => as_received(m.code().to_string(), texts.odd_net_mode, texts),
        Some(m) => html! { { (texts.net_mode)(m) } },
        None => html! { { "–" } },
    }
}
