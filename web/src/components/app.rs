//! The viewer: owns the state, fetches pages, keeps the URL in step, and lays out the parts.

use smc_core::DescribeReplicationJobs;
use yew::prelude::*;

use crate::api::Endpoint;
use crate::components::{
    AccountSwitcher, ActiveFilters, Banners, DetailsPanel, FilterBar, FiltersToggle, Header,
    JobsTable, Pagination, PreferencesPanel, RequestIdNote, StatusCountBar, WatchToggle,
};
use crate::filters::active_filters;
use crate::hooks::{
    current_hash, current_search, use_interval, use_jobs_fetch, use_live_jobs,
    use_notification_permission, use_now, use_page_visible, use_preferences, use_profiles,
    use_status_counts, use_timeout, use_unique_id, use_url_sync,
};
use crate::i18n::{browser_languages, Lang, Texts};
use crate::live::LiveAction;
use crate::prefs::{Preferences, Theme};
use crate::state::{Action, ViewState};
use crate::url_state::UrlState;

/// How often the page refreshes itself while jobs are changing.
const AUTO_REFRESH_MS: u32 = 10_000;
/// How long a copy button says "Copied".
const COPIED_MS: u32 = 1_500;
/// How often relative times in the table move on.
const TABLE_CLOCK_MS: u32 = 30_000;
/// How often the throttling banner counts down.
const RETRY_TICK_MS: u32 = 1_000;

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
    /// Whether the state lives in the page's URL. Only one viewer on a page may do so; it
    /// owns the page, and gives the document its language and title.
    #[prop_or_default]
    pub sync_url: bool,
    /// The language the host fixes: no language menu, and neither the browser nor the
    /// preferences change it.
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// The element hosting the viewer, which announces selected jobs with an
    /// `smc-job-selected` event.
    #[prop_or_default]
    pub host: Option<web_sys::HtmlElement>,
    /// The account (proxy profile) the host fixes: no switcher, and neither the URL nor
    /// the preferences change it.
    #[prop_or_default]
    pub profile: Option<String>,
    /// The theme the host fixes: no theme choice in the preferences.
    #[prop_or_default]
    pub theme: Option<Theme>,
}

/// The state the viewer starts with: the URL's when it keeps its state there, else the
/// element's region; the page size of the element, else of the person's preferences; the
/// account the element fixes, else the URL's, else the one last chosen.
fn initial_state(props: &AppProps, preferences: &Preferences) -> ViewState {
    let mut state = initial_view(props, preferences);
    state.profile = props
        .profile
        .clone()
        .or(state.profile)
        .or_else(|| preferences.profile.clone());
    state
}

fn initial_view(props: &AppProps, preferences: &Preferences) -> ViewState {
    let page_size = props
        .page_size
        .filter(|size| (1..=50).contains(size))
        .unwrap_or(preferences.page_size);
    if props.sync_url {
        let (mut url, dropped) = UrlState::parse(&current_search(), &current_hash());
        url.request.page_size.get_or_insert(page_size);
        let mut state = ViewState::new(url.request, url.open_job, dropped);
        state.profile = url.profile;
        return state;
    }
    let request = DescribeReplicationJobs {
        region_id: props.region.clone().filter(|r| !r.is_empty()),
        page_size: Some(page_size),
        ..DescribeReplicationJobs::default()
    };
    ViewState::new(request, None, Vec::new())
}

