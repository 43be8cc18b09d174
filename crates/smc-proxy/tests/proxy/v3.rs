//! `serve --signature v3`: the proxy signs with `ACS3-HMAC-SHA256` and the emulator verifies
//! it, with long-term and STS credentials; a wrong secret comes back as the gateway's
//! `SignatureDoesNotMatch` without the key, the secret, the token or a signature in it.

use smc_core::{json::parse_response, Status};
use smc_proxy::settings::SignatureVersion;
use smc_proxy::UpstreamSettings;

use crate::api::with_wrong_secret;
use crate::common::{fast, Harness, Options};

fn v3() -> UpstreamSettings {
    UpstreamSettings {
        signature: SignatureVersion::V3,
        ..fast()
    }
}

crate::scenarios! {
    /// The call goes out as V3: the action in headers, the signature in `Authorization`,
    /// the parameters in a form body, no v1 parameter; the emulator verifies and answers.
    async fn v3_calls_are_signed_with_headers_and_verified_by_the_emulator() {
        let harness = Harness::with(Options { client: v3(), ..Options::default() }).await;
        let answer = harness
            .get("/api/DescribeReplicationJobs?Status=Running&PageSize=5&Name=%E8%BF%81%E7%A7%BB")
            .await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let page = parse_response(&answer.text).expect("a DescribeReplicationJobs page");
        assert!(page.replication_jobs.iter().all(|job| job.status == Some(Status::Running)));
        let all = harness.get("/api/DescribeReplicationJobs?Status=Running&PageSize=5").await;
        let all = parse_response(&all.text).unwrap();
        assert!(all.total_count.unwrap_or(0) > 0 && all.replication_jobs.len() <= 5);

        let seen = harness.tap.seen();
        assert_eq!(seen.len(), 2);
        let call = &seen[1];
        assert_eq!(call.method, "POST");
        let authorization = call.header("authorization").unwrap();
        let expected_start = format!(
            "ACS3-HMAC-SHA256 Credential={},SignedHeaders=",
            harness.credentials.access_key_id
        );
        assert!(authorization.starts_with(&expected_start), "{authorization}");
        assert_eq!(call.header("x-acs-action"), Some("DescribeReplicationJobs"));
        assert_eq!(call.header("x-acs-version"), Some("2019-06-01"));
        assert!(call.header("x-acs-date").is_some());
        assert!(call.header("x-acs-signature-nonce").is_some());
        assert_eq!(call.header("x-acs-content-sha256").map(str::len), Some(64));
        assert_eq!(call.header("x-acs-security-token"), None);
        for v1 in ["Action", "Signature", "SignatureNonce", "AccessKeyId", "Timestamp"] {
            assert_eq!(call.param(v1), None, "{v1}");
        }
        assert_eq!(call.param("Status"), Some("Running"));
        assert_eq!(seen[0].param("Name"), Some("迁移"));
        harness.stop().await;
    }

    /// With STS credentials the token travels as a signed `x-acs-security-token`.
    async fn v3_sts_credentials_sign_the_token_header() {
        let harness =
            Harness::with(Options { sts: true, client: v3(), ..Options::default() }).await;
        let answer = harness.get("/api/DescribeReplicationJobs?PageSize=3").await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        assert_eq!(parse_response(&answer.text).unwrap().replication_jobs.len(), 3);
        let seen = harness.tap.seen();
        let token = harness.credentials.security_token.as_ref().unwrap().expose();
        assert_eq!(seen[0].header("x-acs-security-token"), Some(token));
        assert!(seen[0].header("authorization").unwrap().contains("x-acs-security-token"));
        assert!(!answer.text.contains(token));
        harness.stop().await;
    }

    /// A wrong secret: the gateway's V3 `SignatureDoesNotMatch` with its canonical request
    /// and string to sign reaches the browser, scrubbed of the key, the token, the secret
    /// and the signature.
    async fn a_wrong_v3_secret_is_relayed_without_credentials() {
        let harness = Harness::with(Options {
            sts: true,
            proxy_credentials: Some(with_wrong_secret),
            client: v3(),
            ..Options::default()
        })
        .await;
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, 400, "{}", answer.text);
        let error = answer.api_error();
        assert_eq!(error.code, "SignatureDoesNotMatch", "{}", answer.text);
        let shown = "server string to sign is:ACS3-HMAC-SHA256";
        assert!(error.message.contains(shown), "{}", error.message);
        assert!(error.message.contains("x-acs-security-token:***"), "{}", error.message);
        let seen = harness.tap.seen();
        let authorization = seen[0].header("authorization").unwrap();
        let signature = authorization.rsplit_once("Signature=").unwrap().1;
        let token = harness.signing.security_token.as_ref().unwrap().expose();
        for leaked in [
            harness.signing.access_key_id.as_str(),
            harness.signing.access_key_secret.expose(),
            harness.credentials.access_key_secret.expose(),
            token,
            signature,
        ] {
            assert!(!answer.text.contains(leaked), "{leaked} in {}", answer.text);
        }
        harness.stop().await;
    }
}
