//! The JavaScript API (feature `wasm`): what a portal needs to talk to the signing proxy
//! without our UI. Requests are plain objects with the API's names
//! (`{Status: "Running", JobId: ["j-1"], Tag: [{Key: "env", Value: "prod"}], PageSize: 20}`).
//! A tag without `Value` accepts any value of its key; `Value: ""` only the empty value.
//! Responses come back as plain objects with lists flattened
//! (`response.ReplicationJobs[0].Tags[0].Key`), times as ISO 8601 strings.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{ApiError, ValidationError, ValidationErrors};
use crate::request::DescribeReplicationJobs;

/// Every broken rule of `request`, as `[{Parameter, Rule}]`; empty when it is valid.
#[wasm_bindgen(js_name = validateRequest)]
pub fn validate_request(request: JsValue) -> Result<JsValue, JsError> {
    let errors = match read_request(request) {
        Ok(request) => request.validate().err().unwrap_or_default(),
        Err(errors) => errors,
    };
    to_js(&errors)
}

/// The query string for the proxy's `/api/DescribeReplicationJobs?…`; throws an `Error`
/// naming every broken rule when `request` is invalid.
#[wasm_bindgen(js_name = toQueryString)]
pub fn to_query_string(request: JsValue) -> Result<String, JsError> {
    let request = read_request(request).map_err(invalid)?;
    request.validate().map_err(invalid)?;
    Ok(request.to_query_string())
}

/// Reads a query string (`Status=Running&JobId.1=…`) back into a request object; throws
/// when a parameter is unknown, repeated or breaks a rule.
#[wasm_bindgen(js_name = fromQueryString)]
pub fn from_query_string(query: &str) -> Result<JsValue, JsError> {
    let request = DescribeReplicationJobs::from_query_string(query).map_err(invalid)?;
    to_js(&request)
}

/// Parses a `DescribeReplicationJobs` response body, JSON or XML (detected), into a plain
/// object; throws an `Error` saying where a malformed body is wrong.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(body: &str) -> Result<JsValue, JsError> {
    let response =
        crate::body::parse_response(body).map_err(|error| JsError::new(&error.to_string()))?;
    let tree = serde_json::to_value(&response).map_err(|error| JsError::new(&error.to_string()))?;
    to_js(&crate::json::flatten_lists(tree))
}

/// Parses an API error body (JSON or XML) into
/// `{HttpStatus, Code, Message, RequestId, HostId, Recommend, Retryable}`.
#[wasm_bindgen(js_name = parseError)]
pub fn parse_error(http_status: u16, body: &str) -> Result<JsValue, JsError> {
    let error = ApiError::from_body(http_status, body).map_err(|e| JsError::new(&e.to_string()))?;
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct JsApiError<'a> {
        http_status: u16,
        retryable: bool,
        #[serde(flatten)]
        error: &'a ApiError,
    }
    to_js(&JsApiError {
        http_status,
        retryable: error.retryable(),
        error: &error,
    })
}

fn read_request(request: JsValue) -> Result<DescribeReplicationJobs, ValidationErrors> {
    // Read through JSON text rather than serde-wasm-bindgen: the latter looks up only the
    // properties it knows, so a misspelled filter (`Stauts`) would silently filter nothing.
    let text = js_sys::JSON::stringify(&request)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let parameter = if path == "." {
            "request".to_owned()
        } else {
            path
        };
        let rule = error.into_inner().to_string();
        let rule = rule
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned();
        ValidationErrors(vec![ValidationError::new(parameter, rule)])
    })
}

fn invalid(errors: ValidationErrors) -> JsError {
    JsError::new(&format!(
        "invalid DescribeReplicationJobs request: {errors}"
    ))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| JsError::new(&error.to_string()))
}
