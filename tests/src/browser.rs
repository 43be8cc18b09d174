//! chromedriver and one headless Chromium session per test, with the lookups and waits
//! the tests share.
//!
//! Page state is read with small JavaScript expressions (one round trip for a whole table)
//! and changed the way a person changes it: WebDriver clicks and keystrokes on elements
//! found by their visible label or accessible name.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tempfile::TempDir;

/// The chromedriver Debian's `chromium-driver` installs.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long a wait lasts before the test fails: generous, for a cold two-core CI machine.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Functions every query runs with. `root` is the viewer a test looks at: the whole page,
/// or one embedded `<smc-replication-jobs>` element.
const PRELUDE: &str = r#"
const root = arguments[0] ? document.getElementById(arguments[0]) : document;
const text = (el) => el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
const table = () => root.querySelector('table.smcv-table');
const busy = () => !table() || table().getAttribute('aria-busy') === 'true';
const rows = () => [...root.querySelectorAll('table.smcv-table tbody tr')]
  .filter((r) => !r.classList.contains('smcv-skeleton') && !r.classList.contains('smcv-empty'))
  .map((r) => text(r.querySelector('.smcv-id code')));
const range = () => text(root.querySelector('.smcv-pagination__range'));
const chips = () => [...root.querySelectorAll('ul[aria-label="Active filters"] li')]
  .map((li) => text(li).replace(/×$/, '').trim());
const banner = () => text(root.querySelector('.smcv-banner--error'));
const fieldError = () => [...root.querySelectorAll('.smcv-field-error')].map(text);
"#;

/// What a failed wait reports, so the failure says what the page showed instead.
const SNAPSHOT: &str =
    "({ location: location.href, busy: busy(), range: range(), rows: rows().length, \
    chips: chips(), banner: banner(), fieldErrors: fieldError(), \
    notices: text(root.querySelector('.smcv-banner--notice')) })";

/// Network conditions Chromium emulates for the page (DevTools' throttling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NetworkConditions {
    /// Added to every round trip, in milliseconds.
    pub latency_ms: f64,
    /// Download throughput, in bytes per second.
    pub download_bytes_per_second: f64,
    /// Upload throughput, in bytes per second.
    pub upload_bytes_per_second: f64,
}

impl NetworkConditions {
    /// Lighthouse's slow 4G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
    pub const SLOW_4G: NetworkConditions = NetworkConditions {
        latency_ms: 150.0,
        download_bytes_per_second: 1_600_000.0 / 8.0,
        upload_bytes_per_second: 750_000.0 / 8.0,
    };
}

/// How a test's Chromium starts: the languages it prefers and the size of its window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrowserOptions {
    /// Chromium's `--lang` (the UI language and the first of `navigator.languages`);
    /// Chromium's own default (`en-US`) when `None`.
    pub lang: Option<&'static str>,
    /// The window's width and height in CSS pixels.
    pub window: (u32, u32),
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            lang: None,
            window: (1400, 1000),
        }
    }
}

/// The color scheme the page's `prefers-color-scheme` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorScheme {
    /// `prefers-color-scheme: light`.
    Light,
    /// `prefers-color-scheme: dark`.
    Dark,
}

impl ColorScheme {
    /// The media feature's value.
    pub fn value(self) -> &'static str {
        match self {
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }
}

/// A Chrome DevTools Protocol command sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct CdpCommand {
    body: String,
}

impl fantoccini::wd::WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

/// A headless Chromium driven through its own chromedriver.
pub struct Browser {
    client: Client,
    driver: Child,
    downloads: TempDir,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port and a fresh headless Chromium with the project's
    /// flags, a new profile and a download folder of its own, in English at 1400 × 1000.
    pub async fn start() -> Browser {
        Browser::start_with(BrowserOptions::default()).await
    }

