//! Where "now" comes from. The gateway's timestamp check, nonce expiry and the progress of
//! running jobs all read one [`Clock`], so tests move time by hand instead of sleeping.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// A source of the current time.
pub trait Clock: Send + Sync + 'static {
    /// The current time, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The machine's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that only moves when told to: for tests.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<OffsetDateTime>,
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: OffsetDateTime) -> Self {
        ManualClock {
            now: Mutex::new(start),
        }
    }

    /// The time it shows (the same as [`Clock::now`], without importing the trait).
    pub fn now(&self) -> OffsetDateTime {
        *lock(&self.now)
    }

    /// Sets the time.
    pub fn set(&self, time: OffsetDateTime) {
        *lock(&self.now) = time;
    }

    /// Moves the time forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut now = lock(&self.now);
        *now = now.saturating_add(by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        ManualClock::now(self)
    }
}

/// Locks a mutex, recovering it if a panic elsewhere poisoned it: every value kept behind
/// the emulator's mutexes is valid at every step, so a poisoned one is still usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = time::macros::datetime!(2026-03-01 12:00 UTC);
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::minutes(16));
        assert_eq!(clock.now(), start + Duration::minutes(16));
        clock.set(start);
        assert_eq!(clock.now(), start);
    }
}
