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
            .map(|output| print!("{output}"))
            .map_err(|error| error.to_string()),
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
    println!("listening on {}", running.url());
    println!("upstream: {}", running.upstream());
    if let Some(dir) = &args.static_dir {
        println!("web app: {} from {}", running.url(), dir.display());
    }
    // Scripts read these lines through a pipe: make sure they leave now.
    let _ = std::io::stdout().flush();
    smc_emulator::server::stop_signal().await;
    tracing::info!("stopping: letting calls in flight finish");
    running.shutdown().await.map_err(|e| e.to_string())
}
