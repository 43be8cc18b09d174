//! Trunk, which builds and serves the web app during `dev`.

use std::path::Path;

use super::{ensure, version::named_version};
use crate::cmd::Cmd;

/// The Trunk release the project is built and tested with.
const TRUNK_VERSION: &str = "0.21.14";

/// Installs Trunk [`TRUNK_VERSION`] unless `trunk --version` already reports it.
pub fn trunk(root: &Path) -> Result<(), String> {
    let probe = || {
        let output = Cmd::new("trunk").args(["--version"]).stdout(root)?;
        named_version(&output, "trunk").map(str::to_owned)
    };
    let install =
        Cmd::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
    ensure(root, "trunk", TRUNK_VERSION, probe, &[install])
}
