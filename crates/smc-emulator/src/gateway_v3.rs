//! The gateway's checks of a V3 call (`Authorization: ACS3-HMAC-SHA256 …`), in the order it
//! makes them: the `Authorization` header readable, the required `x-acs-*` headers present
//! and signed, the action and version known, `x-acs-date` fresh, the AccessKey and STS token
//! known, the body's hash its `x-acs-content-sha256`, the signature right, and the nonce new
//! (one memory of nonces for v1 and V3).

use axum::http::HeaderMap;
use smc_core::sign::v3::{
    self, parse_authorization, RequestToSign, ACTION_HEADER, CONTENT_SHA256_HEADER, DATE_HEADER,
    NONCE_HEADER, REQUIRED_HEADERS, SECURITY_TOKEN_HEADER, VERSION_HEADER,
};
use smc_core::{ACTION, API_VERSION};
use time::OffsetDateTime;

use crate::gateway::{check_security_token, check_time, AccountIndex, Gateway, GatewayError};

/// What a V3 signature covers of a call, as it arrived.
#[derive(Debug, Clone)]
pub(crate) struct V3Call {
    /// The `Authorization` header.
    pub(crate) authorization: String,
    /// The path, as sent.
    pub(crate) path: String,
    /// The query parameters alone (a form body is covered by its hash), decoded.
    pub(crate) query: Vec<(String, String)>,
    /// Every header.
    pub(crate) headers: HeaderMap,
    /// The SHA-256 (hex) of the body as it arrived.
    pub(crate) hashed_body: String,
}

impl V3Call {
    /// The `Authorization` header of a V3 call, or `None` for any other call (v1).
    pub(crate) fn authorization(headers: &HeaderMap) -> Option<String> {
        headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .filter(|value| v3::is_v3_authorization(value))
            .map(str::to_owned)
    }

    /// The action the call names (empty when it names none).
    pub(crate) fn action(&self) -> &str {
        self.header(ACTION_HEADER)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The one value of a header, if given; an error when it is given twice.
    fn header(&self, name: &'static str) -> Result<Option<&str>, GatewayError> {
        let mut values = self.headers.get_all(name).iter();
        let first = values.next();
        if values.next().is_some() {
            return Err(GatewayError::Duplicate(name));
        }
        // A value that is not visible ASCII matches nothing the signer could have meant.
        Ok(first.map(|value| value.to_str().unwrap_or("\u{FFFD}")))
    }

    /// The non-empty value of a required header.
    fn required(&self, name: &'static str) -> Result<&str, GatewayError> {
        self.header(name)?
            .filter(|value| !value.is_empty())
            .ok_or(GatewayError::MissingParameter(name))
    }

    /// The headers named in `SignedHeaders`, each value as it arrived.
    fn signed_headers(&self, names: &[String]) -> Vec<(String, String)> {
        names
            .iter()
            .flat_map(|name| {
                self.headers
                    .get_all(name.as_str())
                    .iter()
                    .map(move |value| {
                        (
                            name.clone(),
                            String::from_utf8_lossy(value.as_bytes()).into_owned(),
                        )
                    })
            })
            .collect()
    }
}

impl Gateway {
    /// Checks a V3 call as the gateway does, at `now`; a call that passes has used its nonce
    /// and is answered from the account it names.
    pub(crate) fn authenticate_v3(
        &self,
        method: &str,
        call: &V3Call,
        now: OffsetDateTime,
    ) -> Result<AccountIndex, GatewayError> {
        let authorization = parse_authorization(&call.authorization)
            .map_err(|why| GatewayError::IncompleteSignature(why.replace('"', "'")))?;
        let action = call.required(ACTION_HEADER)?;
        if action != ACTION {
            return Err(GatewayError::ApiNotFound(action.to_owned()));
        }
        let version = call.required(VERSION_HEADER)?;
        if version != API_VERSION {
            return Err(GatewayError::InvalidVersion(version.to_owned()));
        }
        check_time(call.required(DATE_HEADER)?, now)?;
        let nonce = call.required(NONCE_HEADER)?;
        let content_sha256 = call.required(CONTENT_SHA256_HEADER)?;
        let token = call.header(SECURITY_TOKEN_HEADER)?;
        let must_be_signed = REQUIRED_HEADERS
            .iter()
            .chain(token.is_some().then_some(&SECURITY_TOKEN_HEADER));
        for name in must_be_signed {
            if !authorization
                .signed_headers
                .iter()
                .any(|s| s.as_str() == *name)
            {
                return Err(GatewayError::IncompleteSignature(format!(
                    "does not sign the header {name}"
                )));
            }
        }
        let (account, credentials) = self.account(&authorization.credential)?;
        check_security_token(
            credentials,
            token,
            SECURITY_TOKEN_HEADER,
            GatewayError::MissingParameter,
        )?;
        // Our choice, before the signature: a body that is not what was signed is refused
        // as a signature mismatch naming the header, whatever the signature says.
        if !content_sha256.eq_ignore_ascii_case(&call.hashed_body) {
            return Err(GatewayError::ContentSha256Mismatch);
        }
        let headers = call.signed_headers(&authorization.signed_headers);
        let request = RequestToSign {
            method,
            canonical_uri: &call.path,
            query: &call.query,
            headers: &headers,
            hashed_request_payload: content_sha256,
        };
        v3::verify(
            &request,
            &authorization.signature,
            credentials.access_key_secret.expose(),
        )
        .map_err(|mismatch| GatewayError::V3SignatureDoesNotMatch {
            canonical_request: mismatch.canonical_request,
            string_to_sign: mismatch.string_to_sign,
        })?;
        self.use_nonce(nonce, now)?;
        Ok(account)
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderName, HeaderValue};
    use smc_core::sign::v3::{hashed_request_payload, sign_request, ParameterPlacement};
    use smc_core::sign::{Credentials, SigningParams};
    use smc_core::DescribeReplicationJobs;

