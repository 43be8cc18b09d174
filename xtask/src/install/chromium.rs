//! Chromium and chromedriver from Debian, for the wasm tests that run in a headless browser.

use std::path::Path;

use super::apt::{apt_install, AptPackages};

/// The browser the wasm tests run in.
const CHROMIUM: &str = "/usr/bin/chromium";
/// The WebDriver server `wasm-bindgen-test-runner` drives Chromium through.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs Chromium and chromedriver with apt when either is missing.
pub fn chromium(root: &Path) -> Result<(), String> {
    apt_install(
        root,
        &AptPackages {
            name: "chromium, chromedriver",
            files: &[CHROMIUM, CHROMEDRIVER],
            packages: &["chromium", "chromium-driver"],
        },
    )
}
