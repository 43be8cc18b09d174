//! Static hosting of the built app from a fake `dist/`: MIME types, the SPA fallback,
//! revalidation and caching, the CSP with the loader's hash, and paths that must not escape.

use std::path::Path;

use axum::http::StatusCode;
use base64::Engine as _;
use sha2::Digest as _;

use crate::common::{Harness, Options};

/// The inline loader Trunk writes into index.html.
const LOADER: &str = "\nimport init, * as bindings from '/app.js';\nconst wasm = await init({ module_or_path: '/app_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

fn fake_dist(dir: &Path) {
    let write = |name: &str, content: &[u8]| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    };
    write(
        "index.html",
        format!(
            "<!doctype html><html><head><script type=\"module\">{LOADER}</script>\
             <link rel=\"stylesheet\" href=\"/style.css\"></head><body><main></main></body></html>"
        )
        .as_bytes(),
    );
    write("app.js", b"export default function init() {}");
    write("app_bg.wasm", b"\0asm\x01\0\0\0");
    write("style.css", b"main { color: black }");
    write(
        "embed.html",
        b"<!doctype html><script type=\"module\" src=\"embed.js\"></script>",
    );
    write("snippets/web-0123/inline0.js", b"export function f() {}");
    write("app-0123456789abcdef.js", b"// hashed");
}

