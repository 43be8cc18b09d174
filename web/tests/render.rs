//! Rendering in a real browser: a parsed page becomes rows, chips and indicators; filters
//! become removable chips; paging says where it is; an unreachable API shows the banner.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use smc_core::{DescribeReplicationJobs, Status, TagFilter};
use smc_web::columns::Column;
use smc_web::components::{
    ActiveFilters, ActiveFiltersProps, App, AppProps, DetailsPanel, JobsTable, JobsTableProps,
    NameFilter, Pagination, PaginationProps, StatusCountBar, StatusCountBarProps,
};
use smc_web::filters::Filter;
use smc_web::format::Zone;
use smc_web::page::Page;
use smc_web::paging::PageWindow;
use smc_web::state::Action;
use smc_web::status_counts::{CountsAction, StatusCounts};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::{Callback, Properties};

mod common;

use common::attached_root as root;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = include_str!("data/page.json");

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|node| node.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// The first element under `root` that `selector` matches, as a `T`.
fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap_or_else(|_| panic!("{selector} is not the element expected"))
}

/// Clicks the first element under `root` that `selector` matches.
fn click(root: &Element, selector: &str) {
    find::<HtmlElement>(root, selector).click();
}

/// Renders `COMP` with `props` into a fresh element and waits for the DOM.
async fn render<COMP>(props: COMP::Properties) -> Element
where
    COMP: yew::BaseComponent,
    COMP::Properties: Properties,
{
    let root = root();
    yew::Renderer::<COMP>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn recorder() -> (Callback<Action>, Rc<std::cell::RefCell<Vec<Action>>>) {
    let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = seen.clone();
    (
        Callback::from(move |action| sink.borrow_mut().push(action)),
        seen,
    )
}

fn table_props(dispatch: Callback<Action>) -> JobsTableProps {
    let page = smc_core::body::parse_response(PAGE).expect("the fixture parses");
    JobsTableProps {
        page: Some(Page(Rc::new(page))),
        columns: Column::ALL.to_vec(),
        sort: None,
        zone: Zone::Utc8,
        loading: false,
        filtered: false,
        page_size: 20,
        selected: Some("j-bp18x2mhl5ufe4sy0a02".to_owned()),
        now: smc_web::format::now(),
        copied: Some("j-bp18x2mhl5ufe4sy0a01".to_owned()),
        dispatch,
        progress: Rc::default(),
        watchlist: Default::default(),
        on_watch: Callback::noop(),
    }
}

/// Page 3 of 12 pages of 20 jobs.
const PAGE_3_OF_12: PageWindow = PageWindow {
    page: 3,
    page_size: 20,
    total: 240,
};

fn paging_props(window: PageWindow, dispatch: Callback<Action>) -> PaginationProps {
    PaginationProps {
        window,
        loading: false,
        id: "paging".into(),
        dispatch,
        on_page_size: Callback::noop(),
    }
}

#[test]
async fn a_parsed_page_renders_one_row_per_job_with_indicators_and_chips() {
    let (dispatch, seen) = recorder();
    let root = render::<JobsTable>(table_props(dispatch)).await;

    let rows = root.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 3);
    assert_eq!(
        texts(&root, "tbody .smcv-id code"),
        [
            "j-bp18x2mhl5ufe4sy0a01",
            "j-bp18x2mhl5ufe4sy0a02",
            "j-bp18x2mhl5ufe4sy0a03"
        ]
    );
    assert_eq!(
        texts(&root, "tbody .smcv-link"),
        ["web-frontend-01", "erp-db-02", "(unnamed)"]
    );
    // Status is icon, colour class and text, never colour alone.
    assert_eq!(
        texts(&root, "tbody .smcv-status"),
        ["▶Running", "✕Error", "✓Completed"]
    );
    assert!(root
        .query_selector(".smcv-status--error")
        .unwrap()
        .is_some());
    // Class lists built from values keep their order, and an empty one sets no `class`.
    let status = root.query_selector("tbody .smcv-status").unwrap().unwrap();
    assert_eq!(
        status.get_attribute("class").as_deref(),
        Some("smcv-status smcv-status--running")
    );
    let table = root.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("class").as_deref(), Some("smcv-table"));
    let row = root.query_selector("tbody tr").unwrap().unwrap();
    assert_eq!(row.get_attribute("class"), None);
    assert_eq!(
        texts(&root, "tbody .smcv-progress__text"),
        ["55.45 %", "12 %", "100 %"]
    );
    let bar = root.query_selector("tbody progress").unwrap().unwrap();
    assert_eq!(bar.get_attribute("value").as_deref(), Some("55.45"));
    assert_eq!(
        texts(&root, "tbody .smcv-chip--tag"),
        ["env=prod", "team=web", "env=staging"]
    );
    // Name, Status, Business status, Progress, Time left, Source, then Target.
    assert_eq!(
        texts(&root, "tbody td:nth-child(7)"),
        [
            "ECS image m-bp1gn0x6it5g4x0a01",
            "Container image erp/db:v2",
            "ECS instance i-bp1ff25rzvnul6kr0a03"
        ]
    );
    // Exact times in the chosen zone, labelled, on hover.
    let created = root.query_selector("tbody time").unwrap().unwrap();
    assert_eq!(
        created.get_attribute("title").as_deref(),
        Some("2026-11-27 16:00:00 UTC+8")
    );
    assert_eq!(
        created.get_attribute("datetime").as_deref(),
        Some("2026-11-27T08:00:00Z")
    );
    // The selected row is marked for assistive tech as well as by colour.
    assert_eq!(
        rows.item(1)
            .unwrap()
            .dyn_into::<Element>()
            .unwrap()
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );

    // Clicking a tag chip adds it as a filter; clicking a name opens the details.
    click(&root, "tbody .smcv-chip--tag");
    click(&root, "tbody .smcv-link");
    // The id just copied says so; copying another says which (the app shows it).
    assert_eq!(texts(&root, "tbody .smcv-copy"), ["Copied", "Copy", "Copy"]);
    root.query_selector_all("tbody .smcv-copy")
        .unwrap()
        .item(1)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert_eq!(
        *seen.borrow(),
        [
            Action::AddTag("env=prod".into()),
            Action::OpenJob("j-bp18x2mhl5ufe4sy0a01".into()),
            Action::Copied("j-bp18x2mhl5ufe4sy0a02".into())
        ]
    );
}

