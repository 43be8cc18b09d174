//! A timer that fires once for each value it is given.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// While `value` is set, calls `callback` with it `millis` later. A new value starts the
/// wait again; the old one's call is dropped, and so is the call of a value cleared or
/// of a component gone before it fires.
#[hook]
pub fn use_timeout<T>(value: Option<T>, millis: u32, callback: Callback<T>)
where
    T: Clone + PartialEq + 'static,
{
    use_effect_with(value, move |value| {
        let timeout = value
            .clone()
            .map(|value| Timeout::new(millis, move || callback.emit(value)));
        move || drop(timeout)
    });
}
