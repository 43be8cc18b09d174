//! Talking to the signing proxy: one request, validated by smc-core before it leaves, and
//! one answer, parsed by smc-core. Every failure becomes an `ApiError`, so the page shows
//! one kind of error whether the API, the proxy or the network failed.

use smc_core::profile::validate_profile_name;
use smc_core::{
    ApiError, DescribeReplicationJobs, DescribeReplicationJobsResponse, ProfileList, ACTION,
    PROFILE_HEADER,
};

/// Where the proxy's browser API lives, the bearer token it may want, and the account
/// (profile) the calls are about.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// `/api` on the same origin by default.
    pub base: String,
    /// Sent as `Authorization: Bearer …` when set.
    pub token: Option<String>,
    /// Sent as `X-Smc-Profile` when set; the proxy's default account otherwise.
    pub profile: Option<String>,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            base: "/api".to_owned(),
            token: None,
            profile: None,
        }
    }
}

/// A failed call, and how long the proxy asked to wait before the next when it was
/// throttled (`Retry-After`, whole seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// What went wrong.
    pub error: ApiError,
    /// Seconds to wait, for a throttling answer that said how long.
    pub retry_after: Option<u32>,
}

/// The longest wait the viewer honours, so a wrong header cannot stall it for hours.
const MAX_RETRY_AFTER_S: u32 = 300;

impl Endpoint {
    /// The URL of one call.
    pub fn url(&self, request: &DescribeReplicationJobs) -> String {
        let query = request.to_query_string();
        let base = self.base.trim_end_matches('/');
        if query.is_empty() {
            format!("{base}/{ACTION}")
        } else {
            format!("{base}/{ACTION}?{query}")
        }
    }
}

/// Fetches one page.
pub async fn fetch_page(
    endpoint: &Endpoint,
    request: &DescribeReplicationJobs,
) -> Result<DescribeReplicationJobsResponse, ApiError> {
    fetch_page_or_wait(endpoint, request)
        .await
        .map_err(|refusal| refusal.error)
}

/// Fetches one page; a throttled answer also says how long to wait.
pub async fn fetch_page_or_wait(
    endpoint: &Endpoint,
    request: &DescribeReplicationJobs,
) -> Result<DescribeReplicationJobsResponse, Refusal> {
    let refused = |error| Refusal {
        error,
        retry_after: None,
    };
    if let Err(errors) = request.validate() {
        return Err(refused(viewer_error(
            "Viewer.InvalidRequest",
            errors.to_string(),
        )));
    }
    if let Some(Err(error)) = endpoint.profile.as_deref().map(validate_profile_name) {
        return Err(refused(viewer_error(
            "Viewer.InvalidRequest",
            error.to_string(),
        )));
    }
    let (status, retry_after, body) = get(endpoint, &endpoint.url(request))
        .await
        .map_err(refused)?;
    decode(status, &body).map_err(|error| Refusal {
        retry_after: retry_after_seconds(&error, retry_after.as_deref()),
        error,
    })
}

/// The profiles the caller may use. A proxy that predates profiles answers 404: no
/// profiles, so the viewer shows no switcher.
pub async fn fetch_profiles(endpoint: &Endpoint) -> Result<ProfileList, ApiError> {
    let url = format!("{}/profiles", endpoint.base.trim_end_matches('/'));
    let (status, _, body) = get(endpoint, &url).await?;
    decode_profiles(status, &body)
}

/// Reads the answer of `GET /profiles`.
pub fn decode_profiles(status: u16, body: &str) -> Result<ProfileList, ApiError> {
    match status {
        404 => Ok(ProfileList::default()),
        200..=299 => serde_json::from_str(body)
            .map_err(|error| viewer_error("Viewer.MalformedResponse", error.to_string())),
        _ => Err(api_error(status, body)),
    }
}

/// How long a throttled call asks to wait, for a `Throttling*` error only: `Retry-After` in
/// whole seconds (at least 1). The proxy sends it with every throttling answer and lets
/// other origins read it (CORS), so the message's words are never parsed.
pub fn retry_after_seconds(error: &ApiError, header: Option<&str>) -> Option<u32> {
    if !error.code.starts_with("Throttling") {
        return None;
    }
    let seconds: u32 = header?.trim().parse().ok()?;
    Some(seconds.clamp(1, MAX_RETRY_AFTER_S))
}

