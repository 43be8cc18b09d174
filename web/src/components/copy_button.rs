//! A button that copies an id to the clipboard.

use yew::prelude::*;

use crate::hooks::use_texts;
use crate::state::Action;

/// What the copy button copies, and whether it was just copied.
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text copied.
    pub text: AttrValue,
    /// What the text is, for the accessible name: the catalogue's `copy_what_job_id`…
    pub what: &'static str,
    /// Whether the text was just copied (the state's [`Action::Copied`]): the button says so.
    pub copied: bool,
    /// Told [`Action::Copied`] after a copy.
    pub dispatch: Callback<Action>,
}

/// Copies its text to the clipboard, and says "Copied" while the state holds it.
#[function_component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let texts = use_texts();
    let onclick = {
        let text = props.text.clone();
        props.dispatch.reform(move |event: MouseEvent| {
            // The button sits in a row that opens the job: a copy is only a copy.
            event.stop_propagation();
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&text);
            }
            Action::Copied(text.to_string())
        })
    };
    html! {
        <button type="button" class="smcv-copy" {onclick} aria-label={(texts.copy_label)(props.what, &props.text)}>
            { if props.copied { texts.copied } else { texts.copy } }
        </button>
    }
}
