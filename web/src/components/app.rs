//! The viewer: owns the state, fetches pages, keeps the URL in step, and lays out the rest.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use smc_core::DescribeReplicationJobs;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page, Endpoint};
use crate::components::{
    active_filter_chips, banners, details_panel, filter_bar, header, jobs_table, pagination,
    preferences_panel, use_details, use_export, use_filter_inputs, use_name_filter, DetailsPanel,
    FilterBar, FilterInputKind, Header, JobsTableProps, Pagination, PreferencesPanel,
};
use crate::format::now;
use crate::hooks::{use_interval, use_now, use_page_visible, use_unique_id};
use crate::prefs::Preferences;
use crate::state::{Action, ViewState};
use crate::url_state::UrlState;

/// How often the page refreshes itself while jobs are changing.
const AUTO_REFRESH_MS: u32 = 10_000;
/// How long a copy button says "Copied".
const COPIED_MS: u32 = 1_500;

/// Where the viewer runs and what it starts with.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// The proxy's browser API.
    #[prop_or_default]
    pub endpoint: Endpoint,
    /// Page size to start with (else the person's preference).
    #[prop_or_default]
    pub page_size: Option<i64>,
    /// Region to start filtered by.
    #[prop_or_default]
    pub region: Option<String>,
    /// Whether the state lives in the page's URL. Only one viewer on a page may do so.
    #[prop_or_default]
    pub sync_url: bool,
    /// The element hosting the viewer, which announces selected jobs with an
    /// `smc-job-selected` event.
    #[prop_or_default]
    pub host: Option<web_sys::HtmlElement>,
}

fn initial_state(props: &AppProps, preferences: &Preferences) -> ViewState {
    let page_size = props
        .page_size
        .filter(|size| (1..=50).contains(size))
        .unwrap_or(preferences.page_size);
    if props.sync_url {
        let location = web_sys::window().map(|w| w.location());
        let search = location
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        let hash = location
            .as_ref()
            .and_then(|l| l.hash().ok())
            .unwrap_or_default();
        let (mut url, dropped) = UrlState::parse(&search, &hash);
        url.request.page_size.get_or_insert(page_size);
        return ViewState::new(url.request, url.open_job, dropped);
    }
    let request = DescribeReplicationJobs {
        region_id: props.region.clone().filter(|r| !r.is_empty()),
        page_size: Some(page_size),
        ..DescribeReplicationJobs::default()
    };
    ViewState::new(request, None, Vec::new())
}

