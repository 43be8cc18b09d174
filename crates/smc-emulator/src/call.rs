//! Reading an RPC call off HTTP: the parameters of the query string and of an
//! `application/x-www-form-urlencoded` body, merged in that order, as the gateway merges
//! them before it verifies the signature; and for a V3 call, what its signature covers.
//! Bodies are read up to a bound.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use smc_core::encode::parse_form;
use smc_core::sign::COMMON_PARAMETERS;
use smc_core::Format;

use crate::error::ApiFailure;
use crate::gateway::response_format;
use crate::gateway_v3::V3Call;

/// The largest body read, in bytes. A request with every list full (150 IDs and 20 tags)
/// is about 20 KiB once encoded.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// One call: its method, every parameter that arrived, and the format it wants back.
#[derive(Debug, Clone)]
pub(crate) struct RpcCall {
    /// `GET` or `POST`.
    pub(crate) method: Method,
    /// Query parameters, then body parameters, decoded, in arrival order.
    pub(crate) params: Vec<(String, String)>,
    /// The response format.
    pub(crate) format: Format,
    /// What a V3 signature covers, when the call is signed with V3.
    pub(crate) v3: Option<V3Call>,
}

impl RpcCall {
    /// Reads a call; a malformed one is refused in the gateway's dialect.
    pub(crate) async fn read(request: Request) -> Result<RpcCall, ApiFailure> {
        let (parts, body) = request.into_parts();
        if parts.method != Method::GET && parts.method != Method::POST {
            return Err(ApiFailure::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "UnsupportedHTTPMethod",
                format!(
                    "The HTTP method {} is not supported: use GET or POST.",
                    parts.method
                ),
            ));
        }
        let authorization = V3Call::authorization(&parts.headers);
        let is_v3 = authorization.is_some();
        let mut params = decode("the query string", parts.uri.query().unwrap_or_default())
            .map_err(|f| f.in_format(default_format(is_v3)))?;
        // A V3 signature covers the query's parameters alone.
        let query = is_v3.then(|| params.clone());
        // Until the body is read, errors follow the query's Format, if it has a valid one.
        let early_format = format_of(&params, is_v3).unwrap_or(default_format(is_v3));
        let form = is_form(&parts.headers);
        let mut body_bytes = axum::body::Bytes::new();
        // A V3 signature covers any body, through its hash.
        if parts.method == Method::POST && (form || is_v3) {
            body_bytes = read_body(body)
                .await
                .map_err(|f| f.in_format(early_format))?;
        }
        if parts.method == Method::POST && form {
            let text = std::str::from_utf8(&body_bytes).map_err(|_| {
                invalid_parameter("The request body is not valid UTF-8.").in_format(early_format)
            })?;
            params.extend(decode("the request body", text).map_err(|f| f.in_format(early_format))?);
        }
        let format = format_of(&params, is_v3).map_err(|error| error.into_failure(early_format))?;
        let v3 = authorization.map(|authorization| V3Call {
            authorization,
            path: parts.uri.path().to_owned(),
            query: query.unwrap_or_default(),
            hashed_body: smc_core::sign::v3::hashed_request_payload(&body_bytes),
            headers: parts.headers,
        });
        Ok(RpcCall {
            method: parts.method,
            params,
            format,
            v3,
        })
    }

    /// The action the call names: its `Action`, or a V3 call's `x-acs-action`.
    pub(crate) fn action(&self) -> &str {
        if let Some(v3) = &self.v3 {
            return v3.action();
        }
        self.params
            .iter()
            .find(|(name, _)| name == "Action")
            .map_or("", |(_, value)| value.as_str())
    }

    /// The parameters of the API itself: everything but the common parameters.
    pub(crate) fn request_params(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params
            .iter()
            .filter(|(name, _)| !COMMON_PARAMETERS.contains(&name.as_str()))
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

/// The format a call answers in without a `Format`: XML for v1 (the gateway's default),
/// JSON for V3 (what the V3 SDKs ask for and expect).
fn default_format(is_v3: bool) -> Format {
    if is_v3 {
        Format::Json
    } else {
        Format::Xml
    }
}

/// The format a call asks for: its `Format`, or the default of its signature.
fn format_of(
    params: &[(String, String)],
    is_v3: bool,
) -> Result<Format, crate::gateway::GatewayError> {
    if is_v3 && !params.iter().any(|(name, _)| name == "Format") {
        return Ok(Format::Json);
    }
    response_format(params)
}

fn is_form(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

async fn read_body(body: Body) -> Result<axum::body::Bytes, ApiFailure> {
    axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| {
            ApiFailure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                format!("The request body is larger than {MAX_BODY_BYTES} bytes, or was cut off."),
            )
        })
}

fn decode(place: &str, text: &str) -> Result<Vec<(String, String)>, ApiFailure> {
    parse_form(text).map_err(|pair| {
        invalid_parameter(format!(
            "A parameter in {place} is not valid UTF-8 once percent-decoded: {:?}.",
            truncate(&pair, 80)
        ))
    })
}

fn invalid_parameter(message: impl Into<String>) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, "InvalidParameter", message)
}

/// At most `max` characters of `text`: echoing a client's input back must stay small.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, uri: &str, content_type: Option<&str>, body: &str) -> Request {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        builder.body(Body::from(body.to_owned())).unwrap()
    }

    #[tokio::test]
    async fn query_and_form_parameters_are_merged_in_order() {
        let form = Some("application/x-www-form-urlencoded; charset=UTF-8");
        let call = RpcCall::read(request(
            "POST",
            "/?A=1&Format=JSON",
            form,
            "B=a%2Bb+c&SignatureType=",
        ))
        .await
        .unwrap();
        let names: Vec<&str> = call.params.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["A", "Format", "B", "SignatureType"]);
        assert_eq!(call.params[2].1, "a+b c");
        assert_eq!(call.format, Format::Json);
        let extra: Vec<_> = call.request_params().collect();
        assert_eq!(extra, [("A", "1"), ("B", "a+b c")]);
    }

    #[tokio::test]
    async fn other_bodies_are_ignored_and_other_methods_refused() {
        let call = RpcCall::read(request(
            "POST",
            "/?A=1",
            Some("application/json"),
            "{\"B\":2}",
        ))
        .await
        .unwrap();
        assert_eq!(call.params.len(), 1);
        assert_eq!(call.format, Format::Xml);
        let refused = RpcCall::read(request("PUT", "/", None, ""))
            .await
            .unwrap_err();
        assert_eq!(refused.status, StatusCode::METHOD_NOT_ALLOWED);
    }

    #[tokio::test]
    async fn oversized_bodies_and_broken_utf8_are_refused() {
        let form = Some("application/x-www-form-urlencoded");
        let big = "A=".to_owned() + &"x".repeat(MAX_BODY_BYTES);
        let refused = RpcCall::read(request("POST", "/?Format=JSON", form, &big))
            .await
            .unwrap_err();
        assert_eq!(
            (refused.status, refused.format),
            (StatusCode::PAYLOAD_TOO_LARGE, Format::Json)
        );
        let refused = RpcCall::read(request("GET", "/?Name=%FF", None, ""))
            .await
            .unwrap_err();
        assert_eq!(refused.code, "InvalidParameter");
        assert_eq!(truncate("abcdef", 3), "abc…");
    }
}
