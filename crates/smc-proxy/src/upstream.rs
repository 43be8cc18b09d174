//! Signed calls to the SMC endpoint: sign (v1 or V3) with a fresh nonce and timestamp for
//! each attempt, send as a form-encoded POST (so the signature and STS token never sit in a
//! URL that an error message or a log could print), read at most `max_response_bytes`, retry
//! what the [`crate::retry`] policy allows, and scrub credentials out of every error body.
//!
//! One time budget (`timeout`) covers the whole browser call: every attempt, wait and
//! retry. Upstream calls in flight are bounded by a semaphore; a call that cannot start
//! within its budget is refused as busy.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use smc_core::sign::v3::{self, ParameterPlacement};
use smc_core::sign::{random_nonce, sign_request, Credentials, SigningParams};
use smc_core::{ApiError, DescribeReplicationJobs, Format};
use time::OffsetDateTime;
use tokio::sync::Semaphore;

use crate::access_log::CallRecord;
use crate::error::{ProxyError, JSON};
use crate::metrics::Metrics;
use crate::redact::scrub_api_error;
use crate::retry::{
    parse_retry_after, random_jitter, RetryPolicy, RetryReason, RETRY_AFTER_HEADER,
};
use crate::settings::{SignatureVersion, UpstreamSettings};

/// The header carrying the API's request ID.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// The client of one SMC endpoint, signing with one set of credentials.
pub struct Upstream {
    client: reqwest::Client,
    endpoint: reqwest::Url,
    credentials: Credentials,
    settings: UpstreamSettings,
    policy: RetryPolicy,
    permits: Semaphore,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("endpoint", &self.endpoint.as_str())
            .field("credentials", &self.credentials)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// Why the upstream client could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// The endpoint is not an http(s) URL the proxy can call.
    #[error("endpoint {endpoint:?}: {reason}")]
    Endpoint {
        /// What was given.
        endpoint: String,
        /// What is wrong.
        reason: String,
    },
    /// The HTTP client could not be built (TLS roots, for one).
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

/// A page or an API error, as upstream answered it (error bodies scrubbed and re-encoded as
/// JSON).
#[derive(Debug, Clone)]
pub struct Answer {
    /// Upstream's status.
    pub status: StatusCode,
    /// The body to relay.
    pub body: Bytes,
    /// The API's request ID (header, or the error body's `RequestId`).
    pub request_id: Option<String>,
    /// The API error code, for error answers.
    pub code: Option<String>,
}

/// What one browser call got upstream, after any retries.
#[derive(Debug, Clone)]
pub struct UpstreamCall {
    /// How many retries were made.
    pub retries: u32,
    /// The answer to relay, or why there is none.
    pub result: Result<Answer, ProxyError>,
}

/// One attempt's outcome.
enum Attempt {
    /// Upstream answered within the limits.
    Answered {
        answer: Answer,
        /// Why calling again may help, for retryable API errors.
        retryable: Option<RetryReason>,
        retry_after: Option<Duration>,
    },
    /// No usable answer.
    Failed(ProxyError),
}

impl Attempt {
    fn retry_reason(&self) -> Option<RetryReason> {
        match self {
            Attempt::Answered { retryable, .. } => *retryable,
            Attempt::Failed(ProxyError::UpstreamUnreachable { .. }) => Some(RetryReason::Network),
            Attempt::Failed(_) => None,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Attempt::Answered { retry_after, .. } => *retry_after,
            Attempt::Failed(_) => None,
        }
    }

