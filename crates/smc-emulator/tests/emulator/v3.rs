//! Signature V3 on the same endpoint as v1: calls signed by smc-core's V3 signer pass, and
//! each broken part fails with the gateway's code, never echoing a secret or a token.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use smc_core::sign::v3::{self, ParameterPlacement, SignedRequest};
use smc_core::sign::{Credentials, SigningParams};
use smc_core::{DescribeReplicationJobs, Format, Status};
use time::Duration;
use tower::ServiceExt;

use crate::common::{ids, Answer, Harness};

const HOST: &str = "smc.aliyuncs.com";

fn request(status: Option<Status>, page_number: i64, page_size: i64) -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        status,
        page_number: Some(page_number),
        page_size: Some(page_size),
        ..DescribeReplicationJobs::default()
    }
}

/// Signs `request` with V3 as `credentials`, at the harness's time, with `edit` applied to
/// the signing parameters first.
pub fn sign(
    harness: &Harness,
    credentials: &Credentials,
    request: &DescribeReplicationJobs,
    placement: ParameterPlacement,
    edit: impl FnOnce(&mut SigningParams<'_>),
) -> SignedRequest {
    let mut params = SigningParams::new(credentials, harness.clock.now());
    params.method = match placement {
        ParameterPlacement::Query => "GET",
        ParameterPlacement::FormBody => "POST",
    };
    edit(&mut params);
    v3::sign_request(request, &params, HOST, placement)
}

/// Sends a signed call through the router, after `edit` on its headers and body.
pub async fn send(
    harness: &Harness,
    signed: &SignedRequest,
    edit: impl FnOnce(&mut Vec<(String, String)>, &mut String),
) -> Answer {
    let mut headers = signed.headers.clone();
    let mut body = signed.body.clone();
    edit(&mut headers, &mut body);
    let mut builder = Request::builder()
        .method(signed.method)
        .uri(format!("/?{}", signed.query_string));
    for (name, value) in &headers {
        builder = builder.header(name, value);
    }
    let response = harness
        .router
        .clone()
        .oneshot(builder.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn set_header(
    name: &'static str,
    value: Option<String>,
) -> impl FnOnce(&mut Vec<(String, String)>, &mut String) {
    move |headers, _| {
        headers.retain(|(n, _)| n != name);
        if let Some(value) = value {
            headers.push((name.to_owned(), value));
        }
    }
}

#[tokio::test]
async fn v3_calls_answer_json_and_select_the_same_jobs_as_v1() {
    let harness = Harness::new();
    let credentials = harness.credentials.clone();
    for placement in [ParameterPlacement::Query, ParameterPlacement::FormBody] {
        let wanted = request(Some(Status::Running), 2, 5);
        let signed = sign(&harness, &credentials, &wanted, placement, |_| {});
        let answer = send(&harness, &signed, |_, _| {}).await;
        assert_eq!(
            answer.headers["content-type"], "application/json;charset=utf-8",
            "{placement:?}"
        );
        let page = answer.page();
        let v1 = harness.describe(&wanted).await;
        assert_eq!(page.total_count, v1.total_count, "{placement:?}");
        assert_eq!(ids(&page.replication_jobs), ids(&v1.replication_jobs));
        assert_eq!((page.page_number, page.page_size), (Some(2), Some(5)));
        assert!(page
            .replication_jobs
            .iter()
            .all(|job| job.status == Some(Status::Running)));
    }
}

#[tokio::test]
async fn a_format_parameter_asks_a_v3_call_for_xml() {
    let harness = Harness::new();
    let credentials = harness.credentials.clone();
    let signed = sign(
        &harness,
        &credentials,
        &request(None, 1, 10),
        ParameterPlacement::Query,
        |params| params.format = Format::Xml,
    );
    let answer = send(&harness, &signed, |_, _| {}).await;
    assert!(answer.body.starts_with("<?xml"), "{}", answer.body);
    assert_eq!(answer.page().replication_jobs.len(), 10);
}

#[tokio::test]
async fn v1_and_v3_share_one_memory_of_nonces() {
    let harness = Harness::new();
    let credentials = harness.credentials.clone();
    let v1 = harness.signed_params(&request(None, 1, 10), Format::Json);
    let nonce = v1
        .iter()
        .find(|(name, _)| name == "SignatureNonce")
        .map(|(_, value)| value.clone())
        .unwrap();
    assert_eq!(harness.get(&v1).await.status, StatusCode::OK);
    let signed = sign(
        &harness,
        &credentials,
        &request(None, 1, 10),
        ParameterPlacement::Query,
        |params| params.nonce = nonce,
    );
    let error = send(&harness, &signed, |_, _| {}).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "SignatureNonceUsed")
    );
}

#[tokio::test]
async fn unknown_keys_wrong_secrets_and_stale_dates_are_refused() {
    let harness = Harness::new();
    let wanted = request(None, 1, 10);
    let place = ParameterPlacement::Query;

    let stranger = Credentials::new("LTAI5tSomebodyElse", "whatever");
    let signed = sign(&harness, &stranger, &wanted, place, |_| {});
    let error = send(&harness, &signed, |_, _| {}).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (404, "InvalidAccessKeyId.NotFound")
    );

    let wrong = Credentials::new(harness.credentials.access_key_id.clone(), "wrong-secret");
    let signed = sign(&harness, &wrong, &wanted, place, |_| {});
    let answer = send(&harness, &signed, |_, _| {}).await;
    let error = answer.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "SignatureDoesNotMatch")
    );
    // The gateway shows what it computed: the same canonical request, the same string to
    // sign (the secrets differ, the inputs do not).
    assert!(
        error.message.contains(&format!(
            "server string to sign is:{}",
            signed.string_to_sign
        )),
        "{}",
        error.message
    );
    assert!(
        error.message.contains(&signed.canonical_request),
        "{}",
        error.message
    );
    let secret = harness.credentials.access_key_secret.expose();
    assert!(!answer.body.contains(secret) && !answer.body.contains("wrong-secret"));

    for skew in [Duration::minutes(-16), Duration::minutes(16)] {
        let signed = sign(&harness, &harness.credentials, &wanted, place, |params| {
            params.time += skew;
        });
        let error = send(&harness, &signed, |_, _| {}).await.error();
        assert_eq!(
            (error.http_status, error.code.as_str()),
            (400, "InvalidTimeStamp.Expired")
        );
    }
    let signed = sign(&harness, &harness.credentials, &wanted, place, |params| {
        params.time -= Duration::minutes(15);
    });
    assert_eq!(
        send(&harness, &signed, |_, _| {}).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_body_other_than_its_hash_and_missing_headers_are_refused_by_name() {
    let harness = Harness::new();
    let credentials = harness.credentials.clone();
    let wanted = request(Some(Status::Finished), 1, 10);
    let signed = sign(
        &harness,
        &credentials,
        &wanted,
        ParameterPlacement::FormBody,
        |_| {},
    );
    let answer = send(&harness, &signed, |_, body| {
        *body = body.replace("Finished", "Running");
    })
    .await;
    let error = answer.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "SignatureDoesNotMatch")
    );
    assert!(
        error.message.contains("x-acs-content-sha256"),
        "{}",
        error.message
    );

    for name in v3::REQUIRED_HEADERS {
        let signed = sign(
            &harness,
            &credentials,
            &wanted,
            ParameterPlacement::Query,
            |_| {},
        );
        let error = send(&harness, &signed, set_header(name, None))
            .await
            .error();
        assert_eq!(
            (error.http_status, error.code.as_str()),
            (400, "MissingParameter"),
            "{name}"
        );
        assert!(error.message.contains(name), "{}", error.message);
    }

    let signed = sign(
        &harness,
        &credentials,
        &wanted,
        ParameterPlacement::Query,
        |_| {},
    );
    let error = send(
        &harness,
        &signed,
        set_header(v3::ACTION_HEADER, Some("DescribeSourceServers".into())),
    )
    .await
    .error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (404, "InvalidApi.NotFound")
    );
}

