//! Dark mode: the viewer follows a dark `prefers-color-scheme` through its CSS variables
//! (a portal's own `--smcv-*` still wins), passes axe there (the list and a failed job's
//! details), and the "Light" theme of the preferences overrides it, also after a reload.

use serde_json::json;
use smc_core::{DescribeReplicationJobs, Status};
use smc_e2e::axe::assert_no_serious_violations;
use smc_e2e::browser::{BrowserOptions, ColorScheme, Viewer};
use smc_e2e::{Browser, Stack};

use crate::common::job_ids;

/// The viewer's background brightness, 0 (black) to 1 (white).
const BRIGHTNESS: &str = "(() => {
  const [r, g, b] = getComputedStyle(root.querySelector('.smcv')).backgroundColor
    .match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
})()";

async fn brightness(viewer: &Viewer<'_>) -> f64 {
    viewer.eval(BRIGHTNESS).await.as_f64().expect("a number")
}

#[tokio::test]
async fn a_dark_scheme_darkens_the_viewer_and_the_light_theme_overrides_it_across_reloads() {
    let stack = Stack::start().await;
    let browser = Browser::start().await;
    browser.emulate_color_scheme(ColorScheme::Dark).await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    let rows = viewer.rows().await;
    viewer.wait_for_counts().await;

    let dark = brightness(&viewer).await;
    assert!(dark < 0.2, "background brightness {dark}");
    assert_eq!(
        viewer
            .eval("getComputedStyle(root.querySelector('.smcv')).colorScheme")
            .await,
        json!("dark"),
        "form controls and scrollbars follow"
    );
    assert_no_serious_violations(&browser, "the list in dark mode").await;
    browser.screenshot("dark-list").await;
    // A failed job's details: the problem's tint, the hints, the raw JSON.
    let failed = stack
        .page(&DescribeReplicationJobs {
            status: Some(Status::InError),
            page_size: Some(1),
            ..Default::default()
        })
        .await;
    let failed = job_ids(&failed).pop().unwrap_or_else(|| rows[0].clone());
    browser.goto(&stack.url(&format!("/#/jobs/{failed}"))).await;
    viewer
        .wait_for(
            "the details",
            "!busy() && root.querySelector('.smcv-details section[aria-label=\"Disks\"]')",
        )
        .await;
    assert_no_serious_violations(&browser, "a failed job's details in dark mode").await;
    viewer
        .eval("root.querySelector('.smcv-details').scrollIntoView() ?? true")
        .await;
    browser.screenshot("dark-details").await;

    // A portal's own colour wins over the dark one.
    assert_eq!(
        viewer
            .eval(
                "(() => { const el = root.querySelector('.smcv');
                   el.style.setProperty('--smcv-surface', 'rgb(1, 2, 3)');
                   const background = getComputedStyle(el).backgroundColor;
                   el.style.removeProperty('--smcv-surface');
                   return background; })()"
            )
            .await,
        json!("rgb(1, 2, 3)")
    );

    // The "Light" theme overrides the system's.
    viewer.click("Preferences").await;
    viewer
        .click_css(".smcv-prefs input[type=radio][value=light]")
        .await;
    viewer
        .wait_for("light colours", &format!("{BRIGHTNESS} > 0.8"))
        .await;
    assert_eq!(
        viewer
            .eval("getComputedStyle(root.querySelector('.smcv')).colorScheme")
            .await,
        json!("light")
    );

    // It is remembered.
    browser.goto(&stack.url("/")).await;
    viewer.rows().await;
    let light = brightness(&viewer).await;
    assert!(light > 0.8, "background brightness after a reload {light}");
    assert_eq!(
        viewer
            .eval("root.querySelector('.smcv').dataset.theme")
            .await,
        json!("light")
    );
    browser.close().await;
}

#[tokio::test]
async fn the_chinese_viewer_in_dark_mode_names_its_counts_in_chinese_and_passes_axe() {
    let stack = Stack::start().await;
    let browser = Browser::start_with(BrowserOptions {
        lang: Some("zh-CN"),
        ..BrowserOptions::default()
    })
    .await;
    browser.emulate_color_scheme(ColorScheme::Dark).await;
    browser.goto(&stack.url("/")).await;
    let viewer = browser.viewer();
    viewer.rows().await;
    viewer.wait_for_counts().await;
    assert!(brightness(&viewer).await < 0.2);
    assert_eq!(
        viewer
            .eval(
                "[root.querySelector('.smcv-status-counts').getAttribute('aria-label'),
                  ...[...root.querySelectorAll('.smcv-status-count__label')].map(text)]"
            )
            .await,
        json!([
            "各状态的迁移任务数",
            "未开始",
            "运行中",
            "已暂停",
            "错误",
            "已完成",
            "等待运行",
            "已过期",
            "删除中"
        ])
    );
    assert_no_serious_violations(&browser, "the Chinese list in dark mode").await;
    browser.screenshot("dark-list-zh").await;
    browser.close().await;
}