fn expected_hash() -> String {
    let digest = sha2::Sha256::digest(LOADER.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

async fn with_site() -> (Harness, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    fake_dist(dist.path());
    let harness = Harness::with(Options {
        static_dir: Some(dist.path().to_owned()),
        ..Options::default()
    })
    .await;
    (harness, dist)
}

crate::scenarios! {
    /// Each file with its MIME type; the wasm as `application/wasm`.
    async fn files_are_served_with_their_mime_types() {
        let (harness, _dist) = with_site().await;
        for (path, mime) in [
            ("/", "text/html; charset=utf-8"),
            ("/index.html", "text/html; charset=utf-8"),
            ("/app.js", "text/javascript; charset=utf-8"),
            ("/app_bg.wasm", "application/wasm"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/snippets/web-0123/inline0.js", "text/javascript; charset=utf-8"),
        ] {
            let answer = harness.get(path).await;
            assert_eq!(answer.status, StatusCode::OK, "{path}");
            assert_eq!(answer.header("content-type"), Some(mime), "{path}");
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
        }
        let wasm = harness.client.get(harness.url("/app_bg.wasm")).send().await.unwrap();
        assert_eq!(wasm.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
        harness.stop().await;
    }

    /// HTML carries a CSP allowing the loader by hash, wasm compilation, and nothing more.
    async fn html_carries_a_csp_with_the_loaders_hash() {
        let (harness, _dist) = with_site().await;
        let answer = harness.get("/").await;
        let policy = answer.header("content-security-policy").expect("a CSP").to_owned();
        assert_eq!(
            policy,
            format!(
                "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
                 connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
                 frame-ancestors 'none'",
                expected_hash()
            )
        );
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
        // A page whose scripts are all external gets no hash at all.
        let embed = harness.get("/embed.html").await;
        let policy = embed.header("content-security-policy").unwrap();
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"), "{policy}");
        // Scripts and the wasm carry none.
        assert!(harness.get("/app.js").await.header("content-security-policy").is_none());
        harness.stop().await;
    }

    /// App routes (no extension) load index.html; a missing asset or API path does not.
    async fn app_routes_fall_back_to_the_index() {
        let (harness, _dist) = with_site().await;
        for path in ["/jobs/j-bp1abc", "/settings", "/jobs/"] {
            let answer = harness.get(path).await;
            assert_eq!(answer.status, StatusCode::OK, "{path}");
            assert!(answer.text.contains("import init"), "{path}");
            assert!(answer.header("content-security-policy").is_some(), "{path}");
        }
        for path in ["/missing.js", "/snippets/x/inline9.js"] {
            let answer = harness.get(path).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(answer.api_error().code, "Proxy.NotFound");
        }
        let api = harness.get("/api/Unknown").await;
        assert_eq!(api.api_error().code, "Proxy.NotFound");
        assert_eq!(harness.get("/healthz").await.json["Status"], "ok");
        harness.stop().await;
    }

    /// Stable names revalidate (`no-cache` + ETag, 304 when unchanged); hashed names are
    /// immutable.
    async fn assets_revalidate_and_hashed_names_are_immutable() {
        let (harness, dist) = with_site().await;
        let first = harness.get("/app_bg.wasm").await;
        assert_eq!(first.header("cache-control"), Some("no-cache"));
        let etag = first.header("etag").expect("an ETag").to_owned();
        assert!(first.header("last-modified").is_some());
        let again = harness
            .send(harness.client.get(harness.url("/app_bg.wasm")).header("if-none-match", &etag))
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.text.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        let since = harness
            .send(
                harness
                    .client
                    .get(harness.url("/app.js"))
                    .header("if-modified-since", first.header("last-modified").unwrap()),
            )
            .await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED);

        // A rebuild changes the file under the same name: the old tag no longer matches.
        std::fs::write(dist.path().join("app_bg.wasm"), b"\0asm\x01\0\0\0rebuilt").unwrap();
        let changed = harness
            .send(harness.client.get(harness.url("/app_bg.wasm")).header("if-none-match", &etag))
            .await;
        assert_eq!(changed.status, StatusCode::OK);
        assert_ne!(changed.header("etag"), Some(etag.as_str()));

        let hashed = harness.get("/app-0123456789abcdef.js").await;
        assert_eq!(hashed.header("cache-control"), Some("public, max-age=31536000, immutable"));
        assert_eq!(harness.get("/").await.header("cache-control"), Some("no-cache"));
        harness.stop().await;
    }

    /// Nothing outside the directory, and no hidden file, can be reached.
    async fn paths_cannot_escape_the_directory() {
        let (harness, dist) = with_site().await;
        let outside = dist.path().parent().unwrap().join(format!("outside-{}.txt", crate::common::random_text()));
        std::fs::write(&outside, "private").unwrap();
        std::fs::write(dist.path().join(".env"), "SECRET=1").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dist.path().join("link.txt")).unwrap();
        let name = outside.file_name().unwrap().to_str().unwrap().to_owned();
        for path in [
            format!("/../{name}"),
            format!("/%2e%2e/{name}"),
            format!("/snippets/%2e%2e/%2e%2e/{name}"),
            format!("/..%2f{name}"),
            "/.env".to_owned(),
            "/link.txt".to_owned(),
        ] {
            let response = harness.client.get(harness.url(&path)).send().await.unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            assert!(!body.contains("private") && !body.contains("SECRET"), "{path}: {body}");
            assert_ne!(status, StatusCode::OK, "{path}");
        }
        // Raw request targets, as a client that does not normalize paths sends them.
        for target in [format!("/../{name}"), format!("/%2e%2e/{name}"), "/snippets/../../x".to_owned()] {
            let answer = raw_get(harness.proxy.addr(), &target).await;
            assert!(!answer.contains("private"), "{target}: {answer}");
            assert!(!answer.starts_with("HTTP/1.1 200"), "{target}: {answer}");
        }
        std::fs::remove_file(outside).unwrap();
        harness.stop().await;
    }

    /// HEAD answers the headers; other methods are refused.
    async fn head_works_and_other_methods_are_refused() {
        let (harness, _dist) = with_site().await;
        let head = harness.client.head(harness.url("/app_bg.wasm")).send().await.unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()["content-type"], "application/wasm");
        let post = harness.send(harness.client.post(harness.url("/index.html"))).await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(post.api_error().code, "Proxy.MethodNotAllowed");
        harness.stop().await;
    }
}

/// Sends `GET target` as written and returns the whole answer.
async fn raw_get(addr: std::net::SocketAddr, target: &str) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The directory must hold an index.html.
#[test]
fn a_directory_without_an_index_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let error = smc_proxy::site::Site::open(empty.path()).unwrap_err();
    assert!(error.to_string().contains("no index.html"), "{error}");
}
