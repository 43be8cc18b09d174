//! The browser API: `GET /api/DescribeReplicationJobs?<parameters>`. Read the query with
//! smc-core, call upstream, relay the answer. Any other path or action under `/api/` is
//! refused.

use axum::extract::State;
use axum::http::{Method, Uri};
use smc_core::ACTION;

use crate::app::AppState;
use crate::error::ProxyError;
use crate::query;
use crate::upstream::UpstreamCall;

/// Every path under `/api`.
pub async fn call(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
) -> Result<UpstreamCall, ProxyError> {
    if uri.path().strip_prefix("/api/") != Some(ACTION) {
        return Err(ProxyError::NotFound(format!(
            "the proxy serves only GET /api/{ACTION}, not {}",
            uri.path().chars().take(100).collect::<String>()
        )));
    }
    if method != Method::GET {
        return Err(ProxyError::MethodNotAllowed(method));
    }
    let request = query::read(uri.query().unwrap_or_default(), state.region.as_deref())?;
    Ok(state.upstream.describe(&request).await)
}
