//! The account switcher and the throttling banner, rendered in a real browser.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use smc_core::{ProfileList, ProfileSummary};
use smc_web::components::{AccountSwitcher, AccountSwitcherProps, Banners, BannersProps};
use smc_web::state::Action;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};
use web_sys::HtmlSelectElement;
use yew::Callback;

mod common;

use common::render;

wasm_bindgen_test_configure!(run_in_browser);

fn two_accounts() -> ProfileList {
    ProfileList {
        profiles: vec![
            ProfileSummary {
                name: "prod".into(),
                label: Some("Production".into()),
            },
            ProfileSummary {
                name: "test".into(),
                label: None,
            },
        ],
        default: Some("prod".into()),
    }
}

#[test]
async fn the_switcher_is_a_labelled_select_of_the_accounts_that_tells_the_choice() {
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let sink = chosen.clone();
    let root = render::<AccountSwitcher>(AccountSwitcherProps {
        profiles: two_accounts(),
        selected: None,
        on_change: Callback::from(move |name: String| sink.borrow_mut().push(name)),
    })
    .await;
    let label = root.query_selector("label").unwrap().expect("a label");
    assert_eq!(label.text_content().unwrap(), "Account");
    let select: HtmlSelectElement = root
        .query_selector(&format!("#{}", label.get_attribute("for").expect("for")))
        .unwrap()
        .expect("the select the label names")
        .dyn_into()
        .unwrap();
    assert_eq!(
        select.value(),
        "prod",
        "the default account when none is chosen"
    );
    let options: Vec<String> = (0..select.length())
        .filter_map(|i| select.item(i))
        .map(|option| option.text_content().unwrap().trim().to_owned())
        .collect();
    assert_eq!(options, ["Production", "test"]);
    select.set_value("test");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(*chosen.borrow(), ["test"]);
}

#[test]
async fn a_throttled_wait_shows_its_countdown_and_no_error() {
    let root = render::<Banners>(BannersProps {
        notices: Vec::new(),
        error: None,
        retry_in: Some(4),
        loading: false,
        dispatch: Callback::from(|_: Action| {}),
    })
    .await;
    let banner = root
        .query_selector(".smcv-banner--throttled")
        .unwrap()
        .expect("the throttling banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        banner.text_content().unwrap().trim(),
        "Slowing down, retrying in 4 s"
    );
    assert!(root
        .query_selector(".smcv-banner--error")
        .unwrap()
        .is_none());
}
