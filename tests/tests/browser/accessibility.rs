//! axe-core on the list and the details, in both languages and both color schemes: no
//! serious or critical violations.

use smc_e2e::axe::assert_no_serious_violations;
use smc_e2e::Stack;

use crate::common::{browser_in, LANGUAGES, SCHEMES};

#[tokio::test]
async fn list_and_details_have_no_serious_accessibility_violations_in_either_language_or_scheme() {
    let stack = Stack::start().await;
    for lang in LANGUAGES {
        let browser = browser_in(lang).await;
        for scheme in SCHEMES {
            browser.emulate_color_scheme(scheme).await;
            let view = |what: &str| format!("{what} ({lang}, {})", scheme.value());
            browser.goto(&stack.url("/")).await;
            let viewer = browser.viewer();
            let rows = viewer.rows().await;
            viewer.wait_for_counts().await;
            // The viewer speaks the browser's language.
            assert_eq!(
                viewer.eval("root.querySelector('.smcv').lang").await,
                lang,
                "{}",
                view("the list")
            );
            assert_no_serious_violations(&browser, &view("the list")).await;

            browser
                .goto(&stack.url(&format!("/#/jobs/{}", rows[0])))
                .await;
            viewer
                .wait_for(
                    "the details",
                    "!busy() && root.querySelector('.smcv-details .smcv-details__body')",
                )
                .await;
            assert_no_serious_violations(&browser, &view("the details")).await;
        }
        browser.close().await;
    }
}
