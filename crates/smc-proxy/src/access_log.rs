//! One structured log line and one metrics count per browser API call: action, status,
//! RequestId (upstream's, or the proxy's own for its refusals), error code, retries and
//! latency. Handlers leave a [`CallRecord`] in the response's extensions; this layer reads
//! it. Nothing else about the call is logged: no query, no header, no body.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::app::AppState;

/// What a handler tells the access log about a call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallRecord {
    /// The error code, for errors (the API's or the proxy's).
    pub code: Option<String>,
    /// The RequestId the caller was shown.
    pub request_id: Option<String>,
    /// Upstream retries made.
    pub retries: u32,
    /// Upstream's HTTP status, when it answered.
    pub upstream_status: Option<u16>,
}

/// The action label of a path: the one action, or `other` (bounded label values).
pub fn action_label(path: &str) -> &'static str {
    match path.strip_prefix("/api/") {
        Some(smc_core::ACTION) => smc_core::ACTION,
        _ => "other",
    }
}

/// Logs and counts every call that passes through.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let action = action_label(request.uri().path());
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    state.metrics.count_request(action, status);
    let record = response
        .extensions()
        .get::<CallRecord>()
        .cloned()
        .unwrap_or_default();
    tracing::info!(
        target: "smc_proxy::access",
        action,
        method = method.as_str(),
        status,
        request_id = record.request_id.as_deref().unwrap_or(""),
        code = record.code.as_deref().unwrap_or(""),
        upstream_status = record.upstream_status.unwrap_or(0),
        retries = record.retries,
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        "api call"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_labels_are_bounded() {
        assert_eq!(
            action_label("/api/DescribeReplicationJobs"),
            "DescribeReplicationJobs"
        );
        assert_eq!(action_label("/api/DeleteReplicationJob"), "other");
        assert_eq!(action_label("/api"), "other");
    }
}
