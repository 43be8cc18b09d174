//! Each gateway check: a call signed by smc-core passes; breaking the call fails with the
//! gateway's code and HTTP status.

use axum::http::StatusCode;
use smc_core::sign::{canonicalized_query, string_to_sign, Credentials};
use smc_core::{DescribeReplicationJobs, Format};
use time::Duration;

use crate::common::{set, sign_with, Harness, Params};

fn page_size(size: i64) -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        page_size: Some(size),
        ..DescribeReplicationJobs::default()
    }
}

#[tokio::test]
async fn a_call_signed_by_smc_core_succeeds_with_request_id_and_host() {
    let harness = Harness::new();
    let answer = harness.call(&page_size(10)).await;
    let page = answer.page();
    assert_eq!(page.total_count, Some(240));
    assert_eq!(page.replication_jobs.len(), 10);
    assert_eq!((page.page_number, page.page_size), (Some(1), Some(10)));
    assert_eq!(page.request_id.len(), 36);
    assert_eq!(page.request_id, page.request_id.to_uppercase());
    assert_eq!(answer.headers["x-acs-request-id"], page.request_id.as_str());
    assert_eq!(
        answer.headers["content-type"],
        "application/json;charset=utf-8"
    );
}

/// Sends the signed parameters of a default call after `edit`, and returns
/// (HTTP status, code).
async fn broken(harness: &Harness, edit: impl FnOnce(&mut Params)) -> (u16, String) {
    let mut params = harness.signed_params(&page_size(10), Format::Json);
    edit(&mut params);
    let error = harness.get(&params).await.error();
    (error.http_status, error.code)
}

#[tokio::test]
async fn every_common_parameter_is_required_with_the_gateways_code() {
    let harness = Harness::new();
    for (name, code) in [
        ("Action", "MissingParameter"),
        ("Version", "MissingParameter"),
        ("AccessKeyId", "MissingAccessKeyId"),
        ("SignatureMethod", "MissingSignatureMethod"),
        ("SignatureVersion", "MissingSignatureVersion"),
        ("SignatureNonce", "MissingSignatureNonce"),
        ("Timestamp", "MissingTimestamp"),
        ("Signature", "MissingSignature"),
    ] {
        let got = broken(&harness, |params| set(params, name, None)).await;
        assert_eq!(got, (400, code.to_owned()), "without {name}");
    }
    let error = harness
        .get(&{
            let mut params = harness.signed_params(&page_size(10), Format::Json);
            set(&mut params, "Action", None);
            params
        })
        .await
        .error();
    assert!(error.message.contains("\"Action\""), "{}", error.message);
}

#[tokio::test]
async fn unknown_action_version_method_and_key_are_refused() {
    let harness = Harness::new();
    let cases: [(&str, &str, (u16, &str)); 5] = [
        (
            "Action",
            "DescribeSourceServers",
            (404, "InvalidApi.NotFound"),
        ),
        ("Version", "2014-05-26", (400, "InvalidVersion")),
        (
            "SignatureMethod",
            "HMAC-SHA256",
            (400, "InvalidSignatureMethod"),
        ),
        ("SignatureVersion", "2.0", (400, "InvalidSignatureVersion")),
        (
            "AccessKeyId",
            "LTAI5tSomebodyElse000000",
            (404, "InvalidAccessKeyId.NotFound"),
        ),
    ];
    for (name, value, (status, code)) in cases {
        let got = broken(&harness, |params| set(params, name, Some(value))).await;
        assert_eq!(got, (status, code.to_owned()), "{name}={value}");
    }
}

#[tokio::test]
async fn a_tampered_parameter_fails_with_the_servers_string_to_sign() {
    let harness = Harness::new();
    let mut params = harness.signed_params(&page_size(10), Format::Json);
    set(&mut params, "PageSize", Some("50"));
    let error = harness.get(&params).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "SignatureDoesNotMatch")
    );
    let expected = string_to_sign("GET", &canonicalized_query(&params));
    let suffix = format!("server string to sign is:{expected}");
    assert!(error.message.ends_with(&suffix), "{}", error.message);
}

#[tokio::test]
async fn a_wrong_secret_or_method_fails_the_signature() {
    let harness = Harness::new();
    let wrong = Credentials::new(harness.credentials.access_key_id.clone(), "not-the-secret");
    let signed = sign_with(
        &wrong,
        &page_size(10),
        Format::Json,
        "GET",
        harness.clock.now(),
    );
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert_eq!(answer.error().code, "SignatureDoesNotMatch");
    // Signed for GET, sent as POST: the method is part of the string-to-sign.
    let signed = harness.sign(&page_size(10), Format::Json, "GET");
    let answer = harness
        .send("POST", &format!("/?{}", signed.query_string()), None, "")
        .await;
    let error = answer.error();
    assert_eq!(error.code, "SignatureDoesNotMatch");
    assert!(error.message.contains("is:POST&%2F&"), "{}", error.message);
}

