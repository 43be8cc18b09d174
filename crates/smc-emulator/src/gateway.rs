//! The RPC gateway's checks of a v1 call, in the order it makes them, each failing with the
//! gateway's own code and HTTP status: common parameters present and well-formed, the action
//! and version known, the timestamp fresh, the AccessKey and STS token known, the signature
//! right, and the nonce new. V3 calls make the same checks on headers (`gateway_v3`), with
//! the time, token and nonce checks of this module.

use std::borrow::Cow;
use std::sync::Mutex;

use axum::http::StatusCode;
use smc_core::sign::{verify, Credentials, COMMON_PARAMETERS, SIGNATURE_METHOD, SIGNATURE_VERSION};
use smc_core::time_format::parse_wire_time;
use smc_core::{Format, ACTION, API_VERSION};
use time::{Duration, OffsetDateTime};

use crate::clock::lock;
use crate::error::ApiFailure;
use crate::nonce::NonceCache;

/// How far a request's `Timestamp` may be from the server's clock, either way.
pub(crate) const TIMESTAMP_SKEW: Duration = Duration::minutes(15);

/// Why the gateway refused a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GatewayError {
    /// `Action` or `Version` (or a V3 call's required header) is absent: `MissingParameter`.
    MissingParameter(&'static str),
    /// Another common parameter is absent: `Missing<Name>` (`MissingTimestamp`).
    Missing(&'static str),
    /// A common parameter is given more than once (in the query and the body, say).
    Duplicate(&'static str),
    /// `Format` is neither `JSON` nor `XML`.
    InvalidFormat(String),
    /// An action this endpoint does not serve.
    ApiNotFound(String),
    /// A `Version` other than `2019-06-01`.
    InvalidVersion(String),
    /// A `SignatureMethod` other than `HMAC-SHA1`.
    InvalidSignatureMethod(String),
    /// A `SignatureVersion` other than `1.0`.
    InvalidSignatureVersion(String),
    /// A `Timestamp` that is not an ISO 8601 UTC time.
    TimestampFormat(String),
    /// A `Timestamp` more than 15 minutes from the server's clock.
    TimestampExpired {
        given: OffsetDateTime,
        server: OffsetDateTime,
    },
    /// An AccessKey ID the emulator does not know.
    AccessKeyNotFound,
    /// A `SecurityToken` other than the configured one.
    SecurityTokenMismatch,
    /// A `SecurityToken` sent although the emulator's AccessKey is not an STS one.
    SecurityTokenUnexpected,
    /// The signature is wrong; the gateway shows its string-to-sign.
    SignatureDoesNotMatch { string_to_sign: String },
    /// The `SignatureNonce` was used in the last 15 minutes.
    NonceUsed,
    /// A V3 `Authorization` header that cannot be read, or leaves a required header unsigned.
    IncompleteSignature(String),
    /// The V3 signature is wrong; the gateway shows its canonical request (the STS token's
    /// value hidden) and string to sign.
    V3SignatureDoesNotMatch {
        canonical_request: String,
        string_to_sign: String,
    },
    /// A V3 body whose SHA-256 is not its `x-acs-content-sha256`.
    ContentSha256Mismatch,
}

impl GatewayError {
    /// The HTTP status the gateway answers with.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            GatewayError::ApiNotFound(_) | GatewayError::AccessKeyNotFound => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    /// The error code.
    pub(crate) fn code(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            GatewayError::MissingParameter(_) => "MissingParameter",
            GatewayError::Missing(name) => return Cow::Owned(format!("Missing{name}")),
            GatewayError::Duplicate(_) | GatewayError::InvalidFormat(_) => "InvalidParameter",
            GatewayError::ApiNotFound(_) => "InvalidApi.NotFound",
            GatewayError::InvalidVersion(_) => "InvalidVersion",
            GatewayError::InvalidSignatureMethod(_) => "InvalidSignatureMethod",
            GatewayError::InvalidSignatureVersion(_) => "InvalidSignatureVersion",
            GatewayError::TimestampFormat(_) => "InvalidTimeStamp.Format",
            GatewayError::TimestampExpired { .. } => "InvalidTimeStamp.Expired",
            GatewayError::AccessKeyNotFound => "InvalidAccessKeyId.NotFound",
            GatewayError::SecurityTokenMismatch => "InvalidSecurityToken.MismatchWithAccessKey",
            GatewayError::SecurityTokenUnexpected => "InvalidSecurityToken.Malformed",
            GatewayError::SignatureDoesNotMatch { .. }
            | GatewayError::V3SignatureDoesNotMatch { .. }
            | GatewayError::ContentSha256Mismatch => "SignatureDoesNotMatch",
            GatewayError::IncompleteSignature(_) => "IncompleteSignature",
            GatewayError::NonceUsed => "SignatureNonceUsed",
        })
    }

    /// The message, worded as the gateway words it where its wording is known.
    pub(crate) fn message(&self) -> String {
        match self {
            GatewayError::MissingParameter(name) => format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
            GatewayError::Missing(name) => format!("{name} is mandatory for this action."),
            GatewayError::Duplicate(name) => {
                format!("The parameter \"{name}\" is given more than once.")
            }
            GatewayError::InvalidFormat(got) => {
                format!("The specified parameter \"Format\" is not valid: {got:?}; use JSON or XML.")
            }
            GatewayError::ApiNotFound(action) => format!(
                "Specified api is not found, please check your url and method. (Action {action:?}, Version {API_VERSION})"
            ),
            GatewayError::InvalidVersion(got) => {
                format!("Specified parameter Version is not valid: {got:?}; this API is {API_VERSION}.")
            }
            GatewayError::InvalidSignatureMethod(got) => {
                format!("Specified signature method is not valid: {got:?}; use {SIGNATURE_METHOD}.")
            }
            GatewayError::InvalidSignatureVersion(got) => {
                format!("Specified signature version is not valid: {got:?}; use {SIGNATURE_VERSION}.")
            }
            GatewayError::TimestampFormat(got) => format!(
                "Specified time stamp or date value is not well formatted: {got:?}; use yyyy-MM-ddTHH:mm:ssZ in UTC."
            ),
            GatewayError::TimestampExpired { given, server } => format!(
                "Specified time stamp or date value is expired: the request's {} is more than 15 minutes from the server's {}.",
                smc_core::time_format::format_wire_time(*given),
                smc_core::time_format::format_wire_time(*server),
            ),
            GatewayError::AccessKeyNotFound => "Specified access key is not found.".to_owned(),
            GatewayError::SecurityTokenMismatch => {
                "Specified SecurityToken mismatch with the AccessKey.".to_owned()
            }
            GatewayError::SecurityTokenUnexpected => {
                "Specified SecurityToken is malformed: this AccessKey is not an STS one.".to_owned()
            }
            GatewayError::SignatureDoesNotMatch { string_to_sign } => format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
            GatewayError::NonceUsed => "Specified signature nonce was used already.".to_owned(),
            GatewayError::IncompleteSignature(why) => {
                format!("The request signature is incomplete: the Authorization header {why}.")
            }
            GatewayError::V3SignatureDoesNotMatch {
                canonical_request,
                string_to_sign,
            } => format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign} canonical request is:{canonical_request}"
            ),
            GatewayError::ContentSha256Mismatch => format!(
                "Specified signature is not matched with our calculation: the header {} is not the SHA-256 of the request body.",
                smc_core::sign::v3::CONTENT_SHA256_HEADER
            ),
        }
    }

    /// The failure the caller sees, in `format`.
    pub(crate) fn into_failure(self, format: Format) -> ApiFailure {
        ApiFailure::new(self.status(), self.code(), self.message()).in_format(format)
    }
}