#[tokio::test]
async fn an_sts_key_needs_its_token_and_errors_never_show_it() {
    let sts = Credentials::new("STS.NEmulatorKey", "sts-secret")
        .with_security_token("CAIS-sts-token-value");
    let harness = Harness::with(|builder| builder.credentials(sts.clone()));
    let wanted = request(None, 1, 10);
    let place = ParameterPlacement::Query;
    let signed = sign(&harness, &sts, &wanted, place, |_| {});
    assert_eq!(
        send(&harness, &signed, |_, _| {}).await.status,
        StatusCode::OK
    );

    let without = Credentials::new("STS.NEmulatorKey", "sts-secret");
    let signed = sign(&harness, &without, &wanted, place, |_| {});
    let error = send(&harness, &signed, |_, _| {}).await.error();
    assert_eq!(error.code, "MissingParameter");
    assert!(
        error.message.contains("x-acs-security-token"),
        "{}",
        error.message
    );

    let wrong_secret =
        Credentials::new("STS.NEmulatorKey", "not-it").with_security_token("CAIS-sts-token-value");
    let signed = sign(&harness, &wrong_secret, &wanted, place, |_| {});
    let answer = send(&harness, &signed, |_, _| {}).await;
    assert_eq!(answer.error().code, "SignatureDoesNotMatch");
    assert!(
        answer.body.contains("x-acs-security-token:***"),
        "{}",
        answer.body
    );
    for hidden in ["CAIS-sts-token-value", "sts-secret", "not-it"] {
        assert!(!answer.body.contains(hidden), "{hidden} in {}", answer.body);
    }
}
