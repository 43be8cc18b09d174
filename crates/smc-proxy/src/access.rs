//! Who may call `/api`, before the token is even looked at:
//!
//! - **Host**: when the proxy listens on loopback, only loopback names (`localhost`,
//!   `127.0.0.1`, `[::1]`) and `--allow-host` names are served. A page on another site that
//!   re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name as `Host` and is
//!   refused, so it cannot read jobs through a proxy on a developer's machine.
//! - **Origin**: a cross-origin call, or a preflight, is served only for an origin given
//!   with `--allow-origin` (exact match); a call from the proxy's own origin (the static app)
//!   is served too. Any other is refused with a 403, where CORS alone would answer and only
//!   leave out the headers that let the browser read the answer.
//!
//! The CORS headers themselves, and the answers to allowed preflights, are tower-http's
//! `CorsLayer`, set up with the router; preflights never need the bearer token (browsers
//! cannot send one with them).

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, HeaderValue, Method};

use crate::error::ProxyError;

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

    /// The `--allow-origin` origins as header values, for the CORS layer.
    pub fn origin_values(&self) -> Vec<HeaderValue> {
        self.origins
            .iter()
            .filter_map(|origin| HeaderValue::from_str(origin).ok())
            .collect()
    }
}

/// Why a call under `/api` is refused before CORS and the handler see it, if it is: a
/// `Host` not served, a preflight from an origin not allowed, a cross-origin call from an
/// origin neither allowed nor the proxy's own, or an `OPTIONS` that is not a preflight (the
/// API answers GET only, and `CorsLayer` would answer any `OPTIONS` as a preflight).
pub fn check(
    policy: &AccessPolicy,
    method: &Method,
    headers: &HeaderMap,
) -> Result<(), ProxyError> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !policy.host_allowed(host) {
        let shown = host.unwrap_or_default().chars().take(100).collect();
        return Err(ProxyError::HostNotAllowed(shown));
    }
    let origin = headers
        .get(header::ORIGIN)
        .map(|v| String::from_utf8_lossy(v.as_bytes()));
    let refused = |origin: &str| ProxyError::OriginNotAllowed(origin.chars().take(200).collect());
    if method == Method::OPTIONS {
        if !headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD) {
            return Err(ProxyError::MethodNotAllowed(Method::OPTIONS));
        }
        return match origin {
            Some(origin) if policy.origin_allowed(&origin) => Ok(()),
            other => Err(refused(other.as_deref().unwrap_or("(none)"))),
        };
    }
    match origin {
        // Not a cross-origin browser call: curl, a server, or a same-origin GET.
        None => Ok(()),
        Some(origin) if policy.origin_allowed(&origin) => Ok(()),
        Some(origin) if host.is_some_and(|host| same_origin(&origin, host)) => Ok(()),
        Some(origin) => Err(refused(&origin)),
    }
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

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn calls_are_refused_for_their_host_or_origin_before_anything_else() {
        let policy = loopback_policy(&[]);
        let code = |method: Method, pairs: &[(header::HeaderName, &'static str)]| {
            check(&policy, &method, &headers(pairs)).map_err(|e| e.code())
        };
        let host = || (header::HOST, "127.0.0.1:8787");
        let allowed = || (header::ORIGIN, "https://portal.example.com");
        let preflight = || (header::ACCESS_CONTROL_REQUEST_METHOD, "GET");
        assert_eq!(code(Method::GET, &[host()]), Ok(()));
        assert_eq!(code(Method::GET, &[host(), allowed()]), Ok(()));
        assert_eq!(
            code(
                Method::GET,
                &[host(), (header::ORIGIN, "http://127.0.0.1:8787")]
            ),
            Ok(())
        );
        assert_eq!(
            code(
                Method::GET,
                &[host(), (header::ORIGIN, "https://evil.example")]
            ),
            Err("Proxy.OriginNotAllowed")
        );
        assert_eq!(
            code(Method::GET, &[(header::HOST, "evil.example"), allowed()]),
            Err("Proxy.HostNotAllowed")
        );
        assert_eq!(
            code(Method::OPTIONS, &[host(), allowed(), preflight()]),
            Ok(())
        );
        // The proxy's own origin never needs a preflight, so it gets none answered.
        assert_eq!(
            code(
                Method::OPTIONS,
                &[
                    host(),
                    (header::ORIGIN, "http://127.0.0.1:8787"),
                    preflight()
                ]
            ),
            Err("Proxy.OriginNotAllowed")
        );
        assert_eq!(
            code(Method::OPTIONS, &[host(), preflight()]),
            Err("Proxy.OriginNotAllowed")
        );
        assert_eq!(
            code(Method::OPTIONS, &[host(), allowed()]),
            Err("Proxy.MethodNotAllowed")
        );
    }

    #[test]
    fn allowed_origins_become_header_values() {
        assert_eq!(
            loopback_policy(&[]).origin_values(),
            [HeaderValue::from_static("https://portal.example.com")]
        );
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
