//! Alibaba Cloud's two signatures for RPC calls, beside what they share: the credentials,
//! the time and nonce of a signature ([`SigningParams`]), and redaction.
//!
//! - [`v1`]: RPC signature version 1.0 (HMAC-SHA1), every parameter in the query or form,
//!   the signature a parameter. Its items are re-exported here, where they always were.
//! - [`v3`]: `ACS3-HMAC-SHA256`, the call described by `x-acs-*` headers and signed in an
//!   `Authorization` header; what the current SDKs send by default.
//!
//! Each step of both algorithms is a small pure function named after the spec's term, so
//! the code can be read beside the spec. Time and nonce are inputs, never read here:
//! signing is exact and testable, and this crate stays free of I/O.

use std::fmt;

use time::OffsetDateTime;

use crate::encode::{percent_encode, percent_encode_into};
use crate::format::Format;

pub mod v1;
pub mod v3;

pub use v1::{
    calculate_signature, canonicalized_query, common_parameters, sign_parameters, sign_request,
    string_to_sign, verify, Signature, SignatureMismatch, SignedRequest, COMMON_PARAMETERS,
    SIGNATURE_METHOD, SIGNATURE_VERSION,
};

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

/// Sorts `(name, value)` pairs in byte order (by value too, so a repeated name signs the
/// same whatever order it came in), percent-encodes each side and joins them as
/// `name=value` with `&`: the canonical query of both signatures.
pub(crate) fn sorted_encoded_query(mut pairs: Vec<(&str, &str)>) -> String {
    pairs.sort_unstable();
    // Room for every pair with some escapes, so the query is not copied as it grows.
    let length: usize = pairs.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut query = String::with_capacity(length + length / 2);
    for (index, (name, value)) in pairs.into_iter().enumerate() {
        if index > 0 {
            query.push('&');
        }
        percent_encode_into(&mut query, name);
        query.push('=');
        percent_encode_into(&mut query, value);
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_secrets_and_tokens() {
        let credentials = Credentials::new("AKID", "very-secret").with_security_token("sts-token");
        let debug = format!("{credentials:?}");
        assert!(debug.contains("AKID"));
        assert!(
            !debug.contains("very-secret") && !debug.contains("sts-token"),
            "{debug}"
        );
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

    #[test]
    fn repeated_names_sort_by_value_and_every_side_is_encoded() {
        let query = sorted_encoded_query(vec![("b", "2"), ("a c", "é"), ("b", "1")]);
        assert_eq!(query, "a%20c=%C3%A9&b=1&b=2");
    }
}
