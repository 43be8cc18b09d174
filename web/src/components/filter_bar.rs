//! The filters: one control for every request parameter.

use gloo::timers::callback::Timeout;
use smc_core::{BusinessStatus, DescribeReplicationJobs, JobType, Status};
use yew::prelude::*;

use crate::components::{FilterInput, FilterInputKind};
use crate::filters::IdList;
use crate::hooks::use_unique_id;
use crate::state::Action;

/// Typing pauses this long before the name filter applies.
const NAME_DEBOUNCE_MS: u32 = 400;

/// Regions offered as suggestions; any region id may be typed.
const REGIONS: [&str; 14] = [
    "cn-hangzhou",
    "cn-shanghai",
    "cn-beijing",
    "cn-shenzhen",
    "cn-qingdao",
    "cn-zhangjiakou",
    "cn-chengdu",
    "cn-hongkong",
    "ap-southeast-1",
    "ap-southeast-5",
    "ap-northeast-1",
    "eu-central-1",
    "us-west-1",
    "us-east-1",
];

/// What the filter bar shows and changes.
pub struct FilterBar<'a> {
    /// The current request.
    pub request: &'a DescribeReplicationJobs,
    /// A prefix unique on the page, for the bar's `id`/`for` pairs.
    pub id: &'a str,
    /// Messages under the id inputs.
    pub id_messages: &'a [Option<String>; 3],
    /// Message under the tag input.
    pub tag_message: Option<&'a String>,
    /// Changes the state.
    pub dispatch: &'a Callback<Action>,
}

/// Every filter of the API.
pub fn filter_bar(props: FilterBar<'_>) -> Html {
    let FilterBar { request, id, .. } = props;
    let dispatch = props.dispatch.clone();

    let on_status = select_callback(&dispatch, |v| {
        Action::SetStatus((!v.is_empty()).then(|| Status::parse(&v)))
    });
    let on_business = select_callback(&dispatch, |v| {
        Action::SetBusinessStatus((!v.is_empty()).then(|| BusinessStatus::parse(&v)))
    });
    let on_job_type = select_callback(&dispatch, |v| {
        Action::SetJobType(v.parse().ok().map(JobType::from_code))
    });
    let on_region = text_change_callback(&dispatch, Action::SetRegion);
    let on_group = text_change_callback(&dispatch, Action::SetResourceGroup);

    html! {
        <section class="smcv-filters" aria-label="Filters">
            <div class="smcv-filters__row">
                <NameFilter value={request.name.clone().unwrap_or_default()} dispatch={dispatch.clone()} />
                <div class="smcv-field">
                    <label for={format!("{id}-status")}>{ "Status" }</label>
                    <select id={format!("{id}-status")} onchange={on_status}>
                        <option value="" selected={request.status.is_none()}>{ "Any status" }</option>
                        { for Status::KNOWN.iter().map(|s| html! {
                            <option value={s.as_str().to_owned()} selected={request.status.as_ref() == Some(s)}>{ s.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-business")}>{ "Business status" }</label>
                    <select id={format!("{id}-business")} onchange={on_business}>
                        <option value="" selected={request.business_status.is_none()}>{ "Any" }</option>
                        { for BusinessStatus::KNOWN.iter().map(|s| html! {
                            <option value={s.as_str().to_owned()} selected={request.business_status.as_ref() == Some(s)}>{ s.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-type")}>{ "Type" }</label>
                    <select id={format!("{id}-type")} onchange={on_job_type}>
                        <option value="" selected={request.job_type.is_none()}>{ "Any type" }</option>
                        { for JobType::KNOWN.iter().map(|t| html! {
                            <option value={t.code().to_string()} selected={request.job_type == Some(*t)}>{ t.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-region")}>{ "Region" }</label>
                    <input id={format!("{id}-region")} type="text" list={format!("{id}-regions")}
                        placeholder="cn-hangzhou" value={request.region_id.clone().unwrap_or_default()}
                        onchange={on_region} autocomplete="off" spellcheck="false" />
                    <datalist id={format!("{id}-regions")}>
                        { for REGIONS.iter().map(|r| html! { <option value={*r} /> }) }
                    </datalist>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-group")}>{ "Resource group" }</label>
                    <input id={format!("{id}-group")} type="text" placeholder="rg-acfm…"
                        value={request.resource_group_id.clone().unwrap_or_default()}
                        onchange={on_group} autocomplete="off" spellcheck="false" />
                </div>
            </div>
            <div class="smcv-filters__row">
                { for IdList::ALL.iter().enumerate().map(|(index, list)| html! {
                    <FilterInput kind={FilterInputKind::Ids(*list)} count={list.ids(request).len()}
                        message={props.id_messages[index].clone()} dispatch={dispatch.clone()} />
                }) }
                <FilterInput kind={FilterInputKind::Tag} count={request.tags.len()}
                    message={props.tag_message.cloned()} dispatch={dispatch.clone()} />
            </div>
        </section>
    }
}

fn select_callback(
    dispatch: &Callback<Action>,
    action: impl Fn(String) -> Action + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |event: Event| {
        let value = event
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        dispatch.emit(action(value));
    })
}

fn text_change_callback(
    dispatch: &Callback<Action>,
    action: fn(String) -> Action,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |event: Event| {
        let value = event
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        dispatch.emit(action(value));
    })
}

#[derive(Properties, PartialEq)]
struct NameFilterProps {
    value: String,
    dispatch: Callback<Action>,
}

/// The name filter applies once typing pauses, not on every key.
#[component]
fn NameFilter(props: &NameFilterProps) -> Html {
    let id = use_unique_id("name");
    let text = use_state(|| props.value.clone());
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        // A change from elsewhere (Clear filters, back, a link) shows in the input.
        let text = text.clone();
        let pending = pending.clone();
        use_effect_with(props.value.clone(), move |value| {
            pending.borrow_mut().take();
            text.set(value.clone());
        });
    }
    let on_input = {
        let text = text.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: InputEvent| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            text.set(value.clone());
            let dispatch = dispatch.clone();
            *pending.borrow_mut() = Some(Timeout::new(NAME_DEBOUNCE_MS, move || {
                dispatch.emit(Action::SetName(value))
            }));
        })
    };
    html! {
        <div class="smcv-field smcv-field--wide">
            <label for={id.clone()}>{ "Name" }</label>
            <input id={id} type="search" placeholder="Exact job name" value={(*text).clone()}
                oninput={on_input} autocomplete="off" spellcheck="false" />
        </div>
    }
}
