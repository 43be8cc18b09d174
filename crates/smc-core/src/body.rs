//! Bodies in either format, told apart by their first character: what a client reads when
//! it did not choose the format itself (an error from a gateway, a body handed over by a
//! portal).

use crate::error::{ApiError, ParseError};
use crate::format::Format;
use crate::model::DescribeReplicationJobsResponse;
use crate::{json, xml};

/// Reads a `DescribeReplicationJobs` response body, JSON or XML (detected).
pub fn parse_response(body: &str) -> Result<DescribeReplicationJobsResponse, ParseError> {
    match Format::detect(body) {
        Format::Json => json::parse_response(body),
        Format::Xml => xml::parse_response(body),
    }
}

impl ApiError {
    /// Reads an error body in JSON or XML (whichever it is). Any root with `Code` and
    /// `Message` children is accepted; `http_status` is recorded as given.
    pub fn from_body(http_status: u16, body: &str) -> Result<ApiError, ParseError> {
        let mut error = match Format::detect(body) {
            Format::Json => json::parse_api_error(body)?,
            Format::Xml => xml::parse_api_error(body)?,
        };
        error.http_status = http_status;
        Ok(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_format_is_read_by_its_first_character() {
        let json = parse_response(r#"{"RequestId":"R","TotalCount":"3"}"#).unwrap();
        let xml = parse_response("<?xml version='1.0'?><DescribeReplicationJobsResponse><RequestId>R</RequestId><TotalCount>3</TotalCount></DescribeReplicationJobsResponse>").unwrap();
        assert_eq!(json, xml);
        assert_eq!(json.total_count, Some(3));
        let error = ApiError::from_body(503, "<Error><Code>ServiceUnavailable</Code></Error>");
        assert_eq!(
            error.map(|e| (e.code, e.http_status)),
            Ok(("ServiceUnavailable".into(), 503))
        );
    }
}
