//! Signature V3, `ACS3-HMAC-SHA256`, as the current Alibaba Cloud SDKs send it by default and
//! the gateway verifies it: the call is named by `x-acs-*` headers, its API parameters ride
//! in the query string or a form body, and the signature travels in `Authorization`:
//!
//! ```text
//! CanonicalRequest = HTTPRequestMethod + "\n" + CanonicalURI + "\n" + CanonicalQueryString
//!                    + "\n" + CanonicalHeaders + "\n" + SignedHeaders + "\n" + HashedRequestPayload
//! StringToSign     = "ACS3-HMAC-SHA256" + "\n" + HexEncode(SHA256(CanonicalRequest))
//! Signature        = HexEncode(HMAC-SHA256(AccessKeySecret, StringToSign))
//! Authorization    = "ACS3-HMAC-SHA256 Credential=" + AccessKeyId + ",SignedHeaders="
//!                    + SignedHeaders + ",Signature=" + Signature
//! ```

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::{sorted_encoded_query, SigningParams, REDACTED};
use crate::encode::to_query_string;
use crate::format::Format;
use crate::request::DescribeReplicationJobs;
use crate::time_format::format_wire_time;

/// The algorithm's name: the first word of `Authorization` and of the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";
/// The API action (`DescribeReplicationJobs`).
pub const ACTION_HEADER: &str = "x-acs-action";
/// The API version (`2019-06-01`).
pub const VERSION_HEADER: &str = "x-acs-version";
/// The signing time, ISO 8601 UTC (`2026-05-01T08:00:00Z`).
pub const DATE_HEADER: &str = "x-acs-date";
/// A value unique per request, as v1's `SignatureNonce`.
pub const NONCE_HEADER: &str = "x-acs-signature-nonce";
/// The hex SHA-256 of the body: the `HashedRequestPayload` the signature covers.
pub const CONTENT_SHA256_HEADER: &str = "x-acs-content-sha256";
/// The STS token of temporary credentials.
pub const SECURITY_TOKEN_HEADER: &str = "x-acs-security-token";
/// The AccessKey ID, which the SDKs send beside an STS token.
pub const ACCESS_KEY_ID_HEADER: &str = "x-acs-accesskey-id";
/// The headers every V3 call carries, which a verifier requires (and requires signed).
pub const REQUIRED_HEADERS: [&str; 5] = [
    ACTION_HEADER,
    VERSION_HEADER,
    DATE_HEADER,
    NONCE_HEADER,
    CONTENT_SHA256_HEADER,
];

/// `HashedRequestPayload`: `HexEncode(SHA256(body))`, also sent as `x-acs-content-sha256`.
/// An empty body hashes to `e3b0c442…b855`.
pub fn hashed_request_payload(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// `CanonicalQueryString`: every query parameter sorted by name in byte order, names and
/// values percent-encoded as UTF-8 (RFC 3986's unreserved set kept, as in v1), joined as
/// `name=value` with `&`. Nothing is left out: V3 has no `Signature` parameter.
pub fn canonical_query_string<K: AsRef<str>, V: AsRef<str>>(query: &[(K, V)]) -> String {
    sorted_encoded_query(
        query
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_ref()))
            .collect(),
    )
}

/// `CanonicalHeaders` and `SignedHeaders`, which are made together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalHeaders {
    /// `lowercase(name) + ":" + trim(value) + "\n"` for each header, sorted by name; the
    /// values of a repeated header sorted and joined with `,`.
    pub canonical_headers: String,
    /// The lowercase names, sorted, joined with `;`.
    pub signed_headers: String,
}

