//! The official Python SDKs against the emulator, in each way they sign: the tea SDK
//! (`alibabacloud-smc20190601` on `alibabacloud-tea-openapi`) by default (V3) and with
//! `signature_algorithm='v2'` (RPC v1), and `aliyun-python-sdk-core` with
//! `aliyun-python-sdk-smc` (v1). Each filters, pages and is refused a wrong secret, and each
//! answer is compared with the same call signed by smc-core.
//!
//! The SDKs live in the venv `cargo xtask install python-sdk` makes (`.tools/python-sdk`);
//! `tests/python/sdk_driver.py` runs them.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use smc_core::sign::{sign_request, Credentials, SigningParams};
use smc_core::{DescribeReplicationJobs, DescribeReplicationJobsResponse, Format};
use smc_e2e::paths;
use smc_emulator::{Emulator, RunningEmulator};
use time::OffsetDateTime;

/// One SDK and the way it signs.
#[derive(Debug, Clone, Copy)]
enum Mode {
    /// The tea SDK's default: `ACS3-HMAC-SHA256`.
    TeaV3,
    /// The tea SDK with `signature_algorithm='v2'`: RPC signature v1.
    TeaV2,
    /// aliyun-python-sdk-core: RPC signature v1.
    CoreV1,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::TeaV3 => "tea-v3",
            Mode::TeaV2 => "tea-v2",
            Mode::CoreV1 => "core-v1",
        }
    }

    /// The code the SDK raises for a wrong secret, and what its message must contain.
    fn wrong_secret(self) -> (&'static str, &'static str) {
        match self {
            // The gateway's string to sign, shown in the message.
            Mode::TeaV3 => (
                "SignatureDoesNotMatch",
                "server string to sign is:ACS3-HMAC-SHA256\n",
            ),
            Mode::TeaV2 => ("SignatureDoesNotMatch", "&%2F&AccessKeyId%3D"),
            // aliyun-python-sdk-core compares the gateway's string to sign with its own
            // and, when they are equal, names the secret instead: the emulator's string to
            // sign is byte for byte the SDK's.
            Mode::CoreV1 => ("InvalidAccessKeySecret", "AccessKeySecret is incorrect"),
        }
    }
}

