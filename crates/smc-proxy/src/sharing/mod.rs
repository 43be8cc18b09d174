//! Calls shared between viewers: the layer between the `/api` handler and [`Upstream`].
//!
//! A call is keyed by its profile and smc-core's canonical parameters ([`key`]). A fresh
//! successful answer of the key is served from the short cache ([`cache`], with an `Age`);
//! otherwise identical calls in flight together make one upstream call ([`coalesce`]),
//! which first takes a token of the profile's rate ([`rate`]): over the rate a call waits
//! at most [`MAX_RATE_WAIT`] or is answered 429 `Throttling` with `Retry-After`. With Redis
//! ([`redis`]) the cache, the coalescing and the rate are shared by every replica; when
//! Redis fails, each replica goes on alone.

pub mod cache;
pub mod coalesce;
pub mod key;
pub mod rate;
pub mod redis;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use smc_core::DescribeReplicationJobs;

use self::cache::{Fresh, LocalCache};
use self::coalesce::{follow, InFlight, Role};
use self::key::CallKey;
use self::rate::{whole_seconds, Admission, LocalLimiter, Rate};
use self::redis::{RedisRole, RedisShared};
use crate::error::ProxyError;
use crate::metrics::{Metrics, SharingEvent};
use crate::upstream::{Upstream, UpstreamCall};

/// The longest a call waits for a token of its profile's rate before it is refused.
pub const MAX_RATE_WAIT: Duration = Duration::from_secs(1);
/// How long answers are cached unless told (`--cache-ttl`).
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(5);
/// Upstream calls a second per profile unless told (`--rate`).
pub const DEFAULT_RATE: f64 = 5.0;
/// The most bytes of answers one replica caches.
pub const DEFAULT_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// How calls are shared.
#[derive(Debug, Clone, PartialEq)]
pub struct SharingSettings {
    /// How long a successful answer is served again; zero: never.
    pub cache_ttl: Duration,
    /// The most bytes of answers cached in memory.
    pub cache_max_bytes: u64,
    /// Upstream calls allowed per profile; `None`: no limit.
    pub rate: Option<Rate>,
    /// A Redis URL (`redis://host:port/db`) to share the cache, coalescing and rate with
    /// other replicas.
    pub redis: Option<String>,
}

impl Default for SharingSettings {
    fn default() -> Self {
        SharingSettings {
            cache_ttl: DEFAULT_CACHE_TTL,
            cache_max_bytes: DEFAULT_CACHE_BYTES,
            rate: Some(Rate::per_second(DEFAULT_RATE)),
            redis: None,
        }
    }
}

impl SharingSettings {
    /// No cache and no rate limit: every call that is not in flight already goes upstream.
    pub fn uncached() -> Self {
        SharingSettings {
            cache_ttl: Duration::ZERO,
            rate: None,
            ..SharingSettings::default()
        }
    }
}

/// Why sharing could not start.
#[derive(Debug, thiserror::Error)]
#[error("--redis: {0}")]
pub struct SharingError(String);

/// The shared-call layer of one replica.
pub struct Sharing {
    cache: Option<LocalCache>,
    ttl: Duration,
    in_flight: InFlight,
    limiter: LocalLimiter,
    rate: Option<Rate>,
    redis: Option<RedisShared>,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Sharing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sharing")
            .field("ttl", &self.ttl)
            .field("rate", &self.rate)
            .field("redis", &self.redis.is_some())
            .finish_non_exhaustive()
    }
}

/// One browser call as the layer sees it.
struct Call<'a> {
    profile: &'a str,
    rate: Option<Rate>,
    request: &'a DescribeReplicationJobs,
    upstream: &'a Upstream,
}

/// An answer as the layer serves it: the call's outcome, and its age when it came from
/// the cache.
#[derive(Debug)]
pub struct Served {
    call: Arc<UpstreamCall>,
    age: Option<Duration>,
}

impl Sharing {
    /// Sets the layer up, connecting to Redis when one is given.
    pub async fn start(
        settings: SharingSettings,
        metrics: Arc<Metrics>,
    ) -> Result<Self, SharingError> {
        let redis = match &settings.redis {
            Some(url) => Some(RedisShared::connect(url).await.map_err(SharingError)?),
            None => None,
        };
        let ttl = settings.cache_ttl;
        Ok(Sharing {
            cache: (!ttl.is_zero()).then(|| LocalCache::new(ttl, settings.cache_max_bytes)),
            ttl,
            in_flight: InFlight::default(),
            limiter: LocalLimiter::default(),
            rate: settings.rate,
            redis,
            metrics,
        })
    }

    /// `DescribeReplicationJobs` (validated) for `profile`, whose calls go to `upstream`:
    /// from the cache, from a call in flight, or from a call of its own within `rate` (the
    /// profile's own; `None`: the one in the settings).
    pub async fn describe(
        &self,
        profile: &str,
        rate: Option<Rate>,
        request: &DescribeReplicationJobs,
        upstream: &Upstream,
    ) -> Served {
        let call = Call {
            profile,
            rate: rate.or(self.rate),
            request,
            upstream,
        };
        let key = CallKey::new(profile, request);
        if let Some(fresh) = self.cached(&key).await {
            self.metrics.count_sharing(SharingEvent::CacheHit);
            return Served {
                age: Some(fresh.age()),
                call: Arc::new(UpstreamCall {
                    retries: 0,
                    result: Ok(fresh.answer.clone()),
                }),
            };
        }
        loop {
            match self.in_flight.join(&key) {
                Role::Follower(leader) => {
                    if let Some(call) = follow(leader).await {
                        self.metrics.count_sharing(SharingEvent::Coalesced);
                        return Served { call, age: None };
                    }
                }
                Role::Leader(leader) => {
                    let call = Arc::new(self.lead(&call, &key).await);
                    leader.finish(call.clone());
                    return Served { call, age: None };
                }
            }
        }
    }

