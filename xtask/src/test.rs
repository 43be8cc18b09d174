//! `cargo xtask test`: the whole check CI runs, as a list of steps.

use std::path::Path;

use crate::cmd::Cmd;
use crate::install::{self, CHROMEDRIVER, WASM32};
use crate::pipeline::Step;
use crate::{build, bundle};

/// A crate whose tests also run as wasm in headless Chromium.
struct WasmPackage {
    name: &'static str,
    /// Features that switch on the crate's browser-only code, so its tests compile too.
    features: &'static [&'static str],
}

/// Every crate tested in the browser.
const WASM_PACKAGES: &[WasmPackage] = &[
    WasmPackage {
        name: "smc-core",
        features: &["wasm"],
    },
    WasmPackage {
        name: "smc-web",
        features: &[],
    },
];

/// The steps of `cargo xtask test`, in the order they run.
pub fn steps() -> Vec<Step> {
    let mut steps = vec![
        Step::call(
            "install",
            "wasm32 target, wasm-bindgen-cli at Cargo.lock's version, chromium, chromedriver, \
             redis-server, trunk, wasm-opt, axe-core, the official Python SDKs' venv",
            install_tools,
        ),
        Step::run("fmt", cargo(&["fmt", "--all", "--", "--check"])),
        Step::run(
            "clippy",
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                // Lints code behind features too (smc-core's JS API is behind `wasm`).
                "--all-features",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        // The viewer's own configuration: the wasm32 target, and smc-core without its
        // default features, which no other build of the workspace uses.
        Step::run(
            "clippy browser",
            cargo(&[
                "clippy",
                "-p",
                "smc-web",
                "--target",
                WASM32,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        // The browser tests need the release app: they run last, after it is built.
        Step::run(
            "native tests",
            cargo(&["test", "--workspace", "--exclude", E2E_PACKAGE]),
        ),
        // The official Python SDKs against the emulator: V3 and both v1 dialects.
        Step::run(
            "sdk tests",
            cargo(&["test", "-p", E2E_PACKAGE, "--test", "sdk"]),
        ),
    ];
    steps.extend(WASM_PACKAGES.iter().map(wasm_tests));
    steps.extend([
        Step::call(
            "web build",
            format!(
                "cargo fetch, trunk build --release --dist {E2E_DIST}, then a brotli and a \
                 gzip copy of each file beside it"
            ),
            |root| build::release(root, Path::new(E2E_DIST)),
        ),
        Step::call(
            "bundle budget",
            format!(
                "gzip and brotli sizes of the bundle in {E2E_DIST}, against {}",
                bundle::BUDGET_FILE
            ),
            |root| bundle::check(root, &root.join(E2E_DIST)),
        ),
        Step::run(
            "browser tests",
            // The browser tests alone: the SDK tests ran in their own step.
            cargo(&["test", "-p", E2E_PACKAGE, "--lib", "--test", "browser"])
                .env("SMC_E2E_DIST", E2E_DIST)
                .env("CHROMEDRIVER", CHROMEDRIVER),
        ),
    ]);
    steps
}

/// The end-to-end crate (tests/): headless Chromium against the proxy serving the app.
const E2E_PACKAGE: &str = "smc-e2e";
/// Where the release app for the browser tests is built (relative to the workspace root),
/// apart from `dist/` so a developer's own build is left alone.
const E2E_DIST: &str = "target/e2e-dist";

/// What the later steps need: the wasm target and test runner, and a browser to run in.
fn install_tools(root: &Path) -> Result<(), String> {
    install::web_build_tools(root)?;
    install::chromium(root)?;
    install::redis_server(root)?;
    install::npm_package(root, install::AXE_CORE)?;
    install::python_sdk(root)
}

/// The step running one package's tests as wasm in headless Chromium.
///
/// `.cargo/config.toml` makes `wasm-bindgen-test-runner` the runner; it reads the package's
/// `webdriver.json` for the headless browser arguments.
fn wasm_tests(package: &WasmPackage) -> Step {
    let mut args = vec!["test", "-p", package.name, "--target", WASM32];
    let features = package.features.join(",");
    if !features.is_empty() {
        args.extend(["--features", &features]);
    }
    let cmd = cargo(&args)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        // The default 20 s is too short for a cold browser on a busy two-core CI machine.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    Step::run(format!("wasm tests {}", package.name), cmd)
}

fn cargo(args: &[&str]) -> Cmd {
    Cmd::new("cargo").args(args.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_tests_run_in_chromium_with_the_package_features() {
        let step = wasm_tests(&WASM_PACKAGES[0]);
        assert_eq!(step.name, "wasm tests smc-core");
        assert_eq!(
            step.describe,
            "CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
             cargo test -p smc-core --target wasm32-unknown-unknown --features wasm"
        );
    }

    #[test]
    fn checks_run_cheapest_first_after_install() {
        let names: Vec<String> = steps().into_iter().map(|step| step.name).collect();
        assert_eq!(
            names,
            [
                "install",
                "fmt",
                "clippy",
                "clippy browser",
                "native tests",
                "sdk tests",
                "wasm tests smc-core",
                "wasm tests smc-web",
                "web build",
                "bundle budget",
                "browser tests"
            ]
        );
    }
}
