//! A filter typed into an input that becomes chips: ids (type or paste several, separated
//! by commas, spaces or new lines) or a tag (`key=value`; `key=` for the empty value; `key`
//! for any value; `=value` for the empty key).

use smc_core::DescribeReplicationJobs;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::filters::IdList;
use crate::hooks::use_texts;
use crate::i18n::Texts;
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
    /// How many values of this filter `request` holds.
    pub fn count(self, request: &DescribeReplicationJobs) -> usize {
        match self {
            FilterInputKind::Ids(list) => list.ids(request).len(),
            FilterInputKind::Tag => request.tags.len(),
        }
    }

    /// A name for the input's `id`.
    pub fn name(self) -> &'static str {
        match self {
            FilterInputKind::Ids(list) => list.param(),
            FilterInputKind::Tag => "tag",
        }
    }

    fn label(self, texts: &Texts) -> &'static str {
        match self {
            FilterInputKind::Ids(list) => list.plural_label(texts),
            FilterInputKind::Tag => texts.tag,
        }
    }

    fn placeholder(self, texts: &Texts) -> &'static str {
        match self {
            FilterInputKind::Ids(list) => list.example(),
            FilterInputKind::Tag => texts.tag_placeholder,
        }
    }

    fn add_label(self, texts: &Texts) -> String {
        match self {
            FilterInputKind::Ids(list) => (texts.add_id_filter)(list.label(texts)),
            FilterInputKind::Tag => texts.add_tag_filter.to_owned(),
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

/// What a filter input adds, and what it says.
#[derive(Properties, PartialEq)]
pub struct FilterInputProps {
    /// What it adds.
    pub kind: FilterInputKind,
    /// Its `id`, unique on the page.
    pub id: AttrValue,
    /// How many values its filter holds (see [`FilterInputKind::count`]): when it changes,
    /// the typed text became chips, or a chip went, and the input empties.
    pub count: usize,
    /// The rule the last attempt broke, worded.
    pub message: Option<String>,
    /// Told to add ids or a tag.
    pub dispatch: Callback<Action>,
}

/// An input whose text becomes chips. The text lives in the input alone (no `value` in
/// the markup), so a render never writes over what is being typed.
#[function_component]
pub fn FilterInput(props: &FilterInputProps) -> Html {
    let texts = use_texts();
    let FilterInputProps {
        kind, id, message, ..
    } = props;
    let kind = *kind;
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.count, move |_| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.set_value("");
            }
        });
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
        let add = add.clone();
        Callback::from(move |event: InputEvent| {
            // A paste, or a separator typed after an id, turns the text into chips at once.
            let pasted = event.input_type() == "insertFromPaste";
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            if ids && (pasted || value.ends_with([',', ' ', ';'])) {
                add(value);
            }
        })
    };
    // An <input> cannot hold newlines, so the browser drops them from pasted text and one id
    // would run into the next: take the clipboard's text as it is instead.
    let on_paste = ids.then(|| {
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
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let combined = format!("{} {pasted}", input.value());
            input.set_value(combined.replace(['\n', '\r'], " ").trim());
            add(combined);
        })
    });
    let on_key = {
        let add = add.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                add(event.target_unchecked_into::<HtmlInputElement>().value());
            }
        })
    };
    let on_add = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                add(input.value());
            }
        })
    };
    let error_id = format!("{id}-error");
    html! {
        <div class="smcv-field">
            <label for={id.clone()}>{ kind.label(texts) }</label>
            <div class="smcv-input-with-button">
                <input ref={input} id={id.clone()} type="text" oninput={on_input} onpaste={on_paste} onkeydown={on_key}
                    placeholder={kind.placeholder(texts)} autocomplete="off" spellcheck="false"
                    aria-invalid={message.is_some().to_string()}
                    aria-describedby={message.as_ref().map(|_| error_id.clone())} />
                <button type="button" class="smcv-button" onclick={on_add}
                    aria-label={kind.add_label(texts)}>{ texts.add }</button>
            </div>
            if let Some(message) = message {
                <p id={error_id} class="smcv-field-error" role="alert">{ message.clone() }</p>
            }
        </div>
    }
}
