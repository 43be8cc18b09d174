//! The view's state in the page's URL.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::state::{Action, ViewState};
use crate::url_state::UrlState;

/// While `enabled`, keeps the URL and the state in step: a change of state pushes a history
/// entry, back and forward bring the state back. The first write replaces the entry, so a
/// link that was cleaned of invalid parts does not leave its dirty twin in the history.
#[hook]
pub fn use_url_sync(enabled: bool, url: UrlState, dispatch: UseReducerDispatcher<ViewState>) {
    let first = use_mut_ref(|| true);
    use_effect_with(url, move |url| {
        if enabled {
            write_url(url, std::mem::replace(&mut *first.borrow_mut(), false));
        }
    });
    use_effect_with(enabled, move |&enabled| {
        let listener = enabled.then(|| {
            EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                let (url, dropped) = UrlState::parse(&current_search(), &current_hash());
                dispatch.dispatch(Action::FromUrl(url, dropped));
            })
        });
        move || drop(listener)
    });
}

/// The page's query string, with its `?`.
pub fn current_search() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// The page's fragment, with its `#`.
pub fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn write_url(url: &UrlState, replace: bool) {
    let wanted = format!("{}{}", url.search(), url.hash());
    if format!("{}{}", current_search(), current_hash()) == wanted {
        return;
    }
    let window = gloo::utils::window();
    let path = window
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".to_owned());
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