/// The response format a call asks for: its `Format`, or XML, the gateway's default.
pub(crate) fn response_format(params: &[(String, String)]) -> Result<Format, GatewayError> {
    match single(params, "Format")? {
        None => Ok(Format::Xml),
        Some(value) => {
            Format::parse(value).ok_or_else(|| GatewayError::InvalidFormat(value.to_owned()))
        }
    }
}

/// The gateway: the AccessKeys it knows (one per account, the first one the primary
/// account's), and the nonces it has seen.
#[derive(Debug)]
pub(crate) struct Gateway {
    accounts: Vec<Credentials>,
    nonces: Mutex<NonceCache>,
}

/// Which account a call was signed for: its position among the gateway's AccessKeys.
pub(crate) type AccountIndex = usize;

impl Gateway {
    /// A gateway accepting calls signed with `credentials` (and carrying its STS token,
    /// when it has one).
    #[cfg(test)]
    pub(crate) fn new(credentials: Credentials) -> Self {
        Gateway::for_accounts(vec![credentials])
    }

    /// A gateway of several accounts, each with its own AccessKey; the first is the
    /// primary one.
    pub(crate) fn for_accounts(accounts: Vec<Credentials>) -> Self {
        Gateway {
            accounts,
            nonces: Mutex::new(NonceCache::default()),
        }
    }

