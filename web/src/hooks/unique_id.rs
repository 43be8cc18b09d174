//! Ids unique on the page.

use std::cell::Cell;

use yew::prelude::*;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A prefix unique on the page, for `id`/`for` pairs: several viewers may share a page.
#[hook]
pub fn use_unique_id(name: &'static str) -> AttrValue {
    let id = use_state(|| {
        let n = NEXT_ID.with(|next| next.replace(next.get() + 1));
        AttrValue::from(format!("smcv-{name}-{n}"))
    });
    (*id).clone()
}
