//! Debian packages installed with apt-get when the files they provide are missing.

use std::path::Path;

use super::run_all;
use crate::cmd::Cmd;

/// Debian packages and the files that show they are installed.
pub struct AptPackages {
    /// What the progress line calls them ("chromium, chromedriver").
    pub name: &'static str,
    /// The files they provide.
    pub files: &'static [&'static str],
    /// The packages.
    pub packages: &'static [&'static str],
}

/// Installs `wanted` with apt when any of its files is missing.
///
/// Only root can run apt; anyone else gets the command to run instead of a failed `sudo`
/// prompt in the middle of a build.
pub fn apt_install(root: &Path, wanted: &AptPackages) -> Result<(), String> {
    let name = wanted.name;
    let absent = missing(wanted.files);
    if absent.is_empty() {
        println!(
            "    {name}: already installed ({})",
            wanted.files.join(", ")
        );
        return Ok(());
    }
    let absent = absent.join(" and ");
    if !is_root(root) {
        return Err(not_root(&absent, wanted.packages));
    }
    println!("    {name}: {absent} missing, installing");
    let apt = |args: &[&str]| {
        Cmd::new("apt-get")
            .args(args.iter().copied())
            .env("DEBIAN_FRONTEND", "noninteractive")
    };
    let install: Vec<&str> = ["install", "-y"]
        .into_iter()
        .chain(wanted.packages.iter().copied())
        .collect();
    run_all(root, &[apt(&["update"]), apt(&install)])?;
    let still_missing = missing(wanted.files);
    if still_missing.is_empty() {
        println!("    {name}: installed");
        Ok(())
    } else {
        Err(format!(
            "after apt-get install, {} still missing",
            still_missing.join(" and ")
        ))
    }
}

/// The error for a user who cannot run apt: what is missing and the command that installs it.
fn not_root(absent: &str, packages: &[&str]) -> String {
    format!(
        "{absent} missing, and only root can install it. Run:\n    \
         sudo apt-get update && sudo apt-get install -y {}",
        packages.join(" ")
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
        let message = not_root("/usr/bin/chromedriver", &["chromium", "chromium-driver"]);
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
