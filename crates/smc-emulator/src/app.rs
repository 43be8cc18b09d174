//! The router: the API, the control routes when enabled, and a gateway-style 404.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::any;
use axum::Router;
use smc_core::Format;

use crate::error::ApiFailure;
use crate::gateway::response_format;
use crate::state::AppState;
use crate::{api, control, limits};

/// The emulator's router: the API at `/` (GET and POST), the control API under
/// `/_emulator/` when enabled, and a gateway-style 404 for everything else. Requests
/// over the size limits are refused before any handler runs.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new().route("/", any(api::describe_replication_jobs));
    if state.control_enabled() {
        router = router.merge(control::routes());
    }
    router
        .fallback(not_found)
        .layer(middleware::from_fn(limits::bound_request))
        .with_state(state)
}

async fn not_found(request: Request) -> ApiFailure {
    let query = request.uri().query().unwrap_or_default();
    let format = smc_core::encode::parse_form(query)
        .ok()
        .and_then(|params| response_format(&params).ok())
        .unwrap_or(Format::Xml);
    ApiFailure::new(
        StatusCode::NOT_FOUND,
        "InvalidApi.NotFound",
        format!(
            "Specified api is not found, please check your url and method. (path {})",
            crate::call::truncate(request.uri().path(), 100)
        ),
    )
    .in_format(format)
}
