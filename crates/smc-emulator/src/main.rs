//! `smc-emulator`: serve the emulator until Ctrl-C or SIGTERM. The first line on stdout is
//! `listening on http://ADDR:PORT`; scripts read the port from it. Logs go to stderr
//! (`RUST_LOG=debug` shows every call).

use std::process::ExitCode;

use clap::Parser;
use smc_emulator::{Cli, EmulatorError};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    match run(&cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("smc-emulator: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: &Cli) -> Result<(), EmulatorError> {
    let running = cli.builder()?.start().await?;
    println!("listening on http://{}", running.addr());
    let credentials = running.credentials();
    println!("access key id: {}", credentials.access_key_id);
    if cli.uses_demo_credentials() {
        // A local emulator's demo key: printing it is the point.
        println!(
            "access key secret: {} (demo credentials of this emulator, not a real secret)",
            credentials.access_key_secret.expose()
        );
    }
    if credentials.security_token.is_some() {
        println!("security token: required on every call");
    }
    let view = running.state().view();
    match view.seed {
        Some(seed) => println!("jobs: {} generated from seed {seed}", view.jobs),
        None => println!("jobs: {} from the data file", view.jobs),
    }
    if cli.control {
        println!("control API: http://{}/_emulator/state", running.addr());
    }
    if !running.addr().ip().is_loopback() {
        tracing::warn!(
            "listening beyond loopback: anyone who can reach this port can call the emulator"
        );
    }
    smc_emulator::server::stop_signal().await;
    running.shutdown().await
}
