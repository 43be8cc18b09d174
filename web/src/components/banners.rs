//! Notices and the error banner. The last good page stays visible under an error.

use smc_core::ApiError;
use yew::prelude::*;

use crate::state::Action;

/// Things the person should know, and the newest request's error with a Retry button
/// (disabled while `loading`).
pub fn banners(
    notices: &[String],
    error: Option<&ApiError>,
    loading: bool,
    dispatch: &Callback<Action>,
) -> Html {
    html! {
        <>
            if !notices.is_empty() {
                <div class="smcv-banner smcv-banner--notice" role="status">
                    <ul>{ for notices.iter().map(|notice| html! { <li>{ notice }</li> }) }</ul>
                    <button type="button" class="smcv-button smcv-button--link"
                        onclick={dispatch.reform(|_| Action::DismissNotices)}>{ "Dismiss" }</button>
                </div>
            }
            if let Some(error) = error {
                <div class="smcv-banner smcv-banner--error" role="alert">
                    <div>
                        <p class="smcv-banner__title">{ "Could not load jobs" }</p>
                        <dl class="smcv-banner__facts">
                            <dt>{ "Code" }</dt><dd><code>{ error.code.clone() }</code></dd>
                            if !error.message.is_empty() {
                                <dt>{ "Message" }</dt><dd>{ error.message.clone() }</dd>
                            }
                            if !error.request_id.is_empty() {
                                <dt>{ "Request ID" }</dt><dd><code>{ error.request_id.clone() }</code></dd>
                            }
                        </dl>
                        if error.retryable() {
                            <p class="smcv-muted">{ "This is usually temporary." }</p>
                        }
                    </div>
                    <button type="button" class="smcv-button" disabled={loading}
                        onclick={dispatch.reform(|_| Action::Refresh)}>
                        { if loading { "Retrying…" } else { "Retry" } }
                    </button>
                </div>
            }
        </>
    }
}