    fn into_result(self) -> Result<Answer, ProxyError> {
        match self {
            Attempt::Answered { answer, .. } => Ok(answer),
            Attempt::Failed(error) => Err(error),
        }
    }
}

impl Upstream {
    /// A client of `endpoint` (an `http` or `https` URL without query or credentials).
    pub fn new(
        endpoint: &str,
        credentials: Credentials,
        settings: UpstreamSettings,
        metrics: Arc<Metrics>,
    ) -> Result<Self, UpstreamError> {
        let endpoint = parse_endpoint(endpoint)?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.connect_timeout)
            .pool_max_idle_per_host(settings.max_concurrency)
            .pool_idle_timeout(Duration::from_secs(30))
            .tcp_nodelay(true)
            .user_agent(concat!("smc-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| UpstreamError::Client(error.without_url().to_string()))?;
        Ok(Upstream {
            client,
            endpoint,
            credentials,
            policy: RetryPolicy {
                max_retries: settings.retries,
                base: settings.backoff,
                max: settings.max_backoff,
            },
            permits: Semaphore::new(settings.max_concurrency.max(1)),
            settings,
            metrics,
        })
    }

    /// The endpoint calls go to.
    pub fn endpoint(&self) -> &str {
        self.endpoint.as_str()
    }

    /// The time one call may take, retries included.
    pub fn timeout(&self) -> Duration {
        self.settings.timeout
    }

    /// The credentials calls are signed with.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Calls `DescribeReplicationJobs` (already validated), retrying as the policy allows.
    pub async fn describe(&self, request: &DescribeReplicationJobs) -> UpstreamCall {
        let deadline = Instant::now() + self.settings.timeout;
        let mut retries = 0;
        loop {
            let attempt = self.attempt(request, deadline).await;
            let Some(reason) = attempt.retry_reason() else {
                return UpstreamCall {
                    retries,
                    result: attempt.into_result(),
                };
            };
            let remaining = deadline.saturating_duration_since(Instant::now());
            let delay = self.policy.next_delay(
                retries + 1,
                attempt.retry_after(),
                random_jitter(),
                remaining,
            );
            let Some(delay) = delay else {
                return UpstreamCall {
                    retries,
                    result: attempt.into_result(),
                };
            };
            retries += 1;
            self.metrics.count_retry(reason);
            tracing::debug!(
                retry = retries,
                reason = reason.as_str(),
                delay_ms = delay.as_millis() as u64,
                "retrying the upstream call"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: wait for a permit, sign, send, read.
    async fn attempt(&self, request: &DescribeReplicationJobs, deadline: Instant) -> Attempt {
        let permit = tokio::time::timeout_at(deadline.into(), self.permits.acquire()).await;
        let Ok(Ok(_permit)) = permit else {
            return Attempt::Failed(ProxyError::Busy);
        };
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Attempt::Failed(self.timed_out());
        }
        let _in_flight = self.metrics.upstream_started();
        let started = Instant::now();
        let attempt = self.exchange(request, remaining).await;
        self.metrics.observe_upstream(started.elapsed());
        attempt
    }

    async fn exchange(&self, request: &DescribeReplicationJobs, budget: Duration) -> Attempt {
        let signing = SigningParams {
            credentials: &self.credentials,
            time: OffsetDateTime::now_utc(),
            nonce: random_nonce(),
            format: Format::Json,
            method: "POST",
        };
        let post = self.client.post(self.endpoint.clone()).timeout(budget);
        let post = match self.settings.signature {
            SignatureVersion::V1 => post
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(sign_request(request, &signing).query_string()),
            SignatureVersion::V3 => {
                let host = host_header(&self.endpoint);
                let signed =
                    v3::sign_request(request, &signing, &host, ParameterPlacement::FormBody);
                // The client sends `Host` itself, from the endpoint: the value signed above.
                let headers = signed.headers.iter().filter(|(name, _)| name != "host");
                headers
                    .fold(post, |post, (name, value)| post.header(name, value))
                    .body(signed.body)
            }
        };
        let sent = post.send().await;
        let response = match sent {
            Ok(response) => response,
            Err(error) => return Attempt::Failed(self.transport_failure(error)),
        };
        let status = response.status();
        let header_text = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let request_id = header_text(REQUEST_ID_HEADER);
        let retry_after = header_text(RETRY_AFTER_HEADER).and_then(|v| parse_retry_after(&v));
        let body = match read_capped(response, self.settings.max_response_bytes).await {
            Ok(body) => body,
            Err(ReadError::TooLarge) => {
                return Attempt::Failed(ProxyError::ResponseTooLarge {
                    limit: self.settings.max_response_bytes,
                })
            }
            Err(ReadError::Transport(error)) => {
                return Attempt::Failed(self.transport_failure(error))
            }
        };
        if status.is_success() {
            return Attempt::Answered {
                answer: Answer {
                    status,
                    body: Bytes::from(body),
                    request_id,
                    code: None,
                },
                retryable: None,
                retry_after,
            };
        }
        self.error_answer(status, &body, request_id, retry_after)
    }

    /// An error answer: read as an API error, scrubbed, and re-encoded as JSON.
    fn error_answer(
        &self,
        status: StatusCode,
        body: &[u8],
        request_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> Attempt {
        let text = String::from_utf8_lossy(body);
        let mut error = match ApiError::from_body(status.as_u16(), &text) {
            Ok(error) if !error.code.is_empty() => error,
            _ => {
                return Attempt::Failed(ProxyError::UpstreamInvalidResponse {
                    status: status.as_u16(),
                })
            }
        };
        scrub_api_error(&mut error, &self.credentials);
        let json = serde_json::to_vec(&error).unwrap_or_default();
        let request_id =
            request_id.or_else(|| Some(error.request_id.clone()).filter(|id| !id.is_empty()));
        let retryable = error.retryable().then_some(if error.is_throttling() {
            RetryReason::Throttling
        } else {
            RetryReason::ServerError
        });
        Attempt::Answered {
            answer: Answer {
                status,
                body: Bytes::from(json),
                request_id,
                code: Some(error.code),
            },
            retryable,
            retry_after,
        }
    }

    fn timed_out(&self) -> ProxyError {
        ProxyError::UpstreamTimeout {
            after: self.settings.timeout,
        }
    }

    /// A connection that failed is "unreachable" (and retryable); one that ran out of time
    /// is a timeout. The URL is stripped from the error: only the endpoint is ever shown.
    fn transport_failure(&self, error: reqwest::Error) -> ProxyError {
        if error.is_timeout() && !error.is_connect() {
            return self.timed_out();
        }
        ProxyError::UpstreamUnreachable {
            endpoint: self.endpoint.to_string(),
            detail: error_chain(&error.without_url()),
        }
    }
}

/// `error sending request: client error (Connect): tcp connect error: Connection refused`.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads a body, refusing it as soon as it is known to exceed `cap` bytes.
async fn read_capped(mut response: reqwest::Response, cap: usize) -> Result<Vec<u8>, ReadError> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > cap as u64) {
        return Err(ReadError::TooLarge);
    }
    let initial = declared.map_or(16 * 1024, |length| length as usize);
    let mut body = Vec::with_capacity(initial.min(cap));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > cap {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The `Host` header a client sends to `endpoint`: its host, and its port unless it is the
/// scheme's default.
fn host_header(endpoint: &reqwest::Url) -> String {
    let host = endpoint.host_str().unwrap_or_default();
    match endpoint.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// Checks an endpoint: `http` or `https`, a host, no user or password, no query or fragment.
pub fn parse_endpoint(text: &str) -> Result<reqwest::Url, UpstreamError> {
    let refuse = |reason: &str| UpstreamError::Endpoint {
        endpoint: text.to_owned(),
        reason: reason.to_owned(),
    };
    let url = reqwest::Url::parse(text).map_err(|error| refuse(&error.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse("a host is needed"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("credentials do not belong in the endpoint"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("the endpoint takes no query or fragment"));
    }
    Ok(url)
}

impl UpstreamCall {
    /// What the access log records about this call.
    pub fn record(&self) -> CallRecord {
        match &self.result {
            Ok(answer) => CallRecord {
                code: answer.code.clone(),
                request_id: answer.request_id.clone(),
                retries: self.retries,
                upstream_status: Some(answer.status.as_u16()),
            },
            Err(error) => CallRecord {
                code: Some(error.code().to_owned()),
                retries: self.retries,
                ..CallRecord::default()
            },
        }
    }
}

impl IntoResponse for UpstreamCall {
    fn into_response(self) -> Response {
        let mut record = self.record();
        match self.result {
            Ok(answer) => {
                let mut response = (answer.status, answer.body).into_response();
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                if let Some(value) = answer
                    .request_id
                    .as_deref()
                    .and_then(|id| HeaderValue::from_str(id).ok())
                {
                    headers.insert(REQUEST_ID_HEADER, value);
                }
                response.extensions_mut().insert(record);
                response
            }
            Err(error) => {
                let mut response = error.into_response();
                // The error's own record carries the RequestId it was given.
                if let Some(own) = response.extensions().get::<CallRecord>() {
                    record.request_id = own.request_id.clone();
                }
                response.extensions_mut().insert(record);
                response
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_plain_http_urls() {
        assert!(parse_endpoint("https://smc.aliyuncs.com/").is_ok());
        assert!(parse_endpoint("http://127.0.0.1:8080/").is_ok());
        for bad in [
            "ftp://x/",
            "https://user:pw@smc.aliyuncs.com/",
            "https://smc.aliyuncs.com/?Action=Other",
            "not a url",
        ] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_host_header_keeps_only_ports_that_are_not_the_default() {
        let host = |url: &str| host_header(&parse_endpoint(url).unwrap());
        assert_eq!(host("https://smc.aliyuncs.com/"), "smc.aliyuncs.com");
        assert_eq!(host("https://smc.aliyuncs.com:443/"), "smc.aliyuncs.com");
        assert_eq!(host("http://127.0.0.1:8787/"), "127.0.0.1:8787");
        assert_eq!(host("http://[::1]:9/"), "[::1]:9");
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|e| e as _)
        }
    }

    #[test]
    fn error_chains_read_as_one_line() {
        let error = Layer(
            "error sending request",
            Some(Box::new(Layer(
                "tcp connect error",
                Some(Box::new(Layer("Connection refused", None))),
            ))),
        );
        assert_eq!(
            error_chain(&error),
            "error sending request: tcp connect error: Connection refused"
        );
    }
}
