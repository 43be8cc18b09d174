//! `cargo xtask dev`: the tools a local session needs, then the viewer on the embedded
//! emulator: `smc-proxy serve --emulator` with two profiles (two emulator accounts, so the
//! account switcher shows) and `trunk serve`, stopped together.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::cmd::Cmd;
use crate::install;

/// Where the proxy listens: Trunk.toml's `[[proxy]]` backend points here.
const PROXY_LISTEN: &str = "127.0.0.1:8787";
/// Where `trunk serve` listens (Trunk.toml's `[serve]`).
const VIEWER_URL: &str = "http://127.0.0.1:8080/";
/// The profiles file `dev` writes under `target/`: two accounts of the embedded emulator,
/// each with its own jobs.
const DEV_PROFILES_FILE: &str = "dev-profiles.toml";
const DEV_PROFILES: &str = include_str!("dev-profiles.toml");

/// Installs what is missing, starts the proxy and Trunk, prints the URL, and waits until
/// Ctrl-C (or SIGTERM, or either process ending) stops both.
pub fn run(root: &Path) -> Result<(), String> {
    println!("==> dev tools: wasm32 target, wasm-bindgen-cli, trunk, wasm-opt");
    install::web_build_tools(root)?;

    // Trunk.toml says `offline = true`, so its cargo build needs the crates fetched first.
    println!("==> dev: cargo fetch (Trunk builds offline)");
    Cmd::new("cargo").args(["fetch"]).run(root)?;
    println!("==> dev: building smc-proxy");
    Cmd::new("cargo")
        .args(["build", "-p", "smc-proxy", "--bin", "smc-proxy"])
        .run(root)?;

    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = stop.clone();
    ctrlc::set_handler(move || on_signal.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;

    let profiles = root.join("target").join(DEV_PROFILES_FILE);
    std::fs::create_dir_all(root.join("target"))
        .and_then(|()| std::fs::write(&profiles, DEV_PROFILES))
        .map_err(|e| format!("cannot write {}: {e}", profiles.display()))?;
    let proxy = proxy_command(root);
    println!("==> dev: {proxy}");
    let mut proxy = proxy.spawn(root, true)?;
    let proxy_url = match read_listening_line(&mut proxy) {
        Ok(url) => url,
        Err(error) => {
            let _ = proxy.kill();
            let _ = proxy.wait();
            return Err(format!(
                "smc-proxy did not start ({error}); is {PROXY_LISTEN} already in use?"
            ));
        }
    };
    println!(
        "==> dev: smc-proxy listening on {proxy_url} (embedded emulator, demo data in two \
         accounts: profiles demo and second)"
    );

    let trunk = install::trunk_command(root, &["serve"])?;
    println!("==> dev: {trunk}");
    let trunk = match trunk.spawn(root, false) {
        Ok(child) => child,
        Err(error) => {
            let _ = proxy.kill();
            let _ = proxy.wait();
            return Err(error);
        }
    };
    println!(
        "==> dev: open {VIEWER_URL} once Trunk prints that it is serving \
         (the first build takes a minute). Ctrl-C stops both."
    );
    supervise(vec![("smc-proxy", proxy), ("trunk", trunk)], &stop)
}

/// The proxy on the port Trunk.toml forwards `/api/` to, always on the embedded emulator
/// (even when the shell has credentials: `dev` is the demo, not an account), with the
/// profiles of [`DEV_PROFILES`].
fn proxy_command(root: &Path) -> Cmd {
    let target = root.join("target");
    let binary = target.join("debug").join("smc-proxy");
    let profiles = target.join(DEV_PROFILES_FILE);
    Cmd::new(&binary.to_string_lossy()).args([
        "serve",
        "--emulator",
        "--listen",
        PROXY_LISTEN,
        "--config",
        &profiles.to_string_lossy(),
    ])
}

/// Reads the proxy's first stdout line, `listening on http://ADDR:PORT`, then keeps
/// echoing the rest of its stdout so nothing it prints is lost.
fn read_listening_line(child: &mut Child) -> Result<String, String> {
    let stdout = child.stdout.take().ok_or("its stdout is not captured")?;
    let mut lines = BufReader::new(stdout).lines();
    let first = match lines.next() {
        Some(Ok(line)) => line,
        Some(Err(e)) => return Err(format!("reading its output: {e}")),
        None => return Err("it exited before printing its address".to_owned()),
    };
    let url = listening_url(&first)
        .ok_or_else(|| format!("its first line was {first:?}"))?
        .to_owned();
    thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            println!("{line}");
        }
    });
    Ok(url)
}

/// The URL in `listening on http://127.0.0.1:8787`.
fn listening_url(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("listening on ")
        .filter(|url| url.starts_with("http://"))
}

/// Waits until a signal arrives or a child ends, then stops every child and waits for it.
fn supervise(mut children: Vec<(&str, Child)>, stop: &AtomicBool) -> Result<(), String> {
    let mut ended = None;
    while ended.is_none() && !stop.load(Ordering::SeqCst) {
        for (name, child) in &mut children {
            if let Ok(Some(status)) = child.try_wait() {
                ended = Some(format!("{name} exited ({status})"));
                break;
            }
        }
        thread::sleep(Duration::from_millis(200));
    }
    for (_, child) in &mut children {
        // A terminal's Ctrl-C already reached them (same process group); SIGTERM to xtask
        // or a child exiting on its own did not, so stop the rest here.
        let _ = child.kill();
        let _ = child.wait();
    }
    match ended {
        Some(reason) if !stop.load(Ordering::SeqCst) => Err(format!("{reason}; stopped the rest")),
        _ => {
            println!("==> dev: stopped smc-proxy and trunk");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_url_from_the_listening_line() {
        assert_eq!(
            listening_url("listening on http://127.0.0.1:8787\n"),
            Some("http://127.0.0.1:8787")
        );
        assert_eq!(listening_url("error: address in use"), None);
        assert_eq!(listening_url("listening on 127.0.0.1:8787"), None);
    }

    #[test]
    fn the_proxy_listens_where_trunk_forwards_api_calls() {
        let trunk_toml = include_str!("../../Trunk.toml");
        let backend = format!("backend = \"http://{PROXY_LISTEN}/api/\"");
        assert!(trunk_toml.contains(&backend), "Trunk.toml lacks {backend}");
        let port = VIEWER_URL.trim_end_matches('/').rsplit(':').next().unwrap();
        assert!(trunk_toml.contains(&format!("port = {port}")));
        let proxy = proxy_command(Path::new("/repo")).to_string();
        assert_eq!(
            proxy,
            format!(
                "/repo/target/debug/smc-proxy serve --emulator --listen {PROXY_LISTEN} \
                 --config /repo/target/{DEV_PROFILES_FILE}"
            )
        );
        assert_eq!(DEV_PROFILES.matches("[profiles.").count(), 2);
    }

    #[test]
    fn a_child_that_exits_stops_the_others() {
        let root = Path::new(".");
        let quick = Cmd::new("true").spawn(root, false).unwrap();
        let slow = Cmd::new("sleep").args(["30"]).spawn(root, false).unwrap();
        let stop = AtomicBool::new(false);
        let started = std::time::Instant::now();
        let error = supervise(vec![("quick", quick), ("slow", slow)], &stop).unwrap_err();
        assert!(error.starts_with("quick exited"), "{error}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
