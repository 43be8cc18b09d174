//! `smc-emulator`: serve the emulator until Ctrl-C or SIGTERM. The first line on stdout is
//! `listening on http://ADDR:PORT`; scripts read the port from it. Logs go to stderr
//! (`RUST_LOG=debug` shows every call).

use std::io::Write;
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

/// Writes a line of the startup banner to stdout. A reader may close stdout once it has
/// what it wants (a script that reads the address, `| head -1`, a supervisor going away):
/// a failed write is ignored and the emulator goes on serving.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

async fn run(cli: &Cli) -> Result<(), EmulatorError> {
    let running = cli.builder()?.start().await?;
    say!("listening on http://{}", running.addr());
    let credentials = running.credentials();
    say!("access key id: {}", credentials.access_key_id);
    if cli.uses_demo_credentials() {
        // A local emulator's demo key: printing it is the point.
        say!(
            "access key secret: {} (demo credentials of this emulator, not a real secret)",
            credentials.access_key_secret.expose()
        );
    }
    if credentials.security_token.is_some() {
        say!("security token: required on every call");
    }
    let view = running.state().view();
    match view.seed {
        Some(seed) => say!("jobs: {} generated from seed {seed}", view.jobs),
        None => say!("jobs: {} from the data file", view.jobs),
    }
    for account in &running.state().accounts()[1..] {
        say!("another account: access key id {}", account.access_key_id);
    }
    if cli.control {
        say!("control API: http://{}/_emulator/state", running.addr());
    }
    if !running.addr().ip().is_loopback() {
        tracing::warn!(
            "listening beyond loopback: anyone who can reach this port can call the emulator"
        );
    }
    smc_emulator::server::stop_signal().await;
    running.shutdown().await
}
