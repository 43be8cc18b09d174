//! Keeping credentials out of what the proxy returns and logs. The gateway's
//! `SignatureDoesNotMatch` message carries the server's string-to-sign, which contains the
//! AccessKey ID and, for STS credentials, the `SecurityToken`, percent-encoded once or
//! twice. Every upstream error body passes through here before anyone sees it.

use serde_json::Value;
use smc_core::encode::percent_encode;
use smc_core::sign::{redact_access_key_id, Credentials, REDACTED};
use smc_core::ApiError;

/// Replaces the AccessKey ID, the STS token and (should it ever appear) the secret, in
/// plain and percent-encoded forms, with `***`.
pub fn scrub(text: &str, credentials: &Credentials) -> String {
    let mut text = redact_access_key_id(text, &credentials.access_key_id);
    let secrets = [
        Some(credentials.access_key_secret.expose()),
        credentials.security_token.as_ref().map(|t| t.expose()),
    ];
    for secret in secrets.into_iter().flatten().filter(|s| !s.is_empty()) {
        let once = percent_encode(secret);
        let twice = percent_encode(&once);
        // The longest form first, so a shorter one is never found inside a longer one.
        for form in [twice.as_str(), once.as_str(), secret] {
            if text.contains(form) {
                text = text.replace(form, REDACTED);
            }
        }
    }
    text
}

/// Scrubs every text of an API error, including the structured `AccessDeniedDetail`.
pub fn scrub_api_error(error: &mut ApiError, credentials: &Credentials) {
    for field in [
        &mut error.code,
        &mut error.message,
        &mut error.request_id,
        &mut error.host_id,
        &mut error.recommend,
    ] {
        *field = scrub(field, credentials);
    }
    if let Some(detail) = error.access_denied_detail.as_mut() {
        scrub_value(detail, credentials);
    }
}

fn scrub_value(value: &mut Value, credentials: &Credentials) {
    match value {
        Value::String(text) => *text = scrub(text, credentials),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_value(v, credentials)),
        Value::Object(map) => map.values_mut().for_each(|v| scrub_value(v, credentials)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_id_and_token_leave_a_string_to_sign_in_every_encoding() {
        let credentials = Credentials::new("LTAI+id", "sec/ret").with_security_token("STStok+en/=");
        let message = "server string to sign is:POST&%2F&AccessKeyId%3DLTAI%252Bid\
                       %26SecurityToken%3DSTStok%252Ben%252F%253D%26Version%3D2019-06-01 \
                       token STStok%2Ben%2F%3D raw STStok+en/= secret sec/ret";
        let scrubbed = scrub(message, &credentials);
        for leaked in ["LTAI", "STStok", "sec/ret", "sec%2Fret"] {
            assert!(!scrubbed.contains(leaked), "{leaked} in {scrubbed}");
        }
        assert!(scrubbed.contains("Version%3D2019-06-01"), "{scrubbed}");
    }

    #[test]
    fn structured_details_are_scrubbed_too() {
        let credentials = Credentials::new("AKID", "long-secret-value");
        let mut error = ApiError {
            code: "Forbidden.RAM".into(),
            message: "key AKID denied".into(),
            access_denied_detail: Some(serde_json::json!({"Principal": ["AKID"]})),
            ..ApiError::default()
        };
        scrub_api_error(&mut error, &credentials);
        assert_eq!(error.message, "key *** denied");
        assert_eq!(
            error.access_denied_detail,
            Some(serde_json::json!({"Principal": ["***"]}))
        );
    }
}
