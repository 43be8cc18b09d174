//! The short cache of successful answers in one replica: moka, bounded by bytes, each entry
//! living `ttl`. Errors are never put here.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use moka::future::Cache;

use super::key::CallKey;
use crate::upstream::Answer;

/// A successful answer and when upstream gave it.
#[derive(Debug, Clone)]
pub struct Fresh {
    /// The answer.
    pub answer: Answer,
    /// When it was received (wall clock: replicas share it through Redis).
    pub received: SystemTime,
}

impl Fresh {
    /// Its age now, for the `Age` header.
    pub fn age(&self) -> Duration {
        SystemTime::now()
            .duration_since(self.received)
            .unwrap_or_default()
    }
}

/// The cache of one replica.
#[derive(Debug, Clone)]
pub struct LocalCache {
    entries: Cache<CallKey, Arc<Fresh>>,
}

impl LocalCache {
    /// Entries live `ttl`; all of them together weigh at most `max_bytes`.
    pub fn new(ttl: Duration, max_bytes: u64) -> Self {
        let entries = Cache::builder()
            .time_to_live(ttl)
            .max_capacity(max_bytes)
            .weigher(|key: &CallKey, fresh: &Arc<Fresh>| {
                let bytes = key.as_str().len() + fresh.answer.body.len() + 256;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .build();
        LocalCache { entries }
    }

    /// The answer for `key`, while it lives.
    pub async fn get(&self, key: &CallKey) -> Option<Arc<Fresh>> {
        self.entries.get(key).await
    }

    /// Keeps `fresh` for `key`.
    pub async fn put(&self, key: CallKey, fresh: Arc<Fresh>) {
        self.entries.insert(key, fresh).await;
    }
}
