//! The Escape key, wherever the focus is.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Calls `callback` when Escape is pressed anywhere in the document, for as long as the
/// component using it is on the page. The newest `callback` is always the one called.
#[hook]
pub fn use_escape_key(callback: Callback<()>) {
    let latest: Rc<RefCell<Callback<()>>> = use_mut_ref(|| callback.clone());
    *latest.borrow_mut() = callback;
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
            let escape = event
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|event| event.key() == "Escape");
            if escape {
                latest.borrow().emit(());
            }
        });
        move || drop(listener)
    });
}
