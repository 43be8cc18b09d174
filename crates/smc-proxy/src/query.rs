//! Reading the browser's query: the request's own parameters, as the API names them, and
//! nothing the proxy sets itself.

use smc_core::sign::COMMON_PARAMETERS;
use smc_core::{DescribeReplicationJobs, ValidationError, ValidationErrors};

use crate::error::ProxyError;

/// The rule a caller-supplied signing or common parameter breaks.
pub const SET_BY_PROXY: &str = "is a signing or common parameter, which only the proxy sets";

/// Reads and validates a query string with smc-core. Signing and common parameters
/// (`Signature`, `AccessKeyId`, `Action`, `Format`…, in any letter case) are refused with
/// [`ProxyError::ParameterNotAllowed`]; unknown, repeated and invalid parameters with
/// [`ProxyError::InvalidParameters`]. Every problem is listed at once. `default_region` is
/// the `RegionId` used when the query has none.
pub fn read(
    query: &str,
    default_region: Option<&str>,
) -> Result<DescribeReplicationJobs, ProxyError> {
    let pairs = smc_core::encode::parse_form(query).map_err(|pair| {
        let name = pair.split_once('=').map_or(pair.as_str(), |(name, _)| name);
        ProxyError::InvalidParameters(ValidationErrors(vec![ValidationError::new(
            truncate(name, 64),
            "is not valid UTF-8 once decoded",
        )]))
    })?;
    let (common, own): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(name, _)| {
        COMMON_PARAMETERS
            .iter()
            .any(|common| common.eq_ignore_ascii_case(name))
    });
    let parsed = DescribeReplicationJobs::from_params(own);
    if !common.is_empty() {
        let mut errors: Vec<ValidationError> = Vec::new();
        for (name, _) in common {
            if !errors.iter().any(|e| e.parameter == name) {
                errors.push(ValidationError::new(name, SET_BY_PROXY));
            }
        }
        if let Err(others) = parsed {
            errors.extend(others);
        }
        return Err(ProxyError::ParameterNotAllowed(ValidationErrors(errors)));
    }
    let mut request = parsed.map_err(ProxyError::InvalidParameters)?;
    if request.region_id.is_none() {
        request.region_id = default_region.map(str::to_owned);
    }
    Ok(request)
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use smc_core::{Status, TagFilter};

    #[test]
    fn api_named_parameters_become_a_request() {
        let request = read("Status=Running&JobId.1=j-1&Tag.1.Key=env&PageSize=20", None).unwrap();
        assert_eq!(request.status, Some(Status::Running));
        assert_eq!(request.job_ids, ["j-1"]);
        assert_eq!(request.page_size, Some(20));
        assert_eq!(read("", None).unwrap(), DescribeReplicationJobs::default());
    }

    #[test]
    fn parameters_sent_empty_are_no_filter_but_an_empty_tag_value_is_a_value() {
        let request = read(
            "Name=&Status=&PageSize=&JobId.1=&JobId.2=j-1&Tag.1.Key=env&Tag.1.Value=",
            None,
        )
        .unwrap();
        assert_eq!((request.name.as_deref(), request.page_size), (None, None));
        assert_eq!(request.job_ids, ["", "j-1"]);
        assert_eq!(request.tags, [TagFilter::with_value("env", "")]);
        let error = read("Tag.1.Value=prod", None).unwrap_err();
        assert_eq!(error.field_errors().unwrap().0[0].parameter, "Tag.1.Key");
    }

    #[test]
    fn every_signing_and_common_parameter_is_refused_by_name() {
        for name in COMMON_PARAMETERS {
            let error = read(&format!("{name}=x&PageSize=5"), None).unwrap_err();
            let ProxyError::ParameterNotAllowed(errors) = error else {
                panic!("{name} was not refused as a common parameter");
            };
            assert_eq!(errors.0[0].parameter, name);
            assert_eq!(errors.0[0].rule, SET_BY_PROXY);
        }
        assert!(matches!(
            read("signature=x", None),
            Err(ProxyError::ParameterNotAllowed(_))
        ));
    }

    #[test]
    fn all_problems_are_listed_together() {
        let error = read("Signature=x&Signature=y&PageSize=80&Colour=red", None).unwrap_err();
        let errors = error.field_errors().unwrap();
        let names: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
        assert_eq!(names[0], "Signature");
        assert!(
            names.contains(&"PageSize") && names.contains(&"Colour"),
            "{names:?}"
        );
        assert_eq!(names.iter().filter(|n| **n == "Signature").count(), 1);
    }

    #[test]
    fn invalid_values_list_every_field() {
        let error = read("PageSize=80&PageNumber=0&Status=Sleeping", None).unwrap_err();
        let ProxyError::InvalidParameters(errors) = error else {
            panic!("not a validation error");
        };
        assert_eq!(errors.about("PageSize").count(), 1);
        assert_eq!(errors.about("PageNumber").count(), 1);
        assert_eq!(errors.about("Status").count(), 1);
    }

    #[test]
    fn bad_utf8_is_a_field_error() {
        let error = read("Name=%FF", None).unwrap_err();
        assert_eq!(error.field_errors().unwrap().0[0].parameter, "Name");
    }

    #[test]
    fn the_default_region_fills_in_only_when_absent() {
        let request = read("", Some("cn-hangzhou")).unwrap();
        assert_eq!(request.region_id.as_deref(), Some("cn-hangzhou"));
        let request = read("RegionId=cn-shanghai", Some("cn-hangzhou")).unwrap();
        assert_eq!(request.region_id.as_deref(), Some("cn-shanghai"));
    }
}
