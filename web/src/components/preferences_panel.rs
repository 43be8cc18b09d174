//! Preferences: visible columns, density and page size.

use yew::prelude::*;

use crate::columns::Column;
use crate::prefs::{Density, Preferences, PAGE_SIZES};

/// What the panel changes, and how.
pub struct PreferencesPanel<'a> {
    /// The current preferences.
    pub preferences: &'a Preferences,
    /// A prefix unique on the page, for the panel's radio group.
    pub id: &'a str,
    /// Changes preferences.
    pub on_change: &'a Callback<Preferences>,
    /// Changes the page size (it also changes the page shown).
    pub on_page_size: &'a Callback<i64>,
    /// Closes the panel.
    pub on_close: &'a Callback<()>,
}

/// The preferences panel.
pub fn preferences_panel(props: PreferencesPanel<'_>) -> Html {
    let PreferencesPanel {
        preferences, id, ..
    } = props;
    let toggle_column = |column: Column| {
        let preferences = preferences.clone();
        props.on_change.reform(move |_: Event| {
            let mut next = preferences.clone();
            if next.hidden_columns.contains(&column) {
                next.hidden_columns.retain(|c| *c != column);
            } else {
                next.hidden_columns.push(column);
            }
            next
        })
    };
    let set_density = |density: Density| {
        let preferences = preferences.clone();
        props.on_change.reform(move |_: Event| Preferences {
            density,
            ..preferences.clone()
        })
    };
    let on_size = props.on_page_size.reform(|event: Event| {
        event
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(20)
    });
    html! {
        <section class="smcv-prefs" aria-label="Preferences">
            <fieldset>
                <legend>{ "Columns" }</legend>
                { for Column::ALL.iter().filter(|c| c.hideable()).map(|column| html! {
                    <label class="smcv-inline">
                        <input type="checkbox" checked={!preferences.hidden_columns.contains(column)}
                            onchange={toggle_column(*column)} />
                        { column.label() }
                    </label>
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "Density" }</legend>
                <label class="smcv-inline">
                    <input type="radio" name={format!("{id}-density")} checked={preferences.density == Density::Comfortable}
                        onchange={set_density(Density::Comfortable)} />
                    { "Comfortable" }
                </label>
                <label class="smcv-inline">
                    <input type="radio" name={format!("{id}-density")} checked={preferences.density == Density::Compact}
                        onchange={set_density(Density::Compact)} />
                    { "Compact" }
                </label>
            </fieldset>
            <fieldset>
                <legend>{ "Page size" }</legend>
                <select aria-label="Jobs per page" onchange={on_size}>
                    { for PAGE_SIZES.iter().map(|size| html! {
                        <option value={size.to_string()} selected={*size == preferences.page_size}>{ format!("{size} jobs") }</option>
                    }) }
                </select>
            </fieldset>
            <button type="button" class="smcv-button" onclick={props.on_close.reform(|_| ())}>{ "Done" }</button>
        </section>
    }
}
