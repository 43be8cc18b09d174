//! JSON bodies (`Format=JSON`): responses in the wrapped wire form or the flat form of
//! older samples, and API error bodies.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ParseError};
use crate::format::Format;
use crate::model::DescribeReplicationJobsResponse;

/// Reads a `DescribeReplicationJobs` response body.
pub fn parse_response(body: &str) -> Result<DescribeReplicationJobsResponse, ParseError> {
    decode(body)
}

/// Writes a response in the service's wire form (wrapped lists, API times).
pub fn to_string(response: &DescribeReplicationJobsResponse) -> String {
    // Serializing plain structs of strings and numbers into a String cannot fail.
    serde_json::to_string(response).unwrap_or_default()
}

/// Replaces each wire wrapper (`{"Tag": [...]}`) by the list it wraps. No object of the
/// model has a single list as its only field, so the rule cannot misfire.
pub fn flatten_lists(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            if map.len() == 1 && map.values().next().is_some_and(Value::is_array) {
                let (_, list) = map.into_iter().next().unwrap_or_default();
                return flatten_lists(list);
            }
            Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, flatten_lists(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(flatten_lists).collect()),
        scalar => scalar,
    }
}

/// Reads an API error body; it must carry a `Code`.
pub fn parse_api_error(body: &str) -> Result<ApiError, ParseError> {
    let error: ApiError = decode(body)?;
    if error.code.is_empty() {
        return Err(ParseError::new(
            Format::Json,
            "an error body must have a Code",
        ));
    }
    Ok(error)
}

/// Deserializes `T` from a body that must be an object, and on failure reports the line
/// and column (and with the `field-paths` feature the field path).
///
/// Well-formed pages are read without bookkeeping; only a failing body is read a second
/// time with path tracking, so good pages pay nothing for good error messages.
pub(crate) fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ParseError> {
    let body = body.trim_start_matches('\u{feff}');
    // serde reads a struct from an array too (fields by position): a body must be an object.
    if !body.trim_start().starts_with('{') {
        return Err(
            ParseError::new(Format::Json, "the body must be a JSON object")
                .at_position("line 1, column 1"),
        );
    }
    serde_json::from_str(body).map_err(|error| {
        #[cfg_attr(not(feature = "field-paths"), allow(unused_mut))]
        let mut failure = located(&error);
        #[cfg(feature = "field-paths")]
        if let Err(tracked) =
            serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(body))
        {
            failure.path = tracked.path().to_string();
        }
        failure
    })
}

/// A serde_json error as a [`ParseError`]: its message, and its line and column apart.
fn located(error: &serde_json::Error) -> ParseError {
    let text = error.to_string();
    // serde_json appends " at line L column C" to every message it can place.
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    ParseError::new(Format::Json, message).at_position(format!(
        "line {}, column {}",
        error.line(),
        error.column()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "field-paths")]
    fn a_job_that_is_no_object_names_its_path_and_line() {
        let body = "{\"ReplicationJobs\":{\"ReplicationJob\":[{\"JobId\":\"j-1\"},\n\"j-2\"]}}";
        let error = parse_response(body).unwrap_err();
        assert_eq!(error.path, "ReplicationJobs.ReplicationJob[1]");
        assert!(error.position.starts_with("line 2"), "{error}");
        assert!(error.message.contains("must be an object"), "{error}");
        assert!(
            error.to_string().starts_with("malformed JSON response at "),
            "{error}"
        );
    }

    #[test]
    #[cfg(feature = "field-paths")]
    fn a_paging_field_that_does_not_type_fails_the_page_naming_it() {
        let error = parse_response(r#"{"TotalCount":"lots"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"malformed JSON response at TotalCount (line 1, column 21): expected an integer, found "lots""#
        );
    }

    #[test]
    fn broken_syntax_reports_the_position() {
        let error = parse_response("{\"TotalCount\": 5,").unwrap_err();
        assert!(error.position.starts_with("line 1"), "{error}");
        assert!(parse_response("").is_err());
        assert!(parse_response("[1,2]").is_err());
    }

    #[test]
    fn flattening_unwraps_every_list_and_nothing_else() {
        let body = r#"{"RequestId":"R","ReplicationJobs":{"ReplicationJob":[{"JobId":"j-1","Tags":{"Tag":[{"Key":"k","Value":"v"}]},"Disks":{"Data":{"Data":[{"DiskId":"d-1"}]}}}]}}"#;
        let tree = serde_json::to_value(parse_response(body).unwrap()).unwrap();
        let flat = flatten_lists(tree);
        assert_eq!(flat["ReplicationJobs"][0]["Tags"][0]["Key"], "k");
        assert_eq!(
            flat["ReplicationJobs"][0]["Disks"]["Data"][0]["DiskId"],
            "d-1"
        );
        assert_eq!(flat["RequestId"], "R");
    }

    #[test]
    fn error_bodies_need_a_code() {
        assert!(parse_api_error(r#"{"Message":"x"}"#).is_err());
        let error = parse_api_error(r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"R1","HostId":"smc.aliyuncs.com","Recommend":"https://next.api.aliyun.com/troubleshoot?q=Throttling.User"}"#).unwrap();
        assert_eq!(error.code, "Throttling.User");
        assert_eq!(error.host_id, "smc.aliyuncs.com");
        assert!(error.retryable());
        let denied = parse_api_error(r#"{"Code":"Forbidden.RAM","AccessDeniedDetail":{"AuthAction":"smc:DescribeReplicationJobs","NoPermissionType":"ImplicitDeny"}}"#).unwrap();
        let detail = denied.access_denied_detail.unwrap();
        assert_eq!(detail["NoPermissionType"], "ImplicitDeny");
    }
}
