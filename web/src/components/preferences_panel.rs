//! Preferences: visible columns, density, page size and theme.

use yew::prelude::*;

use crate::columns::Column;
use crate::components::pagination::page_size_chosen;
use crate::hooks::use_texts;
use crate::prefs::{Density, Preferences, Theme, PAGE_SIZES};

/// The preferences shown, and what changes them.
#[derive(Properties, PartialEq)]
pub struct PreferencesPanelProps {
    /// The current preferences.
    pub preferences: Preferences,
    /// A prefix unique on the page, for the panel's radio group.
    pub id: AttrValue,
    /// Changes preferences.
    pub on_change: Callback<Preferences>,
    /// Changes the page size (it also changes the page shown).
    pub on_page_size: Callback<i64>,
    /// Closes the panel.
    pub on_close: Callback<()>,
    /// Whether the theme is the person's to choose (not fixed by the host).
    #[prop_or(true)]
    pub theme_choice: bool,
}

/// The preferences panel.
#[function_component]
pub fn PreferencesPanel(props: &PreferencesPanelProps) -> Html {
    let PreferencesPanelProps {
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
    let texts = use_texts();
    let theme_choice = |theme: Theme| {
        let label = match theme {
            Theme::System => texts.theme_system,
            Theme::Light => texts.theme_light,
            Theme::Dark => texts.theme_dark,
        };
        let preferences = preferences.clone();
        let onchange = props.on_change.reform(move |_: Event| Preferences {
            theme,
            ..preferences.clone()
        });
        html! {
            <label class="smcv-inline">
                <input type="radio" name={format!("{id}-theme")} value={theme.key()} checked={props.preferences.theme == theme}
                    {onchange} />
                { label }
            </label>
        }
    };
    let on_size = page_size_chosen(&props.on_page_size);
    let density_choice = |density: Density, label: &'static str| {
        html! {
            <label class="smcv-inline">
                <input type="radio" name={format!("{id}-density")} checked={preferences.density == density}
                    onchange={set_density(density)} />
                { label }
            </label>
        }
    };
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
                { density_choice(Density::Comfortable, "Comfortable") }
                { density_choice(Density::Compact, "Compact") }
            </fieldset>
            <fieldset>
                <legend>{ "Page size" }</legend>
                <select aria-label="Jobs per page" onchange={on_size}>
                    { for PAGE_SIZES.iter().map(|size| html! {
                        <option value={size.to_string()} selected={*size == preferences.page_size}>{ format!("{size} jobs") }</option>
                    }) }
                </select>
            </fieldset>
            if props.theme_choice {
                <fieldset>
                    <legend>{ texts.theme }</legend>
                    { for Theme::ALL.into_iter().map(theme_choice) }
                </fieldset>
            }
            <button type="button" class="smcv-button" onclick={props.on_close.reform(|_| ())}>{ "Done" }</button>
        </section>
    }
}
