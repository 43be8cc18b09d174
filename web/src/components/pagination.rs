//! Paging controls: first, previous, numbered pages with gaps, next, last, the range
//! shown, page size and jump to page.

use yew::prelude::*;

use crate::hooks::use_unique_id;
use crate::paging::{page_links, PageLink, PageWindow};
use crate::prefs::PAGE_SIZES;
use crate::state::Action;

/// The controls' inputs.
#[derive(Properties, PartialEq)]
pub struct PaginationProps {
    /// Where the shown page stands.
    pub window: PageWindow,
    /// Controls are disabled while a page loads.
    pub loading: bool,
    /// Changes the state.
    pub dispatch: Callback<Action>,
    /// Changes the page size (also a preference).
    pub on_page_size: Callback<i64>,
}

/// The paging controls.
#[component]
pub fn Pagination(props: &PaginationProps) -> Html {
    let id = use_unique_id("paging");
    let jump = use_state(String::new);
    let window = props.window;
    let last = window.last_page();
    let disabled = props.loading;
    let go = |page: i64| {
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::GoToPage(page))
    };

    let on_size = {
        let on_page_size = props.on_page_size.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(size) = value.parse() {
                on_page_size.emit(size);
            }
        })
    };
    let on_jump_input = {
        let jump = jump.clone();
        Callback::from(move |event: InputEvent| {
            jump.set(
                event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let on_jump = {
        let jump = jump.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Ok(page) = jump.trim().parse::<i64>() {
                dispatch.emit(Action::GoToPage(page.clamp(1, last)));
                jump.set(String::new());
            }
        })
    };

    html! {
        <nav class="smcv-pagination" aria-label="Pagination">
            <p class="smcv-pagination__range">{ window.label() }</p>
            <ul class="smcv-pagination__pages">
                <li><button type="button" class="smcv-page" disabled={disabled || !window.has_previous()}
                    onclick={go(1)} aria-label="First page">{ "«" }</button></li>
                <li><button type="button" class="smcv-page" disabled={disabled || !window.has_previous()}
                    onclick={go(window.page - 1)} aria-label="Previous page">{ "‹" }</button></li>
                { for page_links(window.page, last).into_iter().map(|link| match link {
                    PageLink::Gap => html! { <li class="smcv-page-gap" aria-hidden="true">{ "…" }</li> },
                    PageLink::Page(page) => {
                        let current = page == window.page;
                        html! {
                            // CLASS, not class: see "Dynamic classes" in components/mod.rs.
                            <li><button type="button"
                                CLASS={if current { "smcv-page smcv-page--current" } else { "smcv-page" }}
                                disabled={disabled && !current} onclick={go(page)}
                                aria-current={current.then_some("page")}
                                aria-label={format!("Page {page}")}>{ page }</button></li>
                        }
                    }
                }) }
                <li><button type="button" class="smcv-page" disabled={disabled || !window.has_next()}
                    onclick={go(window.page + 1)} aria-label="Next page">{ "›" }</button></li>
                <li><button type="button" class="smcv-page" disabled={disabled || !window.has_next()}
                    onclick={go(last)} aria-label="Last page">{ "»" }</button></li>
            </ul>
            <label class="smcv-inline" for={format!("{id}-size")}>{ "Per page" }</label>
            <select id={format!("{id}-size")} onchange={on_size} disabled={disabled}>
                { for PAGE_SIZES.iter().map(|size| html! {
                    <option value={size.to_string()} selected={*size == window.page_size}>{ size }</option>
                }) }
            </select>
            <form class="smcv-jump" onsubmit={on_jump}>
                <label for={format!("{id}-jump")}>{ "Go to page" }</label>
                <input id={format!("{id}-jump")} type="number" min="1" max={last.to_string()} inputmode="numeric"
                    value={(*jump).clone()} oninput={on_jump_input} disabled={disabled} />
                <button type="submit" class="smcv-button" disabled={disabled}>{ "Go" }</button>
            </form>
        </nav>
    }
}
