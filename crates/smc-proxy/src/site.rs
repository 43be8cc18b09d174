//! The built web app (`--static DIR`, Trunk's `dist/`), served from the proxy's origin so
//! the browser needs no CORS: files with their MIME type (`application/wasm` for the
//! module, `text/javascript` for scripts), the [`crate::caching`] headers, a
//! [`crate::csp`] policy on every HTML page, and `index.html` for app routes (paths without
//! a file extension that no file answers), so a bookmarked viewer URL loads the app.
//!
//! Paths are decoded and checked segment by segment (no `..`, no hidden files), and a file
//! must resolve inside the directory, so neither a crafted path nor a symbolic link can
//! reach anything else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use paths::decode_path;

use crate::caching::{cache_control, Validators};
use crate::csp::policy_for;
use crate::error::ProxyError;
use crate::state::AppState;

/// The page every app route answers with.
pub const INDEX: &str = "index.html";

/// A directory of built files.
#[derive(Debug)]
pub struct Site {
    root: PathBuf,
    /// The policy of each HTML file, by path, for the version (ETag) it was computed from.
    policies: Mutex<HashMap<PathBuf, (String, Arc<str>)>>,
}

/// Why the directory cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// It cannot be read.
    #[error("--static {}: {source}", path.display())]
    Read {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It has no `index.html`.
    #[error("--static {}: no index.html (build the app with `trunk build --release`)", path.display())]
    NoIndex {
        /// The directory.
        path: PathBuf,
    },
}

impl Site {
    /// Opens a directory holding `index.html`, and computes the index's policy now so that
    /// startup shows it.
    pub fn open(dir: &Path) -> Result<Site, SiteError> {
        let root = std::fs::canonicalize(dir).map_err(|source| SiteError::Read {
            path: dir.to_owned(),
            source,
        })?;
        let index = root.join(INDEX);
        let (html, metadata) = std::fs::read_to_string(&index)
            .and_then(|html| Ok((html, std::fs::metadata(&index)?)))
            .map_err(|_| SiteError::NoIndex {
                path: dir.to_owned(),
            })?;
        let site = Site {
            root,
            policies: Mutex::new(HashMap::new()),
        };
        let policy = site.policy(&index, &Validators::of(&metadata).etag, html.as_bytes());
        tracing::info!(dir = %site.root.display(), csp = %policy, "serving the web app");
        Ok(site)
    }

    /// The policy for an HTML file's content, computed once per version of the file.
    fn policy(&self, path: &Path, etag: &str, content: &[u8]) -> Arc<str> {
        let mut policies = self
            .policies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((known, policy)) = policies.get(path) {
            if known == etag {
                return policy.clone();
            }
        }
        let policy: Arc<str> = policy_for(&String::from_utf8_lossy(content)).into();
        policies.insert(path.to_owned(), (etag.to_owned(), policy.clone()));
        policy
    }

    /// Answers a GET or HEAD for `uri`.
    pub async fn respond(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
    ) -> Result<Response, ProxyError> {
        if method != Method::GET && method != Method::HEAD {
            return Err(ProxyError::MethodNotAllowed(method.clone()));
        }
        let not_found = || ProxyError::NotFound(format!("no file at {}", shorten(uri.path())));
        let segments = decode_path(uri.path()).ok_or_else(not_found)?;
        let file = match self.existing_file(&segments).await {
            Some(file) => file,
            None if is_app_route(&segments) => self.root.join(INDEX),
            None => return Err(not_found()),
        };
        self.send(&file, headers).await.ok_or_else(not_found)
    }

    /// The file a path names (an `index.html` for a directory), if it exists inside the root.
    async fn existing_file(&self, segments: &[String]) -> Option<PathBuf> {
        let mut path = self.root.clone();
        path.extend(segments);
        let metadata = tokio::fs::metadata(&path).await.ok()?;
        if metadata.is_dir() {
            path.push(INDEX);
        }
        let resolved = tokio::fs::canonicalize(&path).await.ok()?;
        let inside = resolved.starts_with(&self.root);
        let is_file = tokio::fs::metadata(&resolved).await.ok()?.is_file();
        (inside && is_file).then_some(resolved)
    }