#[test]
async fn headers_sort_the_page_and_say_how() {
    let (dispatch, seen) = recorder();
    let mut props = table_props(dispatch);
    props.sort = Some(smc_web::columns::Sort {
        column: Column::Progress,
        ascending: false,
    });
    let root = render::<JobsTable>(props).await;
    let note = texts(&root, ".smcv-sort-note");
    assert!(note[0].contains("on this page only"), "{note:?}");
    let sorted = root.query_selector("th[aria-sort]").unwrap().unwrap();
    assert_eq!(
        sorted.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert!(sorted
        .text_content()
        .unwrap_or_default()
        .contains("Progress"));
    click(&root, "th .smcv-sort");
    assert_eq!(*seen.borrow(), [Action::SortBy(Column::Name)]);
}

#[test]
async fn a_running_job_shows_its_time_left_and_a_watch_toggle() {
    let mut props = table_props(Callback::noop());
    let page = props.page.clone().expect("a page");
    let now = props.now;
    // A minute ago the running job stood 5 % lower: 5 % a minute, 44.55 % to go.
    let mut earlier = page.replication_jobs[0].clone();
    earlier.progress = earlier.progress.map(|p| p - 5.0);
    let mut log = smc_web::progress_log::ProgressLog::default();
    log.record_page(&[earlier], now - time::Duration::minutes(1));
    log.record_page(&page.replication_jobs, now);
    props.progress = Rc::new(log);
    let running = page.replication_jobs[0].job_id.clone();
    props.watchlist.toggle_job(&running);
    let watched = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = watched.clone();
    props.on_watch = Callback::from(move |id: String| sink.borrow_mut().push(id));
    let root = render::<JobsTable>(props).await;

    assert_eq!(
        texts(&root, "tbody .smcv-cell-time-left .smcv-time-left"),
        ["about 9 min left"]
    );
    // Only the running job can end, so only it has a bell; it is watched.
    let toggle: HtmlElement = find(&root, "tbody .smcv-cell-time-left .smcv-watch");
    assert_eq!(root.query_selector_all(".smcv-watch").unwrap().length(), 1);
    assert_eq!(
        toggle.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        toggle.get_attribute("aria-label").as_deref(),
        Some("Notify me when web-frontend-01 ends")
    );
    toggle.click();
    assert_eq!(*watched.borrow(), [running]);
}

#[test]
async fn empty_results_offer_to_clear_filters() {
    let (dispatch, seen) = recorder();
    let mut props = table_props(dispatch);
    props.page = Some(Page(Rc::default()));
    props.filtered = true;
    let root = render::<JobsTable>(props).await;
    assert_eq!(
        texts(&root, ".smcv-empty__title"),
        ["No jobs match these filters"]
    );
    click(&root, ".smcv-empty button");
    assert_eq!(*seen.borrow(), [Action::ClearFilters]);
}

#[test]
async fn active_filters_are_removable_chips() {
    let (dispatch, seen) = recorder();
    let request = DescribeReplicationJobs {
        status: Some(Status::InError),
        job_ids: vec!["j-1".into()],
        tags: vec![TagFilter::with_value("env", "prod")],
        ..Default::default()
    };
    let root = render::<ActiveFilters>(ActiveFiltersProps { request, dispatch }).await;
    assert_eq!(
        texts(&root, ".smcv-chip--filter span"),
        ["Status: Error", "Job ID: j-1", "Tag: env=prod"]
    );
    let remove = root.query_selector_all(".smcv-chip__remove").unwrap();
    assert_eq!(
        remove
            .item(2)
            .unwrap()
            .dyn_into::<Element>()
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Remove filter Tag: env=prod")
    );
    remove
        .item(2)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert_eq!(
        *seen.borrow(),
        [Action::RemoveFilter(Filter::Tag(TagFilter::with_value(
            "env", "prod"
        )))]
    );
}

#[test]
async fn pagination_shows_the_range_and_the_current_page() {
    let (dispatch, seen) = recorder();
    let root = render::<Pagination>(paging_props(PAGE_3_OF_12, dispatch)).await;
    assert_eq!(texts(&root, ".smcv-pagination__range"), ["41–60 of 240"]);
    assert_eq!(
        texts(&root, ".smcv-pagination__button[aria-current=page]"),
        ["3"]
    );
    assert_eq!(texts(&root, ".smcv-pagination__gap"), ["…"]);
    click(&root, "[aria-label='Last page']");
    assert_eq!(*seen.borrow(), [Action::GoToPage(12)]);
}

#[test]
async fn jumping_goes_to_the_typed_page_and_empties_the_field() {
    let (dispatch, seen) = recorder();
    let root = render::<Pagination>(paging_props(PAGE_3_OF_12, dispatch)).await;
    let field: web_sys::HtmlInputElement = find(&root, ".smcv-jump input");
    let go: HtmlElement = find(&root, ".smcv-jump button");
    field.set_value("7");
    go.click();
    assert_eq!(*seen.borrow(), [Action::GoToPage(7)]);
    assert_eq!(field.value(), "");
    // Past the last page the browser's own check (`max`) stops the form, and says why.
    field.set_value("13");
    go.click();
    assert_eq!(seen.borrow().len(), 1);
    assert!(!field.check_validity());
}

#[test]
async fn an_unreachable_api_shows_the_error_banner() {
    // The test server answers 404 without an API error body for this path.
    let props = AppProps {
        endpoint: smc_web::api::Endpoint {
            base: "/no-such-api".into(),
            token: None,
            profile: None,
        },
        ..AppProps::default()
    };
    let root = render::<App>(props).await;
    let mut banner = Vec::new();
    for _ in 0..50 {
        gloo::timers::future::TimeoutFuture::new(50).await;
        yew::scheduler::flush().await;
        banner = texts(&root, ".smcv-banner--error code");
        if !banner.is_empty() {
            break;
        }
    }
    assert_eq!(banner.first().map(String::as_str), Some("Http.404"));
    assert_eq!(texts(&root, ".smcv-banner--error button"), ["Retry"]);
}

/// The name filter as the app holds it: `name` is the request's, which the test's button
/// clears as "Clear filters" would.
#[derive(Properties, PartialEq)]
struct NameProps {
    name: Option<String>,
    dispatch: Callback<Action>,
}

#[yew::function_component]
fn NameBox(props: &NameProps) -> yew::Html {
    let name = yew::use_state(|| props.name.clone());
    let clear = {
        let name = name.clone();
        Callback::from(move |_| name.set(None))
    };
    yew::html! {
        <>
            <NameFilter id="name" name={(*name).clone()} dispatch={props.dispatch.clone()} />
            <button id="clear" onclick={clear}>{ "Clear filters" }</button>
        </>
    }
}

#[test]
async fn the_name_filter_applies_once_typing_pauses_and_shows_names_set_elsewhere() {
    let (dispatch, seen) = recorder();
    let root = render::<NameBox>(NameProps {
        name: Some("db".into()),
        dispatch,
    })
    .await;
    let input: web_sys::HtmlInputElement = find(&root, "#name");
    assert_eq!(input.value(), "db", "the request's name is written in");
    let pause = || gloo::timers::future::TimeoutFuture::new(500);

    let type_in = |text: &str| {
        input.set_value(text);
        let event = web_sys::InputEvent::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
    };
    type_in("web");
    type_in("web-");
    assert!(seen.borrow().is_empty(), "nothing before the pause");
    pause().await;
    assert_eq!(*seen.borrow(), [Action::SetName("web-".into())]);

    // Clearing while typing is pending: the input empties and the pending name is dropped.
    type_in("web-1");
    click(&root, "#clear");
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "");
    pause().await;
    assert_eq!(seen.borrow().len(), 1, "{:?}", seen.borrow());
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function fakeJobsApi(base, slowJobId) {
  const real = window.fetch;
  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!url.pathname.startsWith(base)) return real(input, init);
    const id = url.searchParams.get('JobId.1');
    const jobs = id ? [{ JobId: id, Name: 'name of ' + id }] : [];
    const body = JSON.stringify({ RequestId: 'R-' + id, TotalCount: jobs.length, PageNumber: 1,
      PageSize: 10, ReplicationJobs: { ReplicationJob: jobs } });
    const delay = id === slowJobId ? 400 : 20;
    return new Promise((resolve) => setTimeout(() => resolve(new Response(body,
      { status: 200, headers: { 'Content-Type': 'application/json' } })), delay));
  };
}
"#)]
extern "C" {
    /// Answers fetches under `base` with the job asked for by `JobId.1` (none without it),
    /// after 400 ms for `slow_job_id` and 20 ms for any other.
    #[wasm_bindgen(js_name = fakeJobsApi)]
    fn fake_jobs_api(base: &str, slow_job_id: &str);
}

