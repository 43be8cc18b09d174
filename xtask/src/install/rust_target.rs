//! The `wasm32-unknown-unknown` standard library, through rustup.

use std::path::Path;

use super::ensure;
use crate::cmd::Cmd;

/// The target the browser code and its tests compile to.
pub const WASM32: &str = "wasm32-unknown-unknown";

/// Adds the [`WASM32`] target unless `rustup target list --installed` already lists it.
pub fn wasm32_target(root: &Path) -> Result<(), String> {
    let probe = || {
        let installed = Cmd::new("rustup")
            .args(["target", "list", "--installed"])
            .stdout(root)?;
        lists_target(&installed, WASM32).then(|| WASM32.to_owned())
    };
    let install = Cmd::new("rustup").args(["target", "add", WASM32]);
    ensure(root, "rust target", WASM32, probe, &[install])
}

/// Whether rustup's `--installed` list output has `name` on a line of its own.
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
    fn a_similar_target_is_not_it() {
        let installed = "x86_64-unknown-linux-gnu\nwasm32-unknown-emscripten\nwasm32-wasip1\n";
        assert!(!lists_target(installed, WASM32));
    }
}
