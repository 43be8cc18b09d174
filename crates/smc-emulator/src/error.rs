//! The one error type of the emulator's HTTP side: every refusal, from the gateway, the
//! API, a fault rule or the control API, leaves in the gateway's dialect
//! (`{RequestId, HostId, Code, Message, Recommend}`, JSON or XML).

use std::borrow::Cow;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use smc_core::{ApiError, Format};

/// The `HostId` of every answer.
pub const HOST_ID: &str = "smc.aliyuncs.com";

/// The header carrying the request ID, as the real gateway sends it.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// A refused call: its HTTP status, error code and message, and the format to answer in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    /// The HTTP status.
    pub status: StatusCode,
    /// The error code (`SignatureDoesNotMatch`).
    pub code: Cow<'static, str>,
    /// The message, in the gateway's words.
    pub message: String,
    /// The body's format: the call's `Format`, or XML (the gateway's default) when unknown.
    pub format: Format,
}

impl ApiFailure {
    /// A failure answered in XML until [`Self::in_format`] says otherwise.
    pub fn new(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        ApiFailure {
            status,
            code: code.into(),
            message: message.into(),
            format: Format::Xml,
        }
    }

    /// The same failure answered in `format`.
    pub fn in_format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// The error body this failure becomes, with `request_id`.
    pub fn to_api_error(&self, request_id: &str) -> ApiError {
        ApiError {
            http_status: self.status.as_u16(),
            code: self.code.to_string(),
            message: self.message.clone(),
            request_id: request_id.to_owned(),
            host_id: HOST_ID.to_owned(),
            recommend: format!(
                "https://api.aliyun.com/troubleshoot?q={}&product=Smc&requestId={request_id}",
                smc_core::encode::percent_encode(&self.code)
            ),
            access_denied_detail: None,
        }
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let request_id = new_request_id();
        let error = self.to_api_error(&request_id);
        let body = match self.format {
            // An ApiError is plain strings: serializing it cannot fail.
            Format::Json => serde_json::to_string(&error).unwrap_or_default(),
            Format::Xml => smc_core::xml::error_to_string(&error),
        };
        tracing::debug!(status = self.status.as_u16(), code = %self.code, %request_id, "refused");
        with_request_id(self.status, self.format, body, &request_id)
    }
}

/// A response with the body's content type and the request ID header.
pub(crate) fn with_request_id(
    status: StatusCode,
    format: Format,
    body: String,
    request_id: &str,
) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID_HEADER, value);
    }
    response
}

/// A fresh request ID in the service's shape: an upper-case UUID
/// (`6E1187E8-843A-4850-B97E-2F17F00D48F7`).
pub fn new_request_id() -> String {
    let mut buffer = uuid::Uuid::encode_buffer();
    uuid::Uuid::new_v4()
        .hyphenated()
        .encode_upper(&mut buffer)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_look_like_the_services() {
        let id = new_request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id, id.to_uppercase());
        assert_eq!(id.matches('-').count(), 4);
    }

    #[test]
    fn an_error_body_carries_every_field() {
        let failure = ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        );
        let error = failure.to_api_error("R-1");
        assert_eq!(error.host_id, HOST_ID);
        assert!(error.recommend.contains("q=SignatureNonceUsed"));
        let json = serde_json::to_value(&error).unwrap();
        for field in ["Code", "Message", "RequestId", "HostId", "Recommend"] {
            assert!(json.get(field).is_some(), "{field} missing from {json}");
        }
    }
}