#[tokio::test]
async fn timestamps_must_be_well_formed_and_within_fifteen_minutes() {
    let harness = Harness::new();
    let got = broken(&harness, |params| {
        set(params, "Timestamp", Some("01/05/2026 08:00"))
    })
    .await;
    assert_eq!(got, (400, "InvalidTimeStamp.Format".to_owned()));
    for offset in [Duration::minutes(-16), Duration::minutes(16)] {
        let time = harness.clock.now() + offset;
        let signed = sign_with(
            &harness.credentials,
            &page_size(10),
            Format::Json,
            "GET",
            time,
        );
        let error = harness
            .send("GET", &format!("/?{}", signed.query_string()), None, "")
            .await
            .error();
        assert_eq!(
            (error.http_status, error.code.as_str()),
            (400, "InvalidTimeStamp.Expired"),
            "{offset}"
        );
    }
    let time = harness.clock.now() - Duration::minutes(14);
    let signed = sign_with(
        &harness.credentials,
        &page_size(10),
        Format::Json,
        "GET",
        time,
    );
    let answer = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn a_replayed_nonce_is_refused_for_fifteen_minutes() {
    let harness = Harness::new();
    let params = harness.signed_params(&page_size(10), Format::Json);
    assert_eq!(harness.get(&params).await.status, StatusCode::OK);
    let error = harness.get(&params).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "SignatureNonceUsed")
    );
    assert_eq!(error.message, "Specified signature nonce was used already.");
    // A badly signed call does not use up its nonce.
    let mut fresh = harness.signed_params(&page_size(10), Format::Json);
    set(
        &mut fresh,
        "Signature",
        Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    );
    assert_eq!(
        harness.get(&fresh).await.error().code,
        "SignatureDoesNotMatch"
    );
    let nonce = fresh
        .iter()
        .find(|(n, _)| n == "SignatureNonce")
        .unwrap()
        .1
        .clone();
    let mut retry = harness.signed_params(&page_size(10), Format::Json);
    set(&mut retry, "SignatureNonce", Some(&nonce));
    let retry = resign(&harness, retry);
    assert_eq!(harness.get(&retry).await.status, StatusCode::OK);
    assert!(harness.state.view().nonces >= 2);
}

/// Signs these exact parameters again with the harness's secret.
fn resign(harness: &Harness, mut params: Params) -> Params {
    set(&mut params, "Signature", None);
    let signature = smc_core::sign::sign_parameters(
        "GET",
        &params,
        harness.credentials.access_key_secret.expose(),
    );
    params.push(("Signature".to_owned(), signature.signature));
    params
}

#[tokio::test]
async fn an_sts_emulator_requires_and_checks_the_security_token() {
    let sts =
        Credentials::new("STS.NUy8kfDFqjc5pJ", "sts-secret").with_security_token("CAIS-token-1");
    let harness = Harness::with(|builder| builder.credentials(sts.clone()));
    assert_eq!(harness.call(&page_size(5)).await.status, StatusCode::OK);
    let long_term = Credentials::new("STS.NUy8kfDFqjc5pJ", "sts-secret");
    let signed = sign_with(
        &long_term,
        &page_size(5),
        Format::Json,
        "GET",
        harness.clock.now(),
    );
    let error = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await
        .error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "MissingSecurityToken")
    );
    let other = long_term.clone().with_security_token("CAIS-token-2");
    let signed = sign_with(
        &other,
        &page_size(5),
        Format::Json,
        "GET",
        harness.clock.now(),
    );
    let error = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await
        .error();
    assert_eq!(error.code, "InvalidSecurityToken.MismatchWithAccessKey");
    // A token sent to an emulator whose key is not an STS one is refused too.
    let plain = Harness::new();
    let got = broken(&plain, |params| {
        set(params, "SecurityToken", Some("CAIS-token-1"))
    })
    .await;
    assert_eq!(got, (400, "InvalidSecurityToken.Malformed".to_owned()));
}

#[tokio::test]
async fn invalid_request_parameters_name_the_parameter_and_rule() {
    let harness = Harness::new();
    let request = DescribeReplicationJobs {
        page_size: Some(51),
        ..DescribeReplicationJobs::default()
    };
    let error = harness.call(&request).await.error();
    assert_eq!(
        (error.http_status, error.code.as_str()),
        (400, "InvalidParameter")
    );
    assert!(
        error.message.contains("\"PageSize\"") && error.message.contains("between 1 and 50"),
        "{}",
        error.message
    );
    // Parameters smc-core's request cannot express: a gap in a list, an unknown name.
    for (name, value, named) in [
        ("JobId.2", "j-1", "JobId.1"),
        ("Colour", "red", "Colour"),
        ("PageNumber", "two", "PageNumber"),
    ] {
        let mut params = harness.signed_params(&DescribeReplicationJobs::default(), Format::Json);
        params.push((name.to_owned(), value.to_owned()));
        let error = harness.get(&resign(&harness, params)).await.error();
        assert_eq!(error.code, "InvalidParameter", "{name}");
        assert!(
            error.message.contains(&format!("\"{named}\"")),
            "{name}: {}",
            error.message
        );
    }
}

#[tokio::test]
async fn errors_follow_the_format_and_default_to_xml() {
    let harness = Harness::new();
    let mut params = harness.signed_params(&page_size(10), Format::Xml);
    set(&mut params, "Signature", Some("bad"));
    let answer = harness.get(&params).await;
    assert!(
        answer
            .body
            .starts_with("<?xml version='1.0' encoding='UTF-8'?><Error>"),
        "{}",
        answer.body
    );
    assert_eq!(answer.headers["content-type"], "text/xml;charset=utf-8");
    let error = answer.error();
    assert_eq!(
        (error.code.as_str(), error.host_id.as_str()),
        ("SignatureDoesNotMatch", "smc.aliyuncs.com")
    );
    assert!(error.recommend.contains("SignatureDoesNotMatch"));
    set(&mut params, "Format", None);
    assert!(harness.get(&params).await.body.starts_with("<?xml"));
    set(&mut params, "Format", Some("YAML"));
    let error = harness.get(&params).await.error();
    assert_eq!(error.code, "InvalidParameter");
}
