//! The router: every route, and the layers each one goes through.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;

use crate::error::ProxyError;
use crate::state::AppState;
use crate::{api, limits, ops, site};

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
