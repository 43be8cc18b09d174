//! The one error type. Every refusal and failure of the proxy leaves in the shape of an API
//! error, `{"Code","Message","RequestId"}` (plus `"Errors":[{"Parameter","Rule"}]` for invalid
//! parameters), so the browser reads proxy and API errors with the same
//! `smc_core::ApiError::from_body` and shows one kind of error.

use std::time::Duration;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use smc_core::ValidationErrors;

use crate::access_log::CallRecord;

/// Why the proxy refused a call or could not complete it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProxyError {
    /// The request's own parameters break smc-core's rules (unknown, repeated, out of range…).
    #[error("the request has invalid parameters: {0}")]
    InvalidParameters(ValidationErrors),
    /// The caller sent a signing or common parameter (`Signature`, `AccessKeyId`, `Action`…):
    /// the proxy sets those itself. Any other invalid parameter is listed too.
    #[error("the request sets parameters only the proxy may set: {0}")]
    ParameterNotAllowed(ValidationErrors),
    /// `/api` needs a bearer token and the call had none or a wrong one.
    #[error("{}", if *.missing { "this proxy requires a bearer token (Authorization: Bearer …)" } else { "the bearer token is not valid" })]
    Unauthorized {
        /// Whether the token was missing altogether (else it was wrong).
        missing: bool,
    },
    /// In trusted-header mode, a call without the header naming its user.
    #[error("this proxy admits only calls whose {header} header names the user")]
    Unauthenticated {
        /// The trusted header's name.
        header: String,
    },
    /// `X-Smc-Profile` names no profile of this proxy.
    #[error("there is no profile {0} (GET /api/profiles lists yours)")]
    UnknownProfile(String),
    /// The caller may not use this profile.
    #[error("you may not use the profile {0} (GET /api/profiles lists yours)")]
    ForbiddenProfile(String),
    /// A cross-origin call from an origin not given with `--allow-origin`.
    #[error("calls from origin {0} are not allowed (see --allow-origin)")]
    OriginNotAllowed(String),
    /// A `Host` that is not this proxy's (a DNS-rebinding page would send its own).
    #[error("requests for host {0} are not served here (see --allow-host)")]
    HostNotAllowed(String),
    /// No such path, or an action other than `DescribeReplicationJobs` under `/api/`.
    #[error("{0}")]
    NotFound(String),
    /// A method the path does not answer.
    #[error("method {0} is not allowed here")]
    MethodNotAllowed(Method),
    /// A request target or headers over the limits.
    #[error("{message}")]
    RequestTooLarge {
        /// 414 or 431.
        status: StatusCode,
        /// Which limit.
        message: String,
    },
    /// Upstream could not be reached (connection refused, reset, TLS or DNS failure).
    #[error("could not reach the SMC endpoint {endpoint}: {detail}")]
    UpstreamUnreachable {
        /// The endpoint (never a signed URL).
        endpoint: String,
        /// What went wrong, without any request parameter.
        detail: String,
    },
    /// Upstream did not answer within the time budget.
    #[error("the SMC endpoint did not answer within {}", format_duration(*.after))]
    UpstreamTimeout {
        /// The budget that ran out.
        after: Duration,
    },
    /// Upstream answered with more bytes than the proxy relays.
    #[error(
        "the SMC endpoint answered with more than {limit} bytes; the proxy relays at most that"
    )]
    ResponseTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Upstream answered an error status with a body that is not an API error.
    #[error("the SMC endpoint answered HTTP {status} without an API error body")]
    UpstreamInvalidResponse {
        /// The upstream status.
        status: u16,
    },
    /// Too many upstream calls in flight: none could start in time.
    #[error("too many calls are in flight; try again shortly")]
    Busy,
    /// The profile's upstream rate is used up for longer than a call may wait.
    #[error("the account's rate of upstream calls is used up; retry in {retry_after_secs} s")]
    Throttled {
        /// The whole seconds after which a call would get through (`Retry-After`).
        retry_after_secs: u64,
    },
}

