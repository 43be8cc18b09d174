//! The gateway's memory of `SignatureNonce` values: a nonce seen in the last 15 minutes is
//! refused. Memory is bounded twice: nonces older than the window are forgotten, and past
//! a count or size cap the oldest go first (a replay older than what is kept then passes,
//! which is the lesser evil next to refusing every new call).

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use time::{Duration, OffsetDateTime};

/// How long a nonce is remembered: the same window as the timestamp check.
pub(crate) const NONCE_WINDOW: Duration = Duration::minutes(15);

/// The most nonces kept at once.
pub(crate) const MAX_NONCES: usize = 200_000;

/// The most bytes of nonce text kept at once (nonces are client-chosen and may be long).
pub(crate) const MAX_NONCE_BYTES: usize = 16 << 20;

/// Nonces seen recently, oldest first.
#[derive(Debug)]
pub(crate) struct NonceCache {
    seen: HashMap<Arc<str>, OffsetDateTime>,
    order: VecDeque<(OffsetDateTime, Arc<str>)>,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl Default for NonceCache {
    fn default() -> Self {
        NonceCache::with_limits(MAX_NONCES, MAX_NONCE_BYTES)
    }
}

impl NonceCache {
    /// A cache keeping at most `max_entries` nonces and `max_bytes` of their text.
    pub(crate) fn with_limits(max_entries: usize, max_bytes: usize) -> Self {
        NonceCache {
            seen: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    /// Remembers `nonce` as used at `now`; `false` when it was already used in the window.
    pub(crate) fn first_use(&mut self, nonce: &str, now: OffsetDateTime) -> bool {
        self.expire(now);
        if let Some(&used) = self.seen.get(nonce) {
            if now - used < NONCE_WINDOW {
                return false;
            }
        }
        let nonce: Arc<str> = Arc::from(nonce);
        if self.seen.insert(nonce.clone(), now).is_none() {
            self.bytes += nonce.len();
        }
        self.order.push_back((now, nonce));
        while self.seen.len() > self.max_entries || self.bytes > self.max_bytes {
            if !self.evict_oldest() {
                break;
            }
        }
        true
    }

    /// How many nonces are remembered.
    pub(crate) fn len(&self) -> usize {
        self.seen.len()
    }

    /// Forgets every nonce used more than the window before `now`. The queue is in arrival
    /// order; should the clock go back, an entry just lives a little longer.
    fn expire(&mut self, now: OffsetDateTime) {
        while let Some((used, _)) = self.order.front() {
            if now - *used < NONCE_WINDOW {
                break;
            }
            self.evict_oldest();
        }
    }

    fn evict_oldest(&mut self) -> bool {
        let Some((used, nonce)) = self.order.pop_front() else {
            return false;
        };
        // A re-used expired nonce is queued twice; only its latest entry owns the map slot.
        if self.seen.get(&nonce) == Some(&used) {
            self.seen.remove(&nonce);
            self.bytes -= nonce.len();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

    #[test]
    fn a_nonce_is_refused_within_the_window_and_accepted_after() {
        let mut cache = NonceCache::default();
        assert!(cache.first_use("a", T0));
        assert!(!cache.first_use("a", T0 + Duration::minutes(14)));
        assert!(cache.first_use("b", T0 + Duration::minutes(14)));
        assert!(cache.first_use("a", T0 + Duration::minutes(15)));
        assert_eq!(cache.len(), 2);
        assert!(!cache.first_use("a", T0 + Duration::minutes(16)));
    }

    #[test]
    fn old_nonces_are_forgotten_and_the_caps_hold() {
        let mut cache = NonceCache::with_limits(3, 1 << 20);
        for (i, nonce) in ["1", "2", "3", "4"].iter().enumerate() {
            assert!(cache.first_use(nonce, T0 + Duration::seconds(i as i64)));
        }
        assert_eq!(cache.len(), 3);
        assert!(
            cache.first_use("1", T0 + Duration::seconds(5)),
            "evicted first"
        );
        let mut small = NonceCache::with_limits(100, 10);
        assert!(small.first_use("0123456789", T0));
        assert!(small.first_use("x", T0));
        assert_eq!(small.len(), 1);
        let later = T0 + Duration::hours(1);
        assert!(cache.first_use("z", later));
        assert_eq!(cache.len(), 1);
    }
}
