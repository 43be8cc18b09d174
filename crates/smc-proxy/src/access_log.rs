//! One structured log line and one metrics count per browser API call: action, status,
//! RequestId (upstream's, or the proxy's own for its refusals), error code, retries and
//! latency. Handlers leave a [`CallRecord`] in the response's extensions; this layer reads
//! it. Nothing else about the call is logged: no query, no header, no body.

use std::time::Instant;

use axum::http::Method;
use axum::response::Response;

use crate::metrics::Metrics;

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

/// Who made a call and for which profile, when known: the API handler leaves it in the
/// response's extensions beside the [`CallRecord`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallerRecord {
    /// The user the trusted header named.
    pub user: Option<String>,
    /// The profile the call was answered from.
    pub profile: Option<String>,
}

/// The action label of a path: the one action, `profiles`, or `other` (bounded label
/// values).
pub fn action_label(path: &str) -> &'static str {
    match path.strip_prefix("/api/") {
        Some(smc_core::ACTION) => smc_core::ACTION,
        Some("profiles") => "profiles",
        _ => "other",
    }
}

/// Logs and counts one call: its action (from `path`), method and answer, `started` when
/// it arrived.
pub fn record(
    metrics: &Metrics,
    path: &str,
    method: &Method,
    response: &Response,
    started: Instant,
) {
    let action = action_label(path);
    let status = response.status().as_u16();
    metrics.count_request(action, status);
    let record = response.extensions().get::<CallRecord>();
    let caller = response.extensions().get::<CallerRecord>();
    tracing::info!(
        target: crate::logging::ACCESS_TARGET,
        action,
        user = caller.and_then(|c| c.user.as_deref()).unwrap_or(""),
        profile = caller.and_then(|c| c.profile.as_deref()).unwrap_or(""),
        method = method.as_str(),
        status,
        request_id = record.and_then(|r| r.request_id.as_deref()).unwrap_or(""),
        code = record.and_then(|r| r.code.as_deref()).unwrap_or(""),
        upstream_status = record.and_then(|r| r.upstream_status).unwrap_or(0),
        retries = record.map_or(0, |r| r.retries),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        "api call"
    );
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
        assert_eq!(action_label("/api/profiles"), "profiles");
        assert_eq!(action_label("/api"), "other");
    }
}
