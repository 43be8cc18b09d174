//! `cargo xtask dev`: the tools a local session needs, then the processes it runs.
//!
//! The proxy and the web app do not exist yet, so for now `dev` installs the tools and says
//! what it will start; the issues that write them turn each [`Service`] into a process.

use std::path::Path;

use crate::install;

/// A long-running process `dev` will start beside the others.
struct Service {
    name: &'static str,
    /// What it runs, and why.
    describe: String,
}

/// Installs what `dev` needs, then lists the services it will start.
pub fn run(root: &Path) -> Result<(), String> {
    println!("==> dev tools: wasm32 target, wasm-bindgen-cli, trunk, wasm-opt");
    install::wasm32_target(root)?;
    install::wasm_bindgen_cli(root)?;
    install::trunk(root)?;
    install::wasm_opt(root)?;
    println!("==> dev: nothing to start yet. Once the proxy and the web app land, dev starts:");
    for service in services(root)? {
        println!("    {}: {}", service.name, service.describe);
    }
    Ok(())
}

/// The services of a local session, in start order: the web app talks to the proxy.
fn services(root: &Path) -> Result<Vec<Service>, String> {
    let trunk_path = install::trunk_path(root)?;
    Ok(vec![
        Service {
            name: "smc-proxy",
            describe: "smc-proxy serve, answering from the embedded emulator \
                       (signs requests so the browser never holds the AccessKey secret)"
                .to_owned(),
        },
        Service {
            name: "trunk",
            describe: format!(
                "trunk serve, building web/ with PATH={}",
                trunk_path.to_string_lossy()
            ),
        },
    ])
}
