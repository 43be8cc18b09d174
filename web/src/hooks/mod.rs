//! Reusable behaviour as hooks: timers, the page's visibility, the clock.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use time::OffsetDateTime;
use yew::prelude::*;

/// Calls `callback` every `millis` while `enabled`. The newest `callback` is always the one
/// called, so it may capture fresh state on every render.
#[hook]
pub fn use_interval(millis: u32, enabled: bool, callback: Callback<()>) {
    let latest: Rc<RefCell<Callback<()>>> = use_mut_ref(|| callback.clone());
    *latest.borrow_mut() = callback;
    use_effect_with((millis, enabled), move |&(millis, enabled)| {
        let interval = enabled.then(|| Interval::new(millis, move || latest.borrow().emit(())));
        move || drop(interval)
    });
}

/// Whether the page is visible (not in a background tab): polling stops while it is not.
#[hook]
pub fn use_page_visible() -> bool {
    let visible = use_state(page_is_visible);
    {
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let listener = gloo::utils::document_element()
                .owner_document()
                .map(|document| {
                    EventListener::new(&document, "visibilitychange", move |_| {
                        visible.set(page_is_visible());
                    })
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

/// The current time, refreshed every `millis`, for "updated 12 s ago" and relative times.
#[hook]
pub fn use_now(millis: u32) -> OffsetDateTime {
    let now = use_state(crate::format::now);
    {
        let now = now.clone();
        use_interval(
            millis,
            true,
            Callback::from(move |_| now.set(crate::format::now())),
        );
    }
    *now
}

thread_local! {
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A prefix unique on the page, for `id`/`for` pairs: several viewers may share a page.
#[hook]
pub fn use_unique_id(name: &'static str) -> AttrValue {
    let id = use_state(|| {
        let n = NEXT_ID.with(|next| {
            let n = next.get();
            next.set(n + 1);
            n
        });
        AttrValue::from(format!("smcv-{name}-{n}"))
    });
    (*id).clone()
}
