//! Replicas sharing through Redis: a real `redis-server` started here on a free loopback
//! port with a temporary directory (`cargo xtask test` installs it), two proxies in front
//! of one tap, and the upstream calls counted at the tap.

use std::net::TcpListener;
use std::time::Duration;

use axum::http::StatusCode;
use futures::future::join_all;
use smc_emulator::FaultRule;
use smc_proxy::sharing::rate::Rate;
use smc_proxy::sharing::SharingSettings;
use smc_proxy::{Proxy, Settings, StartError};

use crate::common::{client, replica, Harness, Options};

#[path = "../../examples/support/redis_server.rs"]
mod redis_server;
use redis_server::RedisServer;

const LIST: &str = "/api/DescribeReplicationJobs?PageSize=10&Status=Running";

fn shared(redis: &RedisServer, cache_ttl: Duration, rate: Option<Rate>) -> SharingSettings {
    SharingSettings {
        cache_ttl,
        rate,
        redis: Some(redis.url()),
        ..SharingSettings::default()
    }
}

crate::scenarios! {
    /// 50 identical calls spread over two replicas at once: one upstream call in all.
    async fn two_replicas_make_one_upstream_call_for_the_same_list() {
        let redis = RedisServer::start();
        let sharing = shared(&redis, Duration::ZERO, None);
        let harness = Harness::with(Options {
            faults: vec![FaultRule::delay(400)],
            sharing: sharing.clone(),
            ..Options::default()
        })
        .await;
        let other = replica(&harness, sharing).await;
        let urls = (0..50).map(|n| {
            let base = if n % 2 == 0 { harness.proxy.url() } else { other.url() };
            format!("{base}{LIST}")
        });
        let http = client();
        let answers = join_all(urls.map(|url| {
            let http = http.clone();
            async move {
                let response = http.get(url).send().await.unwrap();
                (response.status(), response.text().await.unwrap())
            }
        }))
        .await;
        for (status, text) in &answers {
            assert_eq!(*status, StatusCode::OK, "{text}");
            assert_eq!(text, &answers[0].1);
        }
        assert_eq!(harness.tap.seen().len(), 1, "one upstream call for both replicas");
        other.shutdown().await.unwrap();
        harness.stop().await;
    }

    /// What one replica fetched, the other serves from the shared cache, with its `Age`.
    async fn replicas_share_the_cache() {
        let redis = RedisServer::start();
        let sharing = shared(&redis, Duration::from_secs(30), None);
        let harness = Harness::with(Options {
            sharing: sharing.clone(),
            ..Options::default()
        })
        .await;
        let other = replica(&harness, sharing).await;
        let first = harness.get(LIST).await;
        assert_eq!(first.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let response = client().get(format!("{}{LIST}", other.url())).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let age: u64 = response.headers()["age"].to_str().unwrap().parse().unwrap();
        assert!((1..30).contains(&age), "Age {age}");
        assert_eq!(response.text().await.unwrap(), first.text);
        assert_eq!(harness.tap.seen().len(), 1);
        other.shutdown().await.unwrap();
        harness.stop().await;
    }

    /// One call a second for the account, whichever replica is asked: the third call in a
    /// row is refused with 429 and never reaches upstream.
    async fn replicas_share_the_rate() {
        let redis = RedisServer::start();
        let sharing = shared(&redis, Duration::ZERO, Some(Rate::per_second(1.0)));
        let harness = Harness::with(Options {
            sharing: sharing.clone(),
            ..Options::default()
        })
        .await;
        let other = replica(&harness, sharing).await;
        let bases = [harness.proxy.url(), other.url(), harness.proxy.url()];
        let http = client();
        let calls = bases.iter().enumerate().map(|(n, base)| {
            let http = http.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(50 * n as u64)).await;
                let url = format!("{base}/api/DescribeReplicationJobs?PageNumber={}", n + 1);
                let response = http.get(url).send().await.unwrap();
                let retry_after = response.headers().get("retry-after").cloned();
                (response.status(), retry_after)
            }
        });
        let answers = join_all(calls).await;
        assert_eq!(answers[0].0, StatusCode::OK);
        assert_eq!(answers[1].0, StatusCode::OK, "the other replica waited for a token");
        assert_eq!(answers[2].0, StatusCode::TOO_MANY_REQUESTS);
        assert!(answers[2].1.is_some(), "Retry-After");
        assert_eq!(harness.tap.seen().len(), 2);
        other.shutdown().await.unwrap();
        harness.stop().await;
    }

    /// A Redis that cannot be reached is a startup error naming `--redis`.
    async fn an_unreachable_redis_stops_the_start() {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let error = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            sharing: SharingSettings {
                redis: Some(format!("redis://127.0.0.1:{port}/0")),
                ..SharingSettings::default()
            },
            ..Settings::default()
        })
        .await
        .unwrap_err();
        assert!(matches!(error, StartError::Sharing(_)));
        assert!(error.to_string().starts_with("--redis: "), "{error}");
    }
}
