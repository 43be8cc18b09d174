//! Upstream faults: the emulator's fault rules (and the tap's script for what the emulator
//! cannot do), each ending in time with the right answer.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use smc_emulator::FaultRule;

use crate::common::{client, fast, metric, proxy_at, Canned, Harness, Options};

fn sometimes(status: u16, code: &str) -> FaultRule {
    FaultRule {
        probability: 0.5,
        ..FaultRule::error(status, code)
    }
}

fn many_retries() -> smc_proxy::UpstreamSettings {
    smc_proxy::UpstreamSettings {
        retries: 8,
        ..fast()
    }
}

crate::scenarios! {
    /// Throttling half the time: every browser call still succeeds, by retrying.
    async fn throttling_is_retried_until_it_succeeds() {
        let harness = Harness::with(Options {
            faults: vec![sometimes(400, "Throttling.User")],
            client: many_retries(),
            ..Options::default()
        })
        .await;
        for _ in 0..8 {
            let answer = harness.get("/api/DescribeReplicationJobs?PageSize=2").await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        }
        assert!(harness.retries("throttling") > 0);
        assert_eq!(harness.tap.seen().len() as u64, 8 + harness.retries("throttling"));
        // Each attempt is signed anew: no nonce is used twice.
        let mut nonces: Vec<String> = harness
            .tap
            .seen()
            .iter()
            .map(|s| s.param("SignatureNonce").unwrap().to_owned())
            .collect();
        let attempts = nonces.len();
        nonces.sort();
        nonces.dedup();
        assert_eq!(nonces.len(), attempts);
        harness.stop().await;
    }

    /// 500 InternalError half the time is retried too.
    async fn internal_errors_are_retried_until_they_succeed() {
        let harness = Harness::with(Options {
            faults: vec![sometimes(500, "InternalError")],
            client: many_retries(),
            ..Options::default()
        })
        .await;
        for _ in 0..8 {
            let answer = harness.get("/api/DescribeReplicationJobs?PageSize=2").await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        }
        assert!(harness.retries("server_error") > 0);
        harness.stop().await;
    }

    /// A lasting 503 is retried the bounded number of times, then relayed as upstream said.
    async fn lasting_failures_are_relayed_after_bounded_retries() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::error(503, "ServiceUnavailable")],
            ..Options::default()
        })
        .await;
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answer.api_error().code, "ServiceUnavailable");
        assert_eq!(harness.tap.seen().len(), 3, "one attempt and two retries");
        harness.stop().await;
    }

    /// A refusal that retrying cannot fix is relayed at once.
    async fn permanent_errors_are_not_retried() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::error(403, "Forbidden.Unauthorized")],
            ..Options::default()
        })
        .await;
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(answer.api_error().code, "Forbidden.Unauthorized");
        assert_eq!(harness.tap.seen().len(), 1);
        harness.stop().await;
    }

    /// `x-acs-retry-after` sets the wait before the retry.
    async fn retry_after_is_honoured() {
        let harness = Harness::start().await;
        harness.tap.script(vec![Canned {
            status: 400,
            headers: vec![("x-acs-retry-after", "300".into()), ("content-type", "application/json".into())],
            body: r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"R-1"}"#.into(),
        }]);
        let started = Instant::now();
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
        assert_eq!(harness.tap.seen().len(), 2);
        harness.stop().await;
    }

    /// Upstream slower than the budget: 504 `Proxy.UpstreamTimeout`, at the budget.
    async fn a_slow_upstream_times_out_with_504() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::delay(10_000)],
            client: smc_proxy::UpstreamSettings {
                timeout: Duration::from_millis(300),
                ..fast()
            },
            ..Options::default()
        })
        .await;
        let started = Instant::now();
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        let elapsed = started.elapsed();
        assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT, "{}", answer.text);
        assert_eq!(answer.api_error().code, "Proxy.UpstreamTimeout");
        assert!(elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(3), "{elapsed:?}");
        assert_eq!(harness.tap.seen().len(), 1, "a timeout is not retried");
        harness.stop().await;
    }

    /// The emulator stops under a running proxy: 502 `Proxy.UpstreamUnreachable`, after
    /// the bounded network retries, quickly.
    async fn a_stopped_emulator_is_502() {
        let credentials = smc_proxy::server::fresh_credentials();
        let emulator = smc_emulator::Emulator::builder()
            .credentials(credentials.clone())
            .start()
            .await
            .unwrap();
        let endpoint = emulator.endpoint();
        let proxy = proxy_at(&endpoint, credentials).await;
        let url = format!("{}/api/DescribeReplicationJobs", proxy.url());
        let client = client();
        assert_eq!(client.get(&url).send().await.unwrap().status(), StatusCode::OK);
        emulator.shutdown().await.unwrap();

        let started = Instant::now();
        let response = client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
        let body = response.text().await.unwrap();
        let error = smc_core::ApiError::from_body(502, &body).unwrap();
        assert_eq!(error.code, "Proxy.UpstreamUnreachable");
        assert!(error.message.contains(&endpoint), "{}", error.message);
        assert!(started.elapsed() < Duration::from_secs(3));
        let metrics = proxy.state().metrics.render();
        assert_eq!(metric(&metrics, "smc_proxy_upstream_retries_total{reason=\"network\"}"), 2);
        proxy.shutdown().await.unwrap();
    }

    /// A page bigger than the cap: 502 `Proxy.ResponseTooLarge`, not relayed.
    async fn an_oversized_response_is_refused() {
        let harness = Harness::with(Options {
            client: smc_proxy::UpstreamSettings {
                max_response_bytes: 4096,
                ..fast()
            },
            ..Options::default()
        })
        .await;
        let small = harness.get("/api/DescribeReplicationJobs?PageSize=1").await;
        assert_eq!(small.status, StatusCode::OK, "{}", small.text);
        let answer = harness.get("/api/DescribeReplicationJobs?PageSize=50").await;
        assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
        let error = answer.api_error();
        assert_eq!(error.code, "Proxy.ResponseTooLarge");
        assert!(error.message.contains("4096"), "{}", error.message);
        assert!(answer.text.len() < 1024);
        harness.stop().await;
    }
}