/// `CanonicalHeaders` and `SignedHeaders` of exactly the given headers (the signer signs
/// every header it sends; a verifier passes those `SignedHeaders` names).
pub fn canonical_headers<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> CanonicalHeaders {
    let mut lowered: Vec<(String, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_ref().to_ascii_lowercase(), value.as_ref().trim()))
        .collect();
    lowered.sort_unstable();
    let mut canonical_headers = String::new();
    let mut signed_headers = String::new();
    let mut previous: Option<&str> = None;
    for (name, value) in &lowered {
        if previous == Some(name.as_str()) {
            canonical_headers.pop(); // the newline: a repeated header continues the line
            canonical_headers.push(',');
        } else {
            if previous.is_some() {
                signed_headers.push(';');
            }
            signed_headers.push_str(name);
            canonical_headers.push_str(name);
            canonical_headers.push(':');
        }
        canonical_headers.push_str(value);
        canonical_headers.push('\n');
        previous = Some(name.as_str());
    }
    CanonicalHeaders {
        canonical_headers,
        signed_headers,
    }
}

/// `CanonicalRequest`: method, URI, query, headers, signed header names and payload hash,
/// one per line (`CanonicalHeaders` brings its own final newline).
pub fn canonical_request(
    method: &str,
    canonical_uri: &str,
    canonical_query_string: &str,
    headers: &CanonicalHeaders,
    hashed_request_payload: &str,
) -> String {
    format!(
        "{method}\n{canonical_uri}\n{canonical_query_string}\n{}\n{}\n{hashed_request_payload}",
        headers.canonical_headers, headers.signed_headers
    )
}

/// `HashedCanonicalRequest = HexEncode(SHA256(CanonicalRequest))`.
pub fn hashed_canonical_request(canonical_request: &str) -> String {
    hex::encode(Sha256::digest(canonical_request.as_bytes()))
}

/// `StringToSign = "ACS3-HMAC-SHA256" + "\n" + HashedCanonicalRequest`.
pub fn string_to_sign(hashed_canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{hashed_canonical_request}")
}

/// `Signature = HexEncode(HMAC-SHA256(AccessKeySecret, StringToSign))`: the secret itself is
/// the key (v1 appends `&`; V3 does not).
pub fn calculate_signature(access_key_secret: &str, string_to_sign: &str) -> String {
    hex::encode(
        hmac_sha256(access_key_secret, string_to_sign)
            .finalize()
            .into_bytes(),
    )
}

fn hmac_sha256(access_key_secret: &str, string_to_sign: &str) -> Hmac<Sha256> {
    // HMAC hashes long keys and pads short ones: every key length is valid.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(access_key_secret.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// `Authorization = ALGORITHM + " Credential=" + AccessKeyId + ",SignedHeaders=" +
/// SignedHeaders + ",Signature=" + Signature`.
pub fn authorization(access_key_id: &str, signed_headers: &str, signature: &str) -> String {
    format!("{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}")
}

/// What a request is signed over: everything but the secret.
#[derive(Debug)]
pub struct RequestToSign<'a, K, V, H, W> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// The path (`/` for RPC), used as given: the URI as sent is already encoded.
    pub canonical_uri: &'a str,
    /// The query parameters, decoded.
    pub query: &'a [(K, V)],
    /// The headers to sign, as sent.
    pub headers: &'a [(H, W)],
    /// [`hashed_request_payload`] of the body (the `x-acs-content-sha256` value).
    pub hashed_request_payload: &'a str,
}

/// Every intermediate of one signature, for showing beside a gateway's answer.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signed header names (`host;x-acs-action;…`).
    pub signed_headers: String,
    /// The signature (hex).
    pub signature: String,
}

/// Leaves out the signature, a credential; the canonical request may hold an STS token.
impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field("string_to_sign", &self.string_to_sign)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &REDACTED)
            .finish_non_exhaustive()
    }
}

/// Signs a request, step by step.
pub fn sign<K, V, H, W>(
    request: &RequestToSign<'_, K, V, H, W>,
    access_key_secret: &str,
) -> Signature
where
    K: AsRef<str>,
    V: AsRef<str>,
    H: AsRef<str>,
    W: AsRef<str>,
{
    let headers = canonical_headers(request.headers);
    let canonical_request = canonical_request(
        request.method,
        request.canonical_uri,
        &canonical_query_string(request.query),
        &headers,
        request.hashed_request_payload,
    );
    let string_to_sign = string_to_sign(&hashed_canonical_request(&canonical_request));
    let signature = calculate_signature(access_key_secret, &string_to_sign);
    Signature {
        canonical_request,
        string_to_sign,
        signed_headers: headers.signed_headers,
        signature,
    }
}