    /// The primary account's credentials.
    pub(crate) fn credentials(&self) -> &Credentials {
        &self.accounts[0]
    }

    /// The credentials of every account, the primary one first.
    pub(crate) fn accounts(&self) -> &[Credentials] {
        &self.accounts
    }

    /// The account of an AccessKey ID, or the gateway's `InvalidAccessKeyId.NotFound`.
    pub(crate) fn account(
        &self,
        access_key_id: &str,
    ) -> Result<(AccountIndex, &Credentials), GatewayError> {
        self.accounts
            .iter()
            .enumerate()
            .find(|(_, credentials)| credentials.access_key_id == access_key_id)
            .ok_or(GatewayError::AccessKeyNotFound)
    }

    /// How many nonces are remembered now.
    pub(crate) fn remembered_nonces(&self) -> usize {
        lock(&self.nonces).len()
    }

    /// Checks a call as the gateway does, at `now`; a call that passes has used its nonce
    /// and is answered from the account it names.
    pub(crate) fn authenticate(
        &self,
        method: &str,
        params: &[(String, String)],
        now: OffsetDateTime,
    ) -> Result<AccountIndex, GatewayError> {
        for name in COMMON_PARAMETERS {
            single(params, name)?;
        }
        let action = required(params, "Action", GatewayError::MissingParameter)?;
        if action != ACTION {
            return Err(GatewayError::ApiNotFound(action.to_owned()));
        }
        let version = required(params, "Version", GatewayError::MissingParameter)?;
        if version != API_VERSION {
            return Err(GatewayError::InvalidVersion(version.to_owned()));
        }
        let access_key_id = required(params, "AccessKeyId", GatewayError::Missing)?;
        let method_name = required(params, "SignatureMethod", GatewayError::Missing)?;
        if method_name != SIGNATURE_METHOD {
            return Err(GatewayError::InvalidSignatureMethod(method_name.to_owned()));
        }
        let signature_version = required(params, "SignatureVersion", GatewayError::Missing)?;
        if signature_version != SIGNATURE_VERSION {
            return Err(GatewayError::InvalidSignatureVersion(
                signature_version.to_owned(),
            ));
        }
        let nonce = required(params, "SignatureNonce", GatewayError::Missing)?;
        let timestamp = required(params, "Timestamp", GatewayError::Missing)?;
        check_time(timestamp, now)?;
        required(params, "Signature", GatewayError::Missing)?;
        let (account, credentials) = self.account(access_key_id)?;
        check_security_token(
            credentials,
            single(params, "SecurityToken")?,
            "SecurityToken",
            GatewayError::Missing,
        )?;
        verify(method, params, credentials.access_key_secret.expose()).map_err(|mismatch| {
            GatewayError::SignatureDoesNotMatch {
                string_to_sign: mismatch.string_to_sign,
            }
        })?;
        self.use_nonce(nonce, now)?;
        Ok(account)
    }

