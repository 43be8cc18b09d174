//! Who may call `/api`, before the token is even looked at:
//!
//! - **Host**: when the proxy listens on loopback, only loopback names (`localhost`,
//!   `127.0.0.1`, `[::1]`) and `--allow-host` names are served. A page on another site that
//!   re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name as `Host` and is
//!   refused, so it cannot read jobs through a proxy on a developer's machine.
//! - **Origin and CORS**: a cross-origin call is served only for an origin given with
//!   `--allow-origin` (exact match), with `Access-Control-Allow-Origin` set to it; a call from
//!   the proxy's own origin (the static app) needs no CORS. Preflights are answered here and
//!   never need the bearer token (browsers cannot send one with them).

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ProxyError;
use crate::upstream::REQUEST_ID_HEADER;

/// How long a browser may cache a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// The Host and Origin rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessPolicy {
    origins: Vec<String>,
    hosts: HostRule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostRule {
    /// Any Host (listening beyond loopback without `--allow-host`).
    Any,
    /// Loopback names and these (lower-case, without port).
    LoopbackAnd(Vec<String>),
}

impl AccessPolicy {
    /// The rules for a proxy listening on `listen`, with normalized `--allow-origin` origins
    /// and `--allow-host` names.
    pub fn new(origins: Vec<String>, allow_hosts: Vec<String>, listen: SocketAddr) -> Self {
        let hosts = if allow_hosts.is_empty() && !listen.ip().is_loopback() {
            HostRule::Any
        } else {
            HostRule::LoopbackAnd(
                allow_hosts
                    .iter()
                    .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
                    .collect(),
            )
        };
        AccessPolicy { origins, hosts }
    }

    /// Whether a `Host` header is served. A request without one (HTTP/1.0) is: browsers
    /// always send it.
    pub fn host_allowed(&self, host: Option<&str>) -> bool {
        let HostRule::LoopbackAnd(names) = &self.hosts else {
            return true;
        };
        let Some(host) = host else {
            return true;
        };
        let name = host_name(host).trim_end_matches('.').to_ascii_lowercase();
        is_loopback_name(&name) || names.contains(&name)
    }

    /// Whether `origin` was given with `--allow-origin`.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.origins.iter().any(|allowed| allowed == origin)
    }
}

/// What the Host and Origin rules say about a call.
#[derive(Debug)]
pub enum Admission {
    /// Serve it; for a cross-origin call from an allowed origin, the origin to name in the
    /// CORS headers of whatever the answer is.
    Serve {
        /// The allowed origin, when the call is cross-origin.
        cors_origin: Option<String>,
    },
    /// Answer with this and nothing else: a refusal, or a preflight's answer.
    Answer(Response),
}

/// Checks Host and Origin and answers preflights.
pub fn admit(policy: &AccessPolicy, method: &Method, headers: &HeaderMap) -> Admission {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !policy.host_allowed(host) {
        let shown: String = host.unwrap_or_default().chars().take(100).collect();
        return Admission::Answer(ProxyError::HostNotAllowed(shown).into_response());
    }
    let origin = headers
        .get(header::ORIGIN)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if method == Method::OPTIONS && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
        return Admission::Answer(preflight(policy, origin.as_deref(), headers));
    }
    let Some(origin) = origin else {
        // Not a cross-origin browser call: curl, a server, or a same-origin GET.
        return Admission::Serve { cors_origin: None };
    };
    if policy.origin_allowed(&origin) {
        return Admission::Serve {
            cors_origin: Some(origin),
        };
    }
    if host.is_some_and(|host| same_origin(&origin, host)) {
        return Admission::Serve { cors_origin: None };
    }
    let mut response =
        ProxyError::OriginNotAllowed(origin.chars().take(200).collect()).into_response();
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Origin"));
    Admission::Answer(response)
}

