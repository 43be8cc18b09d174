//! Paging controls: first, previous, numbered pages with gaps, next, last, the range
//! shown, page size and jump to page.

use yew::prelude::*;

use crate::hooks::use_texts;
use crate::paging::{page_links, PageLink, PageWindow};
use crate::prefs::PAGE_SIZES;
use crate::state::Action;

/// Where the shown page stands, and what the controls change.
#[derive(Properties, PartialEq)]
pub struct PaginationProps {
    /// Where the shown page stands.
    pub window: PageWindow,
    /// Controls are disabled while a page loads.
    pub loading: bool,
    /// A prefix unique on the page, for the controls' `id`/`for` pairs.
    pub id: AttrValue,
    /// Told [`Action::GoToPage`].
    pub dispatch: Callback<Action>,
    /// Changes the page size (also a preference).
    pub on_page_size: Callback<i64>,
}

/// The paging controls. The jump field is read when its form is submitted, and emptied
/// once it has moved the page.
#[function_component]
pub fn Pagination(props: &PaginationProps) -> Html {
    let texts = use_texts();
    let PaginationProps { window, id, .. } = props;
    let jump_field = use_node_ref();
    let last = window.last_page();
    let disabled = props.loading;
    let go = |page: i64| {
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::GoToPage(page))
    };
    let on_size = page_size_chosen(&props.on_page_size);
    let on_jump = {
        let dispatch = props.dispatch.clone();
        let jump_field = jump_field.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(field) = jump_field.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Ok(page) = field.value().trim().parse::<i64>() {
                dispatch.emit(Action::GoToPage(page.clamp(1, last)));
                field.set_value("");
            }
        })
    };
    let step = |label: &'static str, symbol: &'static str, page: i64, enabled: bool| {
        html! {
            <li><button type="button" class="smcv-pagination__button" disabled={disabled || !enabled}
                onclick={go(page)} aria-label={label}>{ symbol }</button></li>
        }
    };
    let link = |link: PageLink| match link {
        PageLink::Gap => html! { <li class="smcv-pagination__gap" aria-hidden="true">{ "…" }</li> },
        PageLink::Page(page) => {
            let current = page == window.page;
            html! {
                <li><button type="button"
                    class={classes!("smcv-pagination__button", current.then_some("smcv-pagination__button--current"))}
                    disabled={disabled && !current} onclick={go(page)}
                    aria-current={current.then_some("page")}
                    aria-label={(texts.page_n)(page)}>{ page }</button></li>
            }
        }
    };

    html! {
        <nav class="smcv-pagination" aria-label={texts.pagination}>
            <p class="smcv-pagination__range">{ window.label(texts) }</p>
            <ul class="smcv-pagination__pages">
                { step(texts.first_page, "«", 1, window.has_previous()) }
                { step(texts.previous_page, "‹", window.page - 1, window.has_previous()) }
                { for page_links(window.page, last).into_iter().map(link) }
                { step(texts.next_page, "›", window.page + 1, window.has_next()) }
                { step(texts.last_page, "»", last, window.has_next()) }
            </ul>
            <label class="smcv-inline" for={format!("{id}-size")}>{ texts.per_page }</label>
            <select id={format!("{id}-size")} onchange={on_size} disabled={disabled}>
                { for PAGE_SIZES.iter().map(|size| html! {
                    <option value={size.to_string()} selected={*size == window.page_size}>{ size }</option>
                }) }
            </select>
            <form class="smcv-jump" onsubmit={on_jump}>
                <label for={format!("{id}-jump")}>{ texts.go_to_page }</label>
                <input ref={jump_field} id={format!("{id}-jump")} type="number" min="1" max={last.to_string()}
                    inputmode="numeric" disabled={disabled} />
                <button type="submit" class="smcv-button" disabled={disabled}>{ texts.go }</button>
            </form>
        </nav>
    }
}

/// A page-size `<select>`'s change, as the size chosen (the pagination's and the preferences'
/// selects offer the same sizes).
pub(crate) fn page_size_chosen(on_page_size: &Callback<i64>) -> Callback<Event> {
    let on_page_size = on_page_size.clone();
    Callback::from(move |event: Event| {
        let value = event
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        if let Ok(size) = value.parse() {
            on_page_size.emit(size);
        }
    })
}
