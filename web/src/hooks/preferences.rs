//! The person's preferences, kept in the browser.

use yew::prelude::*;

use crate::prefs::Preferences;

/// The preferences stored in this browser (or the defaults), and a callback that changes
/// them and stores the change for the next visit.
#[hook]
pub fn use_preferences() -> (Preferences, Callback<Preferences>) {
    let preferences = use_state(Preferences::load);
    let change = {
        let setter = preferences.setter();
        use_callback((), move |next: Preferences, _| {
            next.save();
            setter.set(next);
        })
    };
    ((*preferences).clone(), change)
}