/// One GET to the proxy with the endpoint's token and profile: the status, the
/// `Retry-After` header and the body.
async fn get(endpoint: &Endpoint, url: &str) -> Result<(u16, Option<String>, String), ApiError> {
    let mut call = gloo::net::http::Request::get(url).header("Accept", "application/json");
    if let Some(token) = &endpoint.token {
        call = call.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(profile) = &endpoint.profile {
        call = call.header(PROFILE_HEADER, profile);
    }
    let response = call.send().await.map_err(|error| {
        viewer_error(
            "Viewer.ProxyUnreachable",
            format!(
                "Could not reach the proxy at {}: {}",
                endpoint.base,
                network_failure(error)
            ),
        )
    })?;
    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let body = response
        .text()
        .await
        .map_err(|error| viewer_error("Viewer.ResponseUnreadable", network_failure(error)))?;
    Ok((status, retry_after, body))
}

/// What the browser said went wrong, in its own words (the viewer never asks gloo for
/// JSON: smc-core reads the body, so gloo's JSON error does not arise).
fn network_failure(error: gloo::net::Error) -> String {
    match error {
        gloo::net::Error::JsError(error) => error.to_string(),
        gloo::net::Error::GlooError(message) => message,
        gloo::net::Error::SerdeError(_) => "the body is not the JSON expected".to_owned(),
    }
}

/// Reads an answer: a page when the status is 2xx, the API's (or proxy's) error otherwise.
pub fn decode(status: u16, body: &str) -> Result<DescribeReplicationJobsResponse, ApiError> {
    if (200..300).contains(&status) {
        return smc_core::json::parse_response(body)
            .map_err(|error| viewer_error("Viewer.MalformedResponse", error.to_string()));
    }
    Err(api_error(status, body))
}

/// The API's (or proxy's) error in a non-2xx answer.
fn api_error(status: u16, body: &str) -> ApiError {
    // The proxy always answers in JSON, so the XML reader stays out of the bundle.
    match smc_core::json::parse_api_error(body) {
        Ok(mut error) => {
            error.http_status = status;
            error
        }
        Err(_) => {
            let excerpt: String = body.chars().take(200).collect();
            let mut error = viewer_error(
                &format!("Http.{status}"),
                format!("The proxy answered HTTP {status} without an API error body: {excerpt}"),
            );
            error.http_status = status;
            error
        }
    }
}

fn viewer_error(code: &str, message: String) -> ApiError {
    ApiError {
        code: code.to_owned(),
        message,
        ..ApiError::default()
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use smc_core::Status;

    #[test]
    fn urls_carry_the_request_in_api_names() {
        let endpoint = Endpoint {
            base: "https://proxy.example/api/".into(),
            ..Endpoint::default()
        };
        let request = DescribeReplicationJobs {
            status: Some(Status::Running),
            page_size: Some(20),
            ..Default::default()
        };
        assert_eq!(
            endpoint.url(&request),
            "https://proxy.example/api/DescribeReplicationJobs?Status=Running&PageSize=20"
        );
        assert_eq!(
            Endpoint::default().url(&DescribeReplicationJobs::default()),
            "/api/DescribeReplicationJobs"
        );
    }

    #[cfg(target_arch = "wasm32")]
    #[test]
    fn network_failures_read_as_the_browser_put_them() {
        let refused = gloo::utils::errors::JsError::from(js_sys::Error::new("Failed to fetch"));
        assert_eq!(
            network_failure(gloo::net::Error::JsError(refused)),
            "Error: Failed to fetch"
        );
        assert_eq!(
            network_failure(gloo::net::Error::GlooError("body already used".into())),
            "body already used"
        );
    }

    #[test]
    fn pages_errors_and_garbage_all_decode_to_something_showable() {
        let page = decode(
            200,
            r#"{"TotalCount":1,"ReplicationJobs":{"ReplicationJob":[{"JobId":"j-1"}]}}"#,
        )
        .unwrap();
        assert_eq!(page.replication_jobs[0].job_id, "j-1");

        let api = decode(
            403,
            r#"{"Code":"Forbidden.Unauthorized","Message":"no","RequestId":"R-1"}"#,
        )
        .unwrap_err();
        assert_eq!(
            (api.code.as_str(), api.request_id.as_str(), api.http_status),
            ("Forbidden.Unauthorized", "R-1", 403)
        );

        let gateway = decode(502, "<html>Bad Gateway</html>").unwrap_err();
        assert_eq!(gateway.code, "Http.502");
        assert!(gateway.message.contains("Bad Gateway"));

        let malformed = decode(200, r#"{"TotalCount":"lots"}"#).unwrap_err();
        assert_eq!(malformed.code, "Viewer.MalformedResponse");
        assert!(
            malformed.message.contains("line 1, column"),
            "{}",
            malformed.message
        );
    }

    #[test]
    fn profiles_decode_and_an_old_proxy_has_none() {
        let list = decode_profiles(
            200,
            r#"{"profiles":[{"name":"prod","label":"Production"},{"name":"test"}],"default":"prod"}"#,
        )
        .unwrap();
        assert_eq!(list.profiles.len(), 2);
        assert_eq!(list.default.as_deref(), Some("prod"));
        assert_eq!(
            decode_profiles(404, "Not Found").unwrap(),
            ProfileList::default()
        );
        let refused = decode_profiles(
            401,
            r#"{"Code":"Proxy.Unauthenticated","Message":"who?","RequestId":"R-2"}"#,
        )
        .unwrap_err();
        assert_eq!(
            (refused.code.as_str(), refused.http_status),
            ("Proxy.Unauthenticated", 401)
        );
        assert_eq!(
            decode_profiles(200, "[]").unwrap_err().code,
            "Viewer.MalformedResponse"
        );
    }

    #[test]
    fn only_throttling_errors_wait_and_only_as_long_as_said() {
        let throttled = decode(
            429,
            r#"{"Code":"Throttling","Message":"retry in 3 s","RequestId":"R-3"}"#,
        )
        .unwrap_err();
        assert_eq!(retry_after_seconds(&throttled, Some("4")), Some(4));
        assert_eq!(retry_after_seconds(&throttled, None), None);
        assert_eq!(retry_after_seconds(&throttled, Some(" 0 ")), Some(1));
        assert_eq!(
            retry_after_seconds(&throttled, Some("86400")),
            Some(MAX_RETRY_AFTER_S)
        );
        assert_eq!(retry_after_seconds(&throttled, Some("soon")), None);
        let user = ApiError {
            code: "Throttling.User".into(),
            ..ApiError::default()
        };
        assert_eq!(retry_after_seconds(&user, Some("2")), Some(2));
        assert_eq!(retry_after_seconds(&user, None), None);
        let internal = ApiError {
            code: "InternalError".into(),
            ..ApiError::default()
        };
        assert_eq!(retry_after_seconds(&internal, Some("2")), None);
    }
}