/// Answers a CORS preflight: 204 with the allowed method and header for an allowed origin,
/// 403 otherwise.
fn preflight(policy: &AccessPolicy, origin: Option<&str>, headers: &HeaderMap) -> Response {
    let Some(origin) = origin.filter(|o| policy.origin_allowed(o)) else {
        let shown = origin.unwrap_or("(none)").chars().take(200).collect();
        return ProxyError::OriginNotAllowed(shown).into_response();
    };
    let method = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .map(HeaderValue::as_bytes);
    if method != Some(b"GET".as_slice()) {
        let mut response = ProxyError::MethodNotAllowed(Method::OPTIONS).into_response();
        allow_origin(response.headers_mut(), origin);
        return response;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let out = response.headers_mut();
    allow_origin(out, origin);
    out.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET"),
    );
    out.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization"),
    );
    out.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static(PREFLIGHT_MAX_AGE),
    );
    response
}

/// The CORS headers of an answer to an allowed origin.
pub fn allow_origin(headers: &mut HeaderMap, origin: &str) {
    if let Ok(value) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(REQUEST_ID_HEADER),
    );
}

/// Whether `origin` (`http://127.0.0.1:8787`) names the host the request was sent to.
fn same_origin(origin: &str, host: &str) -> bool {
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
}

/// The name part of a `Host` header: without the port, brackets kept off IPv6 addresses.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

fn is_loopback_name(name: &str) -> bool {
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Normalizes an `--allow-origin` value to what browsers send: `scheme://host[:port]`, lower
/// case, default port left out. A path, query, `*` or `null` is refused.
pub fn normalize_origin(text: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(text.trim()).map_err(|error| {
        format!("{text:?} is not an origin like https://portal.example.com: {error}")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{text:?}: an origin is http(s)://host[:port]"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{text:?}: an origin has no path, query or fragment"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("{text:?}: an origin has no user or password"));
    }
    Ok(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback_policy(hosts: &[&str]) -> AccessPolicy {
        AccessPolicy::new(
            vec!["https://portal.example.com".into()],
            hosts.iter().map(|h| h.to_string()).collect(),
            "127.0.0.1:8787".parse().unwrap(),
        )
    }

    #[test]
    fn on_loopback_only_loopback_and_allowed_hosts_are_served() {
        let policy = loopback_policy(&["viewer.internal"]);
        for host in [
            "127.0.0.1:8787",
            "localhost:8787",
            "[::1]:8787",
            "LOCALHOST",
            "app.localhost:1",
            "viewer.internal:443",
            "Viewer.Internal.",
        ] {
            assert!(policy.host_allowed(Some(host)), "{host}");
        }
        for host in ["evil.example:8787", "127.0.0.1.evil.example", "[::2]:80"] {
            assert!(!policy.host_allowed(Some(host)), "{host}");
        }
        assert!(policy.host_allowed(None));
    }

    #[test]
    fn beyond_loopback_any_host_unless_restricted() {
        let open = AccessPolicy::new(vec![], vec![], "0.0.0.0:8787".parse().unwrap());
        assert!(open.host_allowed(Some("anything.example")));
        let closed = AccessPolicy::new(
            vec![],
            vec!["viewer.example".into()],
            "0.0.0.0:8787".parse().unwrap(),
        );
        assert!(!closed.host_allowed(Some("anything.example")));
        assert!(closed.host_allowed(Some("viewer.example")));
    }

    #[test]
    fn origins_match_exactly() {
        let policy = loopback_policy(&[]);
        assert!(policy.origin_allowed("https://portal.example.com"));
        assert!(!policy.origin_allowed("https://portal.example.com.evil.example"));
        assert!(!policy.origin_allowed("http://portal.example.com"));
        assert!(!policy.origin_allowed("null"));
    }

    #[test]
    fn same_origin_compares_the_authority() {
        assert!(same_origin("http://127.0.0.1:8787", "127.0.0.1:8787"));
        assert!(!same_origin("http://127.0.0.1:8788", "127.0.0.1:8787"));
        assert!(!same_origin("null", "127.0.0.1:8787"));
    }

    #[test]
    fn origins_are_normalized_or_refused() {
        assert_eq!(
            normalize_origin("HTTPS://Portal.Example.com:443/").unwrap(),
            "https://portal.example.com"
        );
        assert_eq!(
            normalize_origin("http://localhost:8080").unwrap(),
            "http://localhost:8080"
        );
        for bad in [
            "*",
            "null",
            "https://x.example/app",
            "ftp://x.example",
            "https://x.example/?a",
        ] {
            assert!(normalize_origin(bad).is_err(), "{bad}");
        }
    }
}