    /// The file with its headers, or a 304 when the client's copy is current.
    async fn send(&self, path: &Path, request: &HeaderMap) -> Option<Response> {
        let metadata = tokio::fs::metadata(path).await.ok()?;
        let validators = Validators::of(&metadata);
        let name = path.file_name()?.to_string_lossy().into_owned();
        let mime = mime_type(&name);
        let mut response = if validators.not_modified(request) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let content = tokio::fs::read(path).await.ok()?;
            let mut response = Response::new(Body::empty());
            if mime.starts_with("text/html") {
                let policy = self.policy(path, &validators.etag, &content);
                if let Ok(value) = HeaderValue::from_str(&policy) {
                    response
                        .headers_mut()
                        .insert(header::CONTENT_SECURITY_POLICY, value);
                }
            }
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            *response.body_mut() = Body::from(content);
            response
        };
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(&name)),
        );
        if let Ok(etag) = HeaderValue::from_str(&validators.etag) {
            headers.insert(header::ETAG, etag);
        }
        if let Some(date) = validators
            .last_modified_header()
            .and_then(|d| HeaderValue::from_str(&d).ok())
        {
            headers.insert(header::LAST_MODIFIED, date);
        }
        Some(response)
    }
}

/// The fallback route: the web app when one is served, an API-shaped 404 otherwise.
pub async fn serve(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    match &state.site {
        Some(site) => site.respond(&method, &uri, &headers).await.into_response(),
        None => ProxyError::NotFound(format!(
            "no such path: {} (the browser API is /api/{})",
            shorten(uri.path()),
            smc_core::ACTION
        ))
        .into_response(),
    }
}

/// An app route: its last segment has no file extension (`/`, `/jobs/j-123`), so no
/// asset is meant and the app itself should answer.
fn is_app_route(segments: &[String]) -> bool {
    segments.last().is_none_or(|last| !last.contains('.'))
}

fn shorten(path: &str) -> String {
    path.chars().take(100).collect()
}

/// The `Content-Type` of a file name.
pub fn mime_type(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decoding a URL path into safe segments.
mod paths {
    /// The decoded segments of a path, or `None` when a segment could escape the root or is
    /// hidden: `..`, `.`, a leading dot, a backslash, a NUL, or bytes that are not UTF-8.
    pub fn decode_path(path: &str) -> Option<Vec<String>> {
        let mut segments = Vec::new();
        for raw in path.split('/').filter(|s| !s.is_empty()) {
            let decoded = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .ok()?;
            if decoded.starts_with('.')
                || decoded.contains(['\\', '\0', '/'])
                || decoded.contains(':')
            {
                return None;
            }
            segments.push(decoded.into_owned());
        }
        Some(segments)
    }
}

#[cfg(test)]
mod tests {
    use super::paths::decode_path;
    use super::*;

    #[test]
    fn paths_decode_into_safe_segments() {
        assert_eq!(
            decode_path("/snippets/smc-web-1/inline0.js").unwrap(),
            ["snippets", "smc-web-1", "inline0.js"]
        );
        assert_eq!(decode_path("/").unwrap(), Vec::<String>::new());
        assert_eq!(decode_path("/a%20b").unwrap(), ["a b"]);
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2F..%2Fb",
            "/.git/config",
            "/a%5C..%5Cb",
            "/%00",
            "/%FF",
            "/C:/x",
        ] {
            assert!(decode_path(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn app_routes_have_no_extension() {
        let route = |p: &str| is_app_route(&decode_path(p).unwrap());
        assert!(route("/"));
        assert!(route("/jobs/j-123"));
        assert!(!route("/missing.js"));
    }

    #[test]
    fn wasm_and_scripts_get_their_mime_types() {
        assert_eq!(mime_type("smc-viewer_bg.wasm"), "application/wasm");
        assert_eq!(mime_type("smc-viewer.js"), "text/javascript; charset=utf-8");
        assert_eq!(mime_type("index.HTML"), "text/html; charset=utf-8");
        assert_eq!(mime_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("LICENSE"), "application/octet-stream");
    }
}
