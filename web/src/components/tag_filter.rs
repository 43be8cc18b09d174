//! The tag filter: `key=value`, or `key` for any value.

use yew::prelude::*;

use crate::hooks::use_unique_id;
use crate::state::Action;

/// The tag filter's inputs.
#[derive(Properties, PartialEq)]
pub struct TagFilterProps {
    /// How many tags are filters: when it grows, the typed tag became a chip.
    pub count: usize,
    /// The rule the last attempt broke.
    pub message: Option<String>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// An input whose tag becomes a chip.
#[component]
pub fn TagFilter(props: &TagFilterProps) -> Html {
    let id = use_unique_id("tag");
    let text = use_state(String::new);
    {
        let text = text.clone();
        use_effect_with(props.count, move |_| text.set(String::new()));
    }
    let add = {
        let dispatch = props.dispatch.clone();
        let text = text.clone();
        move || dispatch.emit(Action::AddTag((*text).clone()))
    };
    let on_input = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            text.set(
                event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let on_key = {
        let add = add.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                add();
            }
        })
    };
    let error_id = format!("{id}-error");
    html! {
        <div class="smcv-field">
            <label for={id.clone()}>{ "Tag" }</label>
            <div class="smcv-input-with-button">
                <input id={id} type="text" value={(*text).clone()} oninput={on_input} onkeydown={on_key}
                    placeholder="key=value" autocomplete="off" spellcheck="false"
                    aria-invalid={props.message.is_some().to_string()}
                    aria-describedby={props.message.as_ref().map(|_| error_id.clone())} />
                <button type="button" class="smcv-button" onclick={move |_| add()} aria-label="Add tag filter">{ "Add" }</button>
            </div>
            if let Some(message) = &props.message {
                <p id={error_id} class="smcv-field-error" role="alert">{ message }</p>
            }
        </div>
    }
}