/// The whole viewer.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let (preferences, set_preferences) = use_preferences();
    let state = use_reducer({
        let props = props.clone();
        let preferences = preferences.clone();
        move || initial_state(&props, &preferences)
    });
    // One callback for the life of the viewer: the parts' props stay equal between renders.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let show_preferences = use_state(|| false);
    // On a narrow viewer the filters start folded away, so the jobs show first.
    let show_filters = use_state(|| false);
    let filters_panel_id = use_unique_id("filters-panel");
    let preferences_id = use_unique_id("prefs");
    let filters_id = use_unique_id("filters");
    let paging_id = use_unique_id("paging");
    let table_now = use_now(TABLE_CLOCK_MS);

    // The account the calls are about: the host's when it fixes one.
    let fixed_profile = props.profile.is_some();
    let endpoint = Endpoint {
        profile: props.profile.clone().or_else(|| state.profile.clone()),
        ..props.endpoint.clone()
    };
    let profiles = use_profiles(props.endpoint.clone());
    // An account remembered or linked that the proxy does not offer gives way to its default.
    {
        let dispatcher = state.dispatcher();
        let offered = profiles.clone().filter(|list| !list.profiles.is_empty());
        use_effect_with(
            (offered, state.profile.clone()),
            move |(offered, chosen)| {
                if let (Some(offered), Some(chosen), false) = (offered, chosen, fixed_profile) {
                    if !offered.profiles.iter().any(|p| &p.name == chosen) {
                        dispatcher.dispatch(Action::ProfileUnavailable);
                    }
                }
            },
        );
    }

    use_jobs_fetch(
        endpoint.clone(),
        state.request.clone(),
        state.refresh_token,
        state.dispatcher(),
    );
    use_url_sync(props.sync_url, state.url_state(), state.dispatcher());
    // The counts by status go after the list has answered (a throttled list waits first).
    let counts = use_status_counts(
        endpoint.clone(),
        &state.request,
        state.refresh_token,
        state.fetch.seq > 0 && !state.fetch.loading && state.fetch.retry_in.is_none(),
    );

    // Auto-refresh: while enabled, visible, and something on the page may still change.
    let visible = use_page_visible();
    let throttled = state.fetch.retry_in.is_some();
    let polling = preferences.auto_refresh
        && visible
        && state.has_active_jobs()
        && !state.fetch.loading
        && !throttled;
    use_interval(
        AUTO_REFRESH_MS,
        polling,
        dispatch.reform(|_| Action::Refresh),
    );
    // A throttled request counts down, then goes again.
    use_interval(
        RETRY_TICK_MS,
        throttled,
        dispatch.reform(|_| Action::RetryTick),
    );
    // A copy button says "Copied" for a moment.
    use_timeout(
        state.copied.clone(),
        COPIED_MS,
        dispatch.reform(Action::CopyShown),
    );

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

    let on_page_size = {
        let set_preferences = set_preferences.clone();
        let preferences = preferences.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |size: i64| {
            set_preferences.emit(Preferences {
                page_size: size,
                ..preferences.clone()
            });
            dispatch.emit(Action::SetPageSize(size));
        })
    };
    let on_profile = {
        let set_preferences = set_preferences.clone();
        let preferences = preferences.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |name: String| {
            set_preferences.emit(Preferences {
                profile: Some(name.clone()),
                ..preferences.clone()
            });
            dispatch.emit(Action::SetProfile(Some(name)));
        })
    };
    let switcher = profiles.filter(|list| !fixed_profile && list.profiles.len() > 1);
    let toggle_filters = {
        let show_filters = show_filters.clone();
        Callback::from(move |_| show_filters.set(!*show_filters))
    };
    let toggle_preferences = {
        let show_preferences = show_preferences.clone();
        Callback::from(move |_| show_preferences.set(!*show_preferences))
    };

    // The host's language, else the person's, else the browser's.
    let browser = use_memo((), |_| browser_languages());
    let lang = Lang::choose(
        props.lang,
        preferences.language,
        browser.iter().map(String::as_str),
    );
    let texts = lang.texts();
    let zone = preferences.zone_in(lang);
    // The page that is the viewer speaks its language too (screen readers, fonts, search).
    use_effect_with((lang, props.sync_url), |(lang, owns_page)| {
        if *owns_page {
            let document = gloo::utils::document();
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            document.set_title(lang.texts().page_title);
        }
    });

    // What the pages tell over time: the time left, and the watched jobs that end.
    let live = use_live_jobs(
        state.fetch.page.clone(),
        state.fetch.page_request.clone(),
        state.fetch.loaded_at,
        lang,
        endpoint.clone(),
    );
    // The table's clock moves every 30 s; a page that arrived since is newer.
    let live_now = state
        .fetch
        .loaded_at
        .map_or(table_now, |arrived| arrived.max(table_now));
    let ask_permission = use_notification_permission(dispatch.reform(Action::Notice));
    let on_watch = {
        let live = live.dispatcher();
        let ask_permission = ask_permission.clone();
        Callback::from(move |job_id: String| {
            ask_permission.emit(());
            live.dispatch(LiveAction::ToggleJob(job_id));
        })
    };
    let on_watch_filter = {
        let live = live.dispatcher();
        let request = state.request.clone();
        let shown: Vec<String> = state
            .fetch
            .page
            .iter()
            .flat_map(|page| page.replication_jobs.iter().map(|job| job.job_id.clone()))
            .collect();
        Callback::from(move |()| {
            ask_permission.emit(());
            live.dispatch(LiveAction::ToggleFilter(request.clone(), shown.clone()));
        })
    };

    let window = state.window();
    let filter_count = active_filters(&state.request).len();
    let loading = state.fetch.loading;
    let page = state.fetch.page.clone();
    let request_id = page
        .as_ref()
        .map(|page| page.request_id.clone())
        .filter(|id| !id.is_empty());

    html! {
        <ContextProvider<Lang> context={lang}>
        <div class="smcv" lang={lang.tag()} data-density={preferences.density.key()}
            data-theme={props.theme.unwrap_or(preferences.theme).data_theme()}>
            <div class={classes!("smcv-layout", state.open_job.is_some().then_some("smcv-layout--details"))}>
            <div class="smcv-list">
                <Header
                    total={page.as_ref().and_then(|p| p.total_count)}
                    {loading}
                    loaded_at={state.fetch.loaded_at}
                    preferences={preferences.clone()}
                    {polling}
                    endpoint={endpoint.clone()}
                    request={state.request.clone()}
                    on_refresh={dispatch.reform(|_| Action::Refresh)}
                    on_preferences={set_preferences.clone()}
                    on_toggle_preferences={toggle_preferences.clone()}
                    preferences_open={*show_preferences}
                    progress={live.progress.clone()} />
                if *show_preferences {
                    <PreferencesPanel
                        preferences={preferences.clone()}
                        id={preferences_id}
                        on_change={set_preferences}
                        on_page_size={on_page_size.clone()}
                        on_close={toggle_preferences}
                        theme_choice={props.theme.is_none()}
                        lang_fixed={props.lang.is_some()} />
                }
                if let Some(profiles) = switcher {
                    <AccountSwitcher {profiles} selected={state.profile.clone()} on_change={on_profile} />
                }
                <FiltersToggle active={filter_count} expanded={*show_filters}
                    controls={filters_panel_id.clone()} on_toggle={toggle_filters} />
                <div id={filters_panel_id}
                    class={classes!("smcv-filters-panel", (!*show_filters).then_some("smcv-filters-panel--folded"))}>
                    <FilterBar
                        request={state.request.clone()}
                        id={filters_id}
                        id_messages={state.id_messages.clone()}
                        tag_message={state.tag_message.clone()}
                        dispatch={dispatch.clone()} />
                </div>
                <ActiveFilters request={state.request.clone()} dispatch={dispatch.clone()} />
                <StatusCountBar {counts} active={state.request.status.clone()} dispatch={dispatch.clone()} />
                <div class="smcv-sr-only" role="status" aria-live="polite" aria-atomic="true">{ announcement(&state, texts) }</div>
                <Banners
                    notices={state.notices.clone()}
                    error={state.fetch.error.clone()}
                    retry_in={state.fetch.retry_in}
                    {loading}
                    dispatch={dispatch.clone()} />
                if page.is_some() {
                    <div class="smcv-watch-bar">
                        <WatchToggle pressed={live.watchlist.watches_filter(&state.request)}
                            label={texts.watch_filter} show_label=true on_toggle={on_watch_filter} />
                    </div>
                }
                <JobsTable
                    page={page.clone()}
                    columns={preferences.visible_columns()}
                    sort={state.sort}
                    {zone}
                    {loading}
                    filtered={filter_count > 0}
                    page_size={window.page_size}
                    selected={state.open_job.clone()}
                    now={live_now}
                    copied={state.copied.clone()}
                    dispatch={dispatch.clone()}
                    progress={live.progress.clone()}
                    watchlist={live.watchlist.clone()}
                    on_watch={on_watch.clone()} />
                <Pagination {window} {loading} id={paging_id} dispatch={dispatch.clone()} {on_page_size} />
                if let Some(request_id) = request_id {
                    <RequestIdNote copied={state.copied.as_ref() == Some(&request_id)} {request_id}
                        dispatch={dispatch.clone()} />
                }
            </div>
            if let Some(job_id) = &state.open_job {
                <DetailsPanel
                    job_id={job_id.clone()}
                    {page}
                    {endpoint}
                    {zone}
                    copied={state.copied.clone()}
                    {dispatch}
                    progress={live.progress.clone()}
                    now={live_now}
                    watched={live.watchlist.is_watched(job_id)}
                    {on_watch} />
            }
            </div>
        </div>
        </ContextProvider<Lang>>
    }
}

/// What a screen reader hears after each change.
fn announcement(state: &ViewState, texts: &Texts) -> String {
    if state.fetch.loading {
        return texts.loading_jobs.to_owned();
    }
    if let Some(error) = &state.fetch.error {
        return (texts.could_not_load_jobs)(&error.code);
    }
    if state.fetch.retry_in.is_some() {
        // The same words while the banner counts down, so they are read out once.
        return texts.slowing_down_announcement.to_owned();
    }
    if state.fetch.page.is_none() {
        return String::new();
    }
    let window = state.window();
    (texts.showing_jobs)(&window.label(texts), window.page, window.last_page())
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
