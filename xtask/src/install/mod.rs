//! The tools `test` and `dev` need. Each check prints one line saying what it found and
//! installs only what is missing or at the wrong version.

mod apt;
mod chromium;
mod npm_package;
mod python_sdk;
mod redis_server;
mod rust_target;
mod trunk;
mod version;
mod wasm_bindgen;
mod wasm_opt;

pub use chromium::{chromium, CHROMEDRIVER};
pub use npm_package::{npm_package, AXE_CORE};
pub use python_sdk::python_sdk;
pub use redis_server::redis_server;
pub use rust_target::{wasm32_target, WASM32};
pub use trunk::trunk;
pub use wasm_bindgen::wasm_bindgen_cli;
pub use wasm_opt::{trunk_command, wasm_opt};

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;

/// What building the viewer with Trunk needs: the wasm32 target, wasm-bindgen-cli at
/// Cargo.lock's version, Trunk and wasm-opt.
pub fn web_build_tools(root: &Path) -> Result<(), String> {
    wasm32_target(root)?;
    wasm_bindgen_cli(root)?;
    trunk(root)?;
    wasm_opt(root)
}

/// Makes sure `probe` reports `wanted`, running `install` only when it does not.
///
/// `probe` says what is installed now (`None`: nothing usable). It runs again after the
/// install, so a tool that lands somewhere not on `PATH` fails here, not in a later step.
/// Where `npm install --prefix .tools` puts packages (git-ignored, beside the workspace).
fn node_modules(root: &Path) -> PathBuf {
    root.join(".tools").join("node_modules")
}

fn ensure(
    root: &Path,
    tool: &str,
    wanted: &str,
    probe: impl Fn() -> Option<String>,
    install: &[Cmd],
) -> Result<(), String> {
    match probe() {
        Some(found) if found == wanted => {
            println!("    {tool} {wanted}: already installed");
            return Ok(());
        }
        Some(found) => println!("    {tool} {wanted}: found {found}, installing"),
        None => println!("    {tool} {wanted}: not found, installing"),
    }
    run_all(root, install)?;
    match probe() {
        Some(found) if found == wanted => {
            println!("    {tool} {wanted}: installed");
            Ok(())
        }
        found => Err(format!(
            "{tool}: after installing, the version found is {} instead of {wanted} \
             (is the install directory on PATH?)",
            found.as_deref().unwrap_or("none")
        )),
    }
}

/// Runs install commands in order, echoing each one first.
fn run_all(root: &Path, cmds: &[Cmd]) -> Result<(), String> {
    for cmd in cmds {
        println!("    --> {cmd}");
        cmd.run(root)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_wanted_version_skips_the_install() {
        // `false` fails if it runs: the install must not.
        let result = ensure(
            Path::new("."),
            "tool",
            "1.0",
            || Some("1.0".into()),
            &[Cmd::new("false")],
        );
        assert_eq!(result, Ok(()));
    }

    #[test]
    fn another_version_installs_then_checks_again() {
        let probes = Cell::new(0);
        let probe = || {
            probes.set(probes.get() + 1);
            Some(if probes.get() == 1 { "0.9" } else { "1.0" }.to_owned())
        };
        let result = ensure(Path::new("."), "tool", "1.0", probe, &[Cmd::new("true")]);
        assert_eq!(result, Ok(()));
        assert_eq!(probes.get(), 2);
    }

    #[test]
    fn an_install_that_does_not_take_is_an_error() {
        let result = ensure(Path::new("."), "tool", "1.0", || None, &[Cmd::new("true")]);
        let error = result.unwrap_err();
        assert!(error.contains("found is none instead of 1.0"), "{error}");
    }

    #[test]
    fn a_failed_install_is_an_error() {
        let result = ensure(Path::new("."), "tool", "1.0", || None, &[Cmd::new("false")]);
        assert!(result.unwrap_err().contains("`false` failed"));
    }
}
