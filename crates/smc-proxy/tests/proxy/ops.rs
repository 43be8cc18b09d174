//! What operators call: `/healthz` and `/metrics`, and the fallback without a web app.

use axum::http::StatusCode;
use smc_emulator::FaultRule;

use crate::common::{metric, Harness, Options};

crate::scenarios! {
    /// `/healthz` answers locally, even with upstream failing.
    async fn healthz_is_answered_locally() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::error(503, "ServiceUnavailable")],
            ..Options::default()
        })
        .await;
        let answer = harness.get("/healthz").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json["Status"], "ok");
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// `/metrics` counts calls by action and status, upstream latency and retries.
    async fn metrics_count_calls_latency_and_retries() {
        let harness = Harness::with(Options {
            faults: vec![FaultRule::error(503, "ServiceUnavailable")],
            ..Options::default()
        })
        .await;
        harness.get("/api/DescribeReplicationJobs").await;
        harness.get("/api/DescribeReplicationJobs?PageSize=0").await;
        harness.get("/api/Other").await;
        let answer = harness.get("/metrics").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.header("content-type").unwrap().starts_with("text/plain; version=0.0.4"));
        let text = answer.text;
        let count = |series: &str| metric(&text, series);
        assert_eq!(count("smc_proxy_requests_total{action=\"DescribeReplicationJobs\",status=\"503\"}"), 1);
        assert_eq!(count("smc_proxy_requests_total{action=\"DescribeReplicationJobs\",status=\"400\"}"), 1);
        assert_eq!(count("smc_proxy_requests_total{action=\"other\",status=\"404\"}"), 1);
        assert_eq!(count("smc_proxy_upstream_duration_seconds_count"), 3);
        assert_eq!(count("smc_proxy_upstream_retries_total{reason=\"server_error\"}"), 2);
        assert_eq!(count("smc_proxy_upstream_in_flight"), 0);
        harness.stop().await;
    }

    /// Without `--static`, other paths are an API-shaped 404; every answer is `nosniff`.
    async fn without_a_web_app_other_paths_are_not_found() {
        let harness = Harness::start().await;
        for path in ["/", "/index.html", "/jobs/j-1"] {
            let answer = harness.get(path).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(answer.api_error().code, "Proxy.NotFound");
            assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
            assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
        }
        harness.stop().await;
    }
}
