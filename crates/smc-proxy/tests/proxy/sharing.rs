//! Calls shared between viewers: identical calls in flight make one upstream call, answers
//! are cached briefly (with `Age`), errors never, and the upstream rate holds (429
//! `Throttling` with `Retry-After` past it). Upstream calls are counted at the tap.

use std::time::Duration;

use axum::http::StatusCode;
use futures::future::join_all;
use smc_emulator::FaultRule;
use smc_proxy::metrics::SharingEvent;
use smc_proxy::sharing::rate::Rate;
use smc_proxy::sharing::SharingSettings;

use crate::common::{Canned, Harness, Options};

const LIST: &str = "/api/DescribeReplicationJobs?PageSize=10&Status=Running";

fn cached(ttl: Duration) -> SharingSettings {
    SharingSettings {
        cache_ttl: ttl,
        ..SharingSettings::uncached()
    }
}

fn limited(per_second: f64) -> SharingSettings {
    SharingSettings {
        rate: Some(Rate::per_second(per_second)),
        ..SharingSettings::uncached()
    }
}

fn count(harness: &Harness, event: SharingEvent) -> u64 {
    harness.proxy.state().metrics.sharing(event)
}

fn throttling(code: &str) -> Canned {
    Canned {
        status: 400,
        headers: vec![("content-type", "application/json".into())],
        body: format!(r#"{{"Code":"{code}","Message":"slow down","RequestId":"R-T"}}"#),
    }
}

crate::scenarios! {
    /// 50 viewers asking for the same list at once (parameters in any order): one
    /// upstream call, and every one of them gets its page.
    async fn fifty_identical_calls_in_flight_make_one_upstream_call() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::delay(300)],
            sharing: SharingSettings::uncached(),
            ..Options::default()
        })
        .await;
        let paths = (0..50).map(|n| {
            if n % 2 == 0 {
                LIST.to_owned()
            } else {
                "/api/DescribeReplicationJobs?Status=Running&PageSize=10".to_owned()
            }
        });
        let shared = &harness;
        let answers = join_all(paths.map(|path| async move { shared.get(&path).await })).await;
        for answer in &answers {
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
            assert_eq!(answer.text, answers[0].text);
        }
        assert_eq!(harness.tap.seen().len(), 1, "one upstream call for 50 identical calls");
        assert_eq!(count(&harness, SharingEvent::UpstreamCall), 1);
        assert_eq!(count(&harness, SharingEvent::Coalesced), 49);
        // Without a cache, the next call goes upstream again.
        assert_eq!(harness.get(LIST).await.status, StatusCode::OK);
        assert_eq!(harness.tap.seen().len(), 2);
        harness.stop().await;
    }

    /// A cached answer is served again with its `Age`; other parameters are another call.
    async fn answers_are_cached_with_their_age() {
        let harness = Harness::with(Options {
            sharing: cached(Duration::from_secs(30)),
            ..Options::default()
        })
        .await;
        let first = harness.get(LIST).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.header("age"), None);
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let again = harness.get(LIST).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.text, first.text);
        let age: u64 = again.header("age").expect("an Age header").parse().unwrap();
        assert!((1..30).contains(&age), "Age {age}");
        assert_eq!(harness.tap.seen().len(), 1);
        assert_eq!(count(&harness, SharingEvent::CacheHit), 1);
        assert!(harness.proxy.state().metrics.render()
            .contains("smc_proxy_sharing_total{event=\"cache_hit\"} 1"));
        let other = harness.get("/api/DescribeReplicationJobs?PageSize=20").await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(harness.tap.seen().len(), 2);
        harness.stop().await;
    }

    /// An error is relayed and not cached: the next identical call goes upstream.
    async fn errors_are_never_cached() {
        let harness = Harness::with(Options {
            sharing: cached(Duration::from_secs(30)),
            ..Options::default()
        })
        .await;
        harness.tap.script(vec![Canned {
            status: 403,
            headers: vec![("content-type", "application/json".into())],
            body: r#"{"Code":"Forbidden.Unauthorized","Message":"no","RequestId":"R-1"}"#.into(),
        }]);
        let refused = harness.get(LIST).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let page = harness.get(LIST).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        assert_eq!(page.header("age"), None);
        assert_eq!(harness.tap.seen().len(), 2);
        harness.stop().await;
    }

    /// `--cache-ttl 0`: every call one after another goes upstream.
    async fn a_ttl_of_zero_turns_the_cache_off() {
        let harness = Harness::with(Options {
            sharing: cached(Duration::ZERO),
            ..Options::default()
        })
        .await;
        for _ in 0..3 {
            let answer = harness.get(LIST).await;
            assert_eq!(answer.status, StatusCode::OK);
            assert_eq!(answer.header("age"), None);
        }
        assert_eq!(harness.tap.seen().len(), 3);
        assert_eq!(count(&harness, SharingEvent::CacheHit), 0);
        harness.stop().await;
    }

    /// One call a second: the first goes, the second waits its second, the third would wait
    /// two and is refused with 429 `Throttling` and `Retry-After: 2`, never sent upstream.
    async fn over_the_rate_calls_wait_briefly_or_get_429() {
        let harness = Harness::with(Options {
            sharing: limited(1.0),
            ..Options::default()
        })
        .await;
        let pages = (1..=3).map(|page| {
            let harness = &harness;
            async move {
                // Staggered, so the bucket is asked in this order.
                tokio::time::sleep(Duration::from_millis(50 * page)).await;
                harness
                    .get(&format!("/api/DescribeReplicationJobs?PageNumber={page}"))
                    .await
            }
        });
        let answers = join_all(pages).await;
        assert_eq!(answers[0].status, StatusCode::OK);
        assert_eq!(answers[1].status, StatusCode::OK);
        let refused = &answers[2];
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.text);
        assert_eq!(refused.api_error().code, "Throttling");
        let retry_after = refused.header("retry-after").expect("Retry-After");
        assert!(
            refused.api_error().message.contains(&format!("retry in {retry_after} s")),
            "{}",
            refused.text
        );
        assert!(["1", "2"].contains(&retry_after), "{retry_after}");
        assert_eq!(harness.tap.seen().len(), 2, "nothing over the rate went upstream");
        assert_eq!(count(&harness, SharingEvent::RateLimited), 1);
        harness.stop().await;
    }

    /// Upstream throttling is retried; when it lasts past the retries it is relayed as
    /// 429 with `Retry-After` and upstream's code.
    async fn lasting_upstream_throttling_is_relayed_as_429() {
        let harness = Harness::start().await;
        harness.tap.script(vec![throttling("Throttling.User"); 3]);
        let answer = harness.get(LIST).await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS, "{}", answer.text);
        assert_eq!(answer.api_error().code, "Throttling.User");
        assert_eq!(answer.header("retry-after"), Some("1"));
        assert_eq!(harness.tap.seen().len(), 3, "one call and two retries");
        assert_eq!(harness.retries("throttling"), 2);
        harness.tap.script(vec![throttling("Throttling.Api")]);
        let answer = harness.get(LIST).await;
        assert_eq!(answer.status, StatusCode::OK, "retried past one throttling: {}", answer.text);
        harness.stop().await;
    }
}
