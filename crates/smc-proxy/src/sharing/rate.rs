//! The upstream rate limit of one replica: a token bucket per profile. A call takes a token;
//! when none is left it may reserve the next one and wait for it, up to a bound, or is
//! refused with the time after which it would have one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A rate: `per_second` tokens a second, at most `burst` kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Tokens added each second.
    pub per_second: f64,
    /// The most tokens kept (calls allowed at once after a quiet time).
    pub burst: u32,
}

impl Rate {
    /// `per_second` with a burst of one second's worth (at least one call).
    pub fn per_second(per_second: f64) -> Self {
        Rate {
            per_second,
            burst: per_second.ceil().max(1.0) as u32,
        }
    }
}

/// What the bucket says to one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Go after this wait (zero: now); the token is the call's.
    After(Duration),
    /// No token within the longest wait: try again after this.
    Refused(Duration),
}

/// One token bucket, with time as an input so it is tested without a clock.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    /// A full bucket at `now`.
    pub fn full(rate: Rate, now: Instant) -> Self {
        Bucket {
            tokens: f64::from(rate.burst),
            at: now,
        }
    }

    /// Takes a token at `now`, reserving one up to `max_wait` ahead when none is left.
    /// Reserved tokens make the count negative, so later calls queue behind them.
    pub fn take(&mut self, rate: Rate, now: Instant, max_wait: Duration) -> Admission {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate.per_second).min(f64::from(rate.burst));
        self.at = now;
        let wait = if self.tokens >= 1.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64((1.0 - self.tokens) / rate.per_second)
        };
        if wait > max_wait {
            return Admission::Refused(wait);
        }
        self.tokens -= 1.0;
        Admission::After(wait)
    }
}

/// The buckets of every profile of this replica.
#[derive(Debug, Default)]
pub struct LocalLimiter {
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl LocalLimiter {
    /// Takes a token of `profile`'s bucket now.
    pub fn take(&self, profile: &str, rate: Rate, max_wait: Duration) -> Admission {
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        buckets
            .entry(profile.to_owned())
            .or_insert_with(|| Bucket::full(rate, now))
            .take(rate, now, max_wait)
    }
}

/// Whole seconds to tell a client to wait: at least one.
pub fn whole_seconds(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_full_bucket_lets_its_burst_through_then_queues_then_refuses() {
        let rate = Rate::per_second(5.0);
        assert_eq!(rate.burst, 5);
        let start = Instant::now();
        let mut bucket = Bucket::full(rate, start);
        for _ in 0..5 {
            assert_eq!(
                bucket.take(rate, start, SECOND),
                Admission::After(Duration::ZERO)
            );
        }
        // The next five wait 200 ms more each; the one after would wait past a second.
        for n in 1..=5u32 {
            let Admission::After(wait) = bucket.take(rate, start, SECOND) else {
                panic!("call {n} refused");
            };
            assert!(
                (wait.as_secs_f64() - 0.2 * f64::from(n)).abs() < 1e-6,
                "{wait:?}"
            );
        }
        let Admission::Refused(wait) = bucket.take(rate, start, SECOND) else {
            panic!("not refused");
        };
        assert!(wait > SECOND);
        assert_eq!(whole_seconds(wait), 2);
    }

    #[test]
    fn tokens_come_back_with_time_up_to_the_burst() {
        let rate = Rate::per_second(2.0);
        let start = Instant::now();
        let mut bucket = Bucket::full(rate, start);
        assert!(matches!(
            bucket.take(rate, start, Duration::ZERO),
            Admission::After(_)
        ));
        assert!(matches!(
            bucket.take(rate, start, Duration::ZERO),
            Admission::After(_)
        ));
        assert!(matches!(
            bucket.take(rate, start, Duration::ZERO),
            Admission::Refused(_)
        ));
        let later = start + Duration::from_secs(60);
        for _ in 0..2 {
            assert_eq!(
                bucket.take(rate, later, Duration::ZERO),
                Admission::After(Duration::ZERO)
            );
        }
        assert!(matches!(
            bucket.take(rate, later, Duration::ZERO),
            Admission::Refused(_)
        ));
    }

    #[test]
    fn profiles_have_their_own_buckets() {
        let limiter = LocalLimiter::default();
        let rate = Rate::per_second(1.0);
        assert_eq!(
            limiter.take("a", rate, Duration::ZERO),
            Admission::After(Duration::ZERO)
        );
        assert!(matches!(
            limiter.take("a", rate, Duration::ZERO),
            Admission::Refused(_)
        ));
        assert_eq!(
            limiter.take("b", rate, Duration::ZERO),
            Admission::After(Duration::ZERO)
        );
    }
}
