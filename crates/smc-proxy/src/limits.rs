//! Bounds on what a request may be, checked before any handler runs. Bodies are never read
//! (the API is a GET), so the request target and the headers are what is bounded.

use axum::extract::Request;
use axum::http::StatusCode;

use crate::error::ProxyError;

/// The longest request target (path and query), in bytes: a query with every list full and
/// every tag at 64 multi-byte characters fits.
pub const MAX_URI_BYTES: usize = 32 * 1024;

/// The most header bytes (names and values), in total.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Why a request is refused for its size, if it is.
pub fn over_limits(request: &Request) -> Option<ProxyError> {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(ProxyError::RequestTooLarge {
            status: StatusCode::URI_TOO_LONG,
            message: format!("the request target is longer than {MAX_URI_BYTES} bytes"),
        });
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Some(ProxyError::RequestTooLarge {
            status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            message: format!("the request headers are larger than {MAX_HEADER_BYTES} bytes"),
        });
    }
    None
}
