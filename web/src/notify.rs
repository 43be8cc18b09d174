//! The browser's notifications (the Notification API): whether the viewer may show them,
//! asking once, and showing one. A denial is remembered in `localStorage`, so the viewer
//! never asks again after it.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

const DENIED_KEY: &str = "smc-viewer.notifications-denied";

/// Whether the viewer may show notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// The browser has no Notification API.
    Unsupported,
    /// Not asked yet (or the question was dismissed).
    Ask,
    /// Allowed.
    Granted,
    /// Refused, by the person or the browser.
    Denied,
}

/// The permission now. A denial the viewer remembers counts even where the browser would
/// let it ask again.
pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ if denial_remembered() => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the person (call it from a click: browsers ask only on a gesture), and tells
/// `answered` the answer; a denial is remembered.
pub fn request(answered: impl FnOnce(Permission) + 'static) {
    let Ok(promise) = Notification::request_permission() else {
        answered(Permission::Unsupported);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let answer = match JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(text) if text == "granted" => Permission::Granted,
            Some(text) if text == "denied" => Permission::Denied,
            _ => Permission::Ask,
        };
        if answer == Permission::Denied {
            let _ = LocalStorage::set(DENIED_KEY, true);
        }
        answered(answer);
    });
}

/// Shows a notification; `tag` makes a later one with the same tag replace it.
pub fn show(title: &str, body: &str, tag: &str) {
    if permission() != Permission::Granted {
        return;
    }
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    let _ = Notification::new_with_options(title, &options);
}

fn supported() -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::has(&window, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

fn denial_remembered() -> bool {
    LocalStorage::get::<bool>(DENIED_KEY).unwrap_or(false)
}
