//! Each refusal, answered by the proxy itself (no upstream call) in the API error shape.

use axum::http::StatusCode;

use crate::common::{Harness, Options};

const ALLOWED: &str = "https://portal.example.com";
const TOKEN: &str = "team-token-0123456789abcdef";

crate::scenarios! {
    /// Another action, a bare `/api`, a deeper path: 404 `Proxy.NotFound`.
    async fn other_actions_and_paths_under_api_are_not_found() {
        let harness = Harness::start().await;
        for path in [
            "/api/DeleteReplicationJob",
            "/api/StartReplicationJob?JobId=j-1",
            "/api",
            "/api/",
            "/api/DescribeReplicationJobs/extra",
            "/api/describereplicationjobs",
        ] {
            let answer = harness.get(path).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(answer.api_error().code, "Proxy.NotFound", "{path}");
        }
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// A parameter the API does not have: 400 `InvalidParameter`, naming it.
    async fn unknown_parameters_are_refused_by_name() {
        let harness = Harness::start().await;
        let answer = harness
            .get("/api/DescribeReplicationJobs?Colour=red&PageSize=5&JobId.0=j")
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.api_error().code, "InvalidParameter");
        assert_eq!(answer.error_parameters(), ["Colour", "JobId.0"]);
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// A signing or common parameter: 400 `Proxy.ParameterNotAllowed`, each one named,
    /// whatever else is wrong listed too.
    async fn signing_and_common_parameters_are_refused() {
        let harness = Harness::start().await;
        for name in smc_core::sign::COMMON_PARAMETERS {
            let answer = harness
                .get(&format!("/api/DescribeReplicationJobs?{name}=x&PageSize=5"))
                .await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{name}");
            assert_eq!(answer.api_error().code, "Proxy.ParameterNotAllowed", "{name}");
            assert_eq!(answer.error_parameters(), [name]);
        }
        let answer = harness
            .get("/api/DescribeReplicationJobs?AccessKeyId=LTAI&Signature=abc%3D&Action=DeleteReplicationJob&PageSize=99")
            .await;
        assert_eq!(
            answer.error_parameters(),
            ["AccessKeyId", "Signature", "Action", "PageSize"]
        );
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// Invalid values: 400 listing every field with its rule.
    async fn invalid_values_are_refused_listing_every_field() {
        let harness = Harness::start().await;
        let answer = harness
            .get("/api/DescribeReplicationJobs?PageSize=80&PageNumber=0&JobType=9&Status=Sleeping&Tag.1.Key=https://x&JobId.2=j-2")
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let error = answer.api_error();
        assert_eq!(error.code, "InvalidParameter");
        let mut parameters = answer.error_parameters();
        parameters.sort();
        assert_eq!(
            parameters,
            ["JobId.1", "JobType", "PageNumber", "PageSize", "Status", "Tag.1.Key"]
        );
        let rules: Vec<&str> = answer.json["Errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["Rule"].as_str().unwrap())
            .collect();
        assert!(rules.contains(&"must be between 1 and 50 (got 80)"), "{rules:?}");
        assert!(!error.request_id.is_empty());
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// With a token: none or a wrong one is 401 (with `WWW-Authenticate`), the right one
    /// passes, in any letter case of the scheme.
    async fn the_bearer_token_is_required_when_configured() {
        let harness = Harness::with(Options { token: Some(TOKEN.into()), ..Options::default() }).await;
        let url = harness.url("/api/DescribeReplicationJobs");
        let missing = harness.get("/api/DescribeReplicationJobs").await;
        assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
        assert_eq!(missing.api_error().code, "Proxy.Unauthorized");
        assert!(missing.header("www-authenticate").unwrap().starts_with("Bearer"));
        let wrong = harness
            .send(harness.client.get(&url).bearer_auth("team-token-0123456789abcdeX"))
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.api_error().message.contains("not valid"));
        let not_bearer = harness
            .send(harness.client.get(&url).basic_auth("user", Some(TOKEN)))
            .await;
        assert_eq!(not_bearer.status, StatusCode::UNAUTHORIZED);
        // Refused calls never reach upstream, even unknown actions.
        let hidden = harness.get("/api/DeleteReplicationJob").await;
        assert_eq!(hidden.status, StatusCode::UNAUTHORIZED);
        assert!(harness.tap.seen().is_empty());
        let right = harness
            .send(harness.client.get(&url).header("authorization", format!("bearer {TOKEN}")))
            .await;
        assert_eq!(right.status, StatusCode::OK, "{}", right.text);
        assert!(!right.text.contains(TOKEN));
        harness.stop().await;
    }

    /// CORS: an allowed origin gets its `Access-Control-Allow-Origin`; another is 403
    /// `Proxy.OriginNotAllowed` before upstream; a preflight is answered without the token.
    async fn origins_are_allowed_exactly_and_preflights_need_no_token() {
        let harness = Harness::with(Options {
            origins: vec![ALLOWED.into()],
            token: Some(TOKEN.into()),
            ..Options::default()
        })
        .await;
        let url = harness.url("/api/DescribeReplicationJobs?PageSize=1");
        let evil = harness
            .send(harness.client.get(&url).header("origin", "https://evil.example").bearer_auth(TOKEN))
            .await;
        assert_eq!(evil.status, StatusCode::FORBIDDEN);
        assert_eq!(evil.api_error().code, "Proxy.OriginNotAllowed");
        assert!(evil.header("access-control-allow-origin").is_none());
        let lookalike = harness
            .send(harness.client.get(&url).header("origin", "https://portal.example.com.evil.example").bearer_auth(TOKEN))
            .await;
        assert_eq!(lookalike.status, StatusCode::FORBIDDEN);
        assert!(harness.tap.seen().is_empty());

        let preflight = harness
            .send(
                harness
                    .client
                    .request(reqwest::Method::OPTIONS, &url)
                    .header("origin", ALLOWED)
                    .header("access-control-request-method", "GET")
                    .header("access-control-request-headers", "authorization,x-smc-profile"),
            )
            .await;
        // tower-http's CorsLayer answers 200; any 2xx is an ok preflight to the browser.
        assert_eq!(preflight.status, StatusCode::OK);
        assert_eq!(preflight.header("access-control-allow-origin"), Some(ALLOWED));
        assert_eq!(preflight.header("access-control-allow-methods"), Some("GET"));
        // The bearer token and the profile a call picks.
        assert_eq!(
            preflight.header("access-control-allow-headers"),
            Some("authorization,x-smc-profile")
        );
        assert_eq!(preflight.header("access-control-max-age"), Some("600"));
        let evil_preflight = harness
            .send(
                harness
                    .client
                    .request(reqwest::Method::OPTIONS, &url)
                    .header("origin", "https://evil.example")
                    .header("access-control-request-method", "GET"),
            )
            .await;
        assert_eq!(evil_preflight.status, StatusCode::FORBIDDEN);
        assert!(evil_preflight.header("access-control-allow-origin").is_none());

        let allowed = harness
            .send(harness.client.get(&url).header("origin", ALLOWED).bearer_auth(TOKEN))
            .await;
        assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.text);
        assert_eq!(allowed.header("access-control-allow-origin"), Some(ALLOWED));
        // Header names are case-insensitive; CorsLayer writes them in lower case.
        assert!(allowed.varies_with("origin"), "{:?}", allowed.headers);
        assert_eq!(
            allowed.header("access-control-expose-headers"),
            Some("x-acs-request-id,retry-after,age")
        );
        // The browser can read a refusal too, to show it.
        let unauthorized = harness
            .send(harness.client.get(&url).header("origin", ALLOWED))
            .await;
        assert_eq!(unauthorized.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unauthorized.header("access-control-allow-origin"), Some(ALLOWED));
        // The proxy's own origin needs no CORS.
        let own = harness
            .send(harness.client.get(&url).header("origin", harness.proxy.url()).bearer_auth(TOKEN))
            .await;
        assert_eq!(own.status, StatusCode::OK);
        harness.stop().await;
    }

    /// What CORS alone would answer is refused first: a preflight for a foreign `Host` or
    /// from an origin not allowed is a 403, and an `OPTIONS` that is not a preflight a 405;
    /// none reaches upstream or carries an `Access-Control-Allow-Origin`.
    async fn preflights_and_options_are_refused_before_cors_answers() {
        let harness = Harness::with(Options { origins: vec![ALLOWED.into()], ..Options::default() }).await;
        let url = harness.url("/api/DescribeReplicationJobs");
        let options = || harness.client.request(reqwest::Method::OPTIONS, &url);
        let rebound = harness
            .send(
                options()
                    .header("host", "attacker.example")
                    .header("origin", ALLOWED)
                    .header("access-control-request-method", "GET"),
            )
            .await;
        assert_eq!(rebound.status, StatusCode::FORBIDDEN);
        assert_eq!(rebound.api_error().code, "Proxy.HostNotAllowed");
        let no_origin = harness
            .send(options().header("access-control-request-method", "GET"))
            .await;
        assert_eq!(no_origin.status, StatusCode::FORBIDDEN);
        assert_eq!(no_origin.api_error().code, "Proxy.OriginNotAllowed");
        let evil = harness
            .send(options().header("origin", "https://evil.example").header("access-control-request-method", "GET"))
            .await;
        assert_eq!(evil.api_error().code, "Proxy.OriginNotAllowed");
        let not_a_preflight = harness.send(options().header("origin", ALLOWED)).await;
        assert_eq!(not_a_preflight.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(not_a_preflight.api_error().code, "Proxy.MethodNotAllowed");
        for answer in [&rebound, &no_origin, &evil, &not_a_preflight] {
            assert!(answer.header("access-control-allow-origin").is_none(), "{answer:?}");
            assert!(answer.header("access-control-allow-methods").is_none(), "{answer:?}");
        }
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }

    /// A `Host` that is not loopback (a DNS-rebinding page) is 403 `Proxy.HostNotAllowed`.
    async fn foreign_host_names_are_refused_on_loopback() {
        let harness = Harness::start().await;
        let url = harness.url("/api/DescribeReplicationJobs");
        let rebound = harness
            .send(harness.client.get(&url).header("host", "attacker.example:8787"))
            .await;
        assert_eq!(rebound.status, StatusCode::FORBIDDEN);
        assert_eq!(rebound.api_error().code, "Proxy.HostNotAllowed");
        let local = harness
            .send(harness.client.get(&url).header("host", format!("localhost:{}", harness.proxy.addr().port())))
            .await;
        assert_eq!(local.status, StatusCode::OK);
        assert_eq!(harness.tap.seen().len(), 1);
        harness.stop().await;
    }

    /// Methods other than GET, and oversized requests, are refused in the same shape.
    async fn other_methods_and_oversized_requests_are_refused() {
        let harness = Harness::start().await;
        let url = harness.url("/api/DescribeReplicationJobs");
        let post = harness.send(harness.client.post(&url).body("PageSize=5")).await;
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(post.api_error().code, "Proxy.MethodNotAllowed");
        assert_eq!(post.header("allow"), Some("GET"));
        let long = format!("{url}?Name={}", "a".repeat(40 * 1024));
        let too_long = harness.send(harness.client.get(long)).await;
        assert_eq!(too_long.status, StatusCode::URI_TOO_LONG);
        assert_eq!(too_long.api_error().code, "Proxy.RequestTooLarge");
        let big_headers = harness
            .send(harness.client.get(&url).header("x-filler", "b".repeat(20 * 1024)))
            .await;
        assert_eq!(big_headers.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
        let healthz_post = harness.send(harness.client.post(harness.url("/healthz"))).await;
        assert_eq!(healthz_post.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(healthz_post.api_error().code, "Proxy.MethodNotAllowed");
        assert!(harness.tap.seen().is_empty());
        harness.stop().await;
    }
}
