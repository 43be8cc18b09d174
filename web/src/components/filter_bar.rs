//! The filters: one control for every request parameter.

use gloo::timers::callback::Timeout;
use smc_core::{BusinessStatus, DescribeReplicationJobs, JobType, Status};
use yew::prelude::*;

use crate::components::{filter_input, FilterInput, FilterInputKind};
use crate::filters::IdList;
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
    /// The name filter (see [`use_name_filter`]).
    pub name: &'a NameFilter,
    /// The id lists' and the tag's inputs (see [`crate::components::use_filter_inputs`]).
    pub inputs: &'a [NodeRef; 4],
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
                { name_field(&format!("{id}-name"), props.name) }
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
                { for IdList::ALL.iter().enumerate().map(|(index, list)| {
                    let kind = FilterInputKind::Ids(*list);
                    filter_input(FilterInput {
                        kind,
                        id: format!("{id}-{}", kind.name()),
                        input: &props.inputs[index],
                        message: props.id_messages[index].as_ref(),
                        dispatch: &dispatch,
                    })
                }) }
                { filter_input(FilterInput {
                    kind: FilterInputKind::Tag,
                    id: format!("{id}-tag"),
                    input: &props.inputs[3],
                    message: props.tag_message,
                    dispatch: &dispatch,
                }) }
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

/// The name filter's input and what it does when typed into.
pub struct NameFilter {
    input: NodeRef,
    on_input: Callback<InputEvent>,
}

/// The name filter, which applies once typing pauses, not on every key.
///
/// The input has no `value` in the page's markup: Yew writes a `value` back into the input
/// whenever the app renders, which would undo what is being typed; so the input keeps what
/// is typed, and a name set from elsewhere (Clear filters, back, a link) is written into it.
#[hook]
pub fn use_name_filter(name: Option<String>, dispatch: Callback<Action>) -> NameFilter {
    let input = use_node_ref();
    let pending = use_mut_ref(|| None::<Timeout>);
    {
        let input = input.clone();
        let pending = pending.clone();
        use_effect_with(name, move |name| {
            pending.borrow_mut().take();
            let name = name.as_deref().unwrap_or_default();
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                if input.value() != name {
                    input.set_value(name);
                }
            }
        });
    }
    let on_input = Callback::from(move |event: InputEvent| {
        let value = event
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .value();
        let dispatch = dispatch.clone();
        *pending.borrow_mut() = Some(Timeout::new(NAME_DEBOUNCE_MS, move || {
            dispatch.emit(Action::SetName(value))
        }));
    });
    NameFilter { input, on_input }
}

/// The name filter's field; `id` is unique on the page.
pub fn name_field(id: &str, filter: &NameFilter) -> Html {
    html! {
        <div class="smcv-field smcv-field--wide">
            <label for={id.to_owned()}>{ "Name" }</label>
            <input ref={filter.input.clone()} id={id.to_owned()} type="search" placeholder="Exact job name"
                oninput={filter.on_input.clone()} autocomplete="off" spellcheck="false" />
        </div>
    }
}
