//! Throttling: the viewer says it is slowing down, counts down, keeps its rows (never an
//! empty table, never the error banner) and fetches again by itself, whether the proxy's
//! own rate limit or upstream's throttling holds it back.

use smc_e2e::browser::Viewer;
use smc_e2e::{Browser, Stack};
use smc_emulator::FaultRule;
use smc_proxy::sharing::rate::Rate;

/// The throttling banner's text, or null.
const THROTTLED: &str = "text(root.querySelector('.smcv-banner--throttled'))";

#[tokio::test]
async fn throttled_calls_show_a_countdown_over_the_rows_and_retry_by_themselves() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;

    // Upstream throttles every call; the proxy relays it as a throttling answer that says
    // how long to wait.
    stack.set_faults(vec![FaultRule {
        message: "Request was denied due to user flow control; retry in 2 s".into(),
        ..FaultRule::error(400, "Throttling.User")
    }]);
    viewer.click("Refresh").await;
    let (first, seconds) = countdown(&viewer).await;
    assert!(seconds >= 1, "{first}");
    assert_eq!(
        viewer.eval("rows()").await,
        serde_json::json!(rows),
        "rows kept"
    );
    assert_eq!(viewer.eval("banner()").await, serde_json::Value::Null);

    // It retries by itself, and is throttled again while the fault lasts.
    let calls = stack.api_calls().await;
    viewer
        .wait_for(
            "a retry",
            &format!(
                "!{THROTTLED} || {THROTTLED} !== {}",
                serde_json::json!(first)
            ),
        )
        .await;
    let waited = std::time::Instant::now();
    while stack.api_calls().await == calls {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(10),
            "no call was sent again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        viewer.eval("rows()").await,
        serde_json::json!(rows),
        "rows kept"
    );
    browser.screenshot("throttled").await;

    // Once upstream answers again, the banner goes and the rows stay.
    stack.clear_faults();
    viewer
        .wait_for(
            "the banner to go",
            &format!("!busy() && !{THROTTLED} && !banner()"),
        )
        .await;
    assert_eq!(viewer.rows().await, rows);
    browser.close().await;
}

#[tokio::test]
async fn the_proxys_rate_limit_holds_while_the_viewer_counts_down_over_its_rows() {
    // One upstream call every five seconds: the first page uses it, a refresh right after
    // waits longer than the proxy queues a call, so it is answered 429 with Retry-After.
    let stack = Stack::with_rate(Rate::per_second(0.2)).await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;

    viewer.click("Refresh").await;
    let (first, seconds) = countdown(&viewer).await;
    assert!((2..=5).contains(&seconds), "{first}");
    assert_eq!(
        viewer.eval("rows()").await,
        serde_json::json!(rows),
        "rows kept"
    );
    assert_eq!(viewer.eval("banner()").await, serde_json::Value::Null);
    // It counts down.
    viewer
        .wait_for(
            "the countdown",
            &format!(
                "{THROTTLED} === {}",
                serde_json::json!(format!("Slowing down, retrying in {} s", seconds - 1))
            ),
        )
        .await;
    assert_eq!(
        viewer.eval("rows()").await,
        serde_json::json!(rows),
        "rows kept"
    );

    // At zero it fetches again, within the rate, and the banner goes.
    viewer
        .wait_for(
            "the retried page",
            &format!("!busy() && !{THROTTLED} && !banner() && rows().length > 0"),
        )
        .await;
    assert_eq!(viewer.rows().await, rows);
    browser.close().await;
}

/// The throttling banner's text once it shows, and the seconds it counts down from.
async fn countdown(viewer: &Viewer<'_>) -> (String, u32) {
    let text = viewer
        .wait_for("the throttling banner", THROTTLED)
        .await
        .as_str()
        .expect("text")
        .to_owned();
    let seconds = text
        .strip_prefix("Slowing down, retrying in ")
        .and_then(|rest| rest.strip_suffix(" s"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a countdown: {text}"));
    (text, seconds)
}
