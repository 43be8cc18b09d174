//! The shown page's `RequestId`, which support tickets ask for.

use yew::prelude::*;

use crate::components::cells::id_text;
use crate::components::CopyButton;
use crate::hooks::use_texts;
use crate::state::Action;

/// The page's request, and whether its id was just copied.
#[derive(Properties, PartialEq)]
pub struct RequestIdNoteProps {
    /// The `RequestId` the API gave the shown page.
    pub request_id: AttrValue,
    /// Whether it was just copied.
    pub copied: bool,
    /// Told of copies.
    pub dispatch: Callback<Action>,
}

/// `Request ID 6E11…F7 [Copy]`, below the table.
#[function_component]
pub fn RequestIdNote(props: &RequestIdNoteProps) -> Html {
    let texts = use_texts();
    html! {
        <p class="smcv-request-id">
            <span class="smcv-muted">{ texts.request_id_of_page }</span>
            { id_text(&props.request_id) }
            <CopyButton text={props.request_id.clone()} what={texts.copy_what_request_id} copied={props.copied}
                dispatch={props.dispatch.clone()} />
        </p>
    }
}
