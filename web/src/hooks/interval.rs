//! A timer that repeats while it is enabled.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
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
