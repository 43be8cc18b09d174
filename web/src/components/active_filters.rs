//! Every active filter as a removable chip, and "Clear filters".

use smc_core::DescribeReplicationJobs;
use yew::prelude::*;

use crate::filters::active_filters;
use crate::state::Action;

/// The filters of `request` as chips that remove them, and "Clear filters".
pub fn active_filter_chips(request: &DescribeReplicationJobs, dispatch: &Callback<Action>) -> Html {
    let filters = active_filters(request);
    if filters.is_empty() {
        return html! {};
    }
    html! {
        <div class="smcv-active">
            <ul class="smcv-chips" aria-label="Active filters">
                { for filters.into_iter().map(|filter| {
                    let label = filter.label();
                    let remove = dispatch.reform(move |_| Action::RemoveFilter(filter.clone()));
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
                onclick={dispatch.reform(|_| Action::ClearFilters)}>{ "Clear filters" }</button>
        </div>
    }
}
