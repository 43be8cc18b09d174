//! A toggle that watches a job, or every job of a filter, for a notification when it ends.

use yew::prelude::*;

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
            <span class="smcv-watch__bell" aria-hidden="true">{ "🔔" }</span>
            if props.show_label {
                <span>{ label }</span>
            }
        </button>
    }
}
