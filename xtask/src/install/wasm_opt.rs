//! wasm-opt, which Trunk runs on release builds, from the npm package `binaryen` installed
//! into the git-ignored `.tools/` folder: no system package, no download at build time.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::ensure;
use crate::cmd::Cmd;

/// The binaryen release; wasm-opt reports its major number as its version.
const BINARYEN_PACKAGE: &str = "binaryen@132.0.0";
const WASM_OPT_VERSION: &str = "132";

/// Installs binaryen into `.tools/` unless `.tools/node_modules/.bin/wasm-opt --version`
/// already reports [`WASM_OPT_VERSION`].
pub fn wasm_opt(root: &Path) -> Result<(), String> {
    let wasm_opt = tools_bin(root).join("wasm-opt");
    let probe = || {
        let output = Cmd::new(&wasm_opt.to_string_lossy())
            .args(["--version"])
            .stdout(root)?;
        wasm_opt_version(&output).map(str::to_owned)
    };
    let install = Cmd::new("npm").args(["install", "--prefix", ".tools", BINARYEN_PACKAGE]);
    ensure(root, "wasm-opt", WASM_OPT_VERSION, probe, &[install])
}

/// `trunk ARGS…` with the pinned wasm-opt first on `PATH` (see [`trunk_path`]) and no
/// update check.
pub fn trunk_command(root: &Path, args: &[&str]) -> Result<Cmd, String> {
    Ok(Cmd::new("trunk")
        .args(args.iter().copied())
        .env("PATH", trunk_path(root)?)
        .env("TRUNK_SKIP_VERSION_CHECK", "true"))
}

/// The `PATH` to run Trunk with: `.tools/node_modules/.bin` first, so Trunk finds the
/// wasm-opt installed by [`wasm_opt`] rather than one elsewhere or a download.
fn trunk_path(root: &Path) -> Result<OsString, String> {
    let inherited = env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(tools_bin(root)).chain(env::split_paths(&inherited));
    env::join_paths(dirs).map_err(|e| format!("cannot build PATH for trunk: {e}"))
}

/// Where npm puts the binaries of packages installed with `--prefix .tools`.
fn tools_bin(root: &Path) -> PathBuf {
    super::node_modules(root).join(".bin")
}

/// The version in `wasm-opt --version` output, `wasm-opt version 132 (version_132)`.
fn wasm_opt_version(output: &str) -> Option<&str> {
    output
        .lines()
        .next()?
        .strip_prefix("wasm-opt version ")?
        .split_whitespace()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_number() {
        assert_eq!(
            wasm_opt_version("wasm-opt version 132 (version_132)\n"),
            Some("132")
        );
        assert_eq!(wasm_opt_version("wasm-opt version 116"), Some("116"));
    }

    #[test]
    fn other_output_has_no_version() {
        assert_eq!(wasm_opt_version("wasm-bindgen 0.2.130"), None);
        assert_eq!(wasm_opt_version(""), None);
    }

    #[test]
    fn trunk_path_puts_the_tools_first() {
        let root = Path::new("/work/project");
        let path = trunk_path(root).unwrap();
        let first = env::split_paths(&path).next().unwrap();
        assert_eq!(first, Path::new("/work/project/.tools/node_modules/.bin"));
    }
}
