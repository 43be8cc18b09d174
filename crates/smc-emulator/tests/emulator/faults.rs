//! Injected faults and the control API: a rule produces its status, code and latency;
//! clearing it restores service.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use smc_core::{DescribeReplicationJobs, Format, JobType};
use smc_emulator::files::load_faults;
use smc_emulator::{odd_jobs, FaultRule};

use crate::common::Harness;

fn first_page() -> DescribeReplicationJobs {
    DescribeReplicationJobs::default()
}

#[tokio::test]
async fn an_error_rule_answers_with_its_status_code_and_message_until_cleared() {
    let harness = Harness::new();
    let rule = FaultRule {
        message: "Request was denied due to user flow control.".to_owned(),
        ..FaultRule::error(400, "Throttling.User")
    };
    harness.state.set_faults(vec![rule]).unwrap();
    let error = harness.call(&first_page()).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "Throttling.User")
    );
    assert_eq!(
        error.message,
        "Request was denied due to user flow control."
    );
    let signed = harness.sign(&first_page(), Format::Xml, "GET");
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert!(
        answer.body.starts_with("<?xml"),
        "faults answer in the call's format"
    );
    harness.state.clear_faults();
    assert_eq!(harness.call(&first_page()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_latency_rule_delays_and_then_answers_or_fails() {
    let harness = Harness::new();
    harness
        .state
        .set_faults(vec![FaultRule::delay(300)])
        .unwrap();
    let started = Instant::now();
    let answer = harness.call(&first_page()).await;
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "latency alone answers normally"
    );
    harness
        .state
        .set_faults(vec![FaultRule {
            latency_ms: 150,
            ..FaultRule::error(503, "")
        }])
        .unwrap();
    let started = Instant::now();
    let error = harness.call(&first_page()).await.error();
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (503, "ServiceUnavailable")
    );
    harness.state.clear_faults();
    let started = Instant::now();
    assert_eq!(harness.call(&first_page()).await.status, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "no delay once cleared"
    );
}

#[tokio::test]
async fn faults_apply_only_to_calls_that_pass_the_gateway() {
    let harness = Harness::with(|b| b.faults(vec![FaultRule::error(500, "")]));
    let mut params = harness.signed_params(&first_page(), Format::Json);
    crate::common::set(&mut params, "Signature", Some("AAAA"));
    assert_eq!(
        harness.get(&params).await.error().code,
        "SignatureDoesNotMatch"
    );
    let error = harness.call(&first_page()).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (500, "InternalError")
    );
}

#[tokio::test]
async fn an_odd_fields_rule_sends_odd_job_fields_that_never_fail_the_page() {
    let harness = Harness::new();
    let plain = harness.describe(&first_page()).await;
    harness
        .state
        .set_faults(vec![FaultRule::odd_job_fields()])
        .unwrap();
    for format in [Format::Json, Format::Xml] {
        let signed = harness.sign(&first_page(), format, "GET");
        let answer = harness
            .send("GET", &format!("/?{}", signed.query_string()), None, "")
            .await;
        assert!(answer.body.contains(odd_jobs::UNKNOWN_FIELD), "{format:?}");
        let page = answer.page();
        assert_eq!(page.replication_jobs.len(), plain.replication_jobs.len());
        for (index, (odd, plain)) in page
            .replication_jobs
            .iter()
            .zip(&plain.replication_jobs)
            .enumerate()
        {
            assert_eq!(odd.job_id, plain.job_id);
            if index % 3 != 0 {
                assert_eq!(
                    odd.typed_parts(),
                    plain.typed_parts(),
                    "{format:?} job {index}"
                );
                continue;
            }
            // The creation time arrives in UTC+8 with milliseconds: still the same instant.
            assert_eq!(odd.creation_time, plain.creation_time);
            assert_eq!(
                odd.job_type,
                Some(JobType::Unknown(odd_jobs::UNKNOWN_JOB_TYPE))
            );
            assert_eq!(
                odd.odd_field("Progress").is_some(),
                plain.progress.is_some(),
                "{format:?} job {index}"
            );
            assert_eq!(
                odd.odd_field("StartTime").is_some(),
                plain.start_time.is_some()
            );
            assert!(odd
                .raw
                .as_ref()
                .unwrap()
                .as_str()
                .contains(odd_jobs::UNKNOWN_FIELD));
        }
        assert!(
            page.replication_jobs
                .iter()
                .any(|job| !job.odd_fields.is_empty()),
            "{format:?}"
        );
    }
    harness.state.clear_faults();
    let again = harness.describe(&first_page()).await;
    assert!(again
        .replication_jobs
        .iter()
        .all(|job| job.odd_fields.is_empty()));
}

#[tokio::test]
async fn the_control_api_sets_clears_resets_and_shows_state() {
    let harness = Harness::with(|b| b.control(true));
    let put = harness
        .send(
            "PUT",
            "/_emulator/faults",
            None,
            r#"[{"status":503,"code":"ServiceUnavailable","latency_ms":0}]"#,
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(
        harness.call(&first_page()).await.error().code,
        "ServiceUnavailable"
    );
    let state: serde_json::Value =
        serde_json::from_str(&harness.send("GET", "/_emulator/state", None, "").await.body)
            .unwrap();
    assert_eq!(state["faults"][0]["status"], 503);
    assert_eq!(state["jobs"], 240);
    let cleared = harness.send("DELETE", "/_emulator/faults", None, "").await;
    assert_eq!(cleared.body, "[]");
    assert_eq!(harness.call(&first_page()).await.status, StatusCode::OK);

    let reset = harness
        .send("POST", "/_emulator/reset", None, r#"{"seed":9,"jobs":30}"#)
        .await;
    let state: serde_json::Value = serde_json::from_str(&reset.body).unwrap();
    assert_eq!(
        (state["jobs"].as_u64(), state["seed"].as_u64()),
        (Some(30), Some(9))
    );
    assert_eq!(harness.describe(&first_page()).await.total_count, Some(30));
    harness.send("POST", "/_emulator/reset", None, "").await;
    assert_eq!(
        harness.describe(&first_page()).await.total_count,
        Some(240),
        "an empty reset restores the start"
    );

    for (method, path, body) in [
        ("PUT", "/_emulator/faults", r#"[{"status":200}]"#),
        ("PUT", "/_emulator/faults", "not json"),
        ("POST", "/_emulator/reset", r#"{"jobs":1000000}"#),
    ] {
        let answer = harness.send(method, path, None, body).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{method} {path} {body}"
        );
        assert_eq!(answer.error().code, "InvalidParameter");
    }
}

#[tokio::test]
async fn without_control_the_control_api_does_not_exist() {
    let harness = Harness::new();
    let answer = harness.send("GET", "/_emulator/state", None, "").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.error().code, "InvalidApi.NotFound");
    let answer = harness
        .send("PUT", "/_emulator/faults", None, r#"[{"status":500}]"#)
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(harness.state.faults().is_empty());
}

#[tokio::test]
async fn a_fault_file_is_read_and_checked() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let rules = load_faults(&dir.join("faults.json")).expect("the fixture parses");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1].latency_ms, 2000);
    let harness = Harness::with(|b| b.faults(rules));
    let error = harness.call(&first_page()).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (429, "Throttling.User")
    );
    let bad = load_faults(&dir.join("jobs.json")).unwrap_err();
    assert!(bad.to_string().contains("jobs.json"), "{bad}");
}
