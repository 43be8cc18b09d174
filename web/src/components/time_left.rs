//! A running job's time left and transfer rate as the table and the details show them.
//! Functions of their arguments, like [`super::cells`].

use time::OffsetDateTime;
use yew::prelude::*;

use crate::format::{human_bytes, percent};
use crate::i18n::Texts;
use crate::progress_log::millis;
use crate::time_left::{Estimate, Span};

/// `12 min`, `2 h`, `3 d`, `less than 1 min`.
pub fn span_text(span: Span, texts: &Texts) -> String {
    match span {
        Span::UnderAMinute => texts.time_left_under_a_minute.to_owned(),
        Span::Minutes(n) => (texts.span_minutes)(n),
        Span::Hours(n) => (texts.span_hours)(n),
        Span::Days(n) => (texts.span_days)(n),
    }
}

/// `about 12 min left`, `less than 1 min`.
pub fn remaining_text(seconds: f64, texts: &Texts) -> String {
    match Span::of_seconds(seconds) {
        Span::UnderAMinute => texts.time_left_under_a_minute.to_owned(),
        span => (texts.time_left_about)(&span_text(span, texts)),
    }
}

/// The time left: a dash until it is known (saying so to screen readers and on hover),
/// "about 12 min left", or "Stalled" with how long, on hover and for screen readers.
/// `None` (a job that does not run) is a plain dash.
pub fn time_left_view(estimate: Option<Estimate>, now: OffsetDateTime, texts: &Texts) -> Html {
    match estimate {
        None => html! { <span class="smcv-muted">{ "–" }</span> },
        Some(Estimate::Unknown) => html! {
            <span class="smcv-muted smcv-time-left" title={texts.time_left_pending}>
                <span aria-hidden="true">{ "–" }</span>
                <span class="smcv-sr-only">{ texts.time_left_pending }</span>
            </span>
        },
        Some(Estimate::Complete) => html! {
            <span class="smcv-time-left">{ texts.time_left_under_a_minute }</span>
        },
        Some(Estimate::Remaining { seconds, .. }) => html! {
            <span class="smcv-time-left">{ remaining_text(seconds, texts) }</span>
        },
        Some(Estimate::Stalled { since_ms }) => {
            let still = Span::of_seconds((millis(now) - since_ms) / 1000.0);
            let why = (texts.stalled_for)(&span_text(still, texts));
            html! {
                <span class="smcv-time-left smcv-time-left--stalled" title={why.clone()}>
                    { texts.stalled }
                    <span class="smcv-sr-only">{ format!(" ({why})") }</span>
                </span>
            }
        }
    }
}

/// The transfer rate: bytes a second when the job's size is known, else progress a minute
/// (an hour, for a job too slow to show a minute's). `None` until the job is seen moving.
pub fn rate_text(estimate: Option<Estimate>, texts: &Texts) -> Option<String> {
    let Some(Estimate::Remaining {
        percent_per_second,
        bytes_per_second,
        ..
    }) = estimate
    else {
        return None;
    };
    Some(match bytes_per_second {
        Some(bytes) => (texts.per_second)(&human_bytes(bytes.round() as i64)),
        None if percent_per_second * 60.0 >= 0.01 => {
            (texts.percent_per_minute)(&percent(percent_per_second * 60.0))
        }
        None => (texts.percent_per_hour)(&percent(percent_per_second * 3_600.0)),
    })
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};

    fn remaining(seconds: f64, percent_per_second: f64, bytes: Option<f64>) -> Option<Estimate> {
        Some(Estimate::Remaining {
            seconds,
            percent_per_second,
            bytes_per_second: bytes,
        })
    }

    #[test]
    fn times_left_read_as_a_person_says_them() {
        assert_eq!(remaining_text(12.0 * 60.0, &EN_US), "about 12 min left");
        assert_eq!(remaining_text(2.2 * 3_600.0, &EN_US), "about 2 h left");
        assert_eq!(remaining_text(30.0, &EN_US), "less than 1 min");
        assert_eq!(remaining_text(12.0 * 60.0, &ZH_CN), "剩余约 12 分钟");
    }

    #[test]
    fn rates_are_bytes_when_sizes_are_known_else_progress() {
        let mib = 1024.0 * 1024.0;
        assert_eq!(
            rate_text(remaining(60.0, 0.1, Some(12.4 * mib)), &EN_US).as_deref(),
            Some("12.4 MiB/s")
        );
        assert_eq!(
            rate_text(remaining(60.0, 2.5 / 60.0, None), &EN_US).as_deref(),
            Some("2.5 %/min")
        );
        assert_eq!(
            rate_text(remaining(60.0, 0.06 / 3_600.0, None), &EN_US).as_deref(),
            Some("0.06 %/h")
        );
        assert_eq!(rate_text(Some(Estimate::Unknown), &EN_US), None);
        assert_eq!(rate_text(None, &EN_US), None);
    }
}
