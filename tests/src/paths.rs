//! Where the tests find what they need and leave what they make.

use std::path::{Path, PathBuf};

/// The workspace root (this crate sits in `tests/`).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits one level below the workspace root")
}

/// The release build of the web app: `SMC_E2E_DIST` (relative to the workspace root), or
/// the workspace's `dist/`.
///
/// It must hold a build: a missing one fails the test with the command that makes it,
/// rather than testing whatever stale files happen to be around.
pub fn dist() -> PathBuf {
    let dir = std::env::var_os("SMC_E2E_DIST")
        .map(|dir| workspace_root().join(dir))
        .unwrap_or_else(|| workspace_root().join("dist"));
    for file in [
        "index.html",
        "smc-viewer.js",
        "smc-viewer_bg.wasm",
        "embed.html",
    ] {
        assert!(
            dir.join(file).is_file(),
            "{} has no {file}: build the app first (`cargo xtask test` does, or \
             `PATH=$PWD/.tools/node_modules/.bin:$PATH trunk build --release`)",
            dir.display()
        );
    }
    dir
}

/// axe-core's browser bundle, installed by `cargo xtask test` into `.tools/`.
pub fn axe_core() -> PathBuf {
    let path = std::env::var_os("SMC_E2E_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            workspace_root()
                .join(".tools")
                .join("node_modules")
                .join("axe-core")
                .join("axe.min.js")
        });
    assert!(
        path.is_file(),
        "{} is missing: `cargo xtask test` installs it (npm install --prefix .tools axe-core)",
        path.display()
    );
    path
}

/// The Python of the official SDKs' venv (`.tools/python-sdk`), which
/// `cargo xtask install python-sdk` (and `cargo xtask test`) makes; `SMC_E2E_PYTHON_SDK`
/// names another.
pub fn python_sdk() -> PathBuf {
    let path = std::env::var_os("SMC_E2E_PYTHON_SDK")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            workspace_root()
                .join(".tools")
                .join("python-sdk")
                .join("bin")
                .join("python3")
        });
    assert!(
        path.is_file(),
        "{} is missing: `cargo xtask install python-sdk` makes the venv with the pinned \
         official SDKs (python3 -m venv .tools/python-sdk, then its pip install)",
        path.display()
    );
    path
}

/// The script that drives an official Python SDK: `tests/python/sdk_driver.py`.
pub fn sdk_driver() -> PathBuf {
    workspace_root()
        .join("tests")
        .join("python")
        .join("sdk_driver.py")
}

/// Where screenshots go: `target/e2e/`.
pub fn artifacts() -> PathBuf {
    let dir = workspace_root().join("target").join("e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e can be created");
    dir
}
