//! The built web app (`--static DIR`, Trunk's `dist/`), served from the proxy's origin so
//! the browser needs no CORS. tower-http's `ServeDir` sends the files (MIME types,
//! `Last-Modified` and `If-Modified-Since`, HEAD, ranges, and a `.br` or `.gz` sibling to a
//! browser that accepts it); [`guard`] stands in front of it and keeps what is ours:
//!
//! - which file a path may name ([`resolve`](mod@resolve)): nothing outside the directory,
//!   no hidden file, and `index.html` for app routes (paths without a file extension that no
//!   file answers), so a bookmarked viewer URL loads the app;
//! - the [`crate::caching`] headers with `ETag` revalidation, and `Vary: Accept-Encoding`;
//! - a [`crate::csp`] policy on every HTML page, and `charset=utf-8` on text;
//! - refusals in the API's error shape.

pub mod resolve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::caching;
use crate::csp::policy_for;
use crate::error::ProxyError;
use resolve::{resolve, Vetted, INDEX};

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
        let policy = site.remember_policy(&index, &caching::etag(&metadata), &html);
        tracing::info!(dir = %site.root.display(), csp = %policy, "serving the web app");
        Ok(site)
    }

    /// The directory, symbolic links resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Answers a request for a file: refusals and revalidations here, the file from `files`
    /// (ServeDir), with our headers added.
    async fn serve(&self, mut request: Request, files: Next) -> Result<Response, ProxyError> {
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            return Err(ProxyError::MethodNotAllowed(method.clone()));
        }
        let asked = request.uri().clone();
        let file = resolve(&self.root, asked.path())
            .await
            .ok_or_else(|| not_found(&asked))?;
        let etag = caching::etag(&file.metadata);
        if caching::none_match(request.headers(), &etag) {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            describe(&file, &etag, response.headers_mut());
            return Ok(response);
        }
        if request.headers().contains_key(header::IF_NONE_MATCH) {
            // A tag that did not match means the copy is stale, whatever its date says
            // (RFC 9110, section 13.1.3); ServeDir would answer the date alone.
            request.headers_mut().remove(header::IF_MODIFIED_SINCE);
        }
        *request.uri_mut() = file.uri.clone();
        let mut response = files.run(request).await;
        if response.status() == StatusCode::NOT_FOUND {
            // The file went away after it was resolved.
            return Err(not_found(&asked));
        }
        let headers = response.headers_mut();
        with_charset(headers);
        if is_html(headers) {
            if let Some(policy) = self.policy(&file, &etag).await {
                if let Ok(value) = HeaderValue::from_str(&policy) {
                    headers.insert(header::CONTENT_SECURITY_POLICY, value);
                }
            }
        }
        describe(&file, &etag, headers);
        Ok(response)
    }

    /// The policy of an HTML file, computed once per version of it.
    async fn policy(&self, file: &Vetted, etag: &str) -> Option<Arc<str>> {
        if let Some(policy) = self.known_policy(&file.path, etag) {
            return Some(policy);
        }
        let html = tokio::fs::read(&file.path).await.ok()?;
        Some(self.remember_policy(&file.path, etag, &String::from_utf8_lossy(&html)))
    }

    fn known_policy(&self, path: &Path, etag: &str) -> Option<Arc<str>> {
        let policies = self.policies.lock().unwrap_or_else(PoisonError::into_inner);
        let (known, policy) = policies.get(path)?;
        (known == etag).then(|| policy.clone())
    }

    fn remember_policy(&self, path: &Path, etag: &str, html: &str) -> Arc<str> {
        let policy: Arc<str> = policy_for(html).into();
        self.policies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_owned(), (etag.to_owned(), policy.clone()));
        policy
    }
}

/// The guard in front of ServeDir (see the module's documentation).
pub async fn guard(State(site): State<Arc<Site>>, request: Request, files: Next) -> Response {
    site.serve(request, files).await.into_response()
}

/// The fallback when no web app is served: an API-shaped 404.
pub async fn no_app(uri: Uri) -> ProxyError {
    ProxyError::NotFound(format!(
        "no such path: {} (the browser API is /api/{})",
        shorten(uri.path()),
        smc_core::ACTION
    ))
}

/// The headers of every answer about a file: how long it may be cached, its tag, and that
/// its body depends on `Accept-Encoding` (a compressed sibling, or compression on the fly).
fn describe(file: &Vetted, etag: &str, headers: &mut HeaderMap) {
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(caching::cache_control(file.name())),
    );
    if let Ok(etag) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(
        header::VARY,
        HeaderValue::from_name(header::ACCEPT_ENCODING),
    );
}

/// Adds `charset=utf-8` to a text type: ServeDir names the type alone, the built files are
/// UTF-8, and a browser left to guess may guess otherwise.
fn with_charset(headers: &mut HeaderMap) {
    let Some(mime) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return;
    };
    let textual = mime.starts_with("text/") || mime == "application/javascript";
    if textual && !mime.contains("charset") {
        if let Ok(value) = HeaderValue::from_str(&format!("{mime}; charset=utf-8")) {
            headers.insert(header::CONTENT_TYPE, value);
        }
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"))
}

fn not_found(uri: &Uri) -> ProxyError {
    ProxyError::NotFound(format!("no file at {}", shorten(uri.path())))
}

fn shorten(path: &str) -> String {
    path.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(mime: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        with_charset(&mut headers);
        headers
    }

    #[test]
    fn text_types_say_utf_8_and_others_are_left_alone() {
        assert_eq!(
            typed("text/html")[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        assert_eq!(
            typed("application/javascript")[header::CONTENT_TYPE],
            "application/javascript; charset=utf-8"
        );
        assert_eq!(
            typed("text/plain; charset=iso-8859-1")[header::CONTENT_TYPE],
            "text/plain; charset=iso-8859-1"
        );
        assert_eq!(
            typed("application/wasm")[header::CONTENT_TYPE],
            "application/wasm"
        );
        assert_eq!(typed("image/png")[header::CONTENT_TYPE], "image/png");
    }
}
