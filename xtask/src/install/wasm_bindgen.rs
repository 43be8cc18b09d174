//! wasm-bindgen-cli (`wasm-bindgen` and `wasm-bindgen-test-runner`), at the exact version of
//! the `wasm-bindgen` library in `Cargo.lock`: the two refuse to work together otherwise.

use std::fs;
use std::path::Path;

use super::{ensure, version::named_version};
use crate::cmd::Cmd;
use crate::lockfile;

/// Installs wasm-bindgen-cli at `Cargo.lock`'s `wasm-bindgen` version unless both of its
/// binaries already report that version.
pub fn wasm_bindgen_cli(root: &Path) -> Result<(), String> {
    let lock_path = root.join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .map_err(|e| format!("could not read {}: {e}", lock_path.display()))?;
    let wanted = lockfile::package_version(&lock, "wasm-bindgen")?;
    // Not `--locked`: installing with wasm-bindgen-cli's own lock file fails.
    let install = Cmd::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]);
    ensure(
        root,
        "wasm-bindgen-cli",
        &wanted,
        || probe(root),
        &[install],
    )
}

/// The installed version, when both binaries agree on it; otherwise a description of the
/// mismatch, which never equals a wanted version and so triggers a reinstall.
fn probe(root: &Path) -> Option<String> {
    let cli = installed_version(root, "wasm-bindgen")?;
    let runner = installed_version(root, "wasm-bindgen-test-runner")?;
    Some(if cli == runner {
        cli
    } else {
        format!("{cli} (but wasm-bindgen-test-runner {runner})")
    })
}

fn installed_version(root: &Path, binary: &str) -> Option<String> {
    let output = Cmd::new(binary).args(["--version"]).stdout(root)?;
    named_version(&output, binary).map(str::to_owned)
}
