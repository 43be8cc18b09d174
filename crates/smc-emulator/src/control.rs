//! The control API under `/_emulator/`, served only with `--control`: read the state, set
//! and clear fault rules, and reset the jobs. It takes and gives JSON and has no
//! authentication: it is for tests and local use on loopback.

use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use smc_core::Format;

use crate::call::MAX_BODY_BYTES;
use crate::error::{new_request_id, with_request_id, ApiFailure};
use crate::faults::parse_rules;
use crate::state::AppState;
use crate::store::{DataSource, DEFAULT_JOBS, MAX_JOBS};

/// The control routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/_emulator/state", get(show_state))
        .route(
            "/_emulator/faults",
            get(list_faults).put(set_faults).delete(clear_faults),
        )
        .route("/_emulator/reset", post(reset))
}

/// The body of `POST /_emulator/reset`; both fields are optional, and an empty body
/// restores the jobs the emulator started with.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reset {
    seed: Option<u64>,
    jobs: Option<usize>,
}

async fn show_state(State(state): State<AppState>) -> Response {
    json(StatusCode::OK, &state.view())
}

async fn list_faults(State(state): State<AppState>) -> Response {
    json(StatusCode::OK, &state.faults())
}

async fn set_faults(State(state): State<AppState>, body: Body) -> Result<Response, ApiFailure> {
    let text = read_text(body).await?;
    let rules = parse_rules(&text).map_err(invalid)?;
    state.set_faults(rules).map_err(invalid)?;
    Ok(json(StatusCode::OK, &state.faults()))
}

async fn clear_faults(State(state): State<AppState>) -> Response {
    state.clear_faults();
    json(StatusCode::OK, &state.faults())
}

async fn reset(State(state): State<AppState>, body: Body) -> Result<Response, ApiFailure> {
    let text = read_text(body).await?;
    let reset: Reset = if text.trim().is_empty() {
        Reset::default()
    } else {
        serde_json::from_str(&text)
            .map_err(|e| invalid(format!("expected {{\"seed\":N,\"jobs\":N}}: {e}")))?
    };
    let data = match (reset.seed, reset.jobs) {
        (None, None) => None,
        (seed, jobs) => {
            let count = jobs.unwrap_or(DEFAULT_JOBS);
            if count > MAX_JOBS {
                return Err(invalid(format!(
                    "jobs must be at most {MAX_JOBS} (got {count})"
                )));
            }
            Some(DataSource::Generated {
                seed: seed.unwrap_or(1),
                count,
            })
        }
    };
    state.reset(data);
    Ok(json(StatusCode::OK, &state.view()))
}

async fn read_text(body: Body) -> Result<String, ApiFailure> {
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| invalid(format!("the body is larger than {MAX_BODY_BYTES} bytes")))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| invalid("the body is not UTF-8".to_owned()))
}

fn invalid(message: String) -> ApiFailure {
    ApiFailure::new(StatusCode::BAD_REQUEST, "InvalidParameter", message).in_format(Format::Json)
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    // The views are plain data: serializing them cannot fail.
    let body = serde_json::to_string(value).unwrap_or_default();
    with_request_id(status, Format::Json, body, &new_request_id())
}
