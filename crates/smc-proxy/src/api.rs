//! The browser API: `GET /api/DescribeReplicationJobs?<parameters>` and
//! `GET /api/profiles`. Every call under `/api` goes through [`admit`] (logged and counted,
//! checked against the Host and Origin rules), then the CORS layer (which answers allowed
//! preflights), then [`serve`]: the bearer token and the trusted user header, then the
//! profile the call names ([`crate::profiles`]), the query read with smc-core, sent
//! upstream with the profile's credentials through [`crate::sharing`] (cache, coalescing,
//! rate limit), and the answer relayed. Any other path or action under `/api/` is refused.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use smc_core::ACTION;

use crate::access_log::CallerRecord;
use crate::error::{ProxyError, JSON};
use crate::identity::User;
use crate::sharing::Served;
use crate::state::AppState;
use crate::{access, access_log, auth, identity, query};

/// The path of the profiles the caller may use.
pub const PROFILES_PATH: &str = "/api/profiles";

/// The first layer of every call under `/api`: it logs and counts the call whatever its
/// answer, and refuses it here when [`access::check`] says so.
pub async fn admit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri().clone();
    let response = match access::check(&state.access, &method, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let mut response = refusal.into_response();
            // As the CORS layer says of every answer it sees: this one depends on `Origin`.
            response
                .headers_mut()
                .insert(header::VARY, HeaderValue::from_name(header::ORIGIN));
            response
        }
    };
    access_log::record(&state.metrics, uri.path(), &method, &response, started);
    response
}

/// Every admitted call under `/api`: with the token, when one is required, and the user,
/// in trusted-header mode, only `GET /api/profiles` and `GET /api/DescribeReplicationJobs`
/// (with a profile the user may use) are answered.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let admitted = auth::check(state.token.as_ref(), &parts.headers)
        .and_then(|()| identity::caller(state.trusted_user_header.as_ref(), &parts.headers));
    let user = match admitted {
        Ok(user) => user,
        Err(error) => return error.into_response(),
    };
    let mut caller = CallerRecord {
        user: user.as_ref().map(User::to_string),
        profile: None,
    };
    let mut response = if parts.uri.path() == PROFILES_PATH {
        profiles(&state, user.as_ref(), &parts.method)
    } else {
        call(&state, user.as_ref(), &parts, &mut caller)
            .await
            .into_response()
    };
    response.extensions_mut().insert(caller);
    response
}

/// `GET /api/profiles`: the profiles the caller may use.
fn profiles(state: &AppState, user: Option<&User>, method: &Method) -> Response {
    if method != Method::GET {
        return ProxyError::MethodNotAllowed(method.clone()).into_response();
    }
    let list = state.profiles.list_for(user);
    let body = serde_json::to_string(&list).unwrap_or_default();
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn call(
    state: &AppState,
    user: Option<&User>,
    parts: &Parts,
    caller: &mut CallerRecord,
) -> Result<Served, ProxyError> {
    let (method, uri) = (&parts.method, &parts.uri);
    if uri.path().strip_prefix("/api/") != Some(ACTION) {
        return Err(ProxyError::NotFound(format!(
            "the proxy serves only GET /api/{ACTION} and GET {PROFILES_PATH}, not {}",
            uri.path().chars().take(100).collect::<String>()
        )));
    }
    if method != Method::GET {
        return Err(ProxyError::MethodNotAllowed(method.clone()));
    }
    let profile = state.profiles.resolve(&parts.headers, user)?;
    caller.profile = Some(profile.name().to_owned());
    let request = query::read(uri.query().unwrap_or_default(), profile.region())?;
    let sharing = &state.sharing;
    Ok(sharing
        .describe(profile.name(), profile.rate(), &request, profile.upstream())
        .await)
}
