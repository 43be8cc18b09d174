//! `cargo xtask bench web`: first rows as a new user sees them, on loopback and on slow 4G
//! (tests/examples/first_rows.rs), against the release build. `cargo xtask bench team`: 100
//! viewers refreshing one list through one replica and through two sharing Redis
//! (crates/smc-proxy/examples/team.rs). Benchmarks, not CI gates: their figures go into the
//! README's budgets table.

use std::path::Path;

use crate::cmd::Cmd;
use crate::{build, install};

/// Where the release app is built: the same place `cargo xtask test` builds it.
const DIST: &str = "target/e2e-dist";
/// Runs per network, of which the median is reported.
const RUNS: &str = "5";

/// Installs what the benchmark needs, builds the release app, and runs the benchmark.
pub fn web(root: &Path) -> Result<(), String> {
    println!("==> bench web: tools (wasm32 target, wasm-bindgen-cli, chromium, trunk, wasm-opt)");
    install::web_build_tools(root)?;
    install::chromium(root)?;
    println!("==> bench web: the release app in {DIST}, precompressed");
    build::release(root, Path::new(DIST))?;
    let bench = Cmd::new("cargo")
        .args([
            "run",
            "--release",
            "-p",
            "smc-e2e",
            "--example",
            "first_rows",
            "--",
            RUNS,
        ])
        .env("SMC_E2E_DIST", DIST);
    println!("==> bench web: {bench}");
    bench.run(root)
}

/// Seconds each configuration of the team benchmark runs.
const TEAM_SECONDS: &str = "60";

/// Installs redis-server, then runs the team benchmark in release.
pub fn team(root: &Path) -> Result<(), String> {
    println!("==> bench team: tools (redis-server)");
    install::redis_server(root)?;
    let bench = Cmd::new("cargo").args([
        "run",
        "--release",
        "-p",
        "smc-proxy",
        "--example",
        "team",
        "--",
        TEAM_SECONDS,
    ]);
    println!("==> bench team: {bench}");
    bench.run(root)
}
