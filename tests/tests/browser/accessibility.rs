//! axe-core on the list and the details: no serious or critical violations.

use serde_json::Value;
use smc_e2e::{paths, Browser, Stack};

#[tokio::test]
async fn list_and_details_have_no_serious_accessibility_violations() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;
    assert_no_serious_violations(&browser, "the list").await;

    browser
        .goto(&stack.url(&format!("/#/jobs/{}", rows[0])))
        .await;
    viewer
        .wait_for(
            "the details",
            "!busy() && root.querySelector('.smcv-details section[aria-label=\"Disks\"]')",
        )
        .await;
    assert_no_serious_violations(&browser, "the details").await;
    browser.close().await;
}

pub async fn assert_no_serious_violations(browser: &Browser, view: &str) {
    let axe = std::fs::read_to_string(paths::axe_core()).expect("axe-core's bundle");
    // WebDriver scripts run outside the page's Content-Security-Policy.
    browser
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await;
    let result = browser
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations.map((v) => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))))
               .catch((e) => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe runs");
    let Value::Array(violations) = result else {
        panic!("axe failed on {view}: {result}");
    };
    let serious: Vec<&Value> = violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(
        serious.is_empty(),
        "serious or critical violations on {view}: {}",
        serde_json::to_string_pretty(&serious).unwrap()
    );
}
