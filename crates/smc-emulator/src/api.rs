//! The one API: `DescribeReplicationJobs`. Read the call, pass the gateway (v1 or V3, by
//! the call's signature), apply any
//! fault, read the request, answer with a page.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use smc_core::{
    DescribeReplicationJobs, DescribeReplicationJobsResponse, Format, ValidationErrors,
};

use crate::call::RpcCall;
use crate::error::{new_request_id, with_request_id, ApiFailure};
use crate::odd_jobs::odd_page_tree;
use crate::state::AppState;
use crate::store::Page;

/// `GET /` or `POST /`: a signed `DescribeReplicationJobs` call.
pub(crate) async fn describe_replication_jobs(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiFailure> {
    let call = RpcCall::read(request).await?;
    let format = call.format;
    let gateway = state.gateway();
    let account = match &call.v3 {
        Some(v3) => gateway.authenticate_v3(call.method.as_str(), v3, state.now()),
        None => gateway.authenticate(call.method.as_str(), &call.params, state.now()),
    }
    .map_err(|refusal| refusal.into_failure(format))?;
    let mut odd_fields = false;
    if let Some(fault) = state.fault_for(call.action()) {
        state.wait(fault.delay).await;
        if let Some(failure) = fault.failure {
            return Err(failure.in_format(format));
        }
        odd_fields = fault.odd_fields;
    }
    let request = DescribeReplicationJobs::from_params(call.request_params())
        .map_err(|errors| invalid_parameters(&errors).in_format(format))?;
    let page = state.describe(account, &request);
    Ok(render(format, &request, page, odd_fields))
}

/// `InvalidParameter`, naming each parameter and the rule it breaks.
fn invalid_parameters(errors: &ValidationErrors) -> ApiFailure {
    let message = errors
        .iter()
        .map(|error| {
            format!(
                "The specified parameter \"{}\" is not valid: {}.",
                error.parameter, error.rule
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    ApiFailure::new(StatusCode::BAD_REQUEST, "InvalidParameter", message)
}

/// The page in the wire format the call asked for, with odd job fields if a fault says so.
fn render(
    format: Format,
    request: &DescribeReplicationJobs,
    page: Page,
    odd_fields: bool,
) -> Response {
    let request_id = new_request_id();
    let response = DescribeReplicationJobsResponse {
        request_id: request_id.clone(),
        total_count: Some(page.total as i64),
        page_number: Some(request.effective_page_number()),
        page_size: Some(request.effective_page_size()),
        replication_jobs: page.jobs,
    };
    let body = match (format, odd_fields) {
        (Format::Json, false) => smc_core::json::to_string(&response),
        (Format::Xml, false) => smc_core::xml::to_string(&response),
        (Format::Json, true) => odd_page_tree(&response).to_string(),
        (Format::Xml, true) => smc_core::xml::tree_to_string(&odd_page_tree(&response)),
    };
    with_request_id(StatusCode::OK, format, body, &request_id)
}
