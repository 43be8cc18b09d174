//! RPC signature v1 against the official vectors, byte for byte.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use serde::Deserialize;
use smc_core::encode::{parse_form, percent_encode};
use smc_core::sign::{
    canonicalized_query, sign_parameters, sign_request, string_to_sign, verify, Credentials,
    SigningParams,
};
use smc_core::{DescribeReplicationJobs, Format, Status, TagFilter};

#[derive(Deserialize)]
struct Vectors {
    rpc_v1_vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    params: std::collections::BTreeMap<String, String>,
    hmac_key: String,
    string_to_sign: String,
    signature: String,
}

fn vectors() -> Vec<Vector> {
    serde_json::from_str::<Vectors>(common::SIGNATURE_VECTORS)
        .expect("vectors file is valid")
        .rpc_v1_vectors
}

#[test]
fn official_vectors_match_byte_for_byte() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 2);
    for vector in vectors {
        let params: Vec<(String, String)> = vector.params.into_iter().collect();
        let secret = vector.hmac_key.strip_suffix('&').expect("keys end with &");
        let signed = sign_parameters(&vector.method, &params, secret);
        assert_eq!(
            signed.string_to_sign, vector.string_to_sign,
            "{}",
            vector.name
        );
        assert_eq!(signed.signature, vector.signature, "{}", vector.name);

        let mut with_signature = params.clone();
        with_signature.push(("Signature".into(), vector.signature.clone()));
        assert!(
            verify(&vector.method, &with_signature, secret).is_ok(),
            "{}",
            vector.name
        );
    }
}

#[test]
fn percent_encoding_facts() {
    assert_eq!(
        percent_encode("123abc!@#$%^&*()-=_+ ~|\\/"),
        "123abc%21%40%23%24%25%5E%26%2A%28%29-%3D_%2B%20~%7C%5C%2F"
    );
    assert_eq!(percent_encode("a b"), "a%20b");
    assert_eq!(percent_encode("*"), "%2A");
    assert_eq!(percent_encode("~"), "~");
    let empty: [(&str, &str); 0] = [];
    assert_eq!(
        string_to_sign("GET", &canonicalized_query(&empty)),
        "GET&%2F&"
    );
}

fn fixed_params(credentials: &Credentials) -> SigningParams<'_> {
    SigningParams {
        credentials,
        time: common::at("2026-11-28T12:00:00Z"),
        nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf".into(),
        format: Format::Json,
        method: "GET",
    }
}

#[test]
fn a_request_is_signed_with_every_common_parameter_in_canonical_order() {
    let credentials = Credentials::new("testid", "testsecret");
    let request = DescribeReplicationJobs {
        region_id: Some("cn-hangzhou".into()),
        status: Some(Status::Running),
        tags: vec![TagFilter::with_value("env", "prod test")],
        ..DescribeReplicationJobs::default()
    };
    let signed = sign_request(&request, &fixed_params(&credentials));
    let expected_query = "AccessKeyId=testid&Action=DescribeReplicationJobs&Format=JSON\
        &RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1\
        &SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0\
        &Status=Running&Tag.1.Key=env&Tag.1.Value=prod%20test\
        &Timestamp=2026-11-28T12%3A00%3A00Z&Version=2019-06-01";
    assert_eq!(
        signed.string_to_sign,
        format!("GET&%2F&{}", percent_encode(expected_query))
    );
    assert_eq!(
        signed.signature,
        smc_core::sign::calculate_signature("testsecret", &signed.string_to_sign)
    );
}

#[test]
fn sts_credentials_sign_the_security_token() {
    let credentials = Credentials::new("STS.id", "secret").with_security_token("token/+=");
    let signed = sign_request(
        &DescribeReplicationJobs::default(),
        &fixed_params(&credentials),
    );
    assert!(signed
        .string_to_sign
        .contains("SecurityToken%3Dtoken%252F%252B%253D"));
}

#[test]
fn the_query_string_of_a_signed_request_verifies_after_decoding() {
    let credentials = Credentials::new("testid", "testsecret");
    let request = DescribeReplicationJobs {
        name: Some("迁移 a+b*~".into()),
        job_ids: vec!["j-1".into(), "j-2".into()],
        ..DescribeReplicationJobs::default()
    };
    let signed = sign_request(&request, &fixed_params(&credentials));
    let received = parse_form(&signed.query_string()).expect("our query strings decode");
    assert!(verify("GET", &received, "testsecret").is_ok());
    let mismatch = verify("GET", &received, "othersecret").unwrap_err();
    assert_eq!(mismatch.string_to_sign, signed.string_to_sign);
}
