//! `cargo xtask test`: the whole check CI runs, as a list of steps.

use std::path::Path;

use crate::bundle;
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
            "wasm32 target, wasm-bindgen-cli at Cargo.lock's version, chromium, chromedriver, \
             trunk, wasm-opt, terser, axe-core",
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
    ];
    steps.extend(WASM_PACKAGES.iter().map(wasm_tests));
    steps.extend([
        Step::call(
            "web build",
            format!(
                "cargo fetch (the workspace's crates and std's), then the size build: \
                 trunk build --release --dist {E2E_DIST} with std rebuilt for size"
            ),
            build_web,
        ),
        Step::call(
            "bundle budget",
            format!("gzip sizes of the bundle in {E2E_DIST}"),
            |root| bundle::check(&root.join(E2E_DIST)),
        ),
        Step::run(
            "browser tests",
            cargo(&["test", "-p", E2E_PACKAGE])
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

/// `-Z build-std`: std is compiled with the app (from the `rust-src` component) instead of
/// taken prebuilt. A nightly option, taken on stable through `RUSTC_BOOTSTRAP=1` and given
/// to these commands alone (a `.cargo/config.toml` `[unstable]` table would reach every
/// build, `fuzz/` too).
const BUILD_STD: [(&str, &str); 2] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
];

/// With [`BUILD_STD`], the size build: std optimized for size; a panic stops the wasm at
/// once (a trap) instead of formatting a message, which drops panic messages, their file
/// names and the formatting code they need from the bundle; and LLVM inlines a little more
/// than at `opt-level = "z"`, where calls that cost more than the bodies they call are
/// left in (0.4 KB less gzip; 6 to 10 give the same bundle, 0 and 13 larger ones).
const SIZE_BUILD: [(&str, &str); 2] = [
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
    (
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=8",
    ),
];

/// Builds the release app as users get it: the size build (see the README's web bundle
/// section). Trunk.toml says `offline = true`, so the crates, std's own included, are
/// fetched first.
fn build_web(root: &Path) -> Result<(), String> {
    let trunk = install::trunk_command(root, &["build", "--release", "--dist", E2E_DIST])?;
    for cmd in [
        cargo(&["fetch"]),
        cargo(&["fetch", "--target", WASM32]).envs(&BUILD_STD),
        trunk.envs(&BUILD_STD).envs(&SIZE_BUILD),
    ] {
        println!("    {cmd}");
        cmd.run(root)?;
    }
    Ok(())
}

/// What the later steps need: the wasm target and test runner, and a browser to run in.
fn install_tools(root: &Path) -> Result<(), String> {
    install::wasm32_target(root)?;
    install::wasm_bindgen_cli(root)?;
    install::chromium(root)?;
    install::trunk(root)?;
    install::wasm_opt(root)?;
    install::npm_package(root, install::TERSER)?;
    install::npm_package(root, install::AXE_CORE)
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
    fn the_readme_gives_the_size_build_as_xtask_runs_it() {
        let readme = include_str!("../../README.md");
        for (key, value) in BUILD_STD.iter().chain(&SIZE_BUILD) {
            let assignment = if value.contains(' ') {
                format!("{key}=\"{value}\"")
            } else {
                format!("{key}={value}")
            };
            assert!(readme.contains(&assignment), "README.md lacks {assignment}");
        }
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
                "wasm tests smc-core",
                "wasm tests smc-web",
                "web build",
                "bundle budget",
                "browser tests"
            ]
        );
    }
}
