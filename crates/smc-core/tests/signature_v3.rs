//! Signature V3 (`ACS3-HMAC-SHA256`) against vectors computed by an independent
//! implementation (`data/v3_vectors.py`, cross-checked with the official tea-openapi signer),
//! byte for byte at every step.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use serde::Deserialize;
use smc_core::encode::parse_form;
use smc_core::sign::v3::{
    self, canonical_headers, canonical_query_string, hashed_canonical_request,
    hashed_request_payload, parse_authorization, ParameterPlacement, RequestToSign,
};
use smc_core::sign::{Credentials, SigningParams};
use smc_core::{DescribeReplicationJobs, Format};

#[derive(Deserialize)]
struct Vectors {
    v3_vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: String,
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
    /// Whether `headers` are exactly those `sign_request` sends for `query`.
    sdk_headers: bool,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    hashed_request_payload: String,
    canonical_request: String,
    string_to_sign: String,
    signature: String,
    authorization: String,
}

const V3_VECTORS: &str = include_str!("data/v3-vectors.json");

fn vectors() -> Vec<Vector> {
    serde_json::from_str::<Vectors>(V3_VECTORS)
        .expect("vectors file is valid")
        .v3_vectors
}

impl Vector {
    fn to_sign<'a>(&'a self, hashed: &'a str) -> RequestToSign<'a, String, String, String, String> {
        RequestToSign {
            method: &self.method,
            canonical_uri: &self.path,
            query: &self.query,
            headers: &self.headers,
            hashed_request_payload: hashed,
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

#[test]
fn every_step_matches_the_independent_vectors() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 4);
    for vector in &vectors {
        let name = &vector.name;
        let expected = &vector.expected;
        let hashed = hashed_request_payload(vector.body.as_bytes());
        assert_eq!(hashed, expected.hashed_request_payload, "{name}");
        let headers = canonical_headers(&vector.headers);
        let canonical_request = v3::canonical_request(
            &vector.method,
            &vector.path,
            &canonical_query_string(&vector.query),
            &headers,
            &hashed,
        );
        assert_eq!(canonical_request, expected.canonical_request, "{name}");
        let string_to_sign = v3::string_to_sign(&hashed_canonical_request(&canonical_request));
        assert_eq!(string_to_sign, expected.string_to_sign, "{name}");
        let signature = v3::calculate_signature(&vector.access_key_secret, &string_to_sign);
        assert_eq!(signature, expected.signature, "{name}");
        assert_eq!(
            v3::authorization(&vector.access_key_id, &headers.signed_headers, &signature),
            expected.authorization,
            "{name}"
        );

        let whole = v3::sign(&vector.to_sign(&hashed), &vector.access_key_secret);
        assert_eq!(whole.signature, expected.signature, "{name}");
        let parsed = parse_authorization(&expected.authorization).unwrap();
        assert_eq!(parsed.credential, vector.access_key_id, "{name}");
        assert_eq!(
            v3::verify(
                &vector.to_sign(&hashed),
                &parsed.signature,
                &vector.access_key_secret
            ),
            Ok(()),
            "{name}"
        );
    }
}

#[test]
fn the_vectors_cover_what_signers_get_wrong() {
    let vectors = vectors();
    let canonical = |name: &str| {
        vectors
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.expected.canonical_request.clone())
            .unwrap()
    };
    // UTF-8 percent-encoded, space as %20.
    assert!(canonical("query-non-ascii-name").contains("Name=%E8%BF%81%E7%A7%BB%20web-01"));
    // Byte order puts Tag.10 before Tag.2; `*` is %2A, `~` stays, `+` and `/` are escaped.
    assert!(canonical("query-repeated-tags").contains(
        "Tag.1.Value=prod&Tag.10.Key=a%2Ab~c&Tag.10.Value=x%2Fy%2Bz&Tag.2.Key=team&Tag.2.Value="
    ));
    assert!(
        canonical("query-repeated-tags").contains("user-agent:AlibabaCloud (Linux) Python/3.11\n")
    );
    assert!(canonical("sts-token").contains("x-acs-security-token:CAIS+sts/token==\n"));
    assert!(canonical("form-body").starts_with("POST\n/\n\ncontent-type:"));
}

