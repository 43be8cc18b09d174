//! `cargo xtask test`: the whole check CI runs, as a list of steps.

use std::path::Path;

use crate::cmd::Cmd;
use crate::install::{self, CHROMEDRIVER, WASM32};
use crate::pipeline::Step;

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
            "wasm32 target, wasm-bindgen-cli at Cargo.lock's version, chromium, chromedriver",
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
        Step::run("native tests", cargo(&["test", "--workspace"])),
    ];
    steps.extend(WASM_PACKAGES.iter().map(wasm_tests));
    // The end-to-end browser tests (tests/) join here, as one more step after the wasm tests.
    steps
}

/// What the later steps need: the wasm target and test runner, and a browser to run in.
fn install_tools(root: &Path) -> Result<(), String> {
    install::wasm32_target(root)?;
    install::wasm_bindgen_cli(root)?;
    install::chromium(root)
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
                "native tests",
                "wasm tests smc-core",
                "wasm tests smc-web"
            ]
        );
    }
}
