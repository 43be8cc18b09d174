//! State shared by replicas through Redis: the cache (`…:answer:KEY`, living the TTL), the
//! coalescing (a `SET NX PX` lock per key whose holder calls upstream and writes the outcome
//! under its own token, which the other replicas poll for, a bounded time) and each
//! profile's token bucket (a Lua script on Redis's clock, so replicas agree on time).

use std::sync::LazyLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::StatusCode;
use redis::aio::ConnectionManager;
use redis::{RedisError, Script};
use serde::{Deserialize, Serialize};

use super::cache::Fresh;
use super::key::CallKey;
use super::rate::{Admission, Rate};
use crate::upstream::{Answer, UpstreamCall};

/// The prefix of every key the proxy writes.
const PREFIX: &str = "smc-proxy";
/// How long connecting to Redis may take at startup.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How often a replica looks for another replica's answer.
const POLL: Duration = Duration::from_millis(20);
/// How long an outcome stays readable for the replicas waiting for it.
const OUTCOME_TTL: Duration = Duration::from_secs(10);

/// The token bucket, with reservation as [`super::rate::Bucket`] does it. Returns the
/// wait in ms (0: now), or minus the wait when it is over the longest wait (refused).
static TAKE_TOKEN: LazyLock<Script> = LazyLock::new(|| Script::new(TAKE_TOKEN_LUA));
const TAKE_TOKEN_LUA: &str = r"
local now_parts = redis.call('TIME')
local now = now_parts[1] * 1000 + math.floor(now_parts[2] / 1000)
local per_ms = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / per_ms) end
if wait > max_wait then return -wait end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_ms) + wait + 1000)
return wait
";

/// Deletes a lock only while it is still the caller's.
static RELEASE: LazyLock<Script> = LazyLock::new(|| Script::new(RELEASE_LUA));
const RELEASE_LUA: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// A connection to the shared Redis (reconnecting by itself).
#[derive(Clone)]
pub struct RedisShared {
    connection: ConnectionManager,
}

/// A replica's part in a key's call across replicas.
#[derive(Debug)]
pub enum RedisRole {
    /// This replica calls upstream; the token names its outcome.
    Leader(String),
    /// Another replica does: wait for the outcome under this token.
    Follower(String),
}

/// An answer as Redis keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    status: u16,
    body: String,
    request_id: Option<String>,
    code: Option<String>,
    /// Milliseconds since the Unix epoch when upstream answered.
    received_ms: u64,
    retries: u32,
}

impl Stored {
    fn new(answer: &Answer, received: SystemTime, retries: u32) -> Self {
        Stored {
            status: answer.status.as_u16(),
            body: String::from_utf8_lossy(&answer.body).into_owned(),
            request_id: answer.request_id.clone(),
            code: answer.code.clone(),
            received_ms: received
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            retries,
        }
    }

    fn answer(self) -> Option<(Answer, SystemTime, u32)> {
        let answer = Answer {
            status: StatusCode::from_u16(self.status).ok()?,
            body: Bytes::from(self.body),
            request_id: self.request_id,
            code: self.code,
        };
        let received = UNIX_EPOCH + Duration::from_millis(self.received_ms);
        Some((answer, received, self.retries))
    }
}

