//! Everything that can go wrong, each naming where: violated request rules, API error
//! bodies, and bodies that are not what they should be.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::format::Format;
use crate::wire;

/// A request parameter that breaks a rule of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ValidationError {
    /// The parameter as the API names it (`PageSize`, `JobId.3`, `Tag.2.Key`).
    pub parameter: String,
    /// The rule it breaks, in words a person can act on.
    pub rule: String,
}

impl ValidationError {
    /// An error for `parameter` breaking `rule`.
    pub fn new(parameter: impl Into<String>, rule: impl Into<String>) -> Self {
        ValidationError {
            parameter: parameter.into(),
            rule: rule.into(),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.parameter, self.rule)
    }
}

/// Every rule a request breaks, found at once so a person can fix them all in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// Whether no rule is broken.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors, in the order the parameters were checked.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// The errors about one parameter, or about the elements of a list parameter
    /// (`JobId` matches `JobId` and `JobId.3`).
    pub fn about<'a>(&'a self, parameter: &'a str) -> impl Iterator<Item = &'a ValidationError> {
        self.0.iter().filter(move |error| {
            error.parameter == parameter
                || error
                    .parameter
                    .strip_prefix(parameter)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    pub(crate) fn push(&mut self, parameter: impl Into<String>, rule: impl Into<String>) {
        self.0.push(ValidationError::new(parameter, rule));
    }

    /// `Ok(value)` when there are no errors, else these errors.
    pub(crate) fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// An error the API returned: `{RequestId, HostId, Code, Message, Recommend}` in JSON, or
/// the same children under `<Error>` in XML. Read one with [`ApiError::from_body`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ApiError {
    /// The HTTP status the error came with (0 when unknown). Branch on [`Self::code`]:
    /// the docs disagree on statuses.
    #[serde(skip)]
    pub http_status: u16,
    /// The error code (`Forbidden.Unauthorized`, `Throttling.User`…).
    #[serde(deserialize_with = "wire::string")]
    pub code: String,
    /// The message, in the service's words.
    #[serde(deserialize_with = "wire::string")]
    pub message: String,
    /// The request ID, for support tickets.
    #[serde(deserialize_with = "wire::string")]
    pub request_id: String,
    /// The host that answered.
    #[serde(deserialize_with = "wire::string")]
    pub host_id: String,
    /// A link to the diagnosis page, when the service gives one.
    #[serde(deserialize_with = "wire::string")]
    pub recommend: String,
    /// The RAM policy details of an access denial, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_denied_detail: Option<serde_json::Value>,
}

impl ApiError {
    /// Whether calling again may succeed, following the SDKs' retry guidance: throttling,
    /// internal and unavailable errors. A replayed nonce is retryable too, because every
    /// retry signs with a fresh one.
    pub fn retryable(&self) -> bool {
        self.code.starts_with("Throttling")
            || matches!(
                self.code.as_str(),
                "InternalError" | "UnknownError" | "ServiceUnavailable" | "SignatureNonceUsed"
            )
    }

    /// Whether the service asked the caller to slow down.
    pub fn is_throttling(&self) -> bool {
        self.code.starts_with("Throttling")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if !self.request_id.is_empty() {
            write!(f, " (RequestId {})", self.request_id)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A body that is not what it should be, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ParseError {
    /// The format that was being read (`JSON` or `XML`).
    pub format: String,
    /// The field path (`ReplicationJobs.ReplicationJob[3].Progress`), empty when the problem
    /// is the syntax itself.
    pub path: String,
    /// Where in the text, for syntax errors (`line 3, column 14` or `byte 120`).
    pub position: String,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(format: Format, message: impl Into<String>) -> Self {
        ParseError {
            format: format.as_str().to_owned(),
            path: String::new(),
            position: String::new(),
            message: message.into(),
        }
    }

    #[cfg(feature = "field-paths")]
    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    pub(crate) fn at_position(mut self, position: impl Into<String>) -> Self {
        self.position = position.into();
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed {} response", self.format)?;
        if !self.path.is_empty() && self.path != "." {
            write!(f, " at {}", self.path)?;
        }
        if !self.position.is_empty() {
            write!(f, " ({})", self.position)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_error(code: &str) -> ApiError {
        ApiError {
            code: code.into(),
            ..ApiError::default()
        }
    }

    #[test]
    fn retryable_follows_sdk_guidance() {
        for code in [
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
            "InternalError",
            "UnknownError",
            "ServiceUnavailable",
            "SignatureNonceUsed",
        ] {
            assert!(api_error(code).retryable(), "{code} should be retryable");
        }
        for code in [
            "Forbidden.Unauthorized",
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId.NotFound",
            "InvalidParameter",
        ] {
            assert!(!api_error(code).retryable(), "{code} should not be retried");
        }
    }

    #[test]
    fn validation_errors_filter_by_parameter_and_list_element() {
        let mut errors = ValidationErrors::default();
        errors.push("JobId.3", "must not be empty");
        errors.push("JobIdx", "unknown parameter");
        errors.push("PageSize", "must be between 1 and 50");
        let about_job_ids: Vec<_> = errors
            .about("JobId")
            .map(|e| e.parameter.as_str())
            .collect();
        assert_eq!(about_job_ids, ["JobId.3"]);
        assert_eq!(
            errors.to_string(),
            "JobId.3: must not be empty; JobIdx: unknown parameter; PageSize: must be between 1 and 50"
        );
    }
}
