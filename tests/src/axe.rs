//! axe-core in the page: the accessibility findings the tests hold at zero.

use serde_json::Value;

use crate::{paths, Browser};

/// The serious and critical violations axe-core finds in the page as it is now, each as
/// its rule id, impact, help text and up to three of the nodes it names.
pub async fn serious_violations(browser: &Browser) -> Vec<Value> {
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
        panic!("axe failed: {result}");
    };
    violations
        .into_iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect()
}

/// Fails the test, naming `view` and the findings, when axe-core finds a serious or
/// critical violation in the page.
pub async fn assert_no_serious_violations(browser: &Browser, view: &str) {
    let serious = serious_violations(browser).await;
    assert!(
        serious.is_empty(),
        "serious or critical violations on {view}: {}",
        serde_json::to_string_pretty(&serious).unwrap()
    );
}
