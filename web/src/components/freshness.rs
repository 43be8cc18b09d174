//! How fresh the shown page is.

use time::OffsetDateTime;
use yew::prelude::*;

use crate::format::{format_time, Zone};
use crate::hooks::use_now;

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
    let now = use_now(1_000);
    let seconds = (now - props.at).whole_seconds().max(0);
    let ago = if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min", seconds / 60)
    };
    html! {
        <span class="smcv-freshness" title={format_time(props.at, props.zone)}>{ format!("Updated {ago} ago") }</span>
    }
}
