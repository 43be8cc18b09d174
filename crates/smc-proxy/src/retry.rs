//! When to call again: the retry policy as pure functions, so it is tested without a clock.
//!
//! Retryable are the failures the SDKs retry (throttling, internal and unavailable errors,
//! a replayed nonce: smc-core's `ApiError::retryable`) and network errors; a timeout is
//! not, because the time budget is what ran out. Backoff doubles from a base, with "equal
//! jitter" (half fixed, half random) so that throttled callers spread out; an
//! `x-acs-retry-after` header (milliseconds, as Alibaba Cloud's SDK runtime reads it) replaces
//! the computed delay, however long. A retry is made only when its wait ends within the
//! call's budget; a gateway asking for more than that gets its throttling error relayed.

use std::time::Duration;

/// The header by which the gateway says how long to wait before calling again.
pub const RETRY_AFTER_HEADER: &str = "x-acs-retry-after";

/// How retries are spaced and bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff.
    pub base: Duration,
    /// The longest computed backoff.
    pub max: Duration,
}

/// Why a call is retried (a metrics label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// `Throttling*`.
    Throttling,
    /// `InternalError`, `ServiceUnavailable`, `UnknownError`, `SignatureNonceUsed`.
    ServerError,
    /// The connection failed.
    Network,
}

impl RetryReason {
    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryReason::Throttling => "throttling",
            RetryReason::ServerError => "server_error",
            RetryReason::Network => "network",
        }
    }

    /// Every reason, in label order.
    pub const ALL: [RetryReason; 3] = [
        RetryReason::Throttling,
        RetryReason::ServerError,
        RetryReason::Network,
    ];
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first): `base × 2^(retry-1)`, capped
    /// at `max`, of which the upper half is scaled by `jitter` (0 to 1).
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(20);
        let full = self.base.saturating_mul(1u32 << exponent).min(self.max);
        let half = full / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// The wait before retry number `retry`, or `None` when no retry should be made: the
    /// retries are used up, or the wait would not end before `remaining` runs out.
    pub fn next_delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        jitter: f64,
        remaining: Duration,
    ) -> Option<Duration> {
        if retry > self.max_retries {
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(retry, jitter));
        // A retry needs time to run after its wait, not only the wait itself.
        (delay + MIN_ATTEMPT_TIME < remaining).then_some(delay)
    }
}

/// The least time worth starting an attempt with.
const MIN_ATTEMPT_TIME: Duration = Duration::from_millis(20);

/// Reads `x-acs-retry-after`: whole milliseconds; zero, negative and garbage are ignored.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|&ms| ms > 0)
        .map(Duration::from_millis)
}

/// A number in [0, 1) from the operating system's randomness (a v4 UUID's bits): jitter
/// needs no more than that, and it keeps a second random source out of the build.
pub fn random_jitter() -> f64 {
    let bits = uuid::Uuid::new_v4().as_u128() as u64;
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base: Duration::from_millis(100),
            max: Duration::from_millis(350),
        }
    }

    #[test]
    fn backoff_doubles_with_half_jitter_up_to_the_cap() {
        let p = policy();
        assert_eq!(p.backoff(1, 0.0), Duration::from_millis(50));
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(100));
        assert_eq!(p.backoff(2, 0.0), Duration::from_millis(100));
        assert_eq!(p.backoff(2, 1.0), Duration::from_millis(200));
        assert_eq!(p.backoff(3, 1.0), Duration::from_millis(350));
        assert_eq!(p.backoff(40, 1.0), Duration::from_millis(350));
    }

    #[test]
    fn retries_stop_when_used_up_or_out_of_time() {
        let p = policy();
        let plenty = Duration::from_secs(10);
        assert!(p.next_delay(3, None, 0.5, plenty).is_some());
        assert!(p.next_delay(4, None, 0.5, plenty).is_none());
        assert!(p
            .next_delay(1, None, 1.0, Duration::from_millis(110))
            .is_none());
        assert!(p
            .next_delay(1, None, 1.0, Duration::from_millis(200))
            .is_some());
    }

    #[test]
    fn retry_after_replaces_the_backoff_within_the_budget() {
        let p = policy();
        let plenty = Duration::from_secs(10);
        let asked = Some(Duration::from_millis(250));
        assert_eq!(
            p.next_delay(1, asked, 0.0, plenty),
            Some(Duration::from_millis(250))
        );
        let longer_than_backoffs = Some(Duration::from_secs(2));
        assert_eq!(
            p.next_delay(1, longer_than_backoffs, 0.0, plenty),
            Some(Duration::from_secs(2))
        );
        let beyond_the_budget = Some(Duration::from_secs(60));
        assert_eq!(p.next_delay(1, beyond_the_budget, 0.0, plenty), None);
        assert_eq!(
            p.next_delay(1, asked, 0.0, Duration::from_millis(200)),
            None
        );
    }

    #[test]
    fn retry_after_is_whole_milliseconds() {
        assert_eq!(parse_retry_after(" 80 "), Some(Duration::from_millis(80)));
        assert_eq!(parse_retry_after("0"), None);
        assert_eq!(parse_retry_after("-5"), None);
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..1000 {
            let j = random_jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