    /// Uses up `nonce` at `now`: call it last, so only a correctly signed call uses up its
    /// nonce and nobody else can burn one. v1 and V3 calls share the memory.
    pub(crate) fn use_nonce(&self, nonce: &str, now: OffsetDateTime) -> Result<(), GatewayError> {
        if lock(&self.nonces).first_use(nonce, now) {
            Ok(())
        } else {
            Err(GatewayError::NonceUsed)
        }
    }
}

/// Checks the STS token a call carries for the account of `credentials` (`name` is where
/// it travels, `missing` makes the error for its absence): an STS key needs its own token,
/// and any other key none.
pub(crate) fn check_security_token(
    credentials: &Credentials,
    token: Option<&str>,
    name: &'static str,
    missing: fn(&'static str) -> GatewayError,
) -> Result<(), GatewayError> {
    match (&credentials.security_token, token.filter(|t| !t.is_empty())) {
        (Some(_), None) => Err(missing(name)),
        (Some(expected), Some(token)) if expected.expose() != token => {
            Err(GatewayError::SecurityTokenMismatch)
        }
        (None, Some(_)) => Err(GatewayError::SecurityTokenUnexpected),
        _ => Ok(()),
    }
}

/// Checks a call's time (`Timestamp`, or V3's `x-acs-date`): ISO 8601 UTC, and within
/// 15 minutes of `now` either way.
pub(crate) fn check_time(timestamp: &str, now: OffsetDateTime) -> Result<(), GatewayError> {
    let given = parse_wire_time(timestamp)
        .map_err(|_| GatewayError::TimestampFormat(timestamp.to_owned()))?;
    if (given - now).abs() > TIMESTAMP_SKEW {
        return Err(GatewayError::TimestampExpired { given, server: now });
    }
    Ok(())
}

/// The one value of `name`, if given (an empty value counts as given); an error when
/// it is given twice.
fn single<'a>(
    params: &'a [(String, String)],
    name: &'static str,
) -> Result<Option<&'a str>, GatewayError> {
    let mut values = params
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str());
    let first = values.next();
    if values.next().is_some() {
        return Err(GatewayError::Duplicate(name));
    }
    Ok(first)
}

/// The non-empty value of `name`, or the error `missing` makes for it.
fn required<'a>(
    params: &'a [(String, String)],
    name: &'static str,
    missing: fn(&'static str) -> GatewayError,
) -> Result<&'a str, GatewayError> {
    single(params, name)?
        .filter(|value| !value.is_empty())
        .ok_or_else(|| missing(name))
}

#[cfg(test)]
mod tests {
    use smc_core::sign::{sign_request, SigningParams};
    use smc_core::DescribeReplicationJobs;

    use super::*;

    const NOW: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

    type Params = Vec<(String, String)>;

    fn signed(
        credentials: &Credentials,
        time: OffsetDateTime,
        nonce: &str,
    ) -> Vec<(String, String)> {
        let mut params = SigningParams::new(credentials, time);
        params.nonce = nonce.to_owned();
        let signed = sign_request(&DescribeReplicationJobs::default(), &params);
        smc_core::encode::parse_form(&signed.query_string()).unwrap()
    }

    #[test]
    fn a_signed_call_passes_once() {
        let credentials = Credentials::new("id", "secret");
        let gateway = Gateway::new(credentials.clone());
        let params = signed(&credentials, NOW, "n-1");
        assert_eq!(gateway.authenticate("GET", &params, NOW), Ok(0));
        assert_eq!(
            gateway.authenticate("GET", &params, NOW),
            Err(GatewayError::NonceUsed)
        );
        assert_eq!(gateway.remembered_nonces(), 1);
    }

