//! RPC signature version 1.0 (HMAC-SHA1), as Alibaba Cloud's RPC gateway verifies it.
//!
//! Each step of the algorithm is a small pure function named after the spec's term, so the
//! code can be read beside the spec. Time and nonce are inputs ([`SigningParams`]), never
//! read here: signing is exact and testable, and this crate stays free of I/O.

use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use time::OffsetDateTime;

use crate::encode::{percent_encode, percent_encode_into};
use crate::format::Format;
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

/// A secret that never shows itself in `Debug` or `Display` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// An AccessKey pair, with the STS token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKey ID (public: it names the key).
    pub access_key_id: String,
    /// The AccessKey secret.
    pub access_key_secret: Secret,
    /// The STS `SecurityToken`, for temporary credentials.
    pub security_token: Option<Secret>,
}

impl Credentials {
    /// Long-term credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
        }
    }

    /// Adds the STS token of temporary credentials.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

/// What one signature depends on besides the request: who signs, when, and with which nonce.
#[derive(Debug, Clone)]
pub struct SigningParams<'a> {
    /// The credentials to sign with.
    pub credentials: &'a Credentials,
    /// The `Timestamp`; should be the current time unless testing.
    pub time: OffsetDateTime,
    /// The `SignatureNonce`; unique per request ([`random_nonce`] unless testing).
    pub nonce: String,
    /// The response format to ask for.
    pub format: Format,
    /// The HTTP method the request will use (`GET` or `POST`): it is signed.
    pub method: &'static str,
}

impl<'a> SigningParams<'a> {
    /// Parameters for a `GET` asking for JSON at `time`, with a fresh random nonce.
    pub fn new(credentials: &'a Credentials, time: OffsetDateTime) -> Self {
        SigningParams {
            credentials,
            time,
            nonce: random_nonce(),
            format: Format::Json,
            method: "GET",
        }
    }
}

/// A fresh `SignatureNonce`: a random (v4) UUID.
pub fn random_nonce() -> String {
    uuid::Uuid::new_v4().to_string()
}

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
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(name, value)| (name.as_ref(), value.as_ref()))
        .filter(|(name, _)| *name != "Signature")
        .collect();
    // Names are unique in a valid call; sorting by value too keeps a duplicate's order
    // from changing the result.
    sorted.sort_unstable();
    // Room for every pair with some escapes, so the query is not copied as it grows.
    let length: usize = sorted.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut query = String::with_capacity(length + length / 2);
    for (index, (name, value)) in sorted.into_iter().enumerate() {
        if index > 0 {
            query.push('&');
        }
        percent_encode_into(&mut query, name);
        query.push('=');
        percent_encode_into(&mut query, value);
    }
    query
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

/// Shown in place of a secret value.
pub const REDACTED: &str = "***";

/// Replaces every occurrence of the AccessKey ID in a gateway message (the string-to-sign
/// of `SignatureDoesNotMatch` contains it) before the message is logged or returned.
pub fn redact_access_key_id(message: &str, access_key_id: &str) -> String {
    if access_key_id.is_empty() {
        return message.to_owned();
    }
    message
        .replace(access_key_id, REDACTED)
        .replace(&percent_encode(access_key_id), REDACTED)
        .replace(&percent_encode(&percent_encode(access_key_id)), REDACTED)
}

#[cfg(test)]
mod tests {
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
    fn debug_output_hides_secrets_and_signatures() {
        let credentials = Credentials::new("AKID", "very-secret").with_security_token("sts-token");
        let debug = format!("{credentials:?}");
        assert!(debug.contains("AKID"));
        assert!(
            !debug.contains("very-secret") && !debug.contains("sts-token"),
            "{debug}"
        );
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

    #[test]
    fn redaction_covers_plain_and_encoded_forms() {
        let message = "server string to sign is:GET&%2F&AccessKeyId%3Dmy%2Bkey%26Action";
        let redacted = redact_access_key_id(message, "my+key");
        assert!(!redacted.contains("my%2Bkey"), "{redacted}");
        assert_eq!(
            redact_access_key_id("key LTAI5x used", "LTAI5x"),
            "key *** used"
        );
    }
}
