//! Paging controls: first, previous, numbered pages with gaps, next, last, the range
//! shown, page size and jump to page.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::paging::{page_links, PageLink, PageWindow};
use crate::prefs::PAGE_SIZES;
use crate::state::Action;

/// What the controls show and change.
pub struct Pagination<'a> {
    /// Where the shown page stands.
    pub window: PageWindow,
    /// Controls are disabled while a page loads.
    pub loading: bool,
    /// A prefix unique on the page, for the controls' `id`/`for` pairs.
    pub id: &'a str,
    /// Changes the state.
    pub dispatch: &'a Callback<Action>,
    /// Changes the page size (also a preference).
    pub on_page_size: &'a Callback<i64>,
}

/// The paging controls: a function of the app's state. The jump field is an uncontrolled
/// input, read when its form is submitted, so the controls keep no state of their own.
pub fn pagination(props: Pagination<'_>) -> Html {
    let Pagination { window, id, .. } = props;
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
    let on_jump = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let field = event
                .target_unchecked_into::<web_sys::Element>()
                .query_selector("input")
                .ok()
                .flatten()
                .map(|input| input.unchecked_into::<web_sys::HtmlInputElement>());
            let Some(field) = field else { return };
            if let Ok(page) = field.value().trim().parse::<i64>() {
                dispatch.emit(Action::GoToPage(page.clamp(1, last)));
                field.set_value("");
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
                    disabled={disabled} />
                <button type="submit" class="smcv-button" disabled={disabled}>{ "Go" }</button>
            </form>
        </nav>
    }
}
