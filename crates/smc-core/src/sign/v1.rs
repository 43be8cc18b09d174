//! RPC signature version 1.0 (HMAC-SHA1), as Alibaba Cloud's RPC gateway verifies it:
//! every parameter, the common ones included, in the query string or a form body, and the
//! signature as the `Signature` parameter.

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use super::{sorted_encoded_query, SigningParams, REDACTED};
use crate::encode::percent_encode_into;
use crate::request::DescribeReplicationJobs;
use crate::time_format::format_wire_time;

/// The parameters every RPC call carries besides its own, including `Signature` and the
/// empty `SignatureType` old SDKs send. A caller of the proxy may not set any of them.
pub const COMMON_PARAMETERS: [&str; 11] = [
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
    "SignatureType",
];

/// `SignatureMethod`.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `SignatureVersion`.
pub const SIGNATURE_VERSION: &str = "1.0";

/// A signed call, ready to send.
#[derive(Clone)]
pub struct SignedRequest {
    /// The HTTP method that was signed.
    pub method: &'static str,
    /// Every signed parameter (common and request parameters, not `Signature`), sorted and
    /// percent-encoded: already a valid query string or form body.
    pub canonicalized_query: String,
    /// The string-to-sign, for comparison with a server's on `SignatureDoesNotMatch`.
    pub string_to_sign: String,
    /// The signature (base64).
    pub signature: String,
}

impl SignedRequest {
    /// The full query string (or form body): the signed parameters, then `Signature`.
    pub fn query_string(&self) -> String {
        let mut query = String::with_capacity(self.canonicalized_query.len() + 48);
        query.push_str(&self.canonicalized_query);
        query.push_str("&Signature=");
        percent_encode_into(&mut query, &self.signature);
        query
    }

    /// The names of the signed parameters, in canonical order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.canonicalized_query
            .split('&')
            .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
    }
}

/// Leaves out the values: the signature and the STS token are credentials.
impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.parameter_names().collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("params", &names)
            .field("signature", &REDACTED)
            .finish()
    }
}

/// Signs a `DescribeReplicationJobs` request: adds the common parameters and signs them
/// all, step by step. The request is not validated here; call
/// [`DescribeReplicationJobs::validate`] first.
pub fn sign_request(
    request: &DescribeReplicationJobs,
    params: &SigningParams<'_>,
) -> SignedRequest {
    let request_params = request.to_params();
    let timestamp = format_wire_time(params.time);
    let mut all: Vec<(&str, &str)> = request_params
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    all.extend(common_parameters_at(crate::ACTION, params, &timestamp));
    let canonicalized_query = canonicalized_query(&all);
    let string_to_sign = string_to_sign(params.method, &canonicalized_query);
    let signature = calculate_signature(
        params.credentials.access_key_secret.expose(),
        &string_to_sign,
    );
    SignedRequest {
        method: params.method,
        canonicalized_query,
        string_to_sign,
        signature,
    }
}

/// The common parameters of a call to `action`: who signs, when, how, and for which API.
pub fn common_parameters(action: &str, params: &SigningParams<'_>) -> Vec<(String, String)> {
    let timestamp = format_wire_time(params.time);
    common_parameters_at(action, params, &timestamp)
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// [`common_parameters`] borrowed from `params`, with `timestamp` (the `Timestamp`, which
/// is `params.time` as the API writes it): signing reads them once, so it need not copy them.
fn common_parameters_at<'a>(
    action: &'a str,
    params: &'a SigningParams<'_>,
    timestamp: &'a str,
) -> Vec<(&'static str, &'a str)> {
    let credentials = params.credentials;
    let mut common = vec![
        ("AccessKeyId", credentials.access_key_id.as_str()),
        ("Action", action),
        ("Format", params.format.as_str()),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("SignatureNonce", params.nonce.as_str()),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("Timestamp", timestamp),
        ("Version", crate::API_VERSION),
    ];
    if let Some(token) = &credentials.security_token {
        common.push(("SecurityToken", token.expose()));
    }
    common
}

/// The result of signing a set of parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// `METHOD&%2F&<encoded canonicalized query>`.
    pub string_to_sign: String,
    /// base64(HMAC-SHA1(secret + "&", string_to_sign)).
    pub signature: String,
}

/// Signs exactly the given parameters (adding nothing; any `Signature` among them is
/// skipped). The debugging command of the proxy and the verifier use this.
pub fn sign_parameters<K: AsRef<str>, V: AsRef<str>>(
    method: &str,
    params: &[(K, V)],
    access_key_secret: &str,
) -> Signature {
    let string_to_sign = string_to_sign(method, &canonicalized_query(params));
    let signature = calculate_signature(access_key_secret, &string_to_sign);
    Signature {
        string_to_sign,
        signature,
    }
}

/// Steps 1 to 3: every parameter but `Signature`, sorted by name in byte order,
/// each name and value percent-encoded, joined as `name=value` with `&`.
pub fn canonicalized_query<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> String {
    sorted_encoded_query(
        params
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_ref()))
            .filter(|(name, _)| *name != "Signature")
            .collect(),
    )
}

