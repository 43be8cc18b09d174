//! Calls that go through: a browser-style query reaches the emulator signed and comes back
//! with jobs, with long-term and STS credentials.

use smc_core::sign::Credentials;
use smc_core::{json::parse_response, Status};

use crate::common::{Canned, Harness, Options};

/// The same key and token with the wrong secret.
pub fn with_wrong_secret(real: &Credentials) -> Credentials {
    Credentials {
        access_key_secret: smc_core::sign::Secret::new("not-the-secret-at-all-0123456789"),
        ..real.clone()
    }
}

crate::scenarios! {
    /// A browser query is validated, signed (POST form, Format=JSON, every common
    /// parameter) and answered with the emulator's jobs and request ID.
    async fn a_browser_query_reaches_the_emulator_signed_and_returns_jobs() {
        let harness = Harness::start().await;
        let answer = harness
            .get("/api/DescribeReplicationJobs?Status=Running&PageSize=5")
            .await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let page = parse_response(&answer.text).expect("a DescribeReplicationJobs page");
        assert!(page.total_count.unwrap_or(0) > 0);
        assert!(!page.replication_jobs.is_empty() && page.replication_jobs.len() <= 5);
        assert!(page.replication_jobs.iter().all(|job| job.status == Some(Status::Running)));
        assert_eq!(answer.header("x-acs-request-id"), Some(page.request_id.as_str()));
        assert!(answer.header("content-type").unwrap().starts_with("application/json"));
        assert_eq!(answer.header("cache-control"), Some("no-store"));

        let seen = harness.tap.seen();
        assert_eq!(seen.len(), 1);
        let call = &seen[0];
        assert_eq!(call.method, "POST");
        assert_eq!(call.param("Action"), Some("DescribeReplicationJobs"));
        assert_eq!(call.param("Version"), Some("2019-06-01"));
        assert_eq!(call.param("Format"), Some("JSON"));
        assert_eq!(call.param("AccessKeyId"), Some(harness.credentials.access_key_id.as_str()));
        assert_eq!(call.param("SignatureMethod"), Some("HMAC-SHA1"));
        assert!(call.param("Signature").is_some_and(|s| s.ends_with('=')));
        assert!(call.param("SignatureNonce").is_some() && call.param("Timestamp").is_some());
        assert_eq!(call.param("SecurityToken"), None);
        assert_eq!(call.param("Status"), Some("Running"));
        assert_eq!(call.param("PageSize"), Some("5"));
        harness.stop().await;
    }

    /// With STS credentials the token is signed and sent, and the emulator (which requires
    /// it) answers.
    async fn sts_credentials_send_and_sign_the_security_token() {
        let harness = Harness::with(Options { sts: true, ..Options::default() }).await;
        let answer = harness.get("/api/DescribeReplicationJobs?PageSize=3").await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        assert_eq!(parse_response(&answer.text).unwrap().replication_jobs.len(), 3);
        let seen = harness.tap.seen();
        let token = harness.credentials.security_token.as_ref().unwrap().expose();
        assert_eq!(seen[0].param("SecurityToken"), Some(token));
        assert!(!answer.text.contains(token));
        harness.stop().await;
    }

    /// Lists, tags, pluses, spaces and UTF-8 survive reading, signing and the emulator's
    /// verification.
    async fn lists_tags_and_unusual_characters_are_signed_correctly() {
        let harness = Harness::start().await;
        let page = harness.get("/api/DescribeReplicationJobs?PageSize=50").await;
        let jobs = parse_response(&page.text).unwrap().replication_jobs;
        let first = &jobs[0];
        let second = &jobs[1];
        let query = format!(
            "JobId.1={}&JobId.2={}&Name={}",
            first.job_id,
            second.job_id,
            smc_core::encode::percent_encode(&first.name),
        );
        let answer = harness
            .get(&format!("/api/DescribeReplicationJobs?{query}"))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let found = parse_response(&answer.text).unwrap().replication_jobs;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].job_id, first.job_id);

        let answer = harness
            .get("/api/DescribeReplicationJobs?Name=c%2B%2B%20build%20%E8%BF%81%E7%A7%BB*~&Tag.1.Key=env&Tag.1.Value=a%20b")
            .await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let last = harness.tap.seen().pop().unwrap();
        assert_eq!(last.param("Name"), Some("c++ build 迁移*~"));
        assert_eq!(last.param("Tag.1.Value"), Some("a b"));
        harness.stop().await;
    }

    /// Parameters sent without a value are no filter, not a 400. An empty list element keeps
    /// its number upstream, and an empty tag value goes up as the value it is, so "the key
    /// with the empty value" selects fewer jobs than "the key with any value".
    async fn parameters_sent_empty_pass_through_as_no_filter() {
        let harness = Harness::start().await;
        let mut jobs = Vec::new();
        for number in 1..=5 {
            let page = harness
                .get(&format!("/api/DescribeReplicationJobs?PageSize=50&PageNumber={number}"))
                .await;
            jobs.extend(parse_response(&page.text).unwrap().replication_jobs);
        }
        let wanted = &jobs[2].job_id;
        let answer = harness
            .get(&format!(
                "/api/DescribeReplicationJobs?RegionId=&Name=&Status=&BusinessStatus=&JobType=\
                 &PageNumber=&PageSize=&ResourceGroupId=&SourceId.1=&InstanceId.1=\
                 &JobId.1=&JobId.2={wanted}"
            ))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        let found = parse_response(&answer.text).unwrap().replication_jobs;
        assert_eq!(found.len(), 1);
        assert_eq!(&found[0].job_id, wanted);
        let sent = harness.tap.seen().pop().unwrap();
        assert_eq!((sent.param("Name"), sent.param("Status")), (None, None));
        assert_eq!(sent.param("JobId.1"), Some(""));
        assert_eq!(sent.param("JobId.2"), Some(wanted.as_str()));

        let key = jobs
            .iter()
            .flat_map(|job| &job.tags)
            .find(|tag| !tag.key.is_empty() && tag.value.is_empty())
            .expect("a job with an empty tag value")
            .key
            .clone();
        let total = |text: &str| parse_response(text).unwrap().total_count.unwrap();
        let query = format!("Tag.1.Key={}&PageSize=50", smc_core::encode::percent_encode(&key));
        let any = harness.get(&format!("/api/DescribeReplicationJobs?{query}")).await;
        assert_eq!(harness.tap.seen().pop().unwrap().param("Tag.1.Value"), None);
        let empty = harness
            .get(&format!("/api/DescribeReplicationJobs?{query}&Tag.1.Value="))
            .await;
        assert_eq!(empty.status, 200, "{}", empty.text);
        assert_eq!(harness.tap.seen().pop().unwrap().param("Tag.1.Value"), Some(""));
        assert!(0 < total(&empty.text) && total(&empty.text) < total(&any.text));
        let selected = parse_response(&empty.text).unwrap().replication_jobs;
        assert!(selected
            .iter()
            .all(|job| job.tags.iter().any(|t| t.key == key && t.value.is_empty())));
        harness.stop().await;
    }

    /// `--region` fills in `RegionId` only when the browser sends none.
    async fn the_default_region_is_sent_when_the_browser_gives_none() {
        let harness = Harness::with(Options {
            region: Some("cn-hangzhou".into()),
            ..Options::default()
        })
        .await;
        assert_eq!(harness.get("/api/DescribeReplicationJobs").await.status, 200);
        assert_eq!(
            harness.get("/api/DescribeReplicationJobs?RegionId=cn-beijing").await.status,
            200
        );
        let seen = harness.tap.seen();
        assert_eq!(seen[0].param("RegionId"), Some("cn-hangzhou"));
        assert_eq!(seen[1].param("RegionId"), Some("cn-beijing"));
        harness.stop().await;
    }

    /// Upstream's refusal comes back with its status and code, the AccessKey ID and STS token
    /// scrubbed out of the server's string-to-sign; it is not retried.
    async fn signature_errors_come_back_without_the_key_id_or_token() {
        let harness = Harness::with(Options {
            sts: true,
            proxy_credentials: Some(with_wrong_secret),
            ..Options::default()
        })
        .await;
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, 400, "{}", answer.text);
        let error = answer.api_error();
        assert_eq!(error.code, "SignatureDoesNotMatch", "{}", answer.text);
        assert!(error.message.contains("string to sign"), "{}", error.message);
        assert!(error.message.contains("AccessKeyId%3D***"), "{}", error.message);
        assert!(error.message.contains("SecurityToken%3D***"), "{}", error.message);
        let token = harness.signing.security_token.as_ref().unwrap().expose();
        for leaked in [harness.signing.access_key_id.as_str(), token] {
            assert!(!answer.text.contains(leaked), "{leaked} leaked: {}", answer.text);
        }
        assert_eq!(harness.tap.seen().len(), 1, "a signature error is not retried");
        harness.stop().await;
    }

    /// An upstream answer that is not an API error (a load balancer's HTML page, a redirect)
    /// becomes one proxy error; redirects are not followed.
    async fn non_api_answers_become_proxy_errors_and_redirects_are_not_followed() {
        let harness = Harness::start().await;
        harness.tap.script(vec![
            Canned {
                status: 502,
                headers: vec![("content-type", "text/html".into())],
                body: "<html><body>Bad Gateway</body></html>".into(),
            },
            Canned {
                status: 302,
                headers: vec![("location", harness.tap.endpoint())],
                body: String::new(),
            },
        ]);
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, 502);
        assert_eq!(answer.api_error().code, "Proxy.UpstreamInvalidResponse");
        let answer = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(answer.status, 502);
        assert_eq!(answer.api_error().code, "Proxy.UpstreamInvalidResponse");
        assert_eq!(harness.tap.seen().len(), 2, "the redirect was followed");
        harness.stop().await;
    }
}
