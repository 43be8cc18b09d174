//! The browser API: `GET /api/DescribeReplicationJobs?<parameters>`. Every call under
//! `/api` is logged and counted, checked against the Host and Origin rules (preflights are
//! answered there), and checked for the bearer token; then the query is read with smc-core,
//! sent upstream, and the answer relayed. Any other path or action under `/api/` is refused.
//!
//! One plain function does this in order, rather than a stack of middleware layers: each
//! layer boxes and moves the call's future, and the proxy's CPU time per call is what its
//! throughput is made of.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use smc_core::ACTION;

use crate::access::{self, Admission};
use crate::error::ProxyError;
use crate::state::AppState;
use crate::upstream::UpstreamCall;
use crate::{access_log, auth, query};

/// Every path under `/api`.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, _body) = request.into_parts();
    let response = match access::admit(&state.access, &parts.method, &parts.headers) {
        Admission::Answer(response) => response,
        Admission::Serve { cors_origin } => {
            let mut response = match auth::check(state.token.as_ref(), &parts.headers) {
                Ok(()) => call(&state, &parts.method, &parts.uri)
                    .await
                    .into_response(),
                Err(error) => error.into_response(),
            };
            if let Some(origin) = cors_origin {
                access::allow_origin(response.headers_mut(), &origin);
            }
            response
        }
    };
    access_log::record(
        &state.metrics,
        parts.uri.path(),
        &parts.method,
        &response,
        started,
    );
    response
}

/// An admitted call: only `GET /api/DescribeReplicationJobs` goes upstream.
async fn call(state: &AppState, method: &Method, uri: &Uri) -> Result<UpstreamCall, ProxyError> {
    if uri.path().strip_prefix("/api/") != Some(ACTION) {
        return Err(ProxyError::NotFound(format!(
            "the proxy serves only GET /api/{ACTION}, not {}",
            uri.path().chars().take(100).collect::<String>()
        )));
    }
    if method != Method::GET {
        return Err(ProxyError::MethodNotAllowed(method.clone()));
    }
    let request = query::read(uri.query().unwrap_or_default(), state.region.as_deref())?;
    Ok(state.upstream.describe(&request).await)
}
