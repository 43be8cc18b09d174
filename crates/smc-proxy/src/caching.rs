//! Cache headers for the web app's files. Trunk builds with stable names (portals embed the
//! viewer by URL), so a file may change under the same name: every file is served
//! `no-cache` (the browser may keep it but must revalidate) with an `ETag`, and a
//! revalidation of an unchanged file costs a 304. A file whose name carries a content hash,
//! as Trunk writes them with `filehash = true` (`smc-viewer-0123456789abcdef_bg.wasm`), can
//! never change, so it is cached for a year.
//!
//! `Last-Modified` and `If-Modified-Since` are ServeDir's; the `ETag` is ours, because
//! ServeDir sends none.

use std::fs::Metadata;
use std::time::UNIX_EPOCH;

use axum::http::{header, HeaderMap};

/// `Cache-Control` for files that revalidate.
pub const REVALIDATE: &str = "no-cache";
/// `Cache-Control` for content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A file's `ETag`, from its modification time and size (as nginx makes them). It is weak:
/// one tag covers the file as stored and each compressed form of it (a `.br` or `.gz`
/// sibling, or compressed on the fly), which hold the same content in different codings.
pub fn etag(metadata: &Metadata) -> String {
    let nanos = metadata
        .modified()
        .ok()
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("W/\"{:x}-{:x}\"", nanos, metadata.len())
}

/// Whether the request's `If-None-Match` names `etag` (weak comparison; `*` names any).
/// False without the header.
pub fn none_match(request: &HeaderMap, etag: &str) -> bool {
    let Some(tags) = request.get(header::IF_NONE_MATCH) else {
        return false;
    };
    let Ok(tags) = tags.to_str() else {
        return false;
    };
    let own = opaque(etag);
    tags.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || opaque(tag) == own)
}

/// A tag without its weakness mark, for weak comparison.
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
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

    fn if_none_match(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = "W/\"abc-10\"";
        assert!(none_match(&if_none_match("\"x\", W/\"abc-10\""), tag));
        assert!(none_match(&if_none_match("\"abc-10\""), tag));
        assert!(none_match(&if_none_match("*"), tag));
        assert!(!none_match(&if_none_match("W/\"abc-11\""), tag));
        assert!(!none_match(&HeaderMap::new(), tag));
    }

    #[test]
    fn tags_are_weak_and_change_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.js");
        std::fs::write(&path, "a").unwrap();
        let first = etag(&std::fs::metadata(&path).unwrap());
        assert!(first.starts_with("W/\"") && first.ends_with('"'), "{first}");
        std::fs::write(&path, "ab").unwrap();
        assert_ne!(etag(&std::fs::metadata(&path).unwrap()), first);
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
