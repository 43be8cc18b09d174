//! `<smc-replication-jobs>`: the viewer as a custom element, for internal portals.
//!
//! ```html
//! <smc-replication-jobs api-base="https://proxy.example/api" page-size="20" region="cn-hangzhou">
//! </smc-replication-jobs>
//! ```
//! Attributes: `api-base` (default `/api`), `page-size`, `region`, `api-token` (a bearer
//! token for a proxy started with `--token-file`), `profile` (fixes the account: no
//! switcher, and neither the URL nor preferences change it), `theme` (`auto`, `light` or
//! `dark`: fixes the theme, with no choice in the preferences), and `sync-url` (the viewer
//! keeps its state in the page's URL; give it to one element per page at most). Opening a
//! job dispatches a bubbling `smc-job-selected` event whose `detail` is the JobId.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::api::Endpoint;
use crate::components::{App, AppProps};
use crate::prefs::Theme;

/// The tag name.
pub const ELEMENT_NAME: &str = "smc-replication-jobs";

#[wasm_bindgen(inline_js = r#"
export function defineViewerElement(name, mount, unmount) {
  if (customElements.get(name)) return;
  customElements.define(name, class extends HTMLElement {
    connectedCallback() {
      if (this.smcViewerId === undefined) this.smcViewerId = mount(this);
    }
    disconnectedCallback() {
      if (this.smcViewerId !== undefined) { unmount(this.smcViewerId); this.smcViewerId = undefined; }
    }
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = defineViewerElement)]
    fn define_viewer_element(
        name: &str,
        mount: &Closure<dyn FnMut(web_sys::HtmlElement) -> u32>,
        unmount: &Closure<dyn FnMut(u32)>,
    );
}

thread_local! {
    /// The viewers on the page by id: a page holds a few, so a list does.
    static VIEWERS: RefCell<Vec<(u32, AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_VIEWER: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Reads an element's attributes into the viewer's props.
pub fn props_from_element(element: &web_sys::HtmlElement) -> AppProps {
    let attribute = |name: &str| {
        element
            .get_attribute(name)
            .filter(|value| !value.trim().is_empty())
    };
    AppProps {
        endpoint: Endpoint {
            base: attribute("api-base").unwrap_or_else(|| Endpoint::default().base),
            token: attribute("api-token"),
            profile: None,
        },
        profile: attribute("profile").map(|name| name.trim().to_owned()),
        page_size: attribute("page-size").and_then(|size| size.trim().parse().ok()),
        region: attribute("region"),
        theme: attribute("theme").and_then(|theme| Theme::from_attribute(&theme)),
        sync_url: element.has_attribute("sync-url"),
        host: Some(element.clone()),
    }
}

/// Renders a viewer inside `element`; returns the id that unmounts it.
pub fn mount(element: web_sys::HtmlElement) -> u32 {
    let props = props_from_element(&element);
    let Some(root) = gloo::utils::document().create_element("div").ok() else {
        return 0;
    };
    let _ = element.append_child(&root);
    let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
    let id = NEXT_VIEWER.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    VIEWERS.with(|viewers| viewers.borrow_mut().push((id, handle)));
    id
}

/// Removes the viewer mounted with `id`.
pub fn unmount(id: u32) {
    let handle = VIEWERS.with(|viewers| {
        let mut viewers = viewers.borrow_mut();
        let at = viewers.iter().position(|(viewer, _)| *viewer == id)?;
        Some(viewers.swap_remove(at).1)
    });
    if let Some(handle) = handle {
        handle.destroy();
    }
}

/// Registers `<smc-replication-jobs>`; elements already in the page start at once.
pub fn register_custom_element() {
    let mount = Closure::<dyn FnMut(web_sys::HtmlElement) -> u32>::new(mount);
    let unmount = Closure::<dyn FnMut(u32)>::new(unmount);
    define_viewer_element(ELEMENT_NAME, &mount, &unmount);
    // The element class keeps calling these for as long as the page lives.
    mount.forget();
    unmount.forget();
}