    #[test]
    fn each_check_has_its_code_and_status() {
        let credentials = Credentials::new("id", "secret");
        let gateway = Gateway::new(credentials.clone());
        let check = |edit: &dyn Fn(&mut Params)| {
            let mut params = signed(&credentials, NOW, "n-2");
            edit(&mut params);
            let error = gateway.authenticate("GET", &params, NOW).unwrap_err();
            (error.status().as_u16(), error.code().into_owned())
        };
        let set = |name: &'static str, value: &'static str| {
            move |params: &mut Vec<(String, String)>| {
                params.retain(|(n, _)| n != name);
                if !value.is_empty() {
                    params.push((name.to_owned(), value.to_owned()));
                }
            }
        };
        assert_eq!(check(&set("Action", "")), (400, "MissingParameter".into()));
        assert_eq!(
            check(&set("Action", "DescribeSourceServers")),
            (404, "InvalidApi.NotFound".into())
        );
        assert_eq!(
            check(&set("Version", "2014-05-26")),
            (400, "InvalidVersion".into())
        );
        assert_eq!(
            check(&set("Timestamp", "")),
            (400, "MissingTimestamp".into())
        );
        assert_eq!(
            check(&set("Timestamp", "yesterday")),
            (400, "InvalidTimeStamp.Format".into())
        );
        assert_eq!(
            check(&set("Timestamp", "2026-05-01T07:44:59Z")),
            (400, "InvalidTimeStamp.Expired".into())
        );
        assert_eq!(
            check(&set("SignatureMethod", "HMAC-SHA256")),
            (400, "InvalidSignatureMethod".into())
        );
        assert_eq!(
            check(&set("SignatureVersion", "2.0")),
            (400, "InvalidSignatureVersion".into())
        );
        assert_eq!(
            check(&set("AccessKeyId", "other")),
            (404, "InvalidAccessKeyId.NotFound".into())
        );
        assert_eq!(
            check(&set("SecurityToken", "t")),
            (400, "InvalidSecurityToken.Malformed".into())
        );
        assert_eq!(
            check(&set("Signature", "")),
            (400, "MissingSignature".into())
        );
        assert_eq!(
            check(&set("Signature", "AAAA")),
            (400, "SignatureDoesNotMatch".into())
        );
        let twice =
            |params: &mut Vec<(String, String)>| params.push(("Format".into(), "JSON".into()));
        assert_eq!(check(&twice), (400, "InvalidParameter".into()));
    }

    #[test]
    fn the_timestamp_window_is_fifteen_minutes_either_way() {
        let credentials = Credentials::new("id", "secret");
        let gateway = Gateway::new(credentials.clone());
        let edge = signed(&credentials, NOW - TIMESTAMP_SKEW, "a");
        assert_eq!(gateway.authenticate("GET", &edge, NOW), Ok(0));
        let ahead = signed(
            &credentials,
            NOW + TIMESTAMP_SKEW + Duration::seconds(1),
            "b",
        );
        assert!(matches!(
            gateway.authenticate("GET", &ahead, NOW),
            Err(GatewayError::TimestampExpired { .. })
        ));
    }

    #[test]
    fn an_sts_key_needs_its_token() {
        let credentials = Credentials::new("id", "secret").with_security_token("token");
        let gateway = Gateway::new(credentials.clone());
        let without = signed(&Credentials::new("id", "secret"), NOW, "c");
        assert_eq!(
            gateway.authenticate("GET", &without, NOW),
            Err(GatewayError::Missing("SecurityToken"))
        );
        let wrong = signed(
            &Credentials::new("id", "secret").with_security_token("other"),
            NOW,
            "d",
        );
        assert_eq!(
            gateway.authenticate("GET", &wrong, NOW),
            Err(GatewayError::SecurityTokenMismatch)
        );
        let right = signed(&credentials, NOW, "e");
        assert_eq!(gateway.authenticate("GET", &right, NOW), Ok(0));
    }

    #[test]
    fn the_format_defaults_to_xml() {
        assert_eq!(response_format(&[]), Ok(Format::Xml));
        let json = [("Format".to_owned(), "json".to_owned())];
        assert_eq!(response_format(&json), Ok(Format::Json));
        let yaml = [("Format".to_owned(), "YAML".to_owned())];
        assert!(response_format(&yaml).is_err());
    }
}
