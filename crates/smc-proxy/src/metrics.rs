//! Prometheus metrics in the text exposition format, written by hand: a few counters and one
//! histogram do not need a metrics framework.
//!
//! - `smc_proxy_requests_total{action,status}`: browser API calls by action
//!   (`DescribeReplicationJobs`, or `other` for refused paths) and the status answered;
//! - `smc_proxy_upstream_duration_seconds`: the latency of each upstream attempt;
//! - `smc_proxy_upstream_retries_total{reason}`: retries by reason;
//! - `smc_proxy_upstream_in_flight`: upstream calls in flight now;
//! - `smc_proxy_sharing_total{event}`: browser calls that went upstream (`upstream_call`),
//!   followed a call in flight (`coalesced`), were answered from the cache (`cache_hit`) or
//!   were refused over the rate (`rate_limited`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::retry::RetryReason;

/// Upper bounds of the latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The proxy's metrics. Shared by every handler; updates are lock-free except the request
/// counter map, whose lock is held for one increment.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    latency: Histogram,
    retries: [AtomicU64; 3],
    in_flight: AtomicI64,
    sharing: [AtomicU64; SharingEvent::ALL.len()],
}

/// What became of a browser call in [`crate::sharing`] (its value indexes the counters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharingEvent {
    /// It made an upstream call (retries not counted).
    UpstreamCall,
    /// It got the answer of an identical call in flight.
    Coalesced,
    /// It was answered from the cache.
    CacheHit,
    /// It was refused over the profile's rate.
    RateLimited,
}

impl SharingEvent {
    /// Every event, in label order.
    pub const ALL: [SharingEvent; 4] = [
        SharingEvent::UpstreamCall,
        SharingEvent::Coalesced,
        SharingEvent::CacheHit,
        SharingEvent::RateLimited,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            SharingEvent::UpstreamCall => "upstream_call",
            SharingEvent::Coalesced => "coalesced",
            SharingEvent::CacheHit => "cache_hit",
            SharingEvent::RateLimited => "rate_limited",
        }
    }
}

