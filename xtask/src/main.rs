//! `cargo xtask <command>`: the project's build tasks, in Rust so they need nothing but
//! cargo. See the README for what each command does.

mod bench;
mod build;
mod bundle;
mod cmd;
mod compress;
mod dev;
mod install;
mod lockfile;
mod pipeline;
mod test;

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  test   install missing tools, then run fmt, clippy (native and browser), native
         tests, wasm tests, the web build and its bundle budget, and the browser tests
  dev    install missing tools, then run the viewer on the embedded emulator
         (smc-proxy + trunk serve) and print the URL; Ctrl-C stops both
  build  install missing tools, then build the release viewer into dist/ with a brotli
         and a gzip copy of each file (what `smc-proxy serve --static dist` serves), and
         print the bundle's sizes against its budget
  install python-sdk
         make the venv .tools/python-sdk with the official Python SDKs the SDK
         tests drive (pinned; skipped when they are there)
  bench web
         build the release viewer, then measure in a fresh headless Chromium the time
         to the first ten rows on loopback and on slow 4G (median of 5)
  bench team
         100 viewers refreshing one list every 10 s for 60 s against the emulator with
         200 ms latency, through one replica and two sharing Redis: upstream calls a
         minute and viewer latency";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["test"] => pipeline::run(&root, &test::steps()),
        ["dev"] => dev::run(&root),
        ["build"] => build::run(&root),
        ["bench", "web"] => bench::web(&root),
        ["bench", "team"] => bench::team(&root),
        ["install", "python-sdk"] => install::python_sdk(&root),
        ["help" | "-h" | "--help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root, whatever directory `cargo xtask` was started from: every command
/// runs there.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits one level below the workspace root")
        .to_path_buf()
}
