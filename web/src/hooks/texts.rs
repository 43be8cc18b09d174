//! The catalogue of the viewer's language.

use yew::prelude::*;

use crate::i18n::{Lang, Texts};

/// The texts of the language the app provides (see [`crate::components::App`]), English
/// outside one.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_context::<Lang>().unwrap_or_default().texts()
}
