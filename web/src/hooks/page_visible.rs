//! Whether the page is visible.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the page is visible (not in a background tab): polling stops while it is not.
#[hook]
pub fn use_page_visible() -> bool {
    let visible = use_state(page_is_visible);
    {
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    visible.set(page_is_visible());
                });
            move || drop(listener)
        });
    }
    *visible
}

fn page_is_visible() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_none_or(|document| !document.hidden())
}
