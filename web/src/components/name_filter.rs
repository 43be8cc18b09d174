//! The name filter, which applies once typing pauses.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::{use_texts, use_timeout};
use crate::state::Action;

/// Typing pauses this long before the name filter applies.
const NAME_DEBOUNCE_MS: u32 = 400;

/// The name filter's field.
#[derive(Properties, PartialEq)]
pub struct NameFilterProps {
    /// The input's `id`, unique on the page.
    pub id: AttrValue,
    /// The request's name filter.
    pub name: Option<String>,
    /// Told [`Action::SetName`] once typing pauses.
    pub dispatch: Callback<Action>,
}

/// The name filter's field. It applies what is typed once typing pauses, not on every key.
///
/// The input has no `value` in the markup: Yew would write it back on every render and
/// undo what is being typed. So the input keeps what is typed, and a name set from
/// elsewhere (Clear filters, back, a link) is written into it, dropping a pending one.
#[function_component]
pub fn NameFilter(props: &NameFilterProps) -> Html {
    let texts = use_texts();
    let input = use_node_ref();
    let pending = use_state(|| None::<String>);
    {
        let input = input.clone();
        let pending = pending.clone();
        use_effect_with(props.name.clone(), move |name| {
            pending.set(None);
            let name = name.as_deref().unwrap_or_default();
            if let Some(input) = input.cast::<HtmlInputElement>() {
                if input.value() != name {
                    input.set_value(name);
                }
            }
        });
    }
    {
        let dispatch = props.dispatch.clone();
        let pending = pending.clone();
        use_timeout(
            (*pending).clone(),
            NAME_DEBOUNCE_MS,
            Callback::from(move |name: String| {
                pending.set(None);
                dispatch.emit(Action::SetName(name));
            }),
        );
    }
    let on_input = Callback::from(move |event: InputEvent| {
        let value = event.target_unchecked_into::<HtmlInputElement>().value();
        pending.set(Some(value));
    });
    html! {
        <div class="smcv-field smcv-field--wide">
            <label for={props.id.clone()}>{ texts.name }</label>
            <input ref={input} id={props.id.clone()} type="search" placeholder={texts.name_placeholder}
                oninput={on_input} autocomplete="off" spellcheck="false" />
        </div>
    }
}
