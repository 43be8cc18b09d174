//! Chromium and chromedriver from Debian, for the wasm tests that run in a headless browser.

use std::path::Path;

use super::run_all;
use crate::cmd::Cmd;

/// The browser the wasm tests run in.
const CHROMIUM: &str = "/usr/bin/chromium";
/// The WebDriver server `wasm-bindgen-test-runner` drives Chromium through.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The Debian packages that provide [`CHROMIUM`] and [`CHROMEDRIVER`].
const PACKAGES: [&str; 2] = ["chromium", "chromium-driver"];

/// Installs Chromium and chromedriver with apt when either is missing.
///
/// Only root can run apt; anyone else gets the command to run instead of a failed `sudo`
/// prompt in the middle of a build.
pub fn chromium(root: &Path) -> Result<(), String> {
    let absent = missing(&[CHROMIUM, CHROMEDRIVER]);
    if absent.is_empty() {
        println!("    chromium, chromedriver: already installed ({CHROMIUM}, {CHROMEDRIVER})");
        return Ok(());
    }
    let absent = absent.join(" and ");
    if !is_root(root) {
        return Err(not_root(&absent));
    }
    println!("    chromium, chromedriver: {absent} missing, installing");
    let apt = |args: &[&str]| {
        Cmd::new("apt-get")
            .args(args.iter().copied())
            .env("DEBIAN_FRONTEND", "noninteractive")
    };
    let install: Vec<&str> = ["install", "-y"].into_iter().chain(PACKAGES).collect();
    run_all(root, &[apt(&["update"]), apt(&install)])?;
    let still_missing = missing(&[CHROMIUM, CHROMEDRIVER]);
    if still_missing.is_empty() {
        println!("    chromium, chromedriver: installed");
        Ok(())
    } else {
        Err(format!(
            "after apt-get install, {} still missing",
            still_missing.join(" and ")
        ))
    }
}

/// The error for a user who cannot run apt: what is missing and the command that installs it.
fn not_root(absent: &str) -> String {
    format!(
        "{absent} missing, and only root can install it. Run:\n    \
         sudo apt-get update && sudo apt-get install -y {}",
        PACKAGES.join(" ")
    )
}

/// The paths among `paths` that do not exist.
fn missing<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    paths
        .iter()
        .copied()
        .filter(|path| !Path::new(path).exists())
        .collect()
}

/// Whether xtask runs as root (`id -u` is 0).
fn is_root(root: &Path) -> bool {
    Cmd::new("id")
        .args(["-u"])
        .stdout(root)
        .is_some_and(|uid| uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_root_names_what_is_missing_and_the_apt_command() {
        let message = not_root("/usr/bin/chromedriver");
        assert!(
            message.starts_with("/usr/bin/chromedriver missing"),
            "{message}"
        );
        assert!(
            message.contains(
                "sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
            ),
            "{message}"
        );
    }

    #[test]
    fn missing_keeps_only_absent_paths() {
        let absent = missing(&["/", "/xtask/no/such/path"]);
        assert_eq!(absent, ["/xtask/no/such/path"]);
    }
}
