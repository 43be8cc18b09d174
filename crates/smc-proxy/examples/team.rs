//! The team benchmark (`cargo xtask bench team`): 100 simulated viewers auto-refreshing the
//! same list every 10 s against the emulator with 200 ms of added latency, through one
//! replica without the cache (coalescing alone), one replica with the default cache, and
//! two replicas sharing through Redis. For each it prints the upstream calls per minute
//! (every attempt the proxies made, retries included; 600 a minute if each refresh went
//! upstream) and the viewers' p50 and p99 latency.
//!
//! ```text
//! cargo run --release -p smc-proxy --example team -- [SECONDS]   (default 60)
//! ```

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use smc_emulator::{Emulator, FaultRule};
use smc_proxy::credentials::CredentialSource;
use smc_proxy::server::fresh_credentials;
use smc_proxy::sharing::SharingSettings;
use smc_proxy::{Proxy, RunningProxy, Settings, UpstreamTarget};

#[path = "support/redis_server.rs"]
mod redis_server;
use redis_server::RedisServer;

/// Viewers watching the list.
const VIEWERS: u32 = 100;
/// The viewer's auto-refresh period.
const REFRESH: Duration = Duration::from_secs(10);
/// The latency added by the emulator.
const LATENCY_MS: u64 = 200;
/// The list every viewer watches.
const LIST: &str = "/api/DescribeReplicationJobs?PageSize=20&Status=Running";

/// What one configuration gave.
struct Outcome {
    upstream_calls: u64,
    latencies: Histogram<u64>,
    statuses: BTreeMap<u16, u64>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seconds: u64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(60);
    let run = Duration::from_secs(seconds);
    println!(
        "{VIEWERS} viewers refreshing one list every {} s for {seconds} s, emulator latency {LATENCY_MS} ms; \
         {} upstream calls a minute if every refresh went upstream",
        REFRESH.as_secs(),
        u64::from(VIEWERS) * 60 / REFRESH.as_secs()
    );
    let no_cache = SharingSettings {
        cache_ttl: Duration::ZERO,
        ..SharingSettings::default()
    };
    report(
        "one replica, --cache-ttl 0 (coalescing alone)",
        run,
        measure(run, &[no_cache]).await?,
    );
    report(
        "one replica, defaults (--cache-ttl 5 --rate 5)",
        run,
        measure(run, &[SharingSettings::default()]).await?,
    );
    let redis = RedisServer::start();
    let shared = SharingSettings {
        redis: Some(redis.url()),
        ..SharingSettings::default()
    };
    report(
        "two replicas, --redis, defaults",
        run,
        measure(run, &[shared.clone(), shared]).await?,
    );
    Ok(())
}

/// Starts the emulator and one proxy per `replicas` entry, and lets the viewers refresh
/// for `run`, each through replica `viewer % replicas`.
async fn measure(
    run: Duration,
    replicas: &[SharingSettings],
) -> Result<Outcome, Box<dyn std::error::Error>> {
    let credentials = fresh_credentials();
    let emulator = Emulator::builder()
        .credentials(credentials.clone())
        .faults(vec![FaultRule::delay(LATENCY_MS)])
        .start()
        .await?;
    let mut proxies: Vec<RunningProxy> = Vec::new();
    for sharing in replicas {
        proxies.push(
            Proxy::start(Settings {
                listen: "127.0.0.1:0".parse()?,
                upstream: UpstreamTarget::Remote {
                    endpoint: emulator.endpoint(),
                    credentials: credentials.clone(),
                    source: CredentialSource::Environment,
                },
                sharing: sharing.clone(),
                ..Settings::default()
            })
            .await?,
        );
    }
    let http = reqwest::Client::new();
    let started = Instant::now();
    let viewers = (0..VIEWERS).map(|viewer| {
        let url = format!("{}{LIST}", proxies[viewer as usize % proxies.len()].url());
        let http = http.clone();
        // Viewers opened the page at moments spread over one refresh period.
        let first = REFRESH * viewer / VIEWERS;
        tokio::spawn(async move {
            let mut seen = Vec::new();
            let mut next = started + first;
            while next < started + run {
                tokio::time::sleep_until(next.into()).await;
                let sent = Instant::now();
                let status = match http.get(&url).send().await {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let _ = response.bytes().await;
                        status
                    }
                    Err(_) => 0,
                };
                seen.push((status, sent.elapsed()));
                next += REFRESH;
            }
            seen
        })
    });
    let mut outcome = Outcome {
        upstream_calls: 0,
        latencies: Histogram::new_with_bounds(1, 60_000_000, 3)?,
        statuses: BTreeMap::new(),
    };
    for viewer in futures::future::join_all(viewers).await {
        for (status, latency) in viewer? {
            *outcome.statuses.entry(status).or_default() += 1;
            outcome
                .latencies
                .record(latency.as_micros().max(1) as u64)?;
        }
    }
    for proxy in proxies {
        outcome.upstream_calls += attempts(&proxy.state().metrics.render());
        proxy.shutdown().await?;
    }
    emulator.shutdown().await?;
    Ok(outcome)
}

/// Every upstream attempt: the count of the upstream latency histogram.
fn attempts(metrics: &str) -> u64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix("smc_proxy_upstream_duration_seconds_count "))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0)
}

fn report(label: &str, run: Duration, outcome: Outcome) {
    let per_minute = outcome.upstream_calls as f64 * 60.0 / run.as_secs_f64();
    let ms = |quantile: f64| outcome.latencies.value_at_quantile(quantile) as f64 / 1000.0;
    let statuses: Vec<String> = outcome
        .statuses
        .iter()
        .map(|(status, count)| format!("{status}: {count}"))
        .collect();
    println!(
        "{label:<48} upstream {:>4} calls = {per_minute:>6.1}/min  viewers p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ({})",
        outcome.upstream_calls,
        ms(0.5),
        ms(0.99),
        outcome.latencies.max() as f64 / 1000.0,
        statuses.join(", ")
    );
}
