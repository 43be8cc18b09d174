//! Cache headers for the web app's files. Trunk builds with stable names (portals embed the
//! viewer by URL), so a file may change under the same name: every file is served
//! `no-cache` (the browser may keep it but must revalidate) with an `ETag` and a
//! `Last-Modified`, and a revalidation of an unchanged file costs a 304. A file whose name
//! carries a content hash, as Trunk writes them with `filehash = true`
//! (`smc-viewer-0123456789abcdef_bg.wasm`), can never change, so it is cached for a year.

use std::fs::Metadata;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderMap};

/// `Cache-Control` for files that revalidate.
pub const REVALIDATE: &str = "no-cache";
/// `Cache-Control` for content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// What a conditional request is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validators {
    /// A strong ETag from the file's size and modification time (as nginx makes them).
    pub etag: String,
    /// The modification time.
    pub last_modified: Option<SystemTime>,
}

impl Validators {
    /// The validators of a file.
    pub fn of(metadata: &Metadata) -> Self {
        let modified = metadata.modified().ok();
        let nanos = modified
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Validators {
            etag: format!("\"{:x}-{:x}\"", nanos, metadata.len()),
            last_modified: modified,
        }
    }

    /// The `Last-Modified` value.
    pub fn last_modified_header(&self) -> Option<String> {
        self.last_modified.map(httpdate::fmt_http_date)
    }

    /// Whether the client's copy is current: `If-None-Match` when sent (weak comparison,
    /// `*` matches), else `If-Modified-Since` at one-second precision.
    pub fn not_modified(&self, request: &HeaderMap) -> bool {
        if let Some(tags) = request.get(header::IF_NONE_MATCH) {
            let Ok(tags) = tags.to_str() else {
                return false;
            };
            let own = self.etag.trim_start_matches("W/");
            return tags
                .split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.trim_start_matches("W/") == own);
        }
        let since = request
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        match (since, self.last_modified) {
            (Some(since), Some(modified)) => {
                let whole = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
                whole(modified) <= whole(since)
            }
            _ => false,
        }
    }
}

/// The `Cache-Control` for a file name.
pub fn cache_control(file_name: &str) -> &'static str {
    if has_content_hash(file_name) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Whether a name carries a content hash as Trunk writes it: `<stem>-<16 hex digits>`,
/// optionally followed by `_bg`, then the extension.
pub fn has_content_hash(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty()
            && hash.len() == 16
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::Duration;

    fn validators() -> Validators {
        Validators {
            etag: "\"abc-10\"".into(),
            last_modified: Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_500)),
        }
    }

    #[test]
    fn if_none_match_wins_and_compares_weakly() {
        let v = validators();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc-10\""),
        );
        assert!(v.not_modified(&headers));
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"abc-11\""),
        );
        // A stale tag is not overridden by a matching date.
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&v.last_modified_header().unwrap()).unwrap(),
        );
        assert!(!v.not_modified(&headers));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(v.not_modified(&headers));
    }

    #[test]
    fn if_modified_since_is_compared_by_the_second() {
        let v = validators();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&v.last_modified_header().unwrap()).unwrap(),
        );
        assert!(v.not_modified(&headers));
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"),
        );
        assert!(!v.not_modified(&headers));
        assert!(!v.not_modified(&HeaderMap::new()));
    }

    #[test]
    fn only_content_hashed_names_are_immutable() {
        for hashed in [
            "smc-viewer-0123456789abcdef.js",
            "smc-viewer-0123456789abcdef_bg.wasm",
            "style-fedcba9876543210.css",
        ] {
            assert_eq!(cache_control(hashed), IMMUTABLE, "{hashed}");
        }
        for stable in [
            "smc-viewer.js",
            "smc-viewer_bg.wasm",
            "index.html",
            "inline0.js",
            "embed-demo.css",
            "x-0123456789ABCDEF.js",
            "-0123456789abcdef.js",
        ] {
            assert_eq!(cache_control(stable), REVALIDATE, "{stable}");
        }
    }
}
