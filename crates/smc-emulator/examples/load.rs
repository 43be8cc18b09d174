//! A load generator for the emulator: signs every request with smc-core (each with a fresh
//! nonce, as the gateway demands), asks for a 10-job page, and reports requests per second
//! and latency percentiles. Without `--url` it starts an emulator in-process.
//!
//! ```text
//! cargo run --release -p smc-emulator --example load -- --seconds 10 --concurrency 32
//! ```
//!
//! `bench/load.sh` runs it against the release binary instead.

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use hdrhistogram::Histogram;
use smc_core::sign::{sign_request, Credentials, SigningParams};
use smc_core::DescribeReplicationJobs;
use smc_emulator::Emulator;
use time::OffsetDateTime;

/// Load options.
#[derive(Debug, Parser)]
struct Options {
    /// The emulator's endpoint (`http://127.0.0.1:PORT/`); none starts one in-process.
    #[arg(long)]
    url: Option<String>,
    /// The AccessKey ID (default: the emulator's demo key).
    #[arg(long, requires = "access_key_secret")]
    access_key_id: Option<String>,
    /// The AccessKey secret.
    #[arg(long, requires = "access_key_id")]
    access_key_secret: Option<String>,
    /// How long to send requests, in seconds (at most 300).
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// How many requests are in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
}

/// What one worker saw.
struct Tally {
    latencies: Histogram<u64>,
    errors: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = Options::parse();
    let credentials = match (&options.access_key_id, &options.access_key_secret) {
        (Some(id), Some(secret)) => Credentials::new(id, secret),
        _ => smc_emulator::demo_credentials(),
    };
    let (url, _emulator) = match &options.url {
        Some(url) => (url.clone(), None),
        None => {
            let emulator = Emulator::builder()
                .credentials(credentials.clone())
                .start()
                .await?;
            (emulator.endpoint(), Some(emulator))
        }
    };
    let duration = Duration::from_secs(options.seconds.clamp(1, 300));
    let concurrency = options.concurrency.clamp(1, 1024);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let credentials = Arc::new(credentials);
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            tokio::spawn(worker(
                client.clone(),
                url.clone(),
                credentials.clone(),
                deadline,
            ))
        })
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
    println!("target:      {url} (10-job pages, {concurrency} in flight, {elapsed:.1} s)");
    println!("requests:    {count} ({errors} errors)");
    println!("throughput:  {:.0} requests/s", count as f64 / elapsed);
    println!(
        "latency:     p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(0.50),
        ms(0.90),
        ms(0.99),
        latencies.max() as f64 / 1000.0
    );
    if errors > 0 {
        return Err(format!("{errors} requests failed").into());
    }
    Ok(())
}

/// Sends signed requests one after another until the deadline.
async fn worker(
    client: reqwest::Client,
    url: String,
    credentials: Arc<Credentials>,
    deadline: Instant,
) -> Result<Tally, hdrhistogram::CreationError> {
    let mut tally = Tally {
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3)?,
        errors: 0,
    };
    let request = DescribeReplicationJobs {
        page_size: Some(10),
        ..DescribeReplicationJobs::default()
    };
    while Instant::now() < deadline {
        let sent = Instant::now();
        let signed = sign_request(
            &request,
            &SigningParams::new(&credentials, OffsetDateTime::now_utc()),
        );
        let ok = match client
            .get(format!("{url}?{}", signed.query_string()))
            .send()
            .await
        {
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
