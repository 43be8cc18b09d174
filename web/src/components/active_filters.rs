//! Every active filter as a removable chip, and "Clear filters".

use smc_core::DescribeReplicationJobs;
use yew::prelude::*;

use crate::filters::active_filters;
use crate::hooks::use_texts;
use crate::state::Action;

/// The request whose filters show.
#[derive(Properties, PartialEq)]
pub struct ActiveFiltersProps {
    /// The current request.
    pub request: DescribeReplicationJobs,
    /// Told to remove one filter, or all.
    pub dispatch: Callback<Action>,
}

/// The filters of the request as chips that remove them, and "Clear filters"; nothing
/// when no filter is set.
#[function_component]
pub fn ActiveFilters(props: &ActiveFiltersProps) -> Html {
    let texts = use_texts();
    let filters = active_filters(&props.request);
    if filters.is_empty() {
        return html! {};
    }
    let chip = |filter: crate::filters::Filter| {
        let label = filter.label(texts);
        let remove = props
            .dispatch
            .reform(move |_| Action::RemoveFilter(filter.clone()));
        html! {
            <li class="smcv-chip smcv-chip--filter">
                <span>{ label.clone() }</span>
                <button type="button" class="smcv-chip__remove" onclick={remove}
                    aria-label={(texts.remove_filter)(&label)}>{ "×" }</button>
            </li>
        }
    };
    html! {
        <div class="smcv-active">
            <ul class="smcv-chips" aria-label={texts.active_filters}>
                { for filters.into_iter().map(chip) }
            </ul>
            <button type="button" class="smcv-button smcv-button--link"
                onclick={props.dispatch.reform(|_| Action::ClearFilters)}>{ texts.clear_filters }</button>
        </div>
    }
}