/// Runs the driver in `mode` on `calls` with `credentials`, returning one result per call.
async fn drive(
    mode: Mode,
    emulator: &RunningEmulator,
    credentials: &Credentials,
    calls: &Value,
) -> Vec<Value> {
    let python = paths::python_sdk();
    let args = [
        paths::sdk_driver().display().to_string(),
        mode.name().to_owned(),
        emulator.addr().to_string(),
        credentials.access_key_id.clone(),
        credentials.access_key_secret.expose().to_owned(),
    ];
    let input = calls.to_string();
    let output = tokio::task::spawn_blocking(move || {
        let mut child = Command::new(python)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Loopback only: no proxy from the environment may come in between.
            .env("NO_PROXY", "*")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .spawn()
            .expect("the venv's python starts");
        child
            .stdin
            .take()
            .expect("a stdin pipe")
            .write_all(input.as_bytes())
            .expect("the calls are written");
        child.wait_with_output().expect("the driver ends")
    })
    .await
    .expect("the driver thread ends");
    assert!(
        output.status.success(),
        "{} failed: {}",
        mode.name(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the driver prints a JSON list")
}

/// The region every call names: aliyun-python-sdk-core always sends its client's.
const REGION: &str = "cn-hangzhou";

/// The calls as the driver reads them, each with [`REGION`].
fn in_region(calls: Value) -> Value {
    let mut calls = calls;
    for call in calls.as_array_mut().expect("a list of calls") {
        call["RegionId"] = json!(REGION);
    }
    calls
}

/// The same call signed by smc-core (v1, GET): the answer the SDK must agree with.
async fn reference(emulator: &RunningEmulator, call: &Value) -> DescribeReplicationJobsResponse {
    let request = DescribeReplicationJobs::from_params(api_params(call)).expect("a valid call");
    let mut params = SigningParams::new(emulator.credentials(), OffsetDateTime::now_utc());
    params.format = Format::Json;
    let signed = sign_request(&request, &params);
    let url = format!("{}?{}", emulator.endpoint(), signed.query_string());
    let body = reqwest::get(url)
        .await
        .expect("the emulator answers")
        .text()
        .await
        .expect("a body");
    smc_core::json::parse_response(&body).expect("a page")
}

/// A call's parameters as the API names them on the wire (`Tag.1.Key`, `JobId.1`).
fn api_params(call: &Value) -> Vec<(String, String)> {
    let mut params = Vec::new();
    for (name, value) in call.as_object().expect("a call is an object") {
        match (name.as_str(), value) {
            ("Tag", Value::Array(tags)) => {
                for (index, tag) in tags.iter().enumerate() {
                    for part in ["Key", "Value"] {
                        let text = tag[part].as_str().unwrap_or_default().to_owned();
                        params.push((format!("Tag.{}.{part}", index + 1), text));
                    }
                }
            }
            (_, Value::String(text)) => params.push((name.clone(), text.clone())),
            (_, other) => params.push((name.clone(), other.to_string())),
        }
    }
    params
}

fn job_ids(result: &Value) -> Vec<&str> {
    result["Jobs"]
        .as_array()
        .expect("a page has Jobs")
        .iter()
        .map(|job| job["JobId"].as_str().unwrap_or_default())
        .collect()
}

/// Filters, paging and a wrong secret, through the SDK in `mode`.
async fn filters_paging_and_a_wrong_secret(mode: Mode) {
    let emulator = Emulator::builder()
        .frozen(true)
        .start()
        .await
        .expect("the emulator starts");
    let all = reference(&emulator, &json!({"PageSize": 50, "RegionId": REGION})).await;
    let named = &all.replication_jobs[3];
    let tagged = all
        .replication_jobs
        .iter()
        .find(|job| !job.tags.is_empty())
        .expect("a generated job has tags");
    let tag = &tagged.tags[0];
    let calls = in_region(json!([
        {"PageNumber": 2, "PageSize": 7},
        {"Status": "Running", "PageSize": 50},
        {"Name": named.name, "PageSize": 50},
        {"Tag": [{"Key": tag.key, "Value": tag.value}], "PageSize": 50},
        {"Status": "Running", "PageNumber": 2, "PageSize": 3},
    ]));
    let results = drive(mode, &emulator, emulator.credentials(), &calls).await;
    let name = mode.name();
    assert_eq!(results.len(), 5, "{name}: {results:?}");
    for (call, result) in calls.as_array().unwrap().iter().zip(&results) {
        assert_eq!(result["ok"], true, "{name} {call}: {result}");
        let expected = reference(&emulator, call).await;
        assert_eq!(
            result["TotalCount"],
            json!(expected.total_count),
            "{name} {call}"
        );
        assert_eq!(
            result["PageNumber"],
            json!(expected.page_number),
            "{name} {call}"
        );
        assert_eq!(
            result["PageSize"],
            json!(expected.page_size),
            "{name} {call}"
        );
        let expected_ids: Vec<&str> = expected
            .replication_jobs
            .iter()
            .map(|job| job.job_id.as_str())
            .collect();
        assert_eq!(job_ids(result), expected_ids, "{name} {call}");
    }

    let [page, running, by_name, by_tag, running_page] = &results[..] else {
        unreachable!("five results");
    };
    let region_total = all.total_count.expect("a TotalCount");
    assert!(
        region_total > 50,
        "{name}: the region has {region_total} jobs"
    );
    assert_eq!(page["TotalCount"], region_total, "{name}");
    assert_eq!(
        (&page["PageNumber"], &page["PageSize"]),
        (&json!(2), &json!(7))
    );
    assert_eq!(
        job_ids(page),
        all.replication_jobs[7..14]
            .iter()
            .map(|j| j.job_id.as_str())
            .collect::<Vec<_>>()
    );
    let running_total = running["TotalCount"].as_i64().unwrap();
    assert!(
        0 < running_total && running_total < region_total,
        "{name}: {running_total}"
    );
    for job in running["Jobs"].as_array().unwrap() {
        assert_eq!(job["Status"], "Running", "{name}");
    }
    assert_eq!(job_ids(running_page), job_ids(running)[3..6], "{name}");
    let named_jobs = by_name["Jobs"].as_array().unwrap();
    assert!(!named_jobs.is_empty(), "{name}");
    assert!(
        named_jobs
            .iter()
            .all(|job| job["Name"] == json!(named.name)),
        "{name}"
    );
    let tagged_jobs = by_tag["Jobs"].as_array().unwrap();
    assert!(job_ids(by_tag).contains(&tagged.job_id.as_str()), "{name}");
    let wanted_tag = json!({"Key": tag.key, "Value": tag.value});
    for job in tagged_jobs {
        assert!(
            job["Tags"].as_array().unwrap().contains(&wanted_tag),
            "{name}: {job}"
        );
    }

    let wrong = Credentials::new(
        emulator.credentials().access_key_id.clone(),
        "not-the-emulator-secret",
    );
    let refused = drive(
        mode,
        &emulator,
        &wrong,
        &in_region(json!([{"PageSize": 10}])),
    )
    .await;
    let (code, said) = mode.wrong_secret();
    assert_eq!(refused[0]["ok"], false, "{name}: {refused:?}");
    assert_eq!(refused[0]["code"], code, "{name}: {refused:?}");
    assert_eq!(refused[0]["status"], 400, "{name}: {refused:?}");
    let message = refused[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(said), "{name}: {message}");
    emulator.shutdown().await.expect("the emulator stops");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tea_sdk_default_signature_v3() {
    filters_paging_and_a_wrong_secret(Mode::TeaV3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tea_sdk_with_signature_algorithm_v2() {
    filters_paging_and_a_wrong_secret(Mode::TeaV2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliyun_python_sdk_core_v1() {
    filters_paging_and_a_wrong_secret(Mode::CoreV1).await;
}
