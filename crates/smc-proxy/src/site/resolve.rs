//! Which file a URL path names, if any may be served: the path is decoded and checked
//! segment by segment (no `..`, no hidden files), and the file, and any `.br` or `.gz`
//! sibling ServeDir could send instead, must resolve inside the directory, so neither a
//! crafted path nor a symbolic link can reach anything else.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use axum::http::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The page every app route answers with.
pub const INDEX: &str = "index.html";

/// The suffixes of the precompressed siblings ServeDir looks for.
const SIBLINGS: [&str; 2] = [".br", ".gz"];

/// What is percent-encoded in a segment of a request target: all but the unreserved
/// characters of RFC 3986.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A file that may be served.
#[derive(Debug)]
pub struct Vetted {
    /// Where it is, symbolic links resolved.
    pub path: PathBuf,
    /// Its path relative to the root, as a request target ServeDir reads back to `path`.
    pub uri: Uri,
    /// Its size and modification time.
    pub metadata: Metadata,
}

impl Vetted {
    /// The file's name.
    pub fn name(&self) -> &str {
        self.path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
    }
}

/// The file `path` names under `root` (which is canonical): the file itself, a
/// directory's `index.html`, or for an app route that no file answers, the root's
/// `index.html`. `None` when nothing may be served.
pub async fn resolve(root: &Path, path: &str) -> Option<Vetted> {
    let segments = decode_path(path)?;
    let file = match existing_file(root, &segments).await {
        Some(file) => file,
        None if is_app_route(&segments) => existing_file(root, &[INDEX.to_owned()]).await?,
        None => return None,
    };
    for suffix in SIBLINGS {
        let mut sibling = file.clone().into_os_string();
        sibling.push(suffix);
        // An absent sibling is fine (ServeDir sends the file itself); one that leads out of
        // the root is not.
        if let Ok(resolved) = tokio::fs::canonicalize(&sibling).await {
            if !resolved.starts_with(root) {
                return None;
            }
        }
    }
    let metadata = tokio::fs::metadata(&file).await.ok()?;
    let uri = target(file.strip_prefix(root).ok()?)?;
    Some(Vetted {
        path: file,
        uri,
        metadata,
    })
}

/// The file a path names (an `index.html` for a directory), if it exists inside the root.
async fn existing_file(root: &Path, segments: &[String]) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    path.extend(segments);
    if tokio::fs::metadata(&path).await.ok()?.is_dir() {
        path.push(INDEX);
    }
    let resolved = tokio::fs::canonicalize(&path).await.ok()?;
    let is_file = tokio::fs::metadata(&resolved).await.ok()?.is_file();
    (is_file && resolved.starts_with(root)).then_some(resolved)
}

/// The request target of a path relative to the root, every segment percent-encoded.
fn target(relative: &Path) -> Option<Uri> {
    let mut target = String::new();
    for segment in relative.iter() {
        target.push('/');
        target.extend(utf8_percent_encode(segment.to_str()?, SEGMENT));
    }
    target.parse().ok()
}

/// The decoded segments of a path, or `None` when a segment could escape the root or is
/// hidden: `..`, `.`, a leading dot, a backslash, a colon, a NUL, or bytes that are not UTF-8.
pub fn decode_path(path: &str) -> Option<Vec<String>> {
    let mut segments = Vec::new();
    for raw in path.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode_str(raw).decode_utf8().ok()?;
        if decoded.starts_with('.') || decoded.contains(['\\', '\0', '/', ':']) {
            return None;
        }
        segments.push(decoded.into_owned());
    }
    Some(segments)
}

/// An app route: its last segment has no file extension (`/`, `/jobs/j-123`), so no
/// asset is meant and the app itself should answer.
fn is_app_route(segments: &[String]) -> bool {
    segments.last().is_none_or(|last| !last.contains('.'))
}

#[cfg(test)]
mod tests {
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
    fn targets_read_back_to_the_same_segments() {
        let uri = target(Path::new("snippets/a b/x%y.js")).unwrap();
        assert_eq!(uri.path(), "/snippets/a%20b/x%25y.js");
        assert_eq!(
            decode_path(uri.path()).unwrap(),
            ["snippets", "a b", "x%y.js"]
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_sibling_leading_out_of_the_root_refuses_the_file() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "private").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("index.html"), "<p>").unwrap();
        std::fs::write(root.join("app.js"), "1").unwrap();
        std::fs::write(root.join("app.js.gz"), "2").unwrap();
        std::fs::write(root.join("style.css"), "3").unwrap();
        std::os::unix::fs::symlink(&secret, root.join("style.css.br")).unwrap();

        let app = resolve(&root, "/app.js").await.expect("app.js is served");
        assert_eq!(app.path, root.join("app.js"));
        assert_eq!(app.uri.path(), "/app.js");
        assert!(resolve(&root, "/style.css").await.is_none());
        assert_eq!(
            resolve(&root, "/jobs/j-1").await.unwrap().path,
            root.join(INDEX)
        );
    }
}
