//! A toggle that watches a job, or every job of a filter, for a notification when it ends.

use yew::prelude::*;

/// A bell: its body, and the clapper below.
const BELL: &str = "M8 1.8a4.2 4.2 0 0 0-4.2 4.2v3.3L2.4 11.6h11.2l-1.4-2.3V6A4.2 4.2 0 0 0 8 1.8zM6.3 13.2a1.8 1.8 0 0 0 3.4 0z";

/// What the toggle says and does.
#[derive(Properties, PartialEq)]
pub struct WatchToggleProps {
    /// Whether it is on.
    pub pressed: bool,
    /// What it does, in words: its accessible name (and tooltip) when it shows only its
    /// bell, its text otherwise.
    pub label: AttrValue,
    /// Whether the label is shown beside the bell.
    #[prop_or_default]
    pub show_label: bool,
    /// Told on each click.
    pub on_toggle: Callback<()>,
}

/// A toggle button (`aria-pressed`) with a bell.
#[function_component]
pub fn WatchToggle(props: &WatchToggleProps) -> Html {
    let pressed = props.pressed;
    let label = props.label.clone();
    html! {
        <button type="button"
            class={classes!("smcv-watch", pressed.then_some("smcv-watch--on"))}
            aria-pressed={pressed.to_string()}
            aria-label={(!props.show_label).then(|| label.clone())}
            title={label.clone()}
            onclick={props.on_toggle.reform(|_| ())}>
            // Drawn, not an emoji: every system has the shape, filled when on.
            <svg class="smcv-watch__bell" viewBox="0 0 16 16" width="14" height="14"
                aria-hidden="true" focusable="false">
                <path d={BELL} fill={if pressed { "currentColor" } else { "none" }}
                    stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" />
            </svg>
            if props.show_label {
                <span>{ label }</span>
            }
        </button>
    }
}
