//! A filter typed into an input that becomes chips: ids (type or paste several, separated
//! by commas, spaces or new lines) or a tag (`key=value`, or `key` for any value).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::filters::IdList;
use crate::hooks::use_unique_id;
use crate::state::Action;

/// What an input adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterInputKind {
    /// Ids to one of the id lists.
    Ids(IdList),
    /// One tag.
    Tag,
}

impl FilterInputKind {
    fn name(self) -> &'static str {
        match self {
            FilterInputKind::Ids(list) => list.param(),
            FilterInputKind::Tag => "tag",
        }
    }

    fn label(self) -> String {
        match self {
            FilterInputKind::Ids(list) => format!("{}s", list.label()),
            FilterInputKind::Tag => "Tag".to_owned(),
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            FilterInputKind::Ids(list) => list.example(),
            FilterInputKind::Tag => "key=value",
        }
    }

    fn add_label(self) -> String {
        match self {
            FilterInputKind::Ids(list) => format!("Add {} filter", list.label()),
            FilterInputKind::Tag => "Add tag filter".to_owned(),
        }
    }

    /// What adding `text` asks of the state; blank ids ask nothing (a blank tag gets its
    /// message from the state's rules).
    fn action(self, text: String) -> Option<Action> {
        match self {
            FilterInputKind::Ids(list) => {
                (!text.trim().is_empty()).then_some(Action::AddIds(list, text))
            }
            FilterInputKind::Tag => Some(Action::AddTag(text)),
        }
    }
}

/// The input's inputs.
#[derive(Properties, PartialEq)]
pub struct FilterInputProps {
    /// What it adds.
    pub kind: FilterInputKind,
    /// How many values the filter holds: when it grows, the typed text became chips.
    pub count: usize,
    /// The rule the last attempt broke.
    pub message: Option<String>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// An input whose text becomes chips.
#[component]
pub fn FilterInput(props: &FilterInputProps) -> Html {
    let kind = props.kind;
    let id = use_unique_id(kind.name());
    let text = use_state(String::new);
    {
        let text = text.clone();
        use_effect_with(props.count, move |_| text.set(String::new()));
    }
    let add = {
        let dispatch = props.dispatch.clone();
        move |raw: String| {
            if let Some(action) = kind.action(raw) {
                dispatch.emit(action);
            }
        }
    };
    let ids = matches!(kind, FilterInputKind::Ids(_));
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
            if ids && (pasted || separated) {
                add(value);
            }
        })
    };
    // An <input> cannot hold newlines, so the browser drops them from pasted text and one id
    // would run into the next: take the clipboard's text as it is instead.
    let on_paste = ids.then(|| {
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
    });
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
            <label for={id.clone()}>{ kind.label() }</label>
            <div class="smcv-input-with-button">
                <input id={id} type="text" value={(*text).clone()} oninput={on_input} onpaste={on_paste} onkeydown={on_key}
                    placeholder={kind.placeholder()} autocomplete="off" spellcheck="false"
                    aria-invalid={props.message.is_some().to_string()}
                    aria-describedby={props.message.as_ref().map(|_| error_id.clone())} />
                <button type="button" class="smcv-button" onclick={on_add}
                    aria-label={kind.add_label()}>{ "Add" }</button>
            </div>
            if let Some(message) = &props.message {
                <p id={error_id} class="smcv-field-error" role="alert">{ message }</p>
            }
        </div>
    }
}