#[derive(Debug, Default)]
struct Histogram {
    /// Counts per bucket (not cumulative), the last one for +Inf.
    buckets: [AtomicU64; LATENCY_BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Metrics {
    /// Counts one browser API call.
    pub fn count_request(&self, action: &'static str, status: u16) {
        let mut requests = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *requests.entry((action, status)).or_default() += 1;
    }

    /// Records the latency of one upstream attempt.
    pub fn observe_upstream(&self, latency: Duration) {
        let seconds = latency.as_secs_f64();
        let bucket = LATENCY_BUCKETS
            .iter()
            .position(|&bound| seconds <= bound)
            .unwrap_or(LATENCY_BUCKETS.len());
        self.latency.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.latency.sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts one retry.
    pub fn count_retry(&self, reason: RetryReason) {
        let index = RetryReason::ALL
            .iter()
            .position(|&r| r == reason)
            .unwrap_or(0);
        self.retries[index].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one browser call's fate in [`crate::sharing`].
    pub fn count_sharing(&self, event: SharingEvent) {
        self.sharing[event as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// How many browser calls had `event`.
    pub fn sharing(&self, event: SharingEvent) -> u64 {
        self.sharing[event as usize].load(Ordering::Relaxed)
    }

    /// Marks an upstream call as started; the guard marks it finished when dropped.
    pub fn upstream_started(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(&self.in_flight)
    }

    /// The calls counted for `action` answered with `status`.
    pub fn requests(&self, action: &str, status: u16) -> u64 {
        let requests = self
            .requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        requests
            .iter()
            .filter(|((a, s), _)| *a == action && *s == status)
            .map(|(_, count)| *count)
            .sum()
    }

    /// The exposition text.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(2048);
        out.push_str("# HELP smc_proxy_requests_total Browser API calls by action and HTTP status answered.\n");
        out.push_str("# TYPE smc_proxy_requests_total counter\n");
        {
            let requests = self
                .requests
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for ((action, status), count) in requests.iter() {
                let _ = writeln!(
                    out,
                    "smc_proxy_requests_total{{action=\"{action}\",status=\"{status}\"}} {count}"
                );
            }
        }
        out.push_str(
            "# HELP smc_proxy_upstream_duration_seconds Latency of each upstream attempt.\n",
        );
        out.push_str("# TYPE smc_proxy_upstream_duration_seconds histogram\n");
        let mut cumulative = 0;
        for (index, bucket) in self.latency.buckets.iter().enumerate() {
            cumulative += bucket.load(Ordering::Relaxed);
            let bound = LATENCY_BUCKETS
                .get(index)
                .map_or_else(|| "+Inf".to_owned(), |b| b.to_string());
            let _ = writeln!(
                out,
                "smc_proxy_upstream_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        let sum = self.latency.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "smc_proxy_upstream_duration_seconds_sum {sum}");
        let _ = writeln!(
            out,
            "smc_proxy_upstream_duration_seconds_count {cumulative}"
        );
        out.push_str("# HELP smc_proxy_upstream_retries_total Upstream retries by reason.\n");
        out.push_str("# TYPE smc_proxy_upstream_retries_total counter\n");
        for (reason, count) in RetryReason::ALL.iter().zip(&self.retries) {
            let _ = writeln!(
                out,
                "smc_proxy_upstream_retries_total{{reason=\"{}\"}} {}",
                reason.as_str(),
                count.load(Ordering::Relaxed)
            );
        }
        out.push_str("# HELP smc_proxy_upstream_in_flight Upstream calls in flight.\n");
        out.push_str("# TYPE smc_proxy_upstream_in_flight gauge\n");
        let _ = writeln!(
            out,
            "smc_proxy_upstream_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out.push_str("# HELP smc_proxy_sharing_total Browser calls by what the cache, coalescing and rate limit made of them.\n");
        out.push_str("# TYPE smc_proxy_sharing_total counter\n");
        for event in SharingEvent::ALL {
            let _ = writeln!(
                out,
                "smc_proxy_sharing_total{{event=\"{}\"}} {}",
                event.as_str(),
                self.sharing(event)
            );
        }
        out
    }
}

/// An upstream call in flight; dropping it ends it.
#[derive(Debug)]
pub struct InFlight<'a>(&'a AtomicI64);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_counts_requests_latency_and_retries() {
        let metrics = Metrics::default();
        metrics.count_request("DescribeReplicationJobs", 200);
        metrics.count_request("DescribeReplicationJobs", 200);
        metrics.count_request("other", 404);
        metrics.observe_upstream(Duration::from_millis(3));
        metrics.observe_upstream(Duration::from_secs(30));
        metrics.count_retry(RetryReason::Throttling);
        let text = metrics.render();
        assert!(text.contains(
            "smc_proxy_requests_total{action=\"DescribeReplicationJobs\",status=\"200\"} 2"
        ));
        assert!(text.contains("smc_proxy_requests_total{action=\"other\",status=\"404\"} 1"));
        assert!(text.contains("smc_proxy_upstream_duration_seconds_bucket{le=\"0.005\"} 1"));
        assert!(text.contains("smc_proxy_upstream_duration_seconds_bucket{le=\"10\"} 1"));
        assert!(text.contains("smc_proxy_upstream_duration_seconds_bucket{le=\"+Inf\"} 2"));
        assert!(text.contains("smc_proxy_upstream_duration_seconds_count 2"));
        assert!(text.contains("smc_proxy_upstream_retries_total{reason=\"throttling\"} 1"));
        assert!(text.contains("smc_proxy_upstream_retries_total{reason=\"network\"} 0"));
        assert_eq!(metrics.requests("DescribeReplicationJobs", 200), 2);
    }

    #[test]
    fn in_flight_goes_back_down() {
        let metrics = Metrics::default();
        {
            let _call = metrics.upstream_started();
            assert!(metrics.render().contains("smc_proxy_upstream_in_flight 1"));
        }
        assert!(metrics.render().contains("smc_proxy_upstream_in_flight 0"));
    }
}