#[test]
fn sign_request_sends_what_the_vectors_sign() {
    for vector in vectors().iter().filter(|v| v.sdk_headers) {
        let mut credentials = Credentials::new(
            vector.access_key_id.clone(),
            vector.access_key_secret.clone(),
        );
        if let Some(token) = &vector.security_token {
            credentials = credentials.with_security_token(token.clone());
        }
        let mut params = SigningParams::new(&credentials, common::at(vector.header("x-acs-date")));
        params.nonce = vector.header("x-acs-signature-nonce").to_owned();
        params.method = if vector.method == "GET" {
            "GET"
        } else {
            "POST"
        };
        let (placement, api_params) = if vector.body.is_empty() {
            (ParameterPlacement::Query, vector.query.clone())
        } else {
            (
                ParameterPlacement::FormBody,
                parse_form(&vector.body).unwrap(),
            )
        };
        let format = api_params
            .iter()
            .find(|(name, _)| name == "Format")
            .map_or(Format::Json, |(_, value)| Format::parse(value).unwrap());
        params.format = format;
        let request = DescribeReplicationJobs::from_params(
            api_params
                .iter()
                .filter(|(name, _)| name != "Format")
                .cloned(),
        )
        .unwrap();
        let signed = v3::sign_request(&request, &params, vector.header("host"), placement);
        assert_eq!(
            signed.canonical_request, vector.expected.canonical_request,
            "{}",
            vector.name
        );
        assert_eq!(signed.body, vector.body, "{}", vector.name);
        let sent_authorization = signed
            .headers
            .iter()
            .find(|(name, _)| name == "authorization")
            .map(|(_, value)| value.as_str());
        assert_eq!(
            sent_authorization,
            Some(vector.expected.authorization.as_str()),
            "{}",
            vector.name
        );
    }
}

/// Native only: proptest needs threads and a clock the browser does not give it.
#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;

    fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
        vec(
            (
                "[A-Za-z][A-Za-z0-9.]{0,8}",
                "[a-zA-Z0-9 _.:/&*~+=%迁移-]{0,12}",
            ),
            0..8,
        )
    }

    fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
        vec(("x-acs-[a-z]{1,6}", "[ ]?[a-zA-Z0-9:/+=-]{0,12}[ ]?"), 1..6)
    }

    proptest! {
        #[test]
        fn order_of_query_and_headers_does_not_change_the_signature(
            query in pairs(),
            headers in headers(),
            body in ".{0,40}",
        ) {
            let hashed = hashed_request_payload(body.as_bytes());
            let request = RequestToSign {
                method: "POST",
                canonical_uri: "/",
                query: &query,
                headers: &headers,
                hashed_request_payload: &hashed,
            };
            let signed = v3::sign(&request, "secret");
            let mut reversed_query = query.clone();
            reversed_query.reverse();
            let mut reversed_headers = headers.clone();
            reversed_headers.reverse();
            let reversed = RequestToSign {
                query: &reversed_query,
                headers: &reversed_headers,
                ..request
            };
            prop_assert_eq!(v3::verify(&reversed, &signed.signature, "secret"), Ok(()));
        }

        #[test]
        fn changing_any_query_value_or_the_body_breaks_the_signature(
            query in pairs().prop_filter("something to change", |q| !q.is_empty()),
            index in any::<prop::sample::Index>(),
            body in ".{0,40}",
        ) {
            let headers = [("host", "h")];
            let hashed = hashed_request_payload(body.as_bytes());
            let request = RequestToSign {
                method: "GET",
                canonical_uri: "/",
                query: &query,
                headers: &headers,
                hashed_request_payload: &hashed,
            };
            let signed = v3::sign(&request, "secret");
            let mut changed = query.clone();
            changed[index.index(query.len())].1.push('x');
            let tampered = RequestToSign { query: &changed, ..request };
            prop_assert!(v3::verify(&tampered, &signed.signature, "secret").is_err());
            let other_body = hashed_request_payload(format!("{body}x").as_bytes());
            let tampered = RequestToSign { hashed_request_payload: &other_body, ..request };
            prop_assert!(v3::verify(&tampered, &signed.signature, "secret").is_err());
        }

        #[test]
        fn every_signed_request_parses_back_and_verifies(
            name in "[a-zA-Z0-9 _迁移-]{1,12}",
            page_size in 1i64..=50,
            token in proptest::option::of("[A-Za-z0-9+/=]{12,20}"),
        ) {
            let mut credentials = Credentials::new("id", "secret");
            if let Some(token) = &token {
                credentials = credentials.with_security_token(token.clone());
            }
            let time = common::at("2026-05-01T08:00:00Z");
            let params = SigningParams::new(&credentials, time);
            let request = DescribeReplicationJobs {
                name: Some(name),
                page_size: Some(page_size),
                ..DescribeReplicationJobs::default()
            };
            let signed = v3::sign_request(&request, &params, "h:1", ParameterPlacement::Query);
            let (authorization, headers) = signed.headers.split_last().unwrap();
            let parsed = parse_authorization(&authorization.1).unwrap();
            let query = parse_form(&signed.query_string).unwrap();
            let hashed = hashed_request_payload(b"");
            let request = RequestToSign {
                method: "GET",
                canonical_uri: "/",
                query: &query,
                headers,
                hashed_request_payload: &hashed,
            };
            prop_assert_eq!(v3::verify(&request, &parsed.signature, "secret"), Ok(()));
            if let Some(token) = token {
                let debug = format!("{:?}", signed);
                prop_assert!(!debug.contains(&token));
            }
        }
    }
}
