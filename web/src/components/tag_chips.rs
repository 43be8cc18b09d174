//! A job's tags as chips, empty keys and values spelled out (`owner = (empty)`).

use smc_core::{Tag, TagFilter};
use yew::prelude::*;

use crate::components::MoreTags;
use crate::filters::tag_filter_label;
use crate::hooks::use_texts;

/// The tags shown, and what choosing one does.
#[derive(Properties, PartialEq)]
pub struct TagChipsProps {
    /// The tags.
    pub tags: Vec<Tag>,
    /// With it, chips are buttons that hand their tag over (to add it as a filter).
    #[prop_or_default]
    pub on_select: Option<Callback<Tag>>,
    /// With it, at most this many chips show and the rest wait behind a `+N` chip.
    #[prop_or_default]
    pub limit: Option<usize>,
}

/// Tags as chips; a dash when there are none.
#[function_component]
pub fn TagChips(props: &TagChipsProps) -> Html {
    let texts = use_texts();
    if props.tags.is_empty() {
        return html! { <span class="smcv-muted">{ "–" }</span> };
    }
    let chip = |tag: &Tag| {
        let label = tag_filter_label(&TagFilter::from(tag), texts);
        match &props.on_select {
            Some(on_select) => {
                let tag = tag.clone();
                let onclick = on_select.reform(move |event: MouseEvent| {
                    // The chip sits in a row that opens the job: choosing a tag filters.
                    event.stop_propagation();
                    tag.clone()
                });
                html! {
                    <li><button type="button" class="smcv-chip smcv-chip--tag" {onclick}
                        title={(texts.filter_by_tag)(&label)}>{ label }</button></li>
                }
            }
            None => html! { <li><span class="smcv-chip smcv-chip--tag">{ label }</span></li> },
        }
    };
    let shown = props.limit.unwrap_or(usize::MAX).max(1);
    let hidden = &props.tags[shown.min(props.tags.len())..];
    html! {
        <ul class="smcv-chips smcv-chips--tags">
            { for props.tags.iter().take(shown).map(chip) }
            if !hidden.is_empty() {
                <li>
                    <MoreTags count={hidden.len()}>{ for hidden.iter().map(chip) }</MoreTags>
                </li>
            }
        </ul>
    }
}
