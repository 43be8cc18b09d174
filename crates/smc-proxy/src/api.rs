//! The browser API: `GET /api/DescribeReplicationJobs?<parameters>`. Every call under
//! `/api` goes through [`admit`] (logged and counted, checked against the Host and Origin
//! rules), then the CORS layer (which answers allowed preflights), then [`serve`]: the
//! bearer token, then the query read with smc-core, sent upstream through
//! [`crate::sharing`] (cache, coalescing, rate limit), and the answer relayed.
//! Any other path or action under `/api/` is refused.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use smc_core::ACTION;

use crate::error::ProxyError;
use crate::sharing::{Served, DEFAULT_PROFILE};
use crate::state::AppState;
use crate::{access, access_log, auth, query};

/// The first layer of every call under `/api`: it logs and counts the call whatever its
/// answer, and refuses it here when [`access::check`] says so.
pub async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let response = match access::check(&state.access, &method, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let mut response = refusal.into_response();
            // As the CORS layer says of every answer it sees: this one depends on `Origin`.
            response
                .headers_mut()
                .insert(header::VARY, HeaderValue::from_name(header::ORIGIN));
            response
        }
    };
    access_log::record(&state.metrics, uri.path(), &method, &response, started);
    response
}

/// Every admitted call under `/api`: with the token, when one is required, only
/// `GET /api/DescribeReplicationJobs` goes upstream.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    match auth::check(state.token.as_ref(), &parts.headers) {
        Ok(()) => call(&state, &parts.method, &parts.uri)
            .await
            .into_response(),
        Err(error) => error.into_response(),
    }
}

async fn call(state: &AppState, method: &Method, uri: &Uri) -> Result<Served, ProxyError> {
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
    let sharing = &state.sharing;
    Ok(sharing
        .describe(DEFAULT_PROFILE, None, &request, &state.upstream)
        .await)
}
