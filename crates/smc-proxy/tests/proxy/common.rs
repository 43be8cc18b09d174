//! The harness: an emulator, a recording tap in front of it, and the proxy in front of the
//! tap, all in-process on ephemeral loopback ports; plus the process-wide log capture and
//! the registry of every secret, token and signature the tests used.
//!
//! The tap is a small HTTP forwarder: it records the parameters and headers of every call
//! the proxy sends upstream (so tests see the signature, nonce and token that went out, as
//! v1 parameters or V3 headers) and can answer from a script instead of forwarding (for
//! answers the emulator never gives). It forwards every header, `Host` included, so a V3
//! signature still verifies behind it.

use std::collections::VecDeque;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use smc_core::sign::Credentials;
use smc_emulator::{Emulator, FaultRule, RunningEmulator};
use smc_proxy::auth::BearerToken;
use smc_proxy::credentials::CredentialSource;
use smc_proxy::server::fresh_credentials;
use smc_proxy::settings::SignatureVersion;
use smc_proxy::sharing::SharingSettings;
use smc_proxy::{Proxy, RunningProxy, Settings, UpstreamSettings, UpstreamTarget};

/// Every test body runs under this bound: nothing may hang.
pub const TEST_BOUND: Duration = Duration::from_secs(20);

/// Upstream settings for tests: short timeouts and backoffs.
pub fn fast() -> UpstreamSettings {
    UpstreamSettings {
        timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_millis(500),
        retries: 2,
        backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
        max_response_bytes: 1024 * 1024,
        max_concurrency: 8,
        signature: SignatureVersion::V1,
    }
}

