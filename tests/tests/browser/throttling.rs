//! Throttling: the viewer says it is slowing down, counts down, keeps its rows (never an
//! empty table, never the error banner) and fetches again by itself.

use smc_e2e::{Browser, Stack};
use smc_emulator::FaultRule;

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
    let first = viewer
        .wait_for("the throttling banner", THROTTLED)
        .await
        .as_str()
        .expect("text")
        .to_owned();
    let seconds: u32 = first
        .strip_prefix("Slowing down, retrying in ")
        .and_then(|rest| rest.strip_suffix(" s"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a countdown: {first}"));
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
