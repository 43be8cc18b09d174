//! The accounts the proxy offers, asked once.

use smc_core::ProfileList;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_profiles, Endpoint};

/// The profiles `endpoint`'s proxy lets the caller use: `None` until it answers, and an
/// empty list when it has none or could not say (the viewer then shows no switcher).
#[hook]
pub fn use_profiles(endpoint: Endpoint) -> Option<ProfileList> {
    let profiles = use_state(|| None);
    {
        let profiles = profiles.setter();
        use_effect_with(endpoint, move |endpoint| {
            let endpoint = endpoint.clone();
            spawn_local(async move {
                profiles.set(Some(fetch_profiles(&endpoint).await.unwrap_or_default()));
            });
        });
    }
    (*profiles).clone()
}
