//! The viewer's language in a real DOM: the host's `lang` fixes it, the preferences' menu
//! chooses it, and the parts speak the language the app provides.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use smc_web::components::{App, AppProps, PreferencesPanel};
use smc_web::i18n::{Lang, EN_US, ZH_CN};
use smc_web::prefs::Preferences;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

mod common;

use common::render;

wasm_bindgen_test_configure!(run_in_browser);

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .and_then(|node| node.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
async fn the_hosts_language_wins_whatever_the_browser_says() {
    let root = render::<App>(AppProps {
        lang: Some(Lang::ZhCn),
        endpoint: smc_web::api::Endpoint {
            base: "/no-such-api".into(),
            token: None,
            profile: None,
        },
        ..AppProps::default()
    })
    .await;
    let viewer = root.query_selector(".smcv").unwrap().expect("the viewer");
    assert_eq!(viewer.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert!(text(&root, "h1").starts_with(ZH_CN.jobs_heading));
    assert_eq!(text(&root, "label[for$='-jump']"), ZH_CN.go_to_page);
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    lang: Lang,
    lang_fixed: bool,
    chosen: Rc<RefCell<Vec<Preferences>>>,
}

/// The preferences panel inside an app that speaks `lang`.
#[function_component]
fn PanelIn(props: &PanelProps) -> Html {
    let chosen = props.chosen.clone();
    html! {
        <ContextProvider<Lang> context={props.lang}>
            <PreferencesPanel preferences={Preferences::default()} id="prefs"
                on_change={Callback::from(move |next| chosen.borrow_mut().push(next))}
                on_page_size={Callback::noop()} on_close={Callback::noop()}
                lang_fixed={props.lang_fixed} />
        </ContextProvider<Lang>>
    }
}

#[test]
async fn the_language_menu_offers_each_language_by_its_own_name_and_stores_the_choice() {
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let root = render::<PanelIn>(PanelProps {
        lang: Lang::ZhCn,
        lang_fixed: false,
        chosen: chosen.clone(),
    })
    .await;
    let selector = format!("select[aria-label='{}']", ZH_CN.language_legend);
    let menu: HtmlSelectElement = root
        .query_selector(&selector)
        .unwrap()
        .expect("a language menu")
        .dyn_into()
        .unwrap();
    let options: Vec<String> = (0..menu.length())
        .filter_map(|i| menu.item(i))
        .map(|option| option.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        options,
        [
            ZH_CN.language_browser_default,
            EN_US.language_name,
            ZH_CN.language_name
        ]
    );
    assert_eq!(menu.value(), "", "nothing chosen: the browser decides");
    menu.set_value("en-US");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(chosen.borrow().last().unwrap().language, Some(Lang::EnUs));
    menu.set_value("");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(chosen.borrow().last().unwrap().language, None);
    assert_eq!(text(&root, "legend"), ZH_CN.columns);
}

#[test]
async fn a_fixed_language_has_no_menu() {
    let root = render::<PanelIn>(PanelProps {
        lang: Lang::EnUs,
        lang_fixed: true,
        chosen: Rc::default(),
    })
    .await;
    let selects = root.query_selector_all(".smcv-prefs select").unwrap();
    assert_eq!(selects.length(), 1, "the page size alone");
    assert_eq!(text(&root, "legend"), EN_US.columns);
}
