//! The viewer in headless Chromium against smc-proxy and its embedded emulator.
//!
//! Every test starts its own stack (fresh emulator, fixed seed, frozen time) and browser,
//! so tests share nothing and run in any order. What a test expects comes from the API
//! itself (asked through the proxy), never from numbers copied from the generator.
//! Screenshots of the list, a filtered list, details, an error, odd fields, the embed page,
//! the account switcher, the throttling banner, the dark list and the time left go to
//! `target/e2e/`; those of every width, scheme and language to `docs/screenshots/`. Tests
//! of time (the time left, notifications) move the emulator's clock and the page's by hand.

mod accessibility;
mod common;
mod dark_mode;
mod details;
mod embed;
mod export;
mod faults;
mod filters;
mod history;
mod languages;
mod layout;
mod notifications;
mod odd_fields;
mod paging;
mod profiles;
mod screenshots;
mod status_counts;
mod tags;
mod throttling;
mod time_left;
