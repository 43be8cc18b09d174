//! "Filters (n)": on a narrow viewer the filters fold away behind this button, so the
//! jobs show on the first screen.

use yew::prelude::*;

use crate::hooks::use_texts;

/// The button's state and what it controls.
#[derive(Properties, PartialEq)]
pub struct FiltersToggleProps {
    /// How many filters are set.
    pub active: usize,
    /// Whether the filters show.
    pub expanded: bool,
    /// The `id` of the filters it shows and hides.
    pub controls: AttrValue,
    /// Told when pressed.
    pub on_toggle: Callback<()>,
}

/// Shows or hides the filters. Only a narrow viewer shows it (the stylesheet's container
/// query); a wide one always shows the filters.
#[function_component]
pub fn FiltersToggle(props: &FiltersToggleProps) -> Html {
    let texts = use_texts();
    html! {
        <button type="button" class="smcv-button smcv-filters-toggle"
            aria-expanded={props.expanded.to_string()} aria-controls={props.controls.clone()}
            onclick={props.on_toggle.reform(|_| ())}>
            { (texts.filters_toggle)(props.active) }
        </button>
    }
}
