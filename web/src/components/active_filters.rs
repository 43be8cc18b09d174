//! Every active filter as a removable chip, and "Clear filters".

use smc_core::DescribeReplicationJobs;
use yew::prelude::*;

use crate::filters::active_filters;
use crate::state::Action;

/// The chips' inputs.
#[derive(Properties, PartialEq)]
pub struct ActiveFiltersProps {
    /// The current request.
    pub request: DescribeReplicationJobs,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// The active filters.
#[component]
pub fn ActiveFilters(props: &ActiveFiltersProps) -> Html {
    let filters = active_filters(&props.request);
    if filters.is_empty() {
        return html! {};
    }
    html! {
        <div class="smcv-active">
            <ul class="smcv-chips" aria-label="Active filters">
                { for filters.into_iter().map(|filter| {
                    let label = filter.label();
                    let remove = props.dispatch.reform(move |_| Action::RemoveFilter(filter.clone()));
                    html! {
                        <li class="smcv-chip smcv-chip--filter">
                            <span>{ label.clone() }</span>
                            <button type="button" class="smcv-chip__remove" onclick={remove}
                                aria-label={format!("Remove filter {label}")}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="smcv-button smcv-button--link"
                onclick={props.dispatch.reform(|_| Action::ClearFilters)}>{ "Clear filters" }</button>
        </div>
    }
}