/// Where the API parameters of a signed call travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParameterPlacement {
    /// In the query string, as the SDKs send them.
    #[default]
    Query,
    /// In an `application/x-www-form-urlencoded` body of a `POST`.
    FormBody,
}

/// A V3-signed call, ready to send to `/`.
#[derive(Clone)]
pub struct SignedRequest {
    /// The HTTP method that was signed.
    pub method: &'static str,
    /// The query string to send (without `?`; empty when the parameters are in the body).
    pub query_string: String,
    /// The body to send (empty unless the parameters are in a form body).
    pub body: String,
    /// Every header to send, `Authorization` last. `host` is among them: the client must
    /// send exactly that value.
    pub headers: Vec<(String, String)>,
    /// The canonical request, for comparing with a gateway's `SignatureDoesNotMatch`.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
}

impl SignedRequest {
    /// The names of the headers sent, in order (values hold credentials).
    pub fn header_names(&self) -> impl Iterator<Item = &str> {
        self.headers.iter().map(|(name, _)| name.as_str())
    }
}

/// Leaves out the headers' values (the signature and the STS token are credentials) and the
/// canonical request (which holds the token).
impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.header_names().collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("query_string", &self.query_string)
            .field("headers", &names)
            .field("string_to_sign", &self.string_to_sign)
            .finish_non_exhaustive()
    }
}

/// Signs a `DescribeReplicationJobs` call for `host` (the `Host` header the client will
/// send: `smc.aliyuncs.com`, or `127.0.0.1:8787`), its parameters placed as asked. A V3
/// answer is JSON unless `params.format` asks for XML, which adds `Format=XML`. The request
/// is not validated here; call [`DescribeReplicationJobs::validate`] first.
pub fn sign_request(
    request: &DescribeReplicationJobs,
    params: &SigningParams<'_>,
    host: &str,
    placement: ParameterPlacement,
) -> SignedRequest {
    let mut api_params = request.to_params();
    if params.format != Format::Json {
        api_params.push(("Format".to_owned(), params.format.as_str().to_owned()));
    }
    api_params.sort_unstable();
    let (query, body): (&[(String, String)], String) = match placement {
        ParameterPlacement::Query => (&api_params, String::new()),
        ParameterPlacement::FormBody => (&[], to_query_string(&api_params)),
    };
    let hashed_payload = hashed_request_payload(body.as_bytes());
    let credentials = params.credentials;
    let mut headers: Vec<(String, String)> = vec![
        ("host".to_owned(), host.to_owned()),
        (ACTION_HEADER.to_owned(), crate::ACTION.to_owned()),
        (VERSION_HEADER.to_owned(), crate::API_VERSION.to_owned()),
        (DATE_HEADER.to_owned(), format_wire_time(params.time)),
        (NONCE_HEADER.to_owned(), params.nonce.clone()),
        (CONTENT_SHA256_HEADER.to_owned(), hashed_payload.clone()),
    ];
    if placement == ParameterPlacement::FormBody {
        headers.push((
            "content-type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        ));
    }
    if let Some(token) = &credentials.security_token {
        headers.push((
            ACCESS_KEY_ID_HEADER.to_owned(),
            credentials.access_key_id.clone(),
        ));
        headers.push((SECURITY_TOKEN_HEADER.to_owned(), token.expose().to_owned()));
    }
    let signature = sign(
        &RequestToSign {
            method: params.method,
            canonical_uri: "/",
            query,
            headers: &headers,
            hashed_request_payload: &hashed_payload,
        },
        credentials.access_key_secret.expose(),
    );
    headers.push((
        "authorization".to_owned(),
        authorization(
            &credentials.access_key_id,
            &signature.signed_headers,
            &signature.signature,
        ),
    ));
    SignedRequest {
        method: params.method,
        query_string: canonical_query_string(query),
        body,
        headers,
        canonical_request: signature.canonical_request,
        string_to_sign: signature.string_to_sign,
    }
}

/// The parts of an `Authorization` header.
#[derive(Clone, PartialEq, Eq)]
pub struct Authorization {
    /// `Credential`: the AccessKey ID.
    pub credential: String,
    /// `SignedHeaders`, split at `;`.
    pub signed_headers: Vec<String>,
    /// `Signature` (hex).
    pub signature: String,
}

/// Leaves out the signature.
impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("credential", &self.credential)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &REDACTED)
            .finish()
    }
}

