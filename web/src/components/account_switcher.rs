//! The account switcher: which of the proxy's profiles the viewer looks at.

use smc_core::ProfileList;
use yew::prelude::*;

use crate::hooks::{use_texts, use_unique_id};

/// The accounts offered and the one shown.
#[derive(Properties, PartialEq)]
pub struct AccountSwitcherProps {
    /// The profiles the caller may use (two or more, else the app shows no switcher).
    pub profiles: ProfileList,
    /// The chosen profile; the proxy's default when absent.
    pub selected: Option<String>,
    /// Told the profile chosen.
    pub on_change: Callback<String>,
}

/// A labelled select of the accounts, by label.
#[function_component]
pub fn AccountSwitcher(props: &AccountSwitcherProps) -> Html {
    let texts = use_texts();
    let id = use_unique_id("account");
    let selected = props
        .selected
        .clone()
        .or_else(|| props.profiles.default.clone());
    let on_change = props.on_change.reform(|event: Event| {
        event
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    html! {
        <div class="smcv-inline smcv-account">
            <label for={id.clone()}>{ texts.account }</label>
            <select {id} onchange={on_change}>
                { for props.profiles.profiles.iter().map(|profile| html! {
                    <option value={profile.name.clone()}
                        selected={selected.as_deref() == Some(profile.name.as_str())}>
                        { profile.display_label() }
                    </option>
                }) }
            </select>
        </div>
    }
}
