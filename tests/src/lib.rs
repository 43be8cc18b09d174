//! End-to-end tests of the whole path a person uses: headless Chromium → the release web
//! app → smc-proxy → its embedded smc-emulator.
//!
//! - [`paths`]: where the built app, axe-core, the Python SDKs' venv and the screenshots are.
//! - [`stack`]: the proxy serving the app, on an ephemeral port, with an emulator whose
//!   data and faults a test controls.
//! - [`browser`]: chromedriver and one headless Chromium session, with the waits and
//!   lookups the tests share.
//! - [`axe`]: axe-core's serious findings in the page, which the tests hold at zero.
//!
//! The tests themselves are in `tests/browser/`; `cargo xtask test` builds the app with
//! Trunk first and runs them. `tests/sdk/` drives the official Python SDKs (through
//! `python/sdk_driver.py`) against the emulator, with signature V3 and v1.

pub mod axe;
pub mod browser;
pub mod paths;
pub mod stack;

pub use browser::{Browser, BrowserOptions, ColorScheme};
pub use stack::Stack;
