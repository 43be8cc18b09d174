//! The application: one shared [`AppState`] and the router built over it.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;

use crate::access::AccessPolicy;
use crate::auth::BearerToken;
use crate::error::ProxyError;
use crate::metrics::Metrics;
use crate::site::Site;
use crate::upstream::Upstream;
use crate::{api, limits, ops, site};

/// Everything the handlers share. Cloning is cheap; every clone is the same proxy.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of the state.
#[derive(Debug)]
pub struct Shared {
    /// The signing client.
    pub upstream: Upstream,
    /// Host and Origin rules.
    pub access: AccessPolicy,
    /// The bearer token of `/api`, if any.
    pub token: Option<BearerToken>,
    /// The built web app, if served.
    pub site: Option<Site>,
    /// The `RegionId` sent when the browser sends none.
    pub region: Option<String>,
    /// The metrics.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Shares `shared` among handlers.
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The router: the browser API under `/api` (see [`api::serve`]), `/healthz` and `/metrics`,
/// and the web app (or an API-shaped 404) for everything else. Requests over the size limits
/// are refused first; every response carries `nosniff` and `no-referrer`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api", any(api::serve))
        .route("/api/", any(api::serve))
        .route("/api/{*path}", any(api::serve))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(site::serve)
        .layer(middleware::from_fn(edge))
        .with_state(state)
}

async fn method_not_allowed(method: Method) -> Response {
    ProxyError::MethodNotAllowed(method).into_response()
}

/// What every request goes through: the size limits, then headers every answer carries: no
/// MIME sniffing, no referrer leaking the viewer's URL (which holds the filters) to other sites.
async fn edge(request: Request, next: Next) -> Response {
    if let Some(refusal) = limits::over_limits(&request) {
        return refusal.into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
