//! `smc-proxy`: the signing proxy. `serve` prints `listening on http://ADDR:PORT` as its
//! first line on stdout (scripts read the port from it) and where calls go as the second;
//! logs go to stderr. Ctrl-C or SIGTERM stops it, letting calls in flight finish.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use smc_proxy::cli::{Cli, Command, ServeArgs};
use smc_proxy::credentials::Environment;
use smc_proxy::{logging, sign_command, Proxy};

// Every call allocates (headers, the query, the signature, two bodies): mimalloc makes the
// allocator's share of a call's CPU time much smaller than glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(&args).await,
        Command::Sign(args) => sign_command::run(&args, std::io::stdin().lock())
            .map_err(|error| error.to_string())
            .and_then(|output| {
                std::io::stdout()
                    .lock()
                    .write_all(output.as_bytes())
                    .map_err(|error| format!("cannot print the signature: {error}"))
            }),
    };
    logging::flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("smc-proxy: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: &ServeArgs) -> Result<(), String> {
    logging::init(args.log_format);
    let settings = args
        .settings(&Environment::from_process())
        .map_err(|e| e.to_string())?;
    let running = Proxy::start(settings).await.map_err(|e| e.to_string())?;
    let mut banner = vec![
        format!("listening on {}", running.url()),
        format!("upstream: {}", running.upstream()),
    ];
    if let Some(dir) = &args.static_dir {
        banner.push(format!("web app: {} from {}", running.url(), dir.display()));
    }
    print_banner(&banner);
    smc_emulator::server::stop_signal().await;
    tracing::info!("stopping: letting calls in flight finish");
    running.shutdown().await.map_err(|e| e.to_string())
}

/// Prints the startup lines on stdout. Whoever reads them may have stopped (`| head -1`, a
/// supervisor that kept the first line and closed the pipe): the proxy serves on, so a
/// failed write is told on stderr rather than ending the process as `println!` would.
fn print_banner(lines: &[String]) {
    let mut out = std::io::stdout().lock();
    let written = lines
        .iter()
        .try_for_each(|line| writeln!(out, "{line}"))
        // Scripts read these lines through a pipe: make sure they leave now.
        .and_then(|()| out.flush());
    if let Err(error) = written {
        tracing::warn!(%error, "the startup lines could not be written to stdout");
    }
}
