//! What the wasm test files share: a fresh element in the page to render into.

use web_sys::Element;

/// A new `<div>` attached to the page's body.
pub fn attached_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attached");
    root
}

/// Renders `COMP` with `props` into a fresh element and waits until it is drawn.
#[allow(dead_code)] // Not every test file renders a whole component.
pub async fn render<COMP>(props: COMP::Properties) -> Element
where
    COMP: yew::BaseComponent,
    COMP::Properties: yew::Properties,
{
    let root = attached_root();
    yew::Renderer::<COMP>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}
