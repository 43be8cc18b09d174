//! The focus goes back to a job's row when the panel showing the job closes.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// When the component using it leaves the page while the focus is inside `panel` (or on
/// nothing), the focus moves to the name button of the row of `job_id` in the same viewer
/// (`.smcv`), so a keyboard user carries on where the details were opened. The newest
/// `job_id` is the one used.
#[hook]
pub fn use_focus_back_to_row(panel: NodeRef, job_id: AttrValue) {
    let latest: Rc<RefCell<AttrValue>> = use_mut_ref(|| job_id.clone());
    *latest.borrow_mut() = job_id;
    use_effect_with((), move |_| {
        let panel = panel.cast::<web_sys::Element>();
        let viewer = panel
            .as_ref()
            .and_then(|panel| panel.closest(".smcv").ok().flatten());
        move || {
            let (Some(panel), Some(viewer)) = (panel, viewer) else {
                return;
            };
            if focus_elsewhere(&panel) {
                return;
            }
            if let Some(button) = row_button(&viewer, &latest.borrow()) {
                let _ = button.focus();
            }
        }
    });
}

/// Whether the focus is on something outside `panel` (then it stays there).
fn focus_elsewhere(panel: &web_sys::Element) -> bool {
    let document = gloo::utils::document();
    let Some(active) = document.active_element() else {
        return false;
    };
    let on_body = document
        .body()
        .is_some_and(|body| web_sys::Element::from(body) == active);
    !on_body && !panel.contains(Some(&active))
}

/// The name button of the row of `job_id` in `viewer`, when the row is shown.
fn row_button(viewer: &web_sys::Element, job_id: &str) -> Option<web_sys::HtmlElement> {
    let rows = viewer.query_selector_all("tr[data-job-id]").ok()?;
    (0..rows.length())
        .filter_map(|index| rows.item(index)?.dyn_into::<web_sys::Element>().ok())
        .find(|row| row.get_attribute("data-job-id").as_deref() == Some(job_id))?
        .query_selector(".smcv-link")
        .ok()??
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
