//! Talking to the signing proxy: one request, validated by smc-core before it leaves, and
//! one answer, parsed by smc-core. Every failure becomes an `ApiError`, so the page shows
//! one kind of error whether the API, the proxy or the network failed.

use smc_core::{ApiError, DescribeReplicationJobs, DescribeReplicationJobsResponse, ACTION};

/// Where the proxy's browser API lives, and the bearer token it may want.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// `/api` on the same origin by default.
    pub base: String,
    /// Sent as `Authorization: Bearer …` when set.
    pub token: Option<String>,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            base: "/api".to_owned(),
            token: None,
        }
    }
}

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
    if let Err(errors) = request.validate() {
        return Err(viewer_error("Viewer.InvalidRequest", errors.to_string()));
    }
    let mut call =
        gloo::net::http::Request::get(&endpoint.url(request)).header("Accept", "application/json");
    if let Some(token) = &endpoint.token {
        call = call.header("Authorization", &format!("Bearer {token}"));
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
    let body = response
        .text()
        .await
        .map_err(|error| viewer_error("Viewer.ResponseUnreadable", network_failure(error)))?;
    decode(status, &body)
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
    // The proxy always answers in JSON, so the XML reader stays out of the bundle.
    match smc_core::json::parse_api_error(body) {
        Ok(mut error) => {
            error.http_status = status;
            Err(error)
        }
        Err(_) => {
            let excerpt: String = body.chars().take(200).collect();
            let mut error = viewer_error(
                &format!("Http.{status}"),
                format!("The proxy answered HTTP {status} without an API error body: {excerpt}"),
            );
            error.http_status = status;
            Err(error)
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
            token: None,
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
}