/// The details panel as the app holds it, with no page shown; the button opens another job.
#[derive(Properties, PartialEq)]
struct DetailsHostProps {
    endpoint: smc_web::api::Endpoint,
}

#[yew::function_component]
fn DetailsHost(props: &DetailsHostProps) -> yew::Html {
    let open = yew::use_state(|| yew::AttrValue::from("j-a"));
    let open_b = {
        let open = open.clone();
        Callback::from(move |_| open.set("j-b".into()))
    };
    yew::html! {
        <>
            <button id="open-b" onclick={open_b}>{ "Open j-b" }</button>
            <DetailsPanel job_id={(*open).clone()} page={None::<Page>} endpoint={props.endpoint.clone()}
                zone={Zone::Utc} copied={None::<String>} dispatch={Callback::noop()} />
        </>
    }
}

#[test]
async fn a_late_answer_for_the_job_opened_before_never_shows_under_the_next_one() {
    // j-a is not on any page, so it is fetched by itself, slowly; j-b is opened before
    // j-a's answer arrives, and answers first.
    fake_jobs_api("/fake-details-api", "j-a");
    let endpoint = smc_web::api::Endpoint {
        base: "/fake-details-api".into(),
        token: None,
        profile: None,
    };
    let root = render::<DetailsHost>(DetailsHostProps { endpoint }).await;
    click(&root, "#open-b");
    let settle = |ms| async move {
        gloo::timers::future::TimeoutFuture::new(ms).await;
        yew::scheduler::flush().await;
    };
    settle(150).await;
    assert_eq!(texts(&root, ".smcv-details h2"), ["name of j-b"]);
    // j-a's answer arrives now: the panel still shows j-b.
    settle(500).await;
    assert_eq!(texts(&root, ".smcv-details h2"), ["name of j-b"]);
    assert_eq!(
        texts(&root, ".smcv-details .smcv-facts code")
            .first()
            .map(String::as_str),
        Some("j-b")
    );
}

