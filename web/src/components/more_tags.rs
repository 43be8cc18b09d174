//! The tags a row has no room for, behind a "+N" chip that shows them on hover, on focus
//! and on a tap, and hides them again on Escape or when the pointer and focus leave.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::{use_texts, use_unique_id};

/// The hidden chips and how many they are.
#[derive(Properties, PartialEq)]
pub struct MoreTagsProps {
    /// How many tags are hidden (the chip says `+N`).
    pub count: usize,
    /// The hidden chips, as `<li>` items.
    pub children: Html,
}

/// `+N`, a disclosure whose list opens while the pointer or the focus is on it. Its
/// `aria-expanded` always says whether the list shows.
#[function_component]
pub fn MoreTags(props: &MoreTagsProps) -> Html {
    let texts = use_texts();
    let open = use_state(|| false);
    let list_id = use_unique_id("more-tags");
    let wrapper = use_node_ref();
    let show = {
        let open = open.clone();
        move || {
            let open = open.clone();
            Callback::from(move |_: Event| open.set(true))
        }
    };
    // The list closes when what is left for lies outside "+N" and its chips.
    let close_unless_inside = {
        let open = open.clone();
        let wrapper = wrapper.clone();
        move |node: Option<web_sys::Node>| {
            let inside = wrapper
                .cast::<web_sys::Node>()
                .is_some_and(|wrapper| wrapper.contains(node.as_ref()));
            if !inside {
                open.set(false);
            }
        }
    };
    // Tabbing from "+N" into its own chips keeps the list open.
    let on_focus_out = {
        let close_unless_inside = close_unless_inside.clone();
        Callback::from(move |event: FocusEvent| {
            close_unless_inside(
                event
                    .related_target()
                    .and_then(|target| target.dyn_into::<web_sys::Node>().ok()),
            )
        })
    };
    // The pointer leaving keeps the list open while the focus is in it.
    let on_mouse_leave = Callback::from(move |_: MouseEvent| {
        close_unless_inside(
            gloo::utils::document()
                .active_element()
                .map(web_sys::Node::from),
        )
    });
    let on_key = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                // Escape hides the list first; a second one closes what is around it.
                event.stop_propagation();
                open.set(false);
            }
        })
    };
    html! {
        <div class="smcv-more" ref={wrapper} onmouseenter={show().reform(Event::from)} onmouseleave={on_mouse_leave}
            onfocusin={show().reform(Event::from)} onfocusout={on_focus_out} onkeydown={on_key}>
            <button type="button" class="smcv-chip smcv-more__button" onclick={show().reform(Event::from)}
                aria-expanded={open.to_string()} aria-controls={list_id.clone()}
                aria-label={(texts.more_tags)(props.count)}>
                { format!("+{}", props.count) }
            </button>
            <ul id={list_id} class="smcv-chips smcv-more__list" hidden={!*open}>
                { props.children.clone() }
            </ul>
        </div>
    }
}
