//! Bounds on what a request may be, checked before any handler runs, so that no input can
//! make the emulator buffer without limit. (hyper also caps its read buffer and header
//! count; these limits are lower and answer in the gateway's dialect.)

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::call::MAX_BODY_BYTES;
use crate::error::ApiFailure;

/// The longest request target (path and query), in bytes: a GET with every list full
/// fits with room to spare.
pub const MAX_URI_BYTES: usize = 32 * 1024;

/// The most header bytes (names and values), in total.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuses requests over the limits; passes the rest on.
pub(crate) async fn bound_request(request: Request, next: Next) -> Response {
    if let Some(failure) = over_limits(&request) {
        return failure.into_response();
    }
    next.run(request).await
}

fn over_limits(request: &Request) -> Option<ApiFailure> {
    let uri_length = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri_length > MAX_URI_BYTES {
        return Some(ApiFailure::new(
            StatusCode::URI_TOO_LONG,
            "RequestURITooLong",
            format!("The request URI is longer than {MAX_URI_BYTES} bytes: send the parameters in a form body."),
        ));
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some(ApiFailure::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "RequestHeaderFieldsTooLarge",
            format!("The request headers are larger than {MAX_HEADER_BYTES} bytes."),
        ));
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return Some(ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            format!("The request body is larger than {MAX_BODY_BYTES} bytes."),
        ));
    }
    None
}