/// The whole viewer.
#[component]
pub fn App(props: &AppProps) -> Html {
    let preferences = use_state(Preferences::load);
    let state = use_reducer({
        let props = props.clone();
        let preferences = (*preferences).clone();
        move || initial_state(&props, &preferences)
    });
    let show_preferences = use_state(|| false);
    let preferences_id = use_unique_id("prefs");
    let filters_id = use_unique_id("filters");
    let paging_id = use_unique_id("paging");
    // Relative times in the table move on every 30 s.
    let table_now = use_now(30_000);
    let next_seq = use_mut_ref(|| 0u64);

    // Fetch whenever the request changes or a refresh is asked for.
    {
        let dispatch = state.dispatcher();
        let endpoint = props.endpoint.clone();
        let next_seq = next_seq.clone();
        use_effect_with(
            (state.request.clone(), state.refresh_token),
            move |(request, _)| {
                let seq = {
                    let mut next = next_seq.borrow_mut();
                    *next += 1;
                    *next
                };
                dispatch.dispatch(Action::FetchStarted(seq));
                let request = request.clone();
                spawn_local(async move {
                    match fetch_page(&endpoint, &request).await {
                        Ok(page) => {
                            dispatch.dispatch(Action::FetchSucceeded(seq, Rc::new(page), now()))
                        }
                        Err(error) => dispatch.dispatch(Action::FetchFailed(seq, error)),
                    }
                });
            },
        );
    }

    use_url_sync(props.sync_url, state.url_state(), state.dispatcher());

    let dispatch: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    // What the page's parts keep between renders: they are functions of the app's state,
    // each with its hook beside it (a component would cost the bundle its own lifecycle).
    let name_filter = use_name_filter(state.request.name.clone(), dispatch.clone());
    let filter_inputs =
        use_filter_inputs(FilterInputKind::ALL.map(|kind| kind.count(&state.request)));
    let export = use_export(props.endpoint.clone(), state.request.clone());
    let details = use_details(
        state.open_job.clone(),
        state.fetch.page.clone(),
        props.endpoint.clone(),
        dispatch.clone(),
    );

    // Auto-refresh: while enabled, visible, and something on the page may still change.
    let visible = use_page_visible();
    let polling =
        preferences.auto_refresh && visible && state.has_active_jobs() && !state.fetch.loading;
    {
        let dispatch = state.dispatcher();
        use_interval(
            AUTO_REFRESH_MS,
            polling,
            Callback::from(move |_| dispatch.dispatch(Action::Refresh)),
        );
    }

    // Mark when rows are first on screen, for the Performance API: the first-rows budget
    // (tests/examples/first_rows.rs) reads `smcv-first-rows` from the page.
    use_effect_with(state.fetch.page.is_some(), |loaded| {
        if *loaded {
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("smcv-first-rows");
            }
        }
    });

    // Tell the hosting page which job was opened.
    {
        let host = props.host.clone();
        use_effect_with(state.open_job.clone(), move |open_job| {
            if let (Some(host), Some(job_id)) = (host, open_job) {
                announce_selection(&host, job_id);
            }
        });
    }

    // A copy button says "Copied" for a moment.
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.copied.clone(), move |copied| {
            let reset = copied.clone().map(|id| {
                Timeout::new(COPIED_MS, move || dispatch.dispatch(Action::CopyShown(id)))
            });
            move || drop(reset)
        });
    }

    let on_preferences = {
        let preferences = preferences.clone();
        Callback::from(move |next: Preferences| {
            next.save();
            preferences.set(next);
        })
    };
    let on_page_size = {
        let preferences = preferences.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |size: i64| {
            let next = Preferences {
                page_size: size,
                ..(*preferences).clone()
            };
            next.save();
            preferences.set(next);
            dispatch.emit(Action::SetPageSize(size));
        })
    };
    let toggle_preferences = {
        let show_preferences = show_preferences.clone();
        Callback::from(move |_| show_preferences.set(!*show_preferences))
    };

    let window = state.window();
    let loading = state.fetch.loading;
    let announcement = announcement(&state);
    let density = preferences.density.key();

    html! {
        <div class="smcv" data-density={density}>
            { header(Header {
                total: state.fetch.page.as_ref().and_then(|p| p.total_count),
                loading,
                loaded_at: state.fetch.loaded_at,
                preferences: &preferences,
                polling,
                export: &export,
                on_refresh: dispatch.reform(|_| Action::Refresh),
                on_preferences: &on_preferences,
                on_toggle_preferences: &toggle_preferences,
                preferences_open: *show_preferences,
            }) }
            if *show_preferences {
                { preferences_panel(PreferencesPanel {
                    preferences: &preferences,
                    id: &preferences_id,
                    on_change: &on_preferences,
                    on_page_size: &on_page_size,
                    on_close: &toggle_preferences,
                }) }
            }
            { filter_bar(FilterBar {
                request: &state.request,
                name: &name_filter,
                inputs: &filter_inputs,
                id: &filters_id,
                id_messages: &state.id_messages,
                tag_message: state.tag_message.as_ref(),
                dispatch: &dispatch,
            }) }
            { active_filter_chips(&state.request, &dispatch) }
            <div class="smcv-sr-only" role="status" aria-live="polite" aria-atomic="true">{ announcement }</div>
            { banners(&state.notices, state.fetch.error.as_ref(), loading, &dispatch) }
            { jobs_table(&JobsTableProps {
                page: state.fetch.page.clone(),
                columns: preferences.visible_columns(),
                sort: state.sort,
                zone: preferences.zone,
                loading,
                filtered: !crate::filters::active_filters(&state.request).is_empty(),
                page_size: window.page_size,
                selected: state.open_job.clone(),
                now: table_now,
                copied: state.copied.clone(),
                dispatch: dispatch.clone(),
            }) }
            { pagination(Pagination {
                window,
                loading,
                id: &paging_id,
                dispatch: &dispatch,
                on_page_size: &on_page_size,
            }) }
            if let Some(job_id) = &state.open_job {
                { details_panel(DetailsPanel {
                    job_id,
                    details: &details,
                    zone: preferences.zone,
                    copied: state.copied.as_ref() == Some(job_id),
                    dispatch: &dispatch,
                }) }
            }
        </div>
    }
}

/// What a screen reader hears after each change.
fn announcement(state: &ViewState) -> String {
    if state.fetch.loading {
        return "Loading jobs…".to_owned();
    }
    if let Some(error) = &state.fetch.error {
        return format!("Could not load jobs: {}", error.code);
    }
    if state.fetch.page.is_none() {
        return String::new();
    }
    let window = state.window();
    format!(
        "Showing {} jobs, page {} of {}",
        window.label(),
        window.page,
        window.last_page()
    )
}

/// Keeps the URL and the state in step: a change of state pushes a history entry, back
/// and forward bring the state back. The first write replaces the entry, so a link that
/// was cleaned of invalid parts does not leave its dirty twin in the history.
#[hook]
fn use_url_sync(enabled: bool, url: UrlState, dispatch: UseReducerDispatcher<ViewState>) {
    let first = use_mut_ref(|| true);
    use_effect_with(url, move |url| {
        if enabled {
            write_url(url, std::mem::replace(&mut *first.borrow_mut(), false));
        }
    });
    use_effect_with(enabled, move |&enabled| {
        let listener = enabled.then(|| {
            EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let location = gloo::utils::window().location();
                let search = location.search().unwrap_or_default();
                let hash = location.hash().unwrap_or_default();
                let (url, dropped) = UrlState::parse(&search, &hash);
                dispatch.dispatch(Action::FromUrl(url, dropped));
            })
        });
        move || drop(listener)
    });
}

fn write_url(url: &UrlState, replace: bool) {
    let window = gloo::utils::window();
    let location = window.location();
    let current = format!(
        "{}{}",
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    let wanted = format!("{}{}", url.search(), url.hash());
    if current == wanted {
        return;
    }
    let path = location.pathname().unwrap_or_else(|_| "/".to_owned());
    let target = format!("{path}{wanted}");
    if let Ok(history) = window.history() {
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(&null, "", Some(&target))
        } else {
            history.push_state_with_url(&null, "", Some(&target))
        };
    }
}

fn announce_selection(host: &web_sys::HtmlElement, job_id: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&wasm_bindgen::JsValue::from_str(job_id));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("smc-job-selected", &init) {
        let _ = host.dispatch_event(&event);
    }
}
