//! An id-list filter: type or paste ids separated by commas, spaces or new lines.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::filters::IdList;
use crate::hooks::use_unique_id;
use crate::state::Action;

/// The id filter's inputs.
#[derive(Properties, PartialEq)]
pub struct IdFilterProps {
    /// Which list.
    pub list: IdList,
    /// How many ids it holds: when it grows, the typed text became chips.
    pub count: usize,
    /// The rule the last attempt broke.
    pub message: Option<String>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// An input whose ids become chips.
#[component]
pub fn IdFilter(props: &IdFilterProps) -> Html {
    let id = use_unique_id(props.list.param());
    let text = use_state(String::new);
    {
        let text = text.clone();
        use_effect_with(props.count, move |_| text.set(String::new()));
    }
    let add = {
        let dispatch = props.dispatch.clone();
        let list = props.list;
        move |raw: String| {
            if !raw.trim().is_empty() {
                dispatch.emit(Action::AddIds(list, raw));
            }
        }
    };
    let on_input = {
        let text = text.clone();
        let add = add.clone();
        Callback::from(move |event: InputEvent| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            // A paste, or a separator typed after an id, turns the text into chips at once.
            let pasted = event.input_type() == "insertFromPaste";
            let separated = value.ends_with([',', ' ', ';']);
            text.set(value.clone());
            if pasted || separated {
                add(value);
            }
        })
    };
    // An <input> cannot hold newlines, so the browser drops them from pasted text and one id
    // would run into the next: take the clipboard's text as it is instead.
    let on_paste = {
        let text = text.clone();
        let add = add.clone();
        Callback::from(move |event: Event| {
            let pasted = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(web_sys::ClipboardEvent::clipboard_data)
                .and_then(|data| data.get_data("text").ok());
            let Some(pasted) = pasted.filter(|p| !p.trim().is_empty()) else {
                return; // Nothing readable: the browser pastes and `on_input` takes it.
            };
            event.prevent_default();
            let combined = format!("{} {pasted}", *text);
            text.set(combined.replace(['\n', '\r'], " ").trim().to_owned());
            add(combined);
        })
    };
    let on_key = {
        let text = text.clone();
        let add = add.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                add((*text).clone());
            }
        })
    };
    let on_add = {
        let text = text.clone();
        Callback::from(move |_: MouseEvent| add((*text).clone()))
    };
    let error_id = format!("{id}-error");
    html! {
        <div class="smcv-field">
            <label for={id.clone()}>{ format!("{}s", props.list.label()) }</label>
            <div class="smcv-input-with-button">
                <input id={id} type="text" value={(*text).clone()} oninput={on_input} onpaste={on_paste} onkeydown={on_key}
                    placeholder={props.list.example()} autocomplete="off" spellcheck="false"
                    aria-invalid={props.message.is_some().to_string()}
                    aria-describedby={props.message.as_ref().map(|_| error_id.clone())} />
                <button type="button" class="smcv-button" onclick={on_add}
                    aria-label={format!("Add {} filter", props.list.label())}>{ "Add" }</button>
            </div>
            if let Some(message) = &props.message {
                <p id={error_id} class="smcv-field-error" role="alert">{ message }</p>
            }
        </div>
    }
}
