//! The screenshots in `docs/screenshots/`: the list at 360, 768 and 1440 px, light and
//! dark, in English and Chinese (`<width>-<scheme>-<lang>.png`), and at 1440 px the details
//! open beside it (`1440-<scheme>-<lang>-details.png`). Every run makes them again, so
//! they show the viewer as it is.

use std::path::PathBuf;

use smc_e2e::{paths, Browser, Stack};

use crate::common::{browser_in, LANGUAGES, SCHEMES};

/// The widths shown, with a screen's height at each.
const SCREENS: [(u32, u32); 3] = [(360, 740), (768, 1024), (1440, 900)];

fn screenshot_path(name: &str) -> PathBuf {
    let dir = paths::workspace_root().join("docs").join("screenshots");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir.join(format!("{name}.png"))
}

async fn save(browser: &Browser, name: &str) {
    // Fonts and the last layout settle before the picture.
    browser
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
            vec![],
        )
        .await
        .expect("the page settles");
    let png = browser.client().screenshot().await.expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG"),
        "{name}: the screenshot is a PNG"
    );
    let path = screenshot_path(name);
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[tokio::test]
async fn screenshots_of_every_width_scheme_and_language() {
    let stack = Stack::start().await;
    for lang in LANGUAGES {
        let browser = browser_in(lang).await;
        for scheme in SCHEMES {
            browser.emulate_color_scheme(scheme).await;
            for (width, height) in SCREENS {
                browser.emulate_viewport(width, height).await;
                browser.goto(&stack.url("/")).await;
                let viewer = browser.viewer();
                let rows = viewer.rows().await;
                viewer.wait_for_counts().await;
                let name = format!("{width}-{}-{lang}", scheme.value());
                assert_eq!(
                    viewer.eval("innerWidth").await,
                    width,
                    "{name}: the viewport"
                );
                save(&browser, &name).await;
                if width == 1440 {
                    viewer
                        .click_css("table.smcv-table tbody tr .smcv-link")
                        .await;
                    viewer
                        .wait_for(
                            "the details",
                            &format!(
                                "!busy() && root.querySelector('.smcv-details .smcv-details__body') \
                                 && location.hash === '#/jobs/{}'",
                                rows[0]
                            ),
                        )
                        .await;
                    save(&browser, &format!("{name}-details")).await;
                }
            }
        }
        browser.close().await;
    }
}
