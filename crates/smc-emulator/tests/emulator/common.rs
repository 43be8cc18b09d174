//! Shared helpers: an emulator with a hand-moved clock, called in-process through its
//! router, and requests signed by smc-core exactly as the proxy will sign them.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use smc_core::encode::{parse_form, to_query_string};
use smc_core::sign::{random_nonce, sign_request, Credentials, SignedRequest, SigningParams};
use smc_core::{
    ApiError, DescribeReplicationJobs, DescribeReplicationJobsResponse, Format, ReplicationJob,
};
use smc_emulator::{router, AppState, Emulator, EmulatorBuilder, ManualClock};
use time::OffsetDateTime;
use tower::ServiceExt;

/// The time every test starts at.
pub const T0: OffsetDateTime = time::macros::datetime!(2026-05-01 08:00 UTC);

/// Parameters as decoded pairs.
pub type Params = Vec<(String, String)>;

/// One answer: status, headers and body text.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The body as a page of jobs; fails the test unless the call succeeded.
    pub fn page(&self) -> DescribeReplicationJobsResponse {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        match Format::detect(&self.body) {
            Format::Json => smc_core::json::parse_response(&self.body).expect("a JSON page"),
            Format::Xml => smc_core::xml::parse_response(&self.body).expect("an XML page"),
        }
    }

    /// The body as an API error; fails the test if the call succeeded.
    pub fn error(&self) -> ApiError {
        assert_ne!(
            self.status,
            StatusCode::OK,
            "expected an error, got {}",
            self.body
        );
        ApiError::from_body(self.status.as_u16(), &self.body).expect("an error body")
    }
}

/// An emulator in-process, with a clock that moves only when told to.
pub struct Harness {
    pub state: AppState,
    pub router: Router,
    pub clock: Arc<ManualClock>,
    pub credentials: Credentials,
}

impl Harness {
    /// The default emulator (240 jobs, seed 1) at [`T0`].
    pub fn new() -> Self {
        Harness::with(|builder| builder)
    }

    /// An emulator at [`T0`] with more settings.
    pub fn with(configure: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder) -> Self {
        let clock = Arc::new(ManualClock::new(T0));
        let builder = configure(Emulator::builder().clock(clock.clone()));
        let state = builder.build().expect("valid settings");
        Harness {
            router: router(state.clone()),
            credentials: state.credentials().clone(),
            state,
            clock,
        }
    }

    /// Signs `request` now, with a fresh nonce.
    pub fn sign(
        &self,
        request: &DescribeReplicationJobs,
        format: Format,
        method: &'static str,
    ) -> SignedRequest {
        sign_with(&self.credentials, request, format, method, self.clock.now())
    }

    /// The signed parameters of a GET for `request`, as decoded pairs, ready to tamper with.
    pub fn signed_params(&self, request: &DescribeReplicationJobs, format: Format) -> Params {
        parse_form(&self.sign(request, format, "GET").query_string()).expect("UTF-8")
    }

    /// `params` signed again for `method`, after a test changed them.
    pub fn resign(&self, method: &str, mut params: Params) -> Params {
        set(&mut params, "Signature", None);
        let signature = smc_core::sign::sign_parameters(
            method,
            &params,
            self.credentials.access_key_secret.expose(),
        );
        params.push(("Signature".to_owned(), signature.signature));
        params
    }

    /// Sends one request through the router.
    pub async fn send(
        &self,
        method: &str,
        uri: &str,
        content_type: Option<&str>,
        body: impl Into<String>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let request = request
            .body(Body::from(body.into()))
            .expect("a valid request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        Answer {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("a UTF-8 body"),
        }
    }

    /// A GET with these parameters in the query string.
    pub async fn get(&self, params: &Params) -> Answer {
        self.send("GET", &format!("/?{}", to_query_string(params)), None, "")
            .await
    }

    /// A signed GET asking for JSON.
    pub async fn call(&self, request: &DescribeReplicationJobs) -> Answer {
        let signed = self.sign(request, Format::Json, "GET");
        self.send("GET", &format!("/?{}", signed.query_string()), None, "")
            .await
    }

    /// The page `request` selects; fails the test on an error.
    pub async fn describe(
        &self,
        request: &DescribeReplicationJobs,
    ) -> DescribeReplicationJobsResponse {
        self.call(request).await.page()
    }

    /// Every job `request` selects, over all pages of 50, checking the totals on the way;
    /// their typed parts, to compare with jobs made in code.
    pub async fn describe_all(&self, request: &DescribeReplicationJobs) -> Vec<ReplicationJob> {
        let mut jobs = Vec::new();
        for number in 1.. {
            let page = self
                .describe(&DescribeReplicationJobs {
                    page_number: Some(number),
                    page_size: Some(50),
                    ..request.clone()
                })
                .await;
            let total = page.total_count.expect("TotalCount") as usize;
            let done = page.replication_jobs.is_empty();
            jobs.extend(page.typed_parts().replication_jobs);
            if done || jobs.len() >= total {
                assert_eq!(jobs.len(), total, "pages add up to TotalCount");
                break;
            }
        }
        jobs
    }
}

/// Signs `request` with `credentials` at `time`, with a fresh nonce.
pub fn sign_with(
    credentials: &Credentials,
    request: &DescribeReplicationJobs,
    format: Format,
    method: &'static str,
    time: OffsetDateTime,
) -> SignedRequest {
    let mut params = SigningParams::new(credentials, time);
    params.nonce = random_nonce();
    params.format = format;
    params.method = method;
    sign_request(request, &params)
}

/// Sets `name` to `value`, or removes it when `value` is `None`.
pub fn set(params: &mut Params, name: &str, value: Option<&str>) {
    params.retain(|(n, _)| n != name);
    if let Some(value) = value {
        params.push((name.to_owned(), value.to_owned()));
    }
}

/// The job IDs, in order.
pub fn ids(jobs: &[ReplicationJob]) -> Vec<&str> {
    jobs.iter().map(|job| job.job_id.as_str()).collect()
}
