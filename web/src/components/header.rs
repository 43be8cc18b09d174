//! The title bar: totals, freshness, refresh, time zone, export and preferences.

use smc_core::DescribeReplicationJobs;
use time::OffsetDateTime;
use yew::prelude::*;

use crate::api::Endpoint;
use crate::components::{ExportControl, Freshness};
use crate::format::Zone;
use crate::prefs::Preferences;
use crate::progress_log::ProgressLog;

/// What the title bar shows and changes.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Jobs matching the filters.
    pub total: Option<i64>,
    /// Whether a page is loading.
    pub loading: bool,
    /// When the shown page arrived.
    pub loaded_at: Option<OffsetDateTime>,
    /// The person's preferences.
    pub preferences: Preferences,
    /// Whether auto-refresh is polling now.
    pub polling: bool,
    /// Where the export fetches from.
    pub endpoint: Endpoint,
    /// The request whose filters the export uses.
    pub request: DescribeReplicationJobs,
    /// Fetches the page again.
    pub on_refresh: Callback<()>,
    /// Changes preferences.
    pub on_preferences: Callback<Preferences>,
    /// Opens or closes the preferences panel.
    pub on_toggle_preferences: Callback<()>,
    /// Whether the preferences panel is open.
    pub preferences_open: bool,
    /// The progress seen, for the export's time left.
    #[prop_or_default]
    pub progress: std::rc::Rc<ProgressLog>,
}

/// The title bar.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let preferences = &props.preferences;
    let on_zone = {
        let preferences = preferences.clone();
        let on_preferences = props.on_preferences.clone();
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
        let preferences = preferences.clone();
        props
            .on_preferences
            .reform(move |event: Event| Preferences {
                auto_refresh: event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
                ..preferences.clone()
            })
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
                    if let Some(at) = props.loaded_at {
                        <Freshness {at} zone={preferences.zone} />
                    }
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
                <ExportControl endpoint={props.endpoint.clone()} request={props.request.clone()}
                    progress={props.progress.clone()} />
                <button type="button" class="smcv-button" aria-expanded={props.preferences_open.to_string()}
                    onclick={props.on_toggle_preferences.reform(|_| ())}>{ "Preferences" }</button>
            </div>
        </header>
    }
}
