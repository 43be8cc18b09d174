//! Notices, the throttling banner and the error banner. The last good page stays visible
//! under them.

use smc_core::ApiError;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::state::{Action, Notice};

/// What the banners say.
#[derive(Properties, PartialEq)]
pub struct BannersProps {
    /// Things the person should know.
    pub notices: Vec<Notice>,
    /// The newest request's error.
    pub error: Option<ApiError>,
    /// Seconds until a throttled request is sent again.
    #[prop_or_default]
    pub retry_in: Option<u32>,
    /// Whether a request is running (Retry waits for it).
    pub loading: bool,
    /// Told to dismiss the notices, or to retry.
    pub dispatch: Callback<Action>,
}

/// The notices with a Dismiss button, and the error with its Code, Message and Request ID
/// and a Retry button.
#[function_component]
pub fn Banners(props: &BannersProps) -> Html {
    let texts = use_texts();
    let loading = props.loading;
    html! {
        <>
            if !props.notices.is_empty() {
                <div class="smcv-banner smcv-banner--notice" role="status">
                    <ul>{ for props.notices.iter().map(|notice| html! { <li>{ notice.describe(texts) }</li> }) }</ul>
                    <button type="button" class="smcv-button smcv-button--link"
                        onclick={props.dispatch.reform(|_| Action::DismissNotices)}>{ texts.dismiss }</button>
                </div>
            }
            if let Some(seconds) = props.retry_in {
                <div class="smcv-banner smcv-banner--throttled" role="status">
                    <p class="smcv-banner__title">{ (texts.slowing_down)(seconds) }</p>
                </div>
            }
            if let Some(error) = &props.error {
                <div class="smcv-banner smcv-banner--error" role="alert">
                    <div>
                        <p class="smcv-banner__title">{ texts.could_not_load_jobs_title }</p>
                        <dl class="smcv-banner__facts">
                            <dt>{ texts.error_code_label }</dt><dd><code>{ error.code.clone() }</code></dd>
                            if !error.message.is_empty() {
                                <dt>{ texts.error_message_label }</dt><dd>{ error.message.clone() }</dd>
                            }
                            if !error.request_id.is_empty() {
                                <dt>{ texts.request_id }</dt><dd><code>{ error.request_id.clone() }</code></dd>
                            }
                        </dl>
                        if error.retryable() {
                            <p class="smcv-muted">{ texts.usually_temporary }</p>
                        }
                    </div>
                    <button type="button" class="smcv-button" disabled={loading}
                        onclick={props.dispatch.reform(|_| Action::Refresh)}>
                        { if loading { texts.retrying } else { texts.retry } }
                    </button>
                </div>
            }
        </>
    }
}
