//! The filters: one control for every request parameter.

use smc_core::{BusinessStatus, DescribeReplicationJobs, JobType, Status};
use yew::prelude::*;

use crate::components::{FilterInput, FilterInputKind, NameFilter};
use crate::filters::{FilterError, IdList};
use crate::hooks::use_texts;
use crate::state::Action;

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

/// The request whose filters show, and the inputs' messages.
#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    /// The current request.
    pub request: DescribeReplicationJobs,
    /// A prefix unique on the page, for the bar's `id`/`for` pairs.
    pub id: AttrValue,
    /// Messages under the id inputs, in `IdList::ALL` order.
    pub id_messages: [Option<FilterError>; 3],
    /// Message under the tag input.
    pub tag_message: Option<FilterError>,
    /// Changes the state.
    pub dispatch: Callback<Action>,
}

/// Every filter of the API.
#[function_component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let texts = use_texts();
    let FilterBarProps {
        request,
        id,
        dispatch,
        ..
    } = props;

    let on_status = select_callback(dispatch, |v| {
        Action::SetStatus((!v.is_empty()).then(|| Status::parse(&v)))
    });
    let on_business = select_callback(dispatch, |v| {
        Action::SetBusinessStatus((!v.is_empty()).then(|| BusinessStatus::parse(&v)))
    });
    let on_job_type = select_callback(dispatch, |v| {
        Action::SetJobType(v.parse().ok().map(JobType::from_code))
    });
    let on_region = text_change_callback(dispatch, Action::SetRegion);
    let on_group = text_change_callback(dispatch, Action::SetResourceGroup);
    let input = |kind: FilterInputKind, message: Option<FilterError>| {
        html! {
            <FilterInput {kind} id={format!("{id}-{}", kind.name())} count={kind.count(request)}
                message={message.map(|m| m.describe(texts))} dispatch={dispatch.clone()} />
        }
    };

    html! {
        <section class="smcv-filters" aria-label={texts.filters}>
            <div class="smcv-filters__row">
                <NameFilter id={format!("{id}-name")} name={request.name.clone()} dispatch={dispatch.clone()} />
                <div class="smcv-field">
                    <label for={format!("{id}-status")}>{ texts.status_label }</label>
                    <select id={format!("{id}-status")} onchange={on_status}>
                        <option value="" selected={request.status.is_none()}>{ texts.any_status }</option>
                        { for Status::KNOWN.iter().map(|s| html! {
                            <option value={s.as_str().to_owned()} selected={request.status.as_ref() == Some(s)}>{ (texts.status)(s) }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-business")}>{ texts.business_status_label }</label>
                    <select id={format!("{id}-business")} onchange={on_business}>
                        <option value="" selected={request.business_status.is_none()}>{ texts.any_business_status }</option>
                        { for BusinessStatus::KNOWN.iter().map(|s| html! {
                            <option value={s.as_str().to_owned()} selected={request.business_status.as_ref() == Some(s)}>{ (texts.business_status)(s) }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-type")}>{ texts.type_label }</label>
                    <select id={format!("{id}-type")} onchange={on_job_type}>
                        <option value="" selected={request.job_type.is_none()}>{ texts.any_type }</option>
                        { for JobType::KNOWN.iter().map(|t| html! {
                            <option value={t.code().to_string()} selected={request.job_type == Some(*t)}>{ (texts.job_type)(*t) }</option>
                        }) }
                    </select>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-region")}>{ texts.region }</label>
                    <input id={format!("{id}-region")} type="text" list={format!("{id}-regions")}
                        placeholder="cn-hangzhou" value={request.region_id.clone().unwrap_or_default()}
                        onchange={on_region} autocomplete="off" spellcheck="false" />
                    <datalist id={format!("{id}-regions")}>
                        { for REGIONS.iter().map(|r| html! { <option value={*r} /> }) }
                    </datalist>
                </div>
                <div class="smcv-field">
                    <label for={format!("{id}-group")}>{ texts.resource_group }</label>
                    <input id={format!("{id}-group")} type="text" placeholder="rg-acfm…"
                        value={request.resource_group_id.clone().unwrap_or_default()}
                        onchange={on_group} autocomplete="off" spellcheck="false" />
                </div>
            </div>
            <div class="smcv-filters__row">
                { for IdList::ALL.iter().zip(&props.id_messages).map(|(list, message)| {
                    input(FilterInputKind::Ids(*list), message.clone())
                }) }
                { input(FilterInputKind::Tag, props.tag_message.clone()) }
            </div>
        </section>
    }
}

fn select_callback(
    dispatch: &Callback<Action>,
    action: impl Fn(String) -> Action + 'static,
) -> Callback<Event> {
    dispatch.reform(move |event: Event| {
        action(
            event
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value(),
        )
    })
}

fn text_change_callback(
    dispatch: &Callback<Action>,
    action: fn(String) -> Action,
) -> Callback<Event> {
    dispatch.reform(move |event: Event| {
        action(
            event
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    })
}
