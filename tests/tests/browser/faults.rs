//! Upstream failures: the error banner shows Code and RequestId while the last good rows
//! stay; Retry recovers once the fault is gone. Throttling has its own banner and retries
//! by itself: see `throttling.rs`.

use std::time::Duration;

use smc_e2e::stack::UPSTREAM_TIMEOUT;
use smc_e2e::{Browser, Stack};
use smc_emulator::FaultRule;

#[tokio::test]
async fn faults_show_the_error_banner_over_the_last_rows_and_retry_recovers() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;

    let faults = [
        (
            FaultRule::error(403, "Forbidden.Unauthorized"),
            "Forbidden.Unauthorized",
        ),
        (FaultRule::error(500, "InternalError"), "InternalError"),
        (
            FaultRule::delay((UPSTREAM_TIMEOUT + Duration::from_secs(2)).as_millis() as u64),
            "Proxy.UpstreamTimeout",
        ),
    ];
    for (index, (rule, code)) in faults.into_iter().enumerate() {
        stack.set_faults(vec![rule]);
        viewer.click("Refresh").await;
        let banner = viewer
            .wait_for(
                &format!("the {code} banner"),
                &format!(
                    "!busy() && banner()?.includes({}) && banner()",
                    serde_json::json!(code)
                ),
            )
            .await;
        let banner = banner.as_str().unwrap().to_owned();
        assert!(banner.contains("Request ID"), "{banner}");
        let request_id = viewer
            .eval(
                "[...root.querySelectorAll('.smcv-banner--error dt')]
                   .find((dt) => text(dt) === 'Request ID')?.nextElementSibling.textContent",
            )
            .await;
        let request_id = request_id.as_str().unwrap_or_default();
        assert!(request_id.len() >= 8, "a RequestId in {banner}");
        // The last good data stays visible under the banner.
        assert_eq!(
            viewer.rows().await,
            rows,
            "rows kept under the {code} banner"
        );
        if index == 0 {
            browser.screenshot("error").await;
        }
        stack.clear_faults();
        viewer.click("Retry").await;
        viewer
            .wait_for("the banner to go", "!busy() && !banner()")
            .await;
        assert_eq!(viewer.rows().await, rows);
    }
    browser.close().await;
}
