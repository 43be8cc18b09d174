//! A load generator for the proxy benchmark (`bench/compare.sh`). It keeps `--concurrency`
//! GETs for a `--page-size`-job page in flight for `--seconds` and reports requests per
//! second and latency percentiles.
//!
//! - `--mode browser` sends what the viewer sends to the proxy:
//!   `GET {url}/api/DescribeReplicationJobs?PageSize=10`, unsigned.
//! - `--mode signed` sends what the proxy itself sends upstream, a call signed by smc-core
//!   with a fresh nonce (`GET {url}/?…&Signature=…`): for nginx in front of the emulator,
//!   which forwards but cannot sign, and for the emulator alone.
//!
//! ```text
//! cargo run --release -p smc-proxy --example load -- --url http://127.0.0.1:8787 --mode browser
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use hdrhistogram::Histogram;
use smc_core::sign::{sign_request, Credentials, SigningParams};
use smc_core::DescribeReplicationJobs;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Unsigned browser-style calls to the proxy's API.
    Browser,
    /// Calls signed here, to an RPC endpoint (nginx in front of the emulator, or the emulator).
    Signed,
}

/// Load options.
#[derive(Debug, Parser)]
struct Options {
    /// The proxy's base URL (browser mode) or the endpoint (signed mode).
    #[arg(long)]
    url: String,
    /// What to send.
    #[arg(long, value_enum)]
    mode: Mode,
    /// The AccessKey ID (signed mode).
    #[arg(long, default_value = "bench-key")]
    access_key_id: String,
    /// The AccessKey secret (signed mode).
    #[arg(long, default_value = "bench-secret")]
    access_key_secret: String,
    /// A name for the report.
    #[arg(long, default_value = "target")]
    label: String,
    /// How long to send requests, in seconds (at most 300).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// How many requests are in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Jobs per page.
    #[arg(long, default_value_t = 10)]
    page_size: i64,
}

struct Tally {
    latencies: Histogram<u64>,
    errors: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = Arc::new(Options::parse());
    let duration = Duration::from_secs(options.seconds.clamp(1, 300));
    let concurrency = options.concurrency.clamp(1, 1024);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| tokio::spawn(worker(client.clone(), options.clone(), deadline)))
        .collect();
    let mut latencies = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?;
    let mut errors = 0;
    for worker in workers {
        let tally = worker.await??;
        latencies.add(&tally.latencies)?;
        errors += tally.errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let count = latencies.len();
    let ms = |quantile: f64| latencies.value_at_quantile(quantile) as f64 / 1000.0;
    let throughput = count as f64 / elapsed;
    println!(
        "{:<9} {:>8.0} requests/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  ({count} requests, {errors} errors, {concurrency} in flight, {elapsed:.1} s)",
        options.label,
        throughput,
        ms(0.50),
        ms(0.99),
        latencies.max() as f64 / 1000.0,
    );
    println!(
        "RESULT label={} rps={throughput:.1} p99_ms={:.3} errors={errors}",
        options.label,
        ms(0.99)
    );
    if errors > 0 {
        return Err(format!("{errors} requests failed").into());
    }
    Ok(())
}

async fn worker(
    client: reqwest::Client,
    options: Arc<Options>,
    deadline: Instant,
) -> Result<Tally, hdrhistogram::CreationError> {
    let mut tally = Tally {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3)?,
        errors: 0,
    };
    let credentials = Credentials::new(&options.access_key_id, &options.access_key_secret);
    let request = DescribeReplicationJobs {
        page_size: Some(options.page_size),
        ..DescribeReplicationJobs::default()
    };
    let base = options.url.trim_end_matches('/');
    let browser_url = format!(
        "{base}/api/DescribeReplicationJobs?PageSize={}",
        options.page_size
    );
    while Instant::now() < deadline {
        let sent = Instant::now();
        let url = match options.mode {
            Mode::Browser => browser_url.clone(),
            Mode::Signed => {
                let signed = sign_request(
                    &request,
                    &SigningParams::new(&credentials, OffsetDateTime::now_utc()),
                );
                format!("{base}/?{}", signed.query_string())
            }
        };
        let ok = match client.get(url).send().await {
            Ok(response) => {
                let status = response.status();
                response.bytes().await.is_ok() && status.is_success()
            }
            Err(_) => false,
        };
        tally
            .latencies
            .saturating_record(sent.elapsed().as_micros() as u64);
        if !ok {
            tally.errors += 1;
        }
    }
    Ok(tally)
}