/// Whether an `Authorization` value is a V3 one (the way a gateway tells V3 calls apart).
pub fn is_v3_authorization(value: &str) -> bool {
    value.starts_with(ALGORITHM)
}

/// Reads an `Authorization` header; the error names the part that is missing or wrong.
pub fn parse_authorization(value: &str) -> Result<Authorization, String> {
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or_else(|| format!("it does not start with \"{ALGORITHM} \""))?;
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (name, value) = part
            .trim()
            .split_once('=')
            .ok_or_else(|| format!("{:?} is not name=value", part.trim()))?;
        let slot = match name {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            other => return Err(format!("{other:?} is not a part of it")),
        };
        if slot.replace(value).is_some() {
            return Err(format!("{name} is given twice"));
        }
    }
    let required = |slot: Option<&str>, name: &str| {
        slot.filter(|value| !value.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("{name} is missing"))
    };
    Ok(Authorization {
        credential: required(credential, "Credential")?,
        signed_headers: required(signed_headers, "SignedHeaders")?
            .split(';')
            .map(str::to_ascii_lowercase)
            .collect(),
        signature: required(signature, "Signature")?,
    })
}

/// Why a V3 signature was refused: what the verifier computed, to show the caller, with
/// the STS token's value replaced by `***`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureMismatch {
    /// The canonical request the verifier computed.
    pub canonical_request: String,
    /// The string to sign the verifier computed.
    pub string_to_sign: String,
}

/// Verifies `signature` (the hex of `Authorization`) over `request`, as the gateway does:
/// recomputed with the secret and compared in constant time.
pub fn verify<K, V, H, W>(
    request: &RequestToSign<'_, K, V, H, W>,
    signature: &str,
    access_key_secret: &str,
) -> Result<(), SignatureMismatch>
where
    K: AsRef<str>,
    V: AsRef<str>,
    H: AsRef<str>,
    W: AsRef<str>,
{
    let expected = sign(request, access_key_secret);
    let matches = hex::decode(signature).is_ok_and(|bytes| {
        hmac_sha256(access_key_secret, &expected.string_to_sign)
            .verify_slice(&bytes)
            .is_ok()
    });
    if matches {
        return Ok(());
    }
    Err(SignatureMismatch {
        canonical_request: redact_security_token(&expected.canonical_request),
        string_to_sign: expected.string_to_sign,
    })
}

