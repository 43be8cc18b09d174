//! Static hosting of the built app from a fake `dist/`: MIME types, the SPA fallback,
//! revalidation and caching, precompressed siblings and compression on the fly, the CSP
//! with the loader's hash, and paths that must not escape.

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

    /// A `.br` or `.gz` sibling is sent, as it is, to a browser that accepts it (brotli
    /// first), with the file's type and `Vary: Accept-Encoding`; others get the file itself.
    async fn precompressed_siblings_are_sent_to_browsers_that_accept_them() {
        let (harness, dist) = with_site().await;
        std::fs::write(dist.path().join("x.wasm"), WASM).unwrap();
        std::fs::write(dist.path().join("x.wasm.br"), b"brotli bytes of x.wasm").unwrap();
        std::fs::write(dist.path().join("x.wasm.gz"), b"gzip bytes of x.wasm").unwrap();
        for (accepted, encoding, body) in [
            (Some("br, gzip"), Some("br"), b"brotli bytes of x.wasm".as_slice()),
            (Some("gzip, deflate, br, zstd"), Some("br"), b"brotli bytes of x.wasm".as_slice()),
            (Some("gzip"), Some("gzip"), b"gzip bytes of x.wasm".as_slice()),
            (Some("identity"), None, WASM),
            (None, None, WASM),
        ] {
            let mut request = harness.client.get(harness.url("/x.wasm"));
            if let Some(accepted) = accepted {
                request = request.header("accept-encoding", accepted);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{accepted:?}");
            let headers = response.headers().clone();
            let header = |name: &str| headers.get(name).map(|v| v.to_str().unwrap());
            assert_eq!(header("content-type"), Some("application/wasm"), "{accepted:?}");
            assert_eq!(header("content-encoding"), encoding, "{accepted:?}");
            assert!(varies_with_accept_encoding(&headers), "{accepted:?}: {headers:?}");
            assert_eq!(header("cache-control"), Some("no-cache"), "{accepted:?}");
            assert_eq!(response.bytes().await.unwrap().as_ref(), body, "{accepted:?}");
        }
        // HEAD describes the same representation, and a current copy of it is not sent again.
        let head = harness
            .client
            .head(harness.url("/x.wasm"))
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(head.headers()["content-encoding"], "br");
        assert_eq!(head.headers()["content-length"], "22");
        let etag = head.headers()["etag"].to_str().unwrap().to_owned();
        let again = harness
            .send(
                harness
                    .client
                    .get(harness.url("/x.wasm"))
                    .header("accept-encoding", "br")
                    .header("if-none-match", &etag),
            )
            .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.text.is_empty());
        assert!(varies_with_accept_encoding(&again.headers));
        harness.stop().await;
    }

    /// A file without a sibling (a plain `trunk build`) is compressed on the fly for a
    /// browser that accepts it; the app route's index.html too, keeping its CSP.
    async fn files_without_siblings_are_compressed_on_the_fly() {
        let (harness, dist) = with_site().await;
        let script = "export function row(job) { return job.name + ' ' + job.status; }\n".repeat(100);
        std::fs::write(dist.path().join("big.js"), &script).unwrap();
        for accepted in ["gzip", "br", "br, gzip"] {
            let response = get_accepting(&harness, "/big.js", accepted).await;
            assert_eq!(response.status(), StatusCode::OK, "{accepted}");
            let headers = response.headers().clone();
            assert_eq!(headers["content-type"], "text/javascript; charset=utf-8", "{accepted}");
            assert!(varies_with_accept_encoding(&headers), "{accepted}: {headers:?}");
            let encoding = headers["content-encoding"].to_str().unwrap().to_owned();
            let body = response.bytes().await.unwrap();
            assert!(body.len() < script.len() / 4, "{accepted}: {} bytes", body.len());
            assert_eq!(decode(&encoding, &body), script.as_bytes(), "{accepted}");
        }
        let plain = harness.client.get(harness.url("/big.js")).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        assert_eq!(plain.text().await.unwrap(), script);

        let page = get_accepting(&harness, "/jobs/j-bp1abc", "gzip").await;
        assert_eq!(page.headers()["content-encoding"], "gzip");
        assert!(page.headers()["content-security-policy"].to_str().unwrap().contains(&expected_hash()));
        let html = decode("gzip", &page.bytes().await.unwrap());
        assert!(String::from_utf8(html).unwrap().contains("import init"));
        harness.stop().await;
    }

    /// A page of jobs is compressed for a client that accepts it (browsers do: the page is
    /// the last thing a viewer waits for), and sent as it is to one that does not; the
    /// operators' endpoints are never compressed.
    async fn api_pages_are_compressed_when_accepted_and_operations_never() {
        let (harness, _dist) = with_site().await;
        let path = "/api/DescribeReplicationJobs?PageSize=50";
        for accepted in ["gzip", "br"] {
            let response = get_accepting(&harness, path, accepted).await;
            assert_eq!(response.status(), StatusCode::OK, "{accepted}");
            let headers = response.headers().clone();
            assert_eq!(headers["content-encoding"], accepted);
            assert!(varies_with_accept_encoding(&headers), "{accepted}: {headers:?}");
            let body = decode(accepted, &response.bytes().await.unwrap());
            let page = smc_core::json::parse_response(std::str::from_utf8(&body).unwrap());
            assert_eq!(page.map(|p| p.replication_jobs.len()), Ok(50), "{accepted}");
        }
        let plain = harness.get(path).await;
        assert!(plain.header("content-encoding").is_none());
        assert!(plain.text.contains("\"ReplicationJobs\""));
        for (path, readable) in [
            ("/metrics", "# TYPE smc_proxy_requests_total counter"),
            ("/healthz", "{\"Status\":\"ok\"}"),
        ] {
            let answer = harness
                .send(harness.client.get(harness.url(path)).header("accept-encoding", "br, gzip"))
                .await;
            assert!(answer.header("content-encoding").is_none(), "{path}");
            assert!(!varies_with_accept_encoding(&answer.headers), "{path}");
            assert!(answer.text.contains(readable), "{path}: {}", answer.text);
        }
        harness.stop().await;
    }

    /// An `If-None-Match` that does not match is a stale copy, even when `If-Modified-Since`
    /// says the date is current.
    async fn a_stale_tag_is_not_overridden_by_a_matching_date() {
        let (harness, _dist) = with_site().await;
        let first = harness.get("/app.js").await;
        let answer = harness
            .send(
                harness
                    .client
                    .get(harness.url("/app.js"))
                    .header("if-none-match", "W/\"0-0\"")
                    .header("if-modified-since", first.header("last-modified").unwrap()),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.text, "export default function init() {}");
        harness.stop().await;
    }

    /// A compressed sibling that is a link out of the directory is never sent.
    async fn a_compressed_sibling_cannot_lead_out_of_the_directory() {
        let (harness, dist) = with_site().await;
        let outside = dist.path().parent().unwrap().join(format!("outside-{}.txt", crate::common::random_text()));
        std::fs::write(&outside, "private").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, dist.path().join("style.css.br")).unwrap();
        let response = get_accepting(&harness, "/style.css", "br").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        // The refusal itself is compressed for a client that accepts it.
        let encoding = response.headers()["content-encoding"].to_str().unwrap().to_owned();
        let body = String::from_utf8(decode(&encoding, &response.bytes().await.unwrap())).unwrap();
        assert!(!body.contains("private"), "{body}");
        assert_eq!(smc_core::ApiError::from_body(404, &body).unwrap().code, "Proxy.NotFound");
        std::fs::remove_file(outside).unwrap();
        harness.stop().await;
    }
}

/// A GET of `path` from a client that accepts the `accepted` codings.
async fn get_accepting(harness: &Harness, path: &str, accepted: &str) -> reqwest::Response {
    harness
        .client
        .get(harness.url(path))
        .header("accept-encoding", accepted)
        .send()
        .await
        .unwrap()
}

/// The bytes of a WebAssembly module's header.
const WASM: &[u8] = b"\0asm\x01\0\0\0";

/// Whether `Vary` names `Accept-Encoding`.
fn varies_with_accept_encoding(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
}

/// A body decoded from its `Content-Encoding`.
fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut decoded = Vec::new();
    match encoding {
        "gzip" => flate2::read::GzDecoder::new(body).read_to_end(&mut decoded),
        "br" => brotli::Decompressor::new(body, 4096).read_to_end(&mut decoded),
        other => panic!("unexpected encoding {other}"),
    }
    .expect("a valid compressed body");
    decoded
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