    /// [`Browser::start`] with the language and window size of `options`.
    pub async fn start_with(options: BrowserOptions) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {CHROMEDRIVER}: {e} (apt-get install chromium-driver)")
            });
        let profile = TempDir::new().expect("a temporary profile folder");
        let downloads = TempDir::new().expect("a temporary download folder");
        let capabilities = capabilities(profile.path(), downloads.path(), options.lang);
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                // chromedriver takes a moment to listen.
                Err(error) if started.elapsed() < PATIENCE => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("no browser session from chromedriver: {error}"),
            }
        };
        let (width, height) = options.window;
        client
            .set_window_size(width, height)
            .await
            .expect("the window can be sized");
        Browser {
            client,
            driver,
            downloads,
            _profile: profile,
        }
    }

    /// Sends a Chrome DevTools Protocol `command` (`Network.enable`, …) to the page and
    /// returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params }).to_string();
        self.client
            .issue_cmd(CdpCommand { body })
            .await
            .unwrap_or_else(|e| panic!("CDP {command}: {e}"))
    }

    /// Makes the page's network behave as `conditions` say, from the next request on.
    pub async fn emulate_network(&self, conditions: NetworkConditions) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": conditions.latency_ms,
                "downloadThroughput": conditions.download_bytes_per_second,
                "uploadThroughput": conditions.upload_bytes_per_second,
            }),
        )
        .await;
    }

    /// Makes the page's viewport `width` × `height` CSS pixels, as a phone or tablet
    /// would show it, whatever the window's size.
    pub async fn emulate_viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await;
    }

    /// Makes `prefers-color-scheme` report `scheme` from now on.
    pub async fn emulate_color_scheme(&self, scheme: ColorScheme) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme.value() }] }),
        )
        .await;
    }

    /// Runs `script` in every document the page opens from now on, before the page's own
    /// scripts: a test's clock or a recording `Notification`.
    pub async fn before_each_document(&self, script: &str) {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .await;
    }

    /// Makes the page's clock (`Date.now()` and `new Date()`) read `start_ms` from the next
    /// document on, and move only with [`Self::advance_clock`].
    pub async fn use_test_clock(&self, start_ms: i64) {
        self.before_each_document(&format!(
            "(() => {{
               window.__smcTestNow = {start_ms};
               const RealDate = Date;
               class TestDate extends RealDate {{
                 constructor(...args) {{
                   if (args.length === 0) {{ super(window.__smcTestNow); }} else {{ super(...args); }}
                 }}
                 static now() {{ return window.__smcTestNow; }}
               }}
               window.Date = TestDate;
             }})();"
        ))
        .await;
    }

    /// Moves the page's test clock (see [`Self::use_test_clock`]) forward.
    pub async fn advance_clock(&self, by: Duration) {
        self.execute(
            "window.__smcTestNow += arguments[0];",
            vec![json!(by.as_millis() as u64)],
        )
        .await;
    }

    /// The WebDriver session, for what the helpers here do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Where the browser saves downloads.
    pub fn downloads(&self) -> &Path {
        self.downloads.path()
    }

    /// Opens `url` and waits for the document to load.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The address bar, as `/path?query#fragment` relative to the origin.
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.expect("a current URL");
        let mut location = url.path().to_owned();
        if let Some(query) = url.query() {
            location.push('?');
            location.push_str(query);
        }
        if let Some(fragment) = url.fragment() {
            location.push('#');
            location.push_str(fragment);
        }
        location
    }

    /// The whole page's viewer.
    pub fn viewer(&self) -> Viewer<'_> {
        Viewer {
            browser: self,
            scope: None,
        }
    }

    /// The viewer inside the element with this `id` (an embedded `<smc-replication-jobs>`).
    pub fn viewer_in<'a>(&'a self, id: &'a str) -> Viewer<'a> {
        Viewer {
            browser: self,
            scope: Some(id),
        }
    }

    /// Saves a PNG of the window to `target/e2e/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        let path = crate::paths::artifacts().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Ends the session and chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed test never reaches `close`: chromedriver must not outlive it (Chromium
        // exits with its driver).
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// One viewer on the page: its table, filters, chips, paging and banners.
#[derive(Clone, Copy)]
pub struct Viewer<'a> {
    browser: &'a Browser,
    scope: Option<&'a str>,
}