impl ProxyError {
    /// The error code the body carries (`InvalidParameter`, `Proxy.UpstreamTimeout`…).
    pub fn code(&self) -> &'static str {
        match self {
            ProxyError::InvalidParameters(_) => "InvalidParameter",
            ProxyError::ParameterNotAllowed(_) => "Proxy.ParameterNotAllowed",
            ProxyError::Unauthorized { .. } => "Proxy.Unauthorized",
            ProxyError::Unauthenticated { .. } => "Proxy.Unauthenticated",
            ProxyError::UnknownProfile(_) => "Proxy.UnknownProfile",
            ProxyError::ForbiddenProfile(_) => "Proxy.ForbiddenProfile",
            ProxyError::OriginNotAllowed(_) => "Proxy.OriginNotAllowed",
            ProxyError::HostNotAllowed(_) => "Proxy.HostNotAllowed",
            ProxyError::NotFound(_) => "Proxy.NotFound",
            ProxyError::MethodNotAllowed(_) => "Proxy.MethodNotAllowed",
            ProxyError::RequestTooLarge { .. } => "Proxy.RequestTooLarge",
            ProxyError::UpstreamUnreachable { .. } => "Proxy.UpstreamUnreachable",
            ProxyError::UpstreamTimeout { .. } => "Proxy.UpstreamTimeout",
            ProxyError::ResponseTooLarge { .. } => "Proxy.ResponseTooLarge",
            ProxyError::UpstreamInvalidResponse { .. } => "Proxy.UpstreamInvalidResponse",
            ProxyError::Busy => "Proxy.Busy",
            ProxyError::Throttled { .. } => "Throttling",
        }
    }

    /// The HTTP status it answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            ProxyError::InvalidParameters(_) | ProxyError::ParameterNotAllowed(_) => {
                StatusCode::BAD_REQUEST
            }
            ProxyError::Unauthorized { .. } | ProxyError::Unauthenticated { .. } => {
                StatusCode::UNAUTHORIZED
            }
            ProxyError::OriginNotAllowed(_)
            | ProxyError::HostNotAllowed(_)
            | ProxyError::ForbiddenProfile(_) => StatusCode::FORBIDDEN,
            ProxyError::NotFound(_) | ProxyError::UnknownProfile(_) => StatusCode::NOT_FOUND,
            ProxyError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ProxyError::RequestTooLarge { status, .. } => *status,
            ProxyError::UpstreamUnreachable { .. }
            | ProxyError::ResponseTooLarge { .. }
            | ProxyError::UpstreamInvalidResponse { .. } => StatusCode::BAD_GATEWAY,
            ProxyError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ProxyError::UpstreamTimeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            ProxyError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// The field errors listed in the body, when there are any.
    pub fn field_errors(&self) -> Option<&ValidationErrors> {
        match self {
            ProxyError::InvalidParameters(errors) | ProxyError::ParameterNotAllowed(errors) => {
                Some(errors)
            }
            _ => None,
        }
    }
}

/// The body of every proxy error.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ErrorBody<'a> {
    code: &'a str,
    message: String,
    request_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a ValidationErrors>,
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let request_id = new_request_id();
        let body = ErrorBody {
            code: self.code(),
            message: self.to_string(),
            request_id: &request_id,
            errors: self.field_errors(),
        };
        // Plain strings and smc-core's serializable errors: this cannot fail, and an empty
        // body would still be a response rather than a panic.
        let json = serde_json::to_string(&body).unwrap_or_default();
        let mut response = (self.status(), json).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let ProxyError::Unauthorized { .. } = self {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"smc-proxy\""),
            );
        }
        if let ProxyError::Throttled { retry_after_secs } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        if let ProxyError::MethodNotAllowed(_) = self {
            headers.insert(header::ALLOW, HeaderValue::from_static("GET"));
        }
        response.extensions_mut().insert(CallRecord {
            code: Some(self.code().to_owned()),
            request_id: Some(request_id),
            ..CallRecord::default()
        });
        response
    }
}

/// The content type of every JSON answer.
pub const JSON: &str = "application/json;charset=utf-8";

/// A fresh request ID in the service's shape (an upper-case UUID), for the proxy's own
/// answers; it is logged with the call, so an operator can find it.
pub fn new_request_id() -> String {
    let mut buffer = uuid::Uuid::encode_buffer();
    uuid::Uuid::new_v4()
        .hyphenated()
        .encode_upper(&mut buffer)
        .to_owned()
}

/// `1.5 s` or `300 ms`.
pub fn format_duration(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{} s", duration.as_secs_f64())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smc_core::{ApiError, ValidationError};

    fn body_of(error: ProxyError) -> (StatusCode, String) {
        let response = error.into_response();
        let status = response.status();
        let body = futures_body(response);
        (status, body)
    }

    fn futures_body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), 1 << 20))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn every_error_reads_as_an_api_error_with_its_code() {
        let errors = [
            ProxyError::InvalidParameters(ValidationErrors(vec![ValidationError::new(
                "PageSize",
                "must be between 1 and 50 (got 80)",
            )])),
            ProxyError::Unauthorized { missing: true },
            ProxyError::OriginNotAllowed("https://evil.example".into()),
            ProxyError::NotFound("no such path".into()),
            ProxyError::UpstreamTimeout {
                after: Duration::from_millis(300),
            },
            ProxyError::UpstreamUnreachable {
                endpoint: "http://127.0.0.1:9/".into(),
                detail: "connection refused".into(),
            },
            ProxyError::ResponseTooLarge { limit: 10 },
            ProxyError::Busy,
            ProxyError::Unauthenticated {
                header: "x-forwarded-user".into(),
            },
            ProxyError::UnknownProfile("staging".into()),
            ProxyError::ForbiddenProfile("prod".into()),
        ];
        for error in errors {
            let code = error.code();
            let expected_status = error.status();
            let (status, body) = body_of(error);
            assert_eq!(status, expected_status);
            let parsed = ApiError::from_body(status.as_u16(), &body).unwrap();
            assert_eq!(parsed.code, code, "{body}");
            assert_eq!(parsed.request_id.len(), 36, "{body}");
            assert!(!parsed.message.is_empty(), "{body}");
        }
    }

    #[test]
    fn invalid_parameters_list_every_field() {
        let error = ProxyError::InvalidParameters(ValidationErrors(vec![
            ValidationError::new("PageSize", "must be between 1 and 50 (got 80)"),
            ValidationError::new("Status", "unknown value"),
        ]));
        let (status, body) = body_of(error);
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["Errors"][0]["Parameter"], "PageSize");
        assert_eq!(json["Errors"][1]["Parameter"], "Status");
        assert_eq!(json["Code"], "InvalidParameter");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(Duration::from_millis(250)), "250 ms");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.5 s");
    }
}