/// What a harness differs in.
pub struct Options {
    /// The emulator's key is an STS one.
    pub sts: bool,
    /// The proxy signs with these, made from the emulator's (to provoke refusals).
    pub proxy_credentials: Option<fn(&Credentials) -> Credentials>,
    /// The bearer token the proxy requires.
    pub token: Option<String>,
    /// `--allow-origin`.
    pub origins: Vec<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--static`.
    pub static_dir: Option<PathBuf>,
    /// Upstream bounds.
    pub client: UpstreamSettings,
    /// The emulator's fault rules.
    pub faults: Vec<FaultRule>,
    /// Cache, rate limit and Redis; none of them unless a test asks.
    pub sharing: SharingSettings,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sts: false,
            proxy_credentials: None,
            token: None,
            origins: Vec::new(),
            region: None,
            static_dir: None,
            client: fast(),
            faults: Vec::new(),
            sharing: SharingSettings::uncached(),
        }
    }
}

/// An emulator, a tap and a proxy.
pub struct Harness {
    pub emulator: RunningEmulator,
    pub tap: Tap,
    pub proxy: RunningProxy,
    pub client: reqwest::Client,
    /// The emulator's credentials.
    pub credentials: Credentials,
    /// The credentials the proxy signs with.
    pub signing: Credentials,
}

impl Harness {
    /// With default options.
    pub async fn start() -> Harness {
        Harness::with(Options::default()).await
    }

    /// With these options.
    pub async fn with(options: Options) -> Harness {
        capture_logs();
        let mut credentials = fresh_credentials();
        if options.sts {
            credentials = credentials.with_security_token(format!("sts-{}", random_text()));
        }
        remember_credentials(&credentials);
        let emulator = Emulator::builder()
            .credentials(credentials.clone())
            .frozen(true)
            .faults(options.faults)
            .start()
            .await
            .expect("the emulator starts");
        let tap = Tap::start(emulator.endpoint()).await;
        let signing = match options.proxy_credentials {
            Some(derive) => derive(&credentials),
            None => credentials.clone(),
        };
        remember_credentials(&signing);
        let signing_copy = signing.clone();
        let token = options.token.map(|token| {
            remember_secret(&token);
            BearerToken::new(&token).expect("a valid token")
        });
        let proxy = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            upstream: UpstreamTarget::Remote {
                endpoint: tap.endpoint(),
                credentials: signing,
                source: CredentialSource::Environment,
            },
            region: options.region,
            static_dir: options.static_dir,
            allow_origins: options.origins,
            allow_hosts: Vec::new(),
            token,
            client: options.client,
            sharing: options.sharing,
            ..Settings::default()
        })
        .await
        .expect("the proxy starts");
        Harness {
            emulator,
            tap,
            proxy,
            client: client(),
            credentials,
            signing: signing_copy,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.proxy.url())
    }

    /// A GET of `path` (with query), answered as status, headers and JSON (or `null`).
    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.client.get(self.url(path))).await
    }

    /// Sends a request, reading the answer.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        Answer::read(request.send().await.expect("the proxy answers")).await
    }

    /// The count of `smc_proxy_upstream_retries_total{reason}`.
    pub fn retries(&self, reason: &str) -> u64 {
        metric(
            &self.proxy.state().metrics.render(),
            &format!("smc_proxy_upstream_retries_total{{reason=\"{reason}\"}}"),
        )
    }

    /// Stops everything.
    pub async fn stop(self) {
        self.proxy
            .shutdown()
            .await
            .expect("the proxy stops cleanly");
        self.tap.stop();
        self.emulator.shutdown().await.expect("the emulator stops");
    }
}

/// A proxy signing with `credentials` for `endpoint` directly (no tap).
pub async fn proxy_at(endpoint: &str, credentials: Credentials) -> RunningProxy {
    capture_logs();
    remember_credentials(&credentials);
    Proxy::start(Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: UpstreamTarget::Remote {
            endpoint: endpoint.to_owned(),
            credentials,
            source: CredentialSource::Environment,
        },
        client: fast(),
        sharing: SharingSettings::uncached(),
        ..Settings::default()
    })
    .await
    .expect("the proxy starts")
}

/// Another replica in front of the same tap as `harness`, sharing as `sharing` says.
pub async fn replica(harness: &Harness, sharing: SharingSettings) -> RunningProxy {
    Proxy::start(Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: UpstreamTarget::Remote {
            endpoint: harness.tap.endpoint(),
            credentials: harness.signing.clone(),
            source: CredentialSource::Environment,
        },
        client: fast(),
        sharing,
        ..Settings::default()
    })
    .await
    .expect("the replica starts")
}

/// A plain HTTP client (no pooling surprises between tests).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TEST_BOUND)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// A value of a metrics line (`name{labels} value`), 0 when absent.
pub fn metric(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse::<f64>().ok())
        .map_or(0, |v| v as u64)
}

/// An answer of the proxy.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: serde_json::Value,
}

impl Answer {
    /// Reads a response of the proxy.
    pub async fn read(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("a body");
        let json = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
        Answer {
            status,
            headers,
            text,
            json,
        }
    }

    /// The body as an API error, as the browser reads it.
    pub fn api_error(&self) -> smc_core::ApiError {
        smc_core::ApiError::from_body(self.status.as_u16(), &self.text)
            .unwrap_or_else(|e| panic!("not an API error body ({e}): {}", self.text))
    }

    /// The parameters of the `Errors` list.
    pub fn error_parameters(&self) -> Vec<String> {
        self.json["Errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["Parameter"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Whether the `Vary` headers name `header` (in any case, in any of its values).
    pub fn varies_with(&self, header: &str) -> bool {
        self.headers
            .get_all("vary")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|name| name.trim().eq_ignore_ascii_case(header))
    }
}

/// A random string.
pub fn random_text() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

// ---------------------------------------------------------------------------------------
// The tap.

/// A canned answer the tap gives instead of forwarding.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// What the tap saw of one call.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub params: Vec<(String, String)>,
    /// Every header, names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// A parameter's value.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct TapState {
    upstream: String,
    seen: Mutex<Vec<Seen>>,
    script: Mutex<VecDeque<Canned>>,
}

/// A recording forwarder in front of the emulator.
pub struct Tap {
    addr: SocketAddr,
    state: Arc<TapState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Tap {
    /// A tap forwarding to `upstream`.
    pub async fn start(upstream: String) -> Tap {
        let state = Arc::new(TapState {
            upstream,
            ..TapState::default()
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(state.clone());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
        });
        Tap {
            addr,
            state,
            stop: Some(stop),
        }
    }

    /// The endpoint the proxy is given.
    pub fn endpoint(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Every call seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// Answers the next calls with these, in order, instead of forwarding them.
    pub fn script(&self, answers: Vec<Canned>) {
        self.state.script.lock().unwrap().extend(answers);
    }

    /// Stops forwarding.
    pub fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn forward(State(state): State<Arc<TapState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let mut params = smc_core::encode::parse_form(&query).unwrap_or_default();
    params
        .extend(smc_core::encode::parse_form(&String::from_utf8_lossy(&body)).unwrap_or_default());
    for (name, value) in &params {
        // What a leak would look like: the signature and token as sent, and encoded.
        if name == "Signature" || name == "SecurityToken" {
            remember_secret(value);
        }
    }
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    for (name, value) in &headers {
        // A V3 signature and token, as sent.
        if name == "x-acs-security-token" {
            remember_secret(value);
        }
        if name == "authorization" {
            if let Some((_, signature)) = value.rsplit_once("Signature=") {
                remember_secret(signature);
            }
        }
    }
    state.seen.lock().unwrap().push(Seen {
        method: parts.method.to_string(),
        params,
        headers,
    });
    let canned = state.script.lock().unwrap().pop_front();
    if let Some(canned) = canned {
        let mut response =
            (StatusCode::from_u16(canned.status).unwrap(), canned.body).into_response();
        for (name, value) in canned.headers {
            response.headers_mut().insert(
                HeaderName::from_static(name),
                HeaderValue::from_str(&value).unwrap(),
            );
        }
        return response;
    }
    let url = format!("{}?{query}", state.upstream);
    let mut upstream = client().request(parts.method, url).body(body);
    for (name, value) in &parts.headers {
        // The client frames the body itself.
        if name != "content-length" && name != "transfer-encoding" && name != "connection" {
            upstream = upstream.header(name, value);
        }
    }
    let Ok(answer) = upstream.send().await else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let body = answer.bytes().await.unwrap_or_default();
    let mut response = (status, body).into_response();
    for name in ["content-type", "x-acs-request-id"] {
        if let Some(value) = headers.get(name) {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}

// ---------------------------------------------------------------------------------------
// Log capture and the secrets registry.

/// Everything every tracing event in this process wrote, as text and as JSON lines.
pub fn captured_logs() -> String {
    let buffer = log_buffer().lock().unwrap();
    String::from_utf8_lossy(&buffer).into_owned()
}

/// Every secret, token, signature and AccessKey ID the tests used or saw go upstream.
pub fn remembered_secrets() -> Vec<String> {
    secrets().lock().unwrap().clone()
}

/// Adds a value no log line may contain (with its percent-encoded forms).
pub fn remember_secret(value: &str) {
    if value.is_empty() {
        return;
    }
    let once = smc_core::encode::percent_encode(value);
    let twice = smc_core::encode::percent_encode(&once);
    let mut secrets = secrets().lock().unwrap();
    for form in [value.to_owned(), once, twice] {
        if !secrets.contains(&form) {
            secrets.push(form);
        }
    }
}

/// Adds credentials no log line may contain.
pub fn remember_credentials(credentials: &Credentials) {
    remember_secret(&credentials.access_key_id);
    remember_secret(credentials.access_key_secret.expose());
    if let Some(token) = &credentials.security_token {
        remember_secret(token.expose());
    }
}

fn secrets() -> &'static Mutex<Vec<String>> {
    static SECRETS: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    SECRETS.get_or_init(Mutex::default)
}

fn log_buffer() -> &'static Mutex<Vec<u8>> {
    static BUFFER: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    BUFFER.get_or_init(Mutex::default)
}

struct BufferWriter;

impl Write for BufferWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        log_buffer().lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs, once for the process, a subscriber writing every event at every level, from
/// every crate (the proxy, the emulator, hyper, reqwest, rustls), as text and as JSON.
pub fn capture_logs() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt as _;
        use tracing_subscriber::util::SubscriberInitExt as _;
        let text = tracing_subscriber::fmt::layer()
            .with_writer(|| BufferWriter)
            .with_ansi(false);
        let json = tracing_subscriber::fmt::layer()
            .json()
            .with_writer(|| BufferWriter);
        let _ = tracing_subscriber::registry()
            .with(tracing_subscriber::filter::LevelFilter::TRACE)
            .with(text)
            .with(json)
            .try_init();
    });
}

/// Runs a test body under [`TEST_BOUND`].
pub async fn bounded<F: std::future::Future<Output = ()>>(body: F) {
    tokio::time::timeout(TEST_BOUND, body)
        .await
        .expect("the test finished in time: nothing hangs");
}

/// Declares scenarios: each is a public `async fn` (run again by the log-capture test) and
/// a `#[tokio::test]` of the same name under `tests`. `run_all` runs them in order.
#[macro_export]
macro_rules! scenarios {
    ($( $(#[doc = $doc:literal])* async fn $name:ident() $body:block )*) => {
        $(
            $(#[doc = $doc])*
            pub async fn $name() {
                $crate::common::bounded(async $body).await
            }
        )*

        /// Every scenario of this module, one after another.
        pub async fn run_all() {
            $( $name().await; )*
        }

        mod tests {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name().await
                }
            )*
        }
    };
}
