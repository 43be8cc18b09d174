//! The router: every route, and the layers each one goes through.

use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

use crate::access::AccessPolicy;
use crate::error::ProxyError;
use crate::site::Site;
use crate::state::AppState;
use crate::upstream::REQUEST_ID_HEADER;
use crate::{api, limits, ops, site};

/// [`smc_core::PROFILE_HEADER`] as a header name (lower case).
const PROFILE_HEADER_LOWER: &str = "x-smc-profile";

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The router: the browser API under `/api` (see [`api`]), `/healthz` and `/metrics`, and
/// the web app (or an API-shaped 404) for everything else. Requests over the size limits
/// are refused first; every response carries `nosniff` and `no-referrer`.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api", any(api::serve))
        .route("/api/", any(api::serve))
        .route("/api/{*path}", any(api::serve))
        .layer(compression())
        .layer(cors(&state.access))
        .layer(middleware::from_fn_with_state(state.clone(), api::admit));
    let router = Router::new()
        .merge(api)
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .method_not_allowed_fallback(method_not_allowed);
    let router = match &state.site {
        Some(site) => router.fallback_service(
            ServiceBuilder::new()
                .layer(compression())
                .layer(middleware::from_fn_with_state(site.clone(), site::guard))
                .service(files(site)),
        ),
        None => router.fallback(site::no_app),
    };
    router.layer(middleware::from_fn(edge)).with_state(state)
}

/// CORS for `/api`, for the origins given with `--allow-origin` (exact match): a preflight
/// for a GET with the bearer token and the profile header is answered for ten minutes, the
/// API's request ID, a throttled call's `Retry-After` and a cached answer's `Age` may be read
/// (a portal's viewer counts down and shows freshness from them), and every answer says it
/// varies with `Origin`. What CORS alone would not do,
/// refusing a call from another origin, [`api::admit`] does before this layer.
fn cors(access: &AccessPolicy) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(access.origin_values()))
        .allow_methods([Method::GET])
        .allow_headers([
            header::AUTHORIZATION,
            HeaderName::from_static(PROFILE_HEADER_LOWER),
        ])
        .max_age(PREFLIGHT_MAX_AGE)
        .expose_headers([
            HeaderName::from_static(REQUEST_ID_HEADER),
            header::RETRY_AFTER,
            header::AGE,
        ])
        .vary([header::ORIGIN])
}

/// The built files, with the `.br` or `.gz` sibling the build writes beside each one sent
/// instead to a browser that accepts it, brotli first.
fn files(site: &Site) -> ServeDir {
    ServeDir::new(site.root())
        .precompressed_br()
        .precompressed_gzip()
}

/// Compression on the fly, for clients that accept it: the pages of jobs (the last thing a
/// viewer waits for before it shows rows: a 50-job page shrinks about tenfold) and the web
/// app's files that have no precompressed sibling (a plain `trunk build`). Brotli or gzip,
/// the codings this crate's tower-http features enable, at their on-the-fly defaults
/// (brotli 4, as nginx). An answer that already has a `Content-Encoding` (a sibling) is
/// left as it is.
fn compression() -> CompressionLayer {
    CompressionLayer::new()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_header_is_smc_cores() {
        assert_eq!(
            PROFILE_HEADER_LOWER,
            smc_core::PROFILE_HEADER.to_ascii_lowercase()
        );
    }
}