#[test]
async fn the_current_page_button_keeps_its_class_as_the_page_changes() {
    let root = root();
    let on_page = |page| PageWindow {
        page,
        ..PAGE_3_OF_12
    };
    let mut paging = yew::Renderer::<Pagination>::with_root_and_props(
        root.clone(),
        paging_props(on_page(1), Callback::noop()),
    )
    .render();
    yew::scheduler::flush().await;
    let class_of = |label: &str| {
        find::<Element>(&root, &format!("[aria-label='{label}']")).get_attribute("class")
    };
    const BUTTON: &str = "smcv-pagination__button";
    const CURRENT: &str = "smcv-pagination__button smcv-pagination__button--current";
    assert_eq!(class_of("Page 1").as_deref(), Some(CURRENT));
    assert_eq!(class_of("Page 2").as_deref(), Some(BUTTON));
    paging.update(paging_props(on_page(2), Callback::noop()));
    yew::scheduler::flush().await;
    assert_eq!(class_of("Page 1").as_deref(), Some(BUTTON));
    assert_eq!(class_of("Page 2").as_deref(), Some(CURRENT));
    assert_eq!(class_of("Next page").as_deref(), Some(BUTTON));
}

#[test]
async fn status_counts_show_numbers_dashes_and_unknowns_and_toggle_the_filter() {
    use yew::Reducible;
    let counts = [
        CountsAction::Started {
            seq: 1,
            account: None,
        },
        CountsAction::Answered {
            seq: 1,
            status: Status::Running,
            answer: Ok(12),
        },
        CountsAction::Answered {
            seq: 1,
            status: Status::InError,
            answer: Err("Throttling".into()),
        },
    ]
    .into_iter()
    .fold(Rc::new(StatusCounts::default()), |counts, action| {
        counts.reduce(action)
    });
    let (dispatch, seen) = recorder();
    let root = render::<StatusCountBar>(StatusCountBarProps {
        counts: (*counts).clone(),
        active: Some(Status::Running),
        dispatch,
    })
    .await;
    let group: HtmlElement = find(&root, "[role='group']");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some("Jobs by status")
    );
    assert_eq!(group.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(
        texts(&root, "button[value='Running'] .smcv-status-count__number"),
        ["12"]
    );
    let failed: HtmlElement = find(&root, "button[value='InError']");
    assert_eq!(
        failed.get_attribute("title").as_deref(),
        Some("Count unknown: Throttling")
    );
    assert!(texts(&root, "button[value='Ready'] [aria-hidden='true']").contains(&"–".to_owned()));
    let pressed: Vec<String> = texts(
        &root,
        "button[aria-pressed='true'] .smcv-status-count__label",
    );
    assert_eq!(pressed, ["Running"]);

    click(&root, "button[value='Running']");
    click(&root, "button[value='Finished']");
    assert_eq!(
        *seen.borrow(),
        [
            Action::SetStatus(None),
            Action::SetStatus(Some(Status::Finished))
        ]
    );
}