fn name(kind: &str, part: &str) -> String {
    format!("{PREFIX}:{kind}:{part}")
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

impl RedisShared {
    /// Connects to `url` (and checks the connection with a `PING`), within a few seconds.
    pub async fn connect(url: &str) -> Result<Self, String> {
        let client = redis::Client::open(url).map_err(|error| error.to_string())?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(CONNECT_TIMEOUT)
            .set_response_timeout(CONNECT_TIMEOUT)
            .set_number_of_retries(2);
        let connect = async {
            let mut connection = ConnectionManager::new_with_config(client, config).await?;
            redis::cmd("PING")
                .query_async::<String>(&mut connection)
                .await?;
            Ok::<_, RedisError>(connection)
        };
        match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
            Ok(Ok(connection)) => Ok(RedisShared { connection }),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("no answer within {} s", CONNECT_TIMEOUT.as_secs())),
        }
    }

    /// The cached answer of `key`, while it lives.
    pub async fn cached(&self, key: &CallKey) -> Result<Option<Fresh>, RedisError> {
        let mut connection = self.connection.clone();
        let text: Option<String> = redis::cmd("GET")
            .arg(name("answer", &key.digest()))
            .query_async(&mut connection)
            .await?;
        Ok(text
            .and_then(|text| serde_json::from_str::<Stored>(&text).ok())
            .and_then(Stored::answer)
            .map(|(answer, received, _)| Fresh { answer, received }))
    }

    /// Caches `fresh` for `key` for `ttl`.
    pub async fn put(&self, key: &CallKey, fresh: &Fresh, ttl: Duration) -> Result<(), RedisError> {
        let text = serde_json::to_string(&Stored::new(&fresh.answer, fresh.received, 0))
            .unwrap_or_default();
        let mut connection = self.connection.clone();
        redis::cmd("SET")
            .arg(name("answer", &key.digest()))
            .arg(text)
            .arg("PX")
            .arg(millis(ttl))
            .query_async::<()>(&mut connection)
            .await
    }

    /// Leads `key`'s call across replicas (holding its lock at most `hold`), or follows the
    /// replica that does.
    pub async fn join(&self, key: &CallKey, hold: Duration) -> Result<RedisRole, RedisError> {
        let lock = name("lock", &key.digest());
        let token = uuid::Uuid::new_v4().simple().to_string();
        let mut connection = self.connection.clone();
        for _ in 0..2 {
            let taken: Option<String> = redis::cmd("SET")
                .arg(&lock)
                .arg(&token)
                .arg("NX")
                .arg("PX")
                .arg(millis(hold))
                .query_async(&mut connection)
                .await?;
            if taken.is_some() {
                return Ok(RedisRole::Leader(token));
            }
            let holder: Option<String> = redis::cmd("GET")
                .arg(&lock)
                .query_async(&mut connection)
                .await?;
            if let Some(holder) = holder {
                return Ok(RedisRole::Follower(holder));
            }
            // The holder finished between the two commands: try to lead once more.
        }
        Ok(RedisRole::Leader(token))
    }

    /// Writes the leader's outcome for the replicas waiting on `token`, then releases the
    /// lock. A failure without an API answer is written as such: the others call themselves.
    pub async fn finish(
        &self,
        key: &CallKey,
        token: &str,
        call: &UpstreamCall,
    ) -> Result<(), RedisError> {
        let text = match &call.result {
            Ok(answer) => {
                serde_json::to_string(&Stored::new(answer, SystemTime::now(), call.retries))
                    .unwrap_or_default()
            }
            Err(_) => String::new(),
        };
        let mut connection = self.connection.clone();
        redis::cmd("SET")
            .arg(name("outcome", token))
            .arg(text)
            .arg("PX")
            .arg(millis(OUTCOME_TTL))
            .query_async::<()>(&mut connection)
            .await?;
        RELEASE
            .key(name("lock", &key.digest()))
            .arg(token)
            .invoke_async::<i64>(&mut connection)
            .await?;
        Ok(())
    }

    /// The outcome of the leader holding `token`, waiting at most `bound`; `None` when it
    /// has none to share (it failed, or went away).
    pub async fn follow(
        &self,
        token: &str,
        bound: Duration,
    ) -> Result<Option<UpstreamCall>, RedisError> {
        let outcome = name("outcome", token);
        let mut connection = self.connection.clone();
        let deadline = tokio::time::Instant::now() + bound;
        loop {
            let text: Option<String> = redis::cmd("GET")
                .arg(&outcome)
                .query_async(&mut connection)
                .await?;
            if let Some(text) = text {
                let stored = serde_json::from_str::<Stored>(&text).ok();
                return Ok(stored.and_then(Stored::answer).map(|(answer, _, retries)| {
                    UpstreamCall {
                        retries,
                        result: Ok(answer),
                    }
                }));
            }
            if tokio::time::Instant::now() + POLL > deadline {
                return Ok(None);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Takes a token of `profile`'s bucket, shared by every replica.
    pub async fn take(
        &self,
        profile: &str,
        rate: Rate,
        max_wait: Duration,
    ) -> Result<Admission, RedisError> {
        let mut connection = self.connection.clone();
        let wait: i64 = TAKE_TOKEN
            .key(name("rate", profile))
            .arg(rate.per_second / 1000.0)
            .arg(rate.burst)
            .arg(millis(max_wait))
            .invoke_async(&mut connection)
            .await?;
        let wait_for = Duration::from_millis(wait.unsigned_abs());
        Ok(if wait < 0 {
            Admission::Refused(wait_for)
        } else {
            Admission::After(wait_for)
        })
    }
}