    async fn cached(&self, key: &CallKey) -> Option<Fresh> {
        if let Some(fresh) = self.cache.as_ref()?.get(key).await {
            return Some((*fresh).clone());
        }
        let redis = self.redis.as_ref()?;
        redis.cached(key).await.unwrap_or_else(|error| {
            tracing::warn!(%error, "Redis: reading the shared cache failed; calling upstream");
            None
        })
    }

    /// The call of a key that no other call of this replica is making: shared with the
    /// other replicas through Redis when there is one.
    async fn lead(&self, call: &Call<'_>, key: &CallKey) -> UpstreamCall {
        let Some(redis) = &self.redis else {
            return self.call_upstream(call, key).await;
        };
        // The leader may wait for a token, then take the whole upstream budget.
        let leader_time = MAX_RATE_WAIT + call.upstream.timeout();
        match redis.join(key, leader_time + Duration::from_secs(1)).await {
            Ok(RedisRole::Follower(leader)) => {
                match redis.follow(&leader, leader_time).await {
                    Ok(Some(answered)) => {
                        self.metrics.count_sharing(SharingEvent::Coalesced);
                        return answered;
                    }
                    Ok(None) => {}
                    Err(error) => {
                        tracing::warn!(%error, "Redis: waiting for another replica's answer failed")
                    }
                }
                self.call_upstream(call, key).await
            }
            Ok(RedisRole::Leader(token)) => {
                let answered = self.call_upstream(call, key).await;
                if let Err(error) = redis.finish(key, &token, &answered).await {
                    tracing::warn!(%error, "Redis: sharing an answer failed");
                }
                answered
            }
            Err(error) => {
                tracing::warn!(%error, "Redis: coalescing failed; calling upstream alone");
                self.call_upstream(call, key).await
            }
        }
    }

    /// One upstream call within the profile's rate; a successful answer is cached.
    async fn call_upstream(&self, call: &Call<'_>, key: &CallKey) -> UpstreamCall {
        if let Err(error) = self.admit(call.profile, call.rate).await {
            self.metrics.count_sharing(SharingEvent::RateLimited);
            return UpstreamCall {
                retries: 0,
                result: Err(error),
            };
        }
        self.metrics.count_sharing(SharingEvent::UpstreamCall);
        let answered = call.upstream.describe(call.request).await;
        if let Ok(answer) = &answered.result {
            if answer.status.is_success() && !self.ttl.is_zero() {
                let fresh = Fresh {
                    answer: answer.clone(),
                    received: SystemTime::now(),
                };
                if let Some(redis) = &self.redis {
                    if let Err(error) = redis.put(key, &fresh, self.ttl).await {
                        tracing::warn!(%error, "Redis: writing the shared cache failed");
                    }
                }
                if let Some(cache) = &self.cache {
                    cache.put(key.clone(), Arc::new(fresh)).await;
                }
            }
        }
        answered
    }

    /// Waits for a token of `profile`'s `rate`, or says when to try again.
    async fn admit(&self, profile: &str, rate: Option<Rate>) -> Result<(), ProxyError> {
        let Some(rate) = rate else {
            return Ok(());
        };
        let admission = match &self.redis {
            Some(redis) => match redis.take(profile, rate, MAX_RATE_WAIT).await {
                Ok(admission) => admission,
                Err(error) => {
                    tracing::warn!(%error, "Redis: the shared rate failed; using this replica's");
                    self.limiter.take(profile, rate, MAX_RATE_WAIT)
                }
            },
            None => self.limiter.take(profile, rate, MAX_RATE_WAIT),
        };
        match admission {
            Admission::After(wait) => {
                if !wait.is_zero() {
                    tokio::time::sleep(wait).await;
                }
                Ok(())
            }
            Admission::Refused(wait) => Err(ProxyError::Throttled {
                retry_after_secs: whole_seconds(wait),
            }),
        }
    }
}

/// Whether `call` is upstream's throttling error (relayed as 429 with `Retry-After`).
fn throttled_upstream(call: &UpstreamCall) -> bool {
    matches!(&call.result, Ok(answer) if !answer.status.is_success()
        && answer.code.as_deref().is_some_and(|code| code.starts_with("Throttling")))
}

/// The wait suggested to a client after upstream's throttling outlasted the retries.
const UPSTREAM_RETRY_AFTER_SECS: u64 = 1;

impl IntoResponse for Served {
    fn into_response(self) -> Response {
        let throttled = throttled_upstream(&self.call);
        let call = Arc::try_unwrap(self.call).unwrap_or_else(|shared| (*shared).clone());
        let mut response = call.into_response();
        if throttled {
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(UPSTREAM_RETRY_AFTER_SECS),
            );
        }
        if let Some(age) = self.age {
            response
                .headers_mut()
                .insert(header::AGE, HeaderValue::from(age.as_secs()));
        }
        response
    }
}
