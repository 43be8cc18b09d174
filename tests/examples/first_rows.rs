//! Time from navigation to the first rows of the job list, from the browser's Performance
//! API: a budget figure, printed, not a test (speed varies from machine to machine).
//!
//! ```text
//! SMC_E2E_DIST=target/e2e-dist cargo run --release -p smc-e2e --example first_rows [RUNS]
//! ```
//!
//! Each run opens the list and waits for the app's `smcv-first-rows` performance mark, set
//! when the first page of rows is committed to the DOM; its `startTime` is the time since
//! navigation started.

use smc_e2e::{Browser, Stack};

const FIRST_ROWS: &str = r#"
const done = arguments[arguments.length - 1];
const poll = () => {
  const mark = performance.getEntriesByName('smcv-first-rows')[0];
  return mark
    ? done({ rows: mark.startTime,
             load: performance.getEntriesByType('navigation')[0].loadEventEnd })
    : setTimeout(poll, 10);
};
poll();
"#;

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("RUNS is a number"))
        .unwrap_or(10);
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    // One visit first, so the figures are for a browser that has the app cached, as a
    // returning user's is; the first visit is printed too.
    let mut times = Vec::new();
    for run in 0..=runs {
        browser.goto(&stack.url("/?PageSize=20")).await;
        let result = browser
            .client()
            .execute_async(FIRST_ROWS, vec![])
            .await
            .expect("the measuring script runs");
        let rows = result["rows"].as_f64().expect("a time");
        let load = result["load"].as_f64().unwrap_or_default();
        println!(
            "{} load event {load:6.1} ms, first rows {rows:6.1} ms",
            if run == 0 {
                "first visit:"
            } else {
                "revisit:    "
            }
        );
        if run > 0 {
            times.push(rows);
        }
        browser.goto("about:blank").await;
    }
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!(
            "first rows over {} revisits: median {:.1} ms, worst {:.1} ms",
            times.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    browser.close().await;
}
