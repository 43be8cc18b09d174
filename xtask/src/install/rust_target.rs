//! The `wasm32-unknown-unknown` standard library and the standard library's sources,
//! through rustup.

use std::path::Path;

use super::ensure;
use crate::cmd::Cmd;

/// The target the browser code and its tests compile to.
pub const WASM32: &str = "wasm32-unknown-unknown";

/// The rustup component with the standard library's sources: the release bundle rebuilds
/// std for size from them (`-Z build-std`, see the README's web bundle section).
pub const RUST_SRC: &str = "rust-src";

/// Adds the [`WASM32`] target and the [`RUST_SRC`] component unless
/// `rustup target list --installed` and `rustup component list --installed` already list
/// them.
pub fn wasm32_target(root: &Path) -> Result<(), String> {
    let probe = || {
        let installed = Cmd::new("rustup")
            .args(["target", "list", "--installed"])
            .stdout(root)?;
        lists_target(&installed, WASM32).then(|| WASM32.to_owned())
    };
    let install = Cmd::new("rustup").args(["target", "add", WASM32]);
    ensure(root, "rust target", WASM32, probe, &[install])?;

    let probe = || {
        let installed = Cmd::new("rustup")
            .args(["component", "list", "--installed"])
            .stdout(root)?;
        lists_target(&installed, RUST_SRC).then(|| RUST_SRC.to_owned())
    };
    let install = Cmd::new("rustup").args(["component", "add", RUST_SRC]);
    ensure(root, "rust component", RUST_SRC, probe, &[install])
}

/// Whether rustup's `--installed` list output has `name` (a target or a component) on a
/// line of its own.
fn lists_target(installed: &str, name: &str) -> bool {
    installed.lines().any(|line| line.trim() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_target_among_others() {
        let installed = "x86_64-unknown-linux-gnu\nwasm32-unknown-unknown\n";
        assert!(lists_target(installed, WASM32));
    }

    #[test]
    fn finds_the_sources_among_components() {
        let installed =
            "cargo-x86_64-unknown-linux-gnu\nrust-src\nrust-std-wasm32-unknown-unknown\n";
        assert!(lists_target(installed, RUST_SRC));
        assert!(!lists_target(
            "rust-std-x86_64-unknown-linux-gnu\n",
            RUST_SRC
        ));
    }

    #[test]
    fn a_similar_target_is_not_it() {
        let installed = "x86_64-unknown-linux-gnu\nwasm32-unknown-emscripten\nwasm32-wasip1\n";
        assert!(!lists_target(installed, WASM32));
    }
}
