//! First rows as a new user sees them: the time from navigation to at least ten job rows in
//! the table, in a fresh headless Chromium (empty profile, so nothing is cached), on
//! loopback and on Lighthouse's slow 4G. A benchmark, printed, not a test: speed varies from
//! machine to machine. `cargo xtask bench web` builds the app and runs it.
//!
//! ```text
//! SMC_E2E_DIST=target/e2e-dist cargo run --release -p smc-e2e --example first_rows [RUNS]
//! ```
//!
//! Each run starts a browser, sets the network, and opens the viewer. A script installed
//! before the page's own records `performance.now()` (milliseconds since navigation began)
//! when the table first holds ten job rows, and the bytes the page moved by then.

use serde_json::json;
use smc_e2e::browser::NetworkConditions;
use smc_e2e::{Browser, Stack};

/// How many rows count as "the list is there".
const ROWS: usize = 10;

/// Installed on every new document: watches the DOM and notes when the rows arrive.
const WATCH_ROWS: &str = r#"
addEventListener('TrunkApplicationStarted', () => { window.smcvStarted = performance.now(); });
new MutationObserver((_, observer) => {
  const rows = document.querySelectorAll(
    'table.smcv-table tbody tr:not(.smcv-skeleton):not(.smcv-empty)').length;
  if (rows >= ROWS) {
    const page = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const find = (part) => resources.find((entry) => entry.name.includes(part)) || {};
    window.smcvFirstRows = {
      at: performance.now(),
      bytes: [page, ...resources].reduce((sum, entry) => sum + entry.transferSize, 0),
      html: page.responseEnd,
      wasm: find('.wasm').responseEnd,
      apiStart: find('/api/').startTime,
      apiEnd: find('/api/').responseEnd,
      started: window.smcvStarted,
    };
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"#;

/// Answers once the watcher has seen the rows.
const RESULT: &str = r#"
const done = arguments[arguments.length - 1];
const poll = () => window.smcvFirstRows ? done(window.smcvFirstRows) : setTimeout(poll, 20);
poll();
"#;

/// One measured visit: when the rows arrived and what came before, in milliseconds since
/// navigation began.
struct Visit {
    millis: f64,
    bytes: f64,
    /// The page's HTML fully received.
    html: f64,
    /// The wasm module fully received.
    wasm: f64,
    /// The wasm instantiated and its `main` run (Trunk's `TrunkApplicationStarted`).
    started: f64,
    /// The first API call sent and answered.
    api: (f64, f64),
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("RUNS is a number"))
        .unwrap_or(5);
    let stack = Stack::start().await;
    let url = stack.url("/?PageSize=20");
    for (network, conditions) in [
        ("loopback", None),
        ("slow 4G", Some(NetworkConditions::SLOW_4G)),
    ] {
        let mut visits = Vec::new();
        for run in 1..=runs {
            let visit = visit(&url, conditions).await;
            println!(
                "{network:>8} run {run}: {ROWS} rows after {:7.1} ms, {:6.1} KB moved \
                 (HTML {:.0}, wasm {:.0}, started {:.0}, API call {:.0} to {:.0})",
                visit.millis,
                visit.bytes / 1000.0,
                visit.html,
                visit.wasm,
                visit.started,
                visit.api.0,
                visit.api.1
            );
            visits.push(visit);
        }
        let mut times: Vec<f64> = visits.iter().map(|v| v.millis).collect();
        times.sort_by(f64::total_cmp);
        let bytes = visits.first().map_or(0.0, |v| v.bytes);
        println!(
            "{network:>8}: median {:.0} ms over {runs} runs (fastest {:.0}, slowest {:.0}), \
             {:.1} KB moved",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            bytes / 1000.0
        );
    }
}

/// Opens the viewer at `url` in a fresh browser on `conditions` (none: as fast as it goes).
async fn visit(url: &str, conditions: Option<NetworkConditions>) -> Visit {
    let browser = Browser::start().await;
    if let Some(conditions) = conditions {
        browser.emulate_network(conditions).await;
    }
    let watcher = WATCH_ROWS.replace("ROWS", &ROWS.to_string());
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": watcher }),
        )
        .await;
    browser.goto(url).await;
    let result = browser
        .client()
        .execute_async(RESULT, vec![])
        .await
        .expect("the rows arrive");
    browser.close().await;
    let time = |key: &str| result[key].as_f64().unwrap_or(f64::NAN);
    Visit {
        millis: time("at"),
        bytes: time("bytes"),
        html: time("html"),
        wasm: time("wasm"),
        started: time("started"),
        api: (time("apiStart"), time("apiEnd")),
    }
}