    use super::*;

    const NOW: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

    fn call(credentials: &Credentials, nonce: &str) -> V3Call {
        let mut params = SigningParams::new(credentials, NOW);
        params.nonce = nonce.to_owned();
        let signed = sign_request(
            &DescribeReplicationJobs::default(),
            &params,
            "h",
            ParameterPlacement::Query,
        );
        let mut headers = HeaderMap::new();
        for (name, value) in &signed.headers {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        V3Call {
            authorization: V3Call::authorization(&headers).unwrap(),
            path: "/".to_owned(),
            query: smc_core::encode::parse_form(&signed.query_string).unwrap(),
            headers,
            hashed_body: hashed_request_payload(signed.body.as_bytes()),
        }
    }

    #[test]
    fn a_signed_call_passes_once_and_shares_nonces_with_v1() {
        let credentials = Credentials::new("id", "secret");
        let gateway = Gateway::new(credentials.clone());
        let signed = call(&credentials, "n-1");
        assert_eq!(signed.action(), ACTION);
        assert_eq!(gateway.authenticate_v3("GET", &signed, NOW), Ok(0));
        assert_eq!(
            gateway.authenticate_v3("GET", &signed, NOW),
            Err(GatewayError::NonceUsed)
        );
        assert_eq!(gateway.use_nonce("n-1", NOW), Err(GatewayError::NonceUsed));
    }

    #[test]
    fn each_check_has_its_code() {
        let credentials = Credentials::new("id", "secret");
        let gateway = Gateway::new(credentials.clone());
        let check = |edit: &dyn Fn(&mut V3Call)| {
            let mut signed = call(&credentials, "n-2");
            edit(&mut signed);
            let error = gateway.authenticate_v3("GET", &signed, NOW).unwrap_err();
            (error.status().as_u16(), error.code().into_owned())
        };
        let set = |name: &'static str, value: &'static str| {
            move |call: &mut V3Call| {
                call.headers.remove(name);
                if !value.is_empty() {
                    call.headers.insert(name, HeaderValue::from_static(value));
                }
            }
        };
        for name in REQUIRED_HEADERS {
            assert_eq!(
                check(&set(name, "")),
                (400, "MissingParameter".into()),
                "{name}"
            );
        }
        assert_eq!(
            check(&set(DATE_HEADER, "2026-05-01T07:44:59Z")),
            (400, "InvalidTimeStamp.Expired".into())
        );
        assert_eq!(
            check(&set(ACTION_HEADER, "DescribeSourceServers")),
            (404, "InvalidApi.NotFound".into())
        );
        assert_eq!(
            check(&|call: &mut V3Call| call.hashed_body = hashed_request_payload(b"x")),
            (400, "SignatureDoesNotMatch".into())
        );
        assert_eq!(
            check(&|call: &mut V3Call| call.query.push(("Name".into(), "x".into()))),
            (400, "SignatureDoesNotMatch".into())
        );
        assert_eq!(
            check(&|call: &mut V3Call| call.authorization = call
                .authorization
                .replace("Credential=id", "Credential=other")),
            (404, "InvalidAccessKeyId.NotFound".into())
        );
        assert_eq!(
            check(&|call: &mut V3Call| call.authorization =
                call.authorization.replace("x-acs-date;", "")),
            (400, "IncompleteSignature".into())
        );
        assert_eq!(
            check(&set(SECURITY_TOKEN_HEADER, "t")),
            (400, "IncompleteSignature".into())
        );
        let twice = |call: &mut V3Call| {
            call.headers.append(
                DATE_HEADER,
                HeaderValue::from_static("2026-05-01T08:00:00Z"),
            );
        };
        assert_eq!(check(&twice), (400, "InvalidParameter".into()));
        let unreadable = |call: &mut V3Call| call.authorization = format!("{} x", v3::ALGORITHM);
        assert_eq!(check(&unreadable), (400, "IncompleteSignature".into()));
    }
}