/// Step 4: `StringToSign = METHOD + "&" + percentEncode("/") + "&" + percentEncode(query)`.
pub fn string_to_sign(method: &str, canonicalized_query: &str) -> String {
    let mut out = String::with_capacity(method.len() + 5 + canonicalized_query.len() * 3 / 2);
    out.push_str(method);
    out.push_str("&%2F&");
    percent_encode_into(&mut out, canonicalized_query);
    out
}

/// Step 5: `Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))`.
pub fn calculate_signature(access_key_secret: &str, string_to_sign: &str) -> String {
    BASE64.encode(
        hmac_sha1(access_key_secret, string_to_sign)
            .finalize()
            .into_bytes(),
    )
}

fn hmac_sha1(access_key_secret: &str, string_to_sign: &str) -> Hmac<Sha1> {
    let key = format!("{access_key_secret}&");
    // HMAC hashes long keys and pads short ones: every key length is valid.
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureMismatch {
    /// The string-to-sign the verifier computed: the one a gateway shows the caller.
    pub string_to_sign: String,
    /// Whether the `Signature` parameter was missing altogether.
    pub missing: bool,
}

/// Verifies the `Signature` among `params` as the gateway does: the signature is
/// recomputed over every other parameter that arrived, and compared in constant time.
pub fn verify<K: AsRef<str>, V: AsRef<str>>(
    method: &str,
    params: &[(K, V)],
    access_key_secret: &str,
) -> Result<(), SignatureMismatch> {
    let string_to_sign = string_to_sign(method, &canonicalized_query(params));
    let given = params
        .iter()
        .find(|(name, _)| name.as_ref() == "Signature")
        .map(|(_, value)| value.as_ref());
    let Some(given) = given else {
        return Err(SignatureMismatch {
            string_to_sign,
            missing: true,
        });
    };
    let matches = BASE64.decode(given).is_ok_and(|bytes| {
        hmac_sha1(access_key_secret, &string_to_sign)
            .verify_slice(&bytes)
            .is_ok()
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureMismatch {
            string_to_sign,
            missing: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Credentials;
    use super::*;

    #[test]
    fn secrets_of_any_length_sign_as_secret_and_ampersand() {
        use hmac::Mac;
        for length in [0, 1, 30, 62, 63, 64, 65, 200] {
            let secret = "s".repeat(length);
            let key = format!("{secret}&");
            let mut reference = <Hmac<Sha1> as KeyInit>::new_from_slice(key.as_bytes()).unwrap();
            reference.update(b"GET&%2F&");
            let expected = BASE64.encode(reference.finalize().into_bytes());
            assert_eq!(
                calculate_signature(&secret, "GET&%2F&"),
                expected,
                "length {length}"
            );
        }
    }

    #[test]
    fn an_empty_parameter_set_signs_the_bare_prefix() {
        let empty: [(&str, &str); 0] = [];
        assert_eq!(
            string_to_sign("GET", &canonicalized_query(&empty)),
            "GET&%2F&"
        );
    }

    #[test]
    fn common_parameters_name_the_signer_the_time_and_the_api() {
        let credentials = Credentials::new("id", "secret").with_security_token("token");
        let time = time::macros::datetime!(2026-01-01 0:00 UTC);
        let params = SigningParams::new(&credentials, time);
        let common = common_parameters("DescribeReplicationJobs", &params);
        let mut names: Vec<&str> = common.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "AccessKeyId",
                "Action",
                "Format",
                "SecurityToken",
                "SignatureMethod",
                "SignatureNonce",
                "SignatureVersion",
                "Timestamp",
                "Version"
            ]
        );
        let value = |name: &str| {
            common
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("Timestamp"), Some("2026-01-01T00:00:00Z"));
        assert_eq!(value("SecurityToken"), Some("token"));
    }

    #[test]
    fn the_signature_parameter_is_never_signed() {
        let with = [("A", "1"), ("Signature", "x")];
        let without = [("A", "1")];
        assert_eq!(canonicalized_query(&with), canonicalized_query(&without));
    }

    #[test]
    fn debug_output_hides_signatures_and_tokens() {
        let credentials = Credentials::new("AKID", "very-secret").with_security_token("sts-token");
        let time = time::macros::datetime!(2026-01-01 0:00 UTC);
        let signed = sign_request(
            &DescribeReplicationJobs::default(),
            &SigningParams::new(&credentials, time),
        );
        let debug = format!("{signed:?}");
        assert!(
            !debug.contains(&signed.signature) && !debug.contains("sts-token"),
            "{debug}"
        );
    }

    #[test]
    fn verify_refuses_tampering_wrong_secrets_missing_and_garbage_signatures() {
        let mut params = vec![("Action".to_owned(), "DescribeReplicationJobs".to_owned())];
        let signature = sign_parameters("GET", &params, "secret").signature;
        params.push(("Signature".to_owned(), signature));
        assert!(verify("GET", &params, "secret").is_ok());
        assert!(verify("POST", &params, "secret").is_err());
        assert!(verify("GET", &params, "other").is_err());
        params[0].1 = "DescribeSourceServers".to_owned();
        assert!(verify("GET", &params, "secret").is_err());
        let garbage = [("A", "1"), ("Signature", "not base64!")];
        assert!(!verify("GET", &garbage, "secret").unwrap_err().missing);
        assert!(verify("GET", &[("A", "1")], "secret").unwrap_err().missing);
    }
}
