//! How fresh the shown page is.

use time::OffsetDateTime;
use yew::prelude::*;

use crate::format::{format_time, Zone};
use crate::hooks::{use_now, use_texts};

/// When the shown page arrived.
#[derive(Properties, PartialEq)]
pub struct FreshnessProps {
    /// When the page arrived.
    pub at: OffsetDateTime,
    /// The zone of the exact time.
    pub zone: Zone,
}

/// `Updated 12 s ago`, counting every second, with the exact time on hover.
#[function_component]
pub fn Freshness(props: &FreshnessProps) -> Html {
    let texts = use_texts();
    let now = use_now(1_000);
    let seconds = (now - props.at).whole_seconds().max(0);
    let updated = if seconds < 60 {
        (texts.updated_seconds_ago)(seconds)
    } else {
        (texts.updated_minutes_ago)(seconds / 60)
    };
    html! {
        <span class="smcv-freshness" title={format_time(props.at, props.zone)}>{ updated }</span>
    }
}