/// A canonical request with the value of its `x-acs-security-token` line replaced by `***`.
pub fn redact_security_token(canonical_request: &str) -> String {
    let prefix = format!("{SECURITY_TOKEN_HEADER}:");
    canonical_request
        .split('\n')
        .map(|line| {
            if line.starts_with(&prefix) {
                format!("{prefix}{REDACTED}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::Credentials;
    use super::*;

    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn an_empty_body_hashes_to_sha256_of_nothing() {
        assert_eq!(hashed_request_payload(b""), EMPTY_SHA256);
    }

    #[test]
    fn headers_are_lowered_trimmed_sorted_and_repeats_joined() {
        let headers = canonical_headers(&[
            ("X-Acs-B", " 2 "),
            ("host", "h"),
            ("x-acs-b", "1"),
            ("X-ACS-A", "a"),
        ]);
        assert_eq!(
            headers.canonical_headers,
            "host:h\nx-acs-a:a\nx-acs-b:1,2\n"
        );
        assert_eq!(headers.signed_headers, "host;x-acs-a;x-acs-b");
    }

    #[test]
    fn authorization_round_trips_and_names_what_is_wrong() {
        let value = authorization("AKID", "host;x-acs-date", "abc");
        assert!(is_v3_authorization(&value));
        let parsed = parse_authorization(&value).unwrap();
        assert_eq!(parsed.credential, "AKID");
        assert_eq!(parsed.signed_headers, ["host", "x-acs-date"]);
        assert_eq!(parsed.signature, "abc");
        let missing = format!("{ALGORITHM} Credential=AKID,SignedHeaders=host");
        assert_eq!(
            parse_authorization(&missing).unwrap_err(),
            "Signature is missing"
        );
        assert!(parse_authorization("ACS3-HMAC-SHA256Credential=x").is_err());
        let twice = format!("{ALGORITHM} Credential=a,Credential=b,SignedHeaders=h,Signature=s");
        assert!(parse_authorization(&twice).unwrap_err().contains("twice"));
    }

    #[test]
    fn a_signed_request_verifies_and_a_tampered_one_does_not() {
        let credentials = Credentials::new("id", "secret").with_security_token("sts-token");
        let time = time::macros::datetime!(2026-05-01 8:00 UTC);
        let params = SigningParams::new(&credentials, time);
        let request = DescribeReplicationJobs {
            name: Some("web".to_owned()),
            ..DescribeReplicationJobs::default()
        };
        let signed = sign_request(&request, &params, "example.com", ParameterPlacement::Query);
        let query = crate::encode::parse_form(&signed.query_string).unwrap();
        let (authorization_header, headers) = signed.headers.split_last().unwrap();
        let parsed = parse_authorization(&authorization_header.1).unwrap();
        let hashed = hashed_request_payload(b"");
        let to_verify = RequestToSign {
            method: "GET",
            canonical_uri: "/",
            query: &query,
            headers,
            hashed_request_payload: &hashed,
        };
        assert_eq!(verify(&to_verify, &parsed.signature, "secret"), Ok(()));
        let mismatch = verify(&to_verify, &parsed.signature, "other").unwrap_err();
        assert!(!mismatch.canonical_request.contains("sts-token"));
        assert!(mismatch
            .canonical_request
            .contains("x-acs-security-token:***"));
        assert!(verify(&to_verify, "not hex", "secret").is_err());
        let tampered = RequestToSign {
            method: "POST",
            ..to_verify
        };
        assert!(verify(&tampered, &parsed.signature, "secret").is_err());
        let debug = format!("{signed:?}");
        assert!(!debug.contains("sts-token") && !debug.contains(&parsed.signature));
    }

    #[test]
    fn a_form_body_carries_the_parameters_and_its_hash() {
        let credentials = Credentials::new("id", "secret");
        let time = time::macros::datetime!(2026-05-01 8:00 UTC);
        let mut params = SigningParams::new(&credentials, time);
        params.method = "POST";
        params.format = Format::Xml;
        let request = DescribeReplicationJobs {
            page_size: Some(20),
            ..DescribeReplicationJobs::default()
        };
        let signed = sign_request(&request, &params, "h", ParameterPlacement::FormBody);
        assert_eq!(signed.query_string, "");
        assert_eq!(signed.body, "Format=XML&PageSize=20");
        let sent = |name: &str| {
            signed
                .headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            sent(CONTENT_SHA256_HEADER),
            Some(hashed_request_payload(signed.body.as_bytes()))
        );
        assert_eq!(
            sent("content-type").as_deref(),
            Some("application/x-www-form-urlencoded")
        );
        assert!(signed.canonical_request.starts_with("POST\n/\n\n"));
    }
}
