//! A header of the jobs table, which sorts the page by its column.

use yew::prelude::*;

use crate::columns::{Column, Sort};
use crate::hooks::use_texts;
use crate::state::Action;

/// The column headed, and how the page is sorted.
#[derive(Properties, PartialEq)]
pub struct ColumnHeaderProps {
    /// The column.
    pub column: Column,
    /// The page's sort.
    pub sort: Option<Sort>,
    /// Told [`Action::SortBy`] when the header is clicked.
    pub dispatch: Callback<Action>,
}

/// The column's label; a sortable column's is a button, with an arrow saying which way.
#[function_component]
pub fn ColumnHeader(props: &ColumnHeaderProps) -> Html {
    let texts = use_texts();
    let column = props.column;
    let class = format!("smcv-col--{}", column.key());
    if !column.sortable() {
        return html! { <th scope="col" {class}>{ column.label(texts) }</th> };
    }
    let sorted = props.sort.filter(|sort| sort.column == column);
    let (aria_sort, arrow) = match sorted {
        Some(Sort {
            ascending: true, ..
        }) => (Some("ascending"), "▲"),
        Some(Sort {
            ascending: false, ..
        }) => (Some("descending"), "▼"),
        None => (None, "↕"),
    };
    let onclick = props.dispatch.reform(move |_| Action::SortBy(column));
    html! {
        <th scope="col" {class} aria-sort={aria_sort}>
            <button type="button" class="smcv-sort" {onclick} title={texts.sort_this_page}>
                { column.label(texts) }
                <span class="smcv-sort__arrow" aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}