#[test]
async fn the_elements_theme_attribute_fixes_the_theme() {
    use smc_web::prefs::Theme;
    let element: HtmlElement = gloo::utils::document()
        .create_element("div")
        .expect("a div")
        .dyn_into()
        .expect("an HTML element");
    let theme = |value: Option<&str>| {
        match value {
            Some(value) => element.set_attribute("theme", value).unwrap(),
            None => element.remove_attribute("theme").unwrap(),
        }
        smc_web::embed::props_from_element(&element).theme
    };
    assert_eq!(theme(Some("dark")), Some(Theme::Dark));
    assert_eq!(theme(Some("Light")), Some(Theme::Light));
    assert_eq!(theme(Some("auto")), Some(Theme::System));
    assert_eq!(theme(Some("sepia")), None);
    assert_eq!(theme(None), None);
}

#[test]
async fn a_row_shows_two_tags_and_the_rest_behind_a_plus_n_that_opens_and_closes() {
    use smc_core::Tag;
    use smc_web::components::{TagChips, TagChipsProps};
    let tag = |key: &str, value: &str| Tag::new(key, value);
    let tags = vec![
        tag("env", "prod"),
        tag("team", "web"),
        tag("cost-center", "cc-2040"),
        tag("owner", ""),
    ];
    let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = seen.clone();
    let root = render::<TagChips>(TagChipsProps {
        tags,
        on_select: Some(Callback::from(move |tag: Tag| sink.borrow_mut().push(tag))),
        limit: Some(2),
    })
    .await;
    let hidden_list = "ul.smcv-more__list";
    assert_eq!(
        texts(&root, "ul.smcv-chips--tags > li > .smcv-chip--tag"),
        ["env=prod", "team=web"]
    );
    assert_eq!(
        texts(&root, &format!("{hidden_list} .smcv-chip--tag")),
        ["cost-center=cc-2040", "owner = (empty)"]
    );
    let more: HtmlElement = find(&root, ".smcv-more__button");
    let list: Element = find(&root, hidden_list);
    assert_eq!(more.text_content().as_deref(), Some("+2"));
    assert_eq!(
        more.get_attribute("aria-label").as_deref(),
        Some("2 more tags")
    );
    assert_eq!(more.get_attribute("aria-controls"), Some(list.id()));
    assert_eq!(
        more.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(list.has_attribute("hidden"));

    // A tap (or a click) opens the list; its chips filter like the others.
    more.click();
    yew::scheduler::flush().await;
    assert_eq!(more.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!list.has_attribute("hidden"));
    click(&root, &format!("{hidden_list} .smcv-chip--tag"));
    assert_eq!(*seen.borrow(), [tag("cost-center", "cc-2040")]);

    // Escape closes it, and goes no further: what is around the chips stays open.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("a keydown");
    let reached_document = Rc::new(std::cell::Cell::new(false));
    let _listener = {
        let reached_document = reached_document.clone();
        gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |_| {
            reached_document.set(true)
        })
    };
    more.dispatch_event(&escape).expect("dispatched");
    yew::scheduler::flush().await;
    assert_eq!(
        more.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(list.has_attribute("hidden"));
    assert!(!reached_document.get(), "Escape stopped at the chips");
}
