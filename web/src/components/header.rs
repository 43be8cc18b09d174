//! The title bar: totals, freshness, refresh, time zone, export and preferences.

use time::OffsetDateTime;
use yew::prelude::*;

use crate::components::{export_control, Export};
use crate::format::{format_time, Zone};
use crate::hooks::use_now;
use crate::prefs::Preferences;

/// What the title bar shows and changes.
pub struct Header<'a> {
    /// Jobs matching the filters.
    pub total: Option<i64>,
    /// Whether a page is loading.
    pub loading: bool,
    /// When the shown page arrived.
    pub loaded_at: Option<OffsetDateTime>,
    /// The person's preferences.
    pub preferences: &'a Preferences,
    /// Whether auto-refresh is polling now.
    pub polling: bool,
    /// The export of every job matching the filters.
    pub export: &'a Export,
    /// Fetches the page again.
    pub on_refresh: Callback<()>,
    /// Changes preferences.
    pub on_preferences: &'a Callback<Preferences>,
    /// Opens or closes the preferences panel.
    pub on_toggle_preferences: &'a Callback<()>,
    /// Whether the preferences panel is open.
    pub preferences_open: bool,
}

/// The title bar: a function of the app's state; only its "updated N s ago" ticks, in a
/// component of its own.
pub fn header(props: Header<'_>) -> Html {
    let preferences = props.preferences.clone();
    let on_zone = {
        let on_preferences = props.on_preferences.clone();
        let preferences = preferences.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(zone) = Zone::from_key(&value) {
                on_preferences.emit(Preferences {
                    zone,
                    ..preferences.clone()
                });
            }
        })
    };
    let on_auto_refresh = {
        let on_preferences = props.on_preferences.clone();
        let preferences = preferences.clone();
        Callback::from(move |event: Event| {
            let checked = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            on_preferences.emit(Preferences {
                auto_refresh: checked,
                ..preferences.clone()
            });
        })
    };
    let freshness = match props.loaded_at {
        Some(at) => html! { <Freshness {at} zone={preferences.zone} /> },
        None => html! {},
    };
    let refresh_hint = if !preferences.auto_refresh {
        "Auto-refresh is off"
    } else if props.polling {
        "Refreshing every 10 s while jobs are running"
    } else {
        "Auto-refresh waits for running jobs"
    };
    html! {
        <header class="smcv-header">
            <div class="smcv-header__title">
                <h1>{ "Migration jobs" }
                    if let Some(total) = props.total {
                        <span class="smcv-count">{ format!(" ({total})") }</span>
                    }
                </h1>
                <p class="smcv-header__meta">
                    { freshness }
                    <span class="smcv-muted">{ refresh_hint }</span>
                </p>
            </div>
            <div class="smcv-header__actions">
                <label class="smcv-inline">
                    <input type="checkbox" checked={preferences.auto_refresh} onchange={on_auto_refresh} />
                    { "Auto-refresh" }
                </label>
                <label class="smcv-inline">
                    <span>{ "Times in" }</span>
                    <select onchange={on_zone} aria-label="Time zone">
                        { for Zone::ALL.iter().map(|zone| html! {
                            <option value={zone.key()} selected={*zone == preferences.zone}>{ zone.label() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="smcv-button" disabled={props.loading}
                    onclick={props.on_refresh.reform(|_| ())}>{ "Refresh" }</button>
                { export_control(props.export) }
                <button type="button" class="smcv-button" aria-expanded={props.preferences_open.to_string()}
                    onclick={props.on_toggle_preferences.reform(|_| ())}>{ "Preferences" }</button>
            </div>
        </header>
    }
}

/// When the shown page arrived.
#[derive(Properties, PartialEq)]
struct FreshnessProps {
    at: OffsetDateTime,
    zone: Zone,
}

/// `Updated 12 s ago`, counting every second, with the exact time on hover.
#[component]
fn Freshness(props: &FreshnessProps) -> Html {
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
