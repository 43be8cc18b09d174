//! Asking for the browser's permission to notify, once, when the person first watches a
//! job.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::notify::{self, Permission};

/// A callback to call from each watch toggle's click. The first call asks the browser
/// for permission when it has not been answered (a click is the gesture browsers ask on);
/// a refusal, remembered or new, or a browser without notifications, is explained once
/// with `on_notice` (in `lang`). Later calls do nothing.
#[hook]
pub fn use_notification_permission(on_notice: Callback<String>, lang: Lang) -> Callback<()> {
    let asked = use_mut_ref(|| false);
    use_callback((on_notice, lang), move |(), (on_notice, lang)| {
        if std::mem::replace(&mut *asked.borrow_mut(), true) {
            return;
        }
        let texts = lang.texts();
        let explain = {
            let on_notice = on_notice.clone();
            move |permission: Permission| match permission {
                Permission::Denied => on_notice.emit(texts.notifications_denied.to_owned()),
                Permission::Unsupported => {
                    on_notice.emit(texts.notifications_unsupported.to_owned())
                }
                Permission::Ask | Permission::Granted => {}
            }
        };
        match notify::permission() {
            Permission::Ask => notify::request(explain),
            other => explain(other),
        }
    })
}
