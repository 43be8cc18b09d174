//! The clock.

use time::OffsetDateTime;
use yew::prelude::*;

use crate::format::now;
use crate::hooks::use_interval;

/// The current time, refreshed every `millis`, for "updated 12 s ago" and relative times.
#[hook]
pub fn use_now(millis: u32) -> OffsetDateTime {
    let current = use_state(now);
    {
        let current = current.clone();
        use_interval(millis, true, Callback::from(move |_| current.set(now())));
    }
    *current
}