impl Viewer<'_> {
    /// Evaluates a JavaScript expression with the prelude's functions in scope.
    pub async fn eval(&self, expression: &str) -> Value {
        let script = format!("{PRELUDE}\nreturn ({expression});");
        self.browser.execute(&script, vec![json!(self.scope)]).await
    }

    /// Waits until `expression` is truthy and returns its value; fails naming `what` and the
    /// last value seen.
    pub async fn wait_for(&self, what: &str, expression: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(expression).await;
            let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                && value != json!("")
                && value != json!(0);
            if truthy {
                return value;
            }
            if started.elapsed() > PATIENCE {
                let seen = self.eval(SNAPSHOT).await;
                panic!(
                    "waited {PATIENCE:?} for {what}: `{expression}` is {value}; the page: {seen}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the table is idle and shows rows, and returns their JobIds.
    pub async fn rows(&self) -> Vec<String> {
        let value = self
            .wait_for("rows", "!busy() && rows().length > 0 && rows()")
            .await;
        strings(value)
    }

    /// Waits until the paging label reads `expected` ("41–60 of 240") with the table idle.
    pub async fn wait_for_range(&self, expected: &str) {
        let expected_js = json!(expected).to_string();
        self.wait_for(
            &format!("the range {expected}"),
            &format!("!busy() && range() === {expected_js}"),
        )
        .await;
    }

    /// The paging label now.
    pub async fn range(&self) -> String {
        self.eval("range()")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The active filter chips' labels.
    pub async fn chips(&self) -> Vec<String> {
        strings(self.eval("chips()").await)
    }

    /// Waits until every count by status has answered (their calls go after the list's).
    pub async fn wait_for_counts(&self) {
        self.wait_for(
            "the counts by status",
            "root.querySelector('.smcv-status-counts[aria-busy=\"false\"]') !== null",
        )
        .await;
    }

    /// The input or select whose `<label>` reads `label`.
    pub async fn field(&self, label: &str) -> Element {
        let label_xpath = format!(
            "{}//label[normalize-space()={}]",
            self.xpath_root(),
            xpath_string(label)
        );
        let label_element = self.find(Locator::XPath(&label_xpath)).await;
        let id = label_element
            .attr("for")
            .await
            .expect("a label attribute")
            .unwrap_or_else(|| panic!("the label {label:?} names no field"));
        self.find(Locator::Id(&id)).await
    }

    /// Chooses `value` in the select labelled `label`.
    pub async fn choose(&self, label: &str, value: &str) {
        self.field(label)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("{label} = {value}: {e}"));
    }

    /// Types `text` into the field labelled `label` (after clearing it).
    pub async fn type_into(&self, label: &str, text: &str) {
        let field = self.field(label).await;
        field.clear().await.expect("the field clears");
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {label}: {e}"));
    }

    /// Pastes `text` into the field labelled `label`: a `paste` event carrying the text on
    /// its clipboard data, as the browser fires it (newlines included).
    pub async fn paste_into(&self, label: &str, text: &str) {
        let field = self.field(label).await;
        self.browser
            .client
            .execute(
                "const data = new DataTransfer();
                 data.setData('text/plain', arguments[1]);
                 arguments[0].focus();
                 const paste = new ClipboardEvent('paste',
                   { clipboardData: data, bubbles: true, cancelable: true });
                 if (arguments[0].dispatchEvent(paste)) {
                   // Nobody took it: the browser would insert the text itself.
                   document.execCommand('insertText', false, arguments[1]);
                 }",
                vec![json!(field), json!(text)],
            )
            .await
            .unwrap_or_else(|e| panic!("pasting into {label}: {e}"));
    }

    /// Clicks the button whose accessible name (aria-label, else text) is `name`.
    pub async fn click(&self, name: &str) {
        let quoted = xpath_string(name);
        let xpath = format!(
            "{}//button[@aria-label={quoted} or (not(@aria-label) and normalize-space()={quoted})]",
            self.xpath_root()
        );
        self.click_at(Locator::XPath(&xpath)).await;
    }

    /// Clicks the first element `css` matches inside this viewer.
    pub async fn click_css(&self, css: &str) {
        let scoped = match self.scope {
            Some(id) => format!("#{id} {css}"),
            None => css.to_owned(),
        };
        self.click_at(Locator::Css(&scoped)).await;
    }

    /// Waits for an element to be there and enabled, then clicks it.
    async fn click_at(&self, locator: Locator<'_>) {
        let element = self.find(locator).await;
        let started = Instant::now();
        while !element.is_enabled().await.unwrap_or(false) {
            assert!(
                started.elapsed() < PATIENCE,
                "{locator:?} stayed disabled for {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {locator:?}: {e}"));
    }

    async fn find(&self, locator: Locator<'_>) -> Element {
        self.browser
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("no element {locator:?}: {e}"))
    }

    fn xpath_root(&self) -> String {
        match self.scope {
            Some(id) => format!("//*[@id={}]", xpath_string(id)),
            None => String::new(),
        }
    }
}

/// WebDriver capabilities: headless Chromium with the project's flags, a fresh profile,
/// the language asked for, and downloads saved without asking.
fn capabilities(
    profile: &Path,
    downloads: &Path,
    lang: Option<&str>,
) -> serde_json::Map<String, Value> {
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .map(str::to_owned)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut prefs = json!({
        "download.default_directory": downloads.display().to_string(),
        "download.prompt_for_download": false,
    });
    if let Some(lang) = lang {
        args.push(format!("--lang={lang}"));
        // `--lang` sets the UI; `navigator.languages` comes from the Accept-Language pref.
        prefs["intl.accept_languages"] = json!(lang);
    }
    let mut options = json!({
        "args": args,
        "prefs": prefs,
    });
    if Path::new("/usr/bin/chromium").is_file() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
    });
    match capabilities {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

/// `text` as an XPath string literal (XPath 1.0 has no escapes: quotes pick the delimiter).
fn xpath_string(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|part| format!("'{part}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// A JSON array of strings (nulls become empty strings).
pub fn strings(value: Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .map(|item| item.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => panic!("expected a list of strings, got {other}"),
    }
}
