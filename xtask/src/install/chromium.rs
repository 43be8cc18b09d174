//! Chromium and chromedriver from Debian, for the tests that run in a headless browser,
//! with a Chinese font so the viewer's zh-CN screens show characters, not empty boxes.

use std::path::Path;

use super::apt::{apt_install, AptPackages};

/// The browser the wasm tests run in.
const CHROMIUM: &str = "/usr/bin/chromium";
/// The WebDriver server `wasm-bindgen-test-runner` drives Chromium through.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// WenQuanYi Micro Hei: Simplified Chinese for the zh-CN browser tests and screenshots.
const CHINESE_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Installs Chromium, chromedriver and the Chinese font with apt when any is missing.
pub fn chromium(root: &Path) -> Result<(), String> {
    apt_install(
        root,
        &AptPackages {
            name: "chromium, chromedriver, a Chinese font",
            files: &[CHROMIUM, CHROMEDRIVER, CHINESE_FONT],
            packages: &["chromium", "chromium-driver", "fonts-wqy-microhei"],
        },
    )
}
