//! One test per rule of the request; each asserts the error names the parameter.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use smc_core::{
    BusinessStatus, DescribeReplicationJobs, JobType, Status, TagFilter, ValidationErrors,
};

fn errors_of(request: &DescribeReplicationJobs) -> ValidationErrors {
    request.validate().expect_err("the request breaks a rule")
}

/// Asserts exactly one error, about `parameter`, whose rule mentions `words`.
fn assert_single(errors: &ValidationErrors, parameter: &str, words: &str) {
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_eq!(errors.0[0].parameter, parameter, "{errors}");
    assert!(errors.0[0].rule.contains(words), "{errors}");
    assert!(errors.to_string().starts_with(parameter), "{errors}");
}

fn ids(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("j-{i:020}")).collect()
}

#[test]
fn a_request_without_filters_is_valid() {
    assert!(DescribeReplicationJobs::default().validate().is_ok());
}

#[test]
fn page_size_is_between_1_and_50() {
    for bad in [0, 51, -3] {
        let request = DescribeReplicationJobs {
            page_size: Some(bad),
            ..Default::default()
        };
        assert_single(&errors_of(&request), "PageSize", "between 1 and 50");
    }
    for good in [1, 50] {
        let request = DescribeReplicationJobs {
            page_size: Some(good),
            ..Default::default()
        };
        assert!(request.validate().is_ok());
    }
}

#[test]
fn page_number_is_at_least_1() {
    let request = DescribeReplicationJobs {
        page_number: Some(0),
        ..Default::default()
    };
    assert_single(&errors_of(&request), "PageNumber", "1 or more");
}

#[test]
fn each_id_list_holds_at_most_50_ids() {
    let full = DescribeReplicationJobs {
        job_ids: ids(50),
        source_ids: ids(50),
        instance_ids: ids(50),
        ..Default::default()
    };
    assert!(full.validate().is_ok());
    for (list, request) in [
        (
            "JobId",
            DescribeReplicationJobs {
                job_ids: ids(51),
                ..Default::default()
            },
        ),
        (
            "SourceId",
            DescribeReplicationJobs {
                source_ids: ids(51),
                ..Default::default()
            },
        ),
        (
            "InstanceId",
            DescribeReplicationJobs {
                instance_ids: ids(51),
                ..Default::default()
            },
        ),
    ] {
        assert_single(&errors_of(&request), list, "at most 50");
    }
}

#[test]
fn ids_are_not_white_space_alone_and_an_empty_one_is_no_filter() {
    let request = DescribeReplicationJobs {
        source_ids: vec!["s-1".into(), " \t".into()],
        ..Default::default()
    };
    assert_single(&errors_of(&request), "SourceId.2", "only white space");
    let empty = DescribeReplicationJobs {
        job_ids: vec![String::new(), "j-1".into()],
        ..Default::default()
    };
    assert!(empty.validate().is_ok());
}

#[test]
fn at_most_20_tags() {
    let tags = |n: usize| {
        (0..n)
            .map(|i| TagFilter::with_value(format!("k{i}"), "v"))
            .collect()
    };
    assert!(DescribeReplicationJobs {
        tags: tags(20),
        ..Default::default()
    }
    .validate()
    .is_ok());
    let request = DescribeReplicationJobs {
        tags: tags(21),
        ..Default::default()
    };
    assert_single(&errors_of(&request), "Tag", "at most 20");
}

#[test]
fn tag_keys_have_at_most_64_characters() {
    // Characters, not bytes: 64 CJK characters are 192 bytes and still allowed.
    let at_limit = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("键".repeat(64), "")],
        ..Default::default()
    };
    assert!(at_limit.validate().is_ok());
    let request = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("k".repeat(65), "v")],
        ..Default::default()
    };
    assert_single(&errors_of(&request), "Tag.1.Key", "at most 64 characters");
}

#[test]
fn tag_values_have_at_most_64_characters() {
    let request = DescribeReplicationJobs {
        tags: vec![
            TagFilter::with_value("a", "ok"),
            TagFilter::with_value("b", "v".repeat(65)),
        ],
        ..Default::default()
    };
    assert_single(&errors_of(&request), "Tag.2.Value", "at most 64 characters");
}

#[test]
fn tags_do_not_contain_urls() {
    let key = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("see http://x", "")],
        ..Default::default()
    };
    assert_single(&errors_of(&key), "Tag.1.Key", "http:// or https://");
    let value = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("k", "HTTPS://example.com")],
        ..Default::default()
    };
    assert_single(&errors_of(&value), "Tag.1.Value", "http:// or https://");
}

#[test]
fn empty_tag_keys_and_values_are_allowed() {
    let request = DescribeReplicationJobs {
        tags: vec![
            TagFilter::with_value("", ""),
            TagFilter::any_value(""),
            TagFilter::with_value("k", ""),
        ],
        ..Default::default()
    };
    assert!(request.validate().is_ok());
}

#[test]
fn status_must_be_a_known_value() {
    let request = DescribeReplicationJobs {
        status: Some(Status::parse("Paused")),
        ..Default::default()
    };
    assert_single(
        &errors_of(&request),
        "Status",
        "expected one of Ready, Running",
    );
}

#[test]
fn business_status_must_be_a_known_value() {
    let request = DescribeReplicationJobs {
        business_status: Some(BusinessStatus::parse("Copying")),
        ..Default::default()
    };
    assert_single(
        &errors_of(&request),
        "BusinessStatus",
        "expected one of Preparing",
    );
}

#[test]
fn job_type_must_be_a_known_value() {
    let request = DescribeReplicationJobs {
        job_type: Some(JobType::from_code(4)),
        ..Default::default()
    };
    assert_single(
        &errors_of(&request),
        "JobType",
        "expected one of 0, 1, 2, 3",
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let request = DescribeReplicationJobs {
        page_size: Some(100),
        page_number: Some(0),
        job_ids: vec![" ".into()],
        tags: vec![TagFilter::with_value("https://x", "y".repeat(70))],
        ..Default::default()
    };
    let parameters: Vec<String> = errors_of(&request)
        .into_iter()
        .map(|e| e.parameter)
        .collect();
    assert_eq!(
        parameters,
        [
            "PageNumber",
            "PageSize",
            "JobId.1",
            "Tag.1.Key",
            "Tag.1.Value"
        ]
    );
}

fn from_query(query: &str) -> Result<DescribeReplicationJobs, ValidationErrors> {
    DescribeReplicationJobs::from_query_string(query)
}

#[test]
fn query_strings_read_every_parameter() {
    let request = from_query(
        "?RegionId=cn-hangzhou&Name=web%2B01&Status=Running&BusinessStatus=Syncing&JobType=3\
         &PageNumber=2&PageSize=50&JobId.1=j-1&JobId.2=j-2&SourceId.1=s-1&InstanceId.1=i-1\
         &ResourceGroupId=rg-1&Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team",
    )
    .expect("valid");
    assert_eq!(request.region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(request.name.as_deref(), Some("web+01"));
    assert_eq!(request.status, Some(Status::Running));
    assert_eq!(request.business_status, Some(BusinessStatus::Syncing));
    assert_eq!(request.job_type, Some(JobType::VmwareAgentless));
    assert_eq!(
        (request.page_number, request.page_size),
        (Some(2), Some(50))
    );
    assert_eq!(request.job_ids, ["j-1", "j-2"]);
    assert_eq!(request.source_ids, ["s-1"]);
    assert_eq!(request.instance_ids, ["i-1"]);
    assert_eq!(request.resource_group_id.as_deref(), Some("rg-1"));
    assert_eq!(
        request.tags,
        [
            TagFilter::with_value("env", "prod"),
            TagFilter::any_value("team")
        ]
    );
}

#[test]
fn empty_values_are_no_filter() {
    let request = from_query(
        "RegionId=&Name=&Status=&BusinessStatus=&JobType=&PageNumber=&PageSize=&ResourceGroupId=",
    )
    .expect("valid");
    assert_eq!(request, DescribeReplicationJobs::default());
    assert_eq!(request.to_query_string(), "");
}

#[test]
fn an_empty_list_element_keeps_its_number_and_filters_nothing() {
    let request =
        from_query("JobId.1=&JobId.2=j-x&SourceId.1=&InstanceId.1=&InstanceId.2=").expect("valid");
    assert_eq!(request.job_ids, ["", "j-x"]);
    assert_eq!(request.source_ids, [""]);
    assert_eq!(request.instance_ids, ["", ""]);
    assert_eq!(
        request.to_query_string(),
        "JobId.1=&JobId.2=j-x&SourceId.1=&InstanceId.1=&InstanceId.2="
    );
    // An empty element is given, so the numbering around it must still hold.
    assert_single(
        &from_query("JobId.1=&JobId.3=j-x").unwrap_err(),
        "JobId.2",
        "without gaps",
    );
    assert_single(
        &from_query("JobId.1=&JobId.1=j-x").unwrap_err(),
        "JobId.1",
        "more than once",
    );
}

#[test]
fn white_space_alone_is_refused_where_it_cannot_be_a_value() {
    assert_single(
        &from_query("JobId.1=&JobId.2=%20%20").unwrap_err(),
        "JobId.2",
        "must not be only white space",
    );
    assert_single(
        &from_query("Status=%20").unwrap_err(),
        "Status",
        "unknown value \" \"",
    );
    assert_single(
        &from_query("PageSize=+").unwrap_err(),
        "PageSize",
        "must be an integer",
    );
    assert_single(
        &from_query("JobType=%20").unwrap_err(),
        "JobType",
        "must be an integer",
    );
}

#[test]
fn an_empty_tag_value_is_a_value_and_a_missing_one_is_any() {
    let request =
        from_query("Tag.1.Key=k&Tag.1.Value=&Tag.2.Key=k&Tag.3.Key=&Tag.3.Value=v&Tag.4.Key=")
            .expect("valid");
    assert_eq!(
        request.tags,
        [
            TagFilter::with_value("k", ""),
            TagFilter::any_value("k"),
            TagFilter::with_value("", "v"),
            TagFilter::any_value(""),
        ]
    );
    assert_eq!(
        request.to_query_string(),
        "Tag.1.Key=k&Tag.1.Value=&Tag.2.Key=k&Tag.3.Key=&Tag.3.Value=v&Tag.4.Key="
    );
}

#[test]
fn a_tag_value_needs_its_key() {
    assert_single(
        &from_query("Tag.1.Value=v").unwrap_err(),
        "Tag.1.Key",
        "is missing but Tag.1.Value is given",
    );
    // The tags after it keep their numbers in the errors.
    let errors = from_query("Tag.1.Key=a&Tag.2.Value=&Tag.3.Key=https://x").unwrap_err();
    let parameters: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
    assert_eq!(parameters, ["Tag.2.Key", "Tag.3.Key"], "{errors}");
}

#[test]
fn unknown_parameters_are_errors_including_signing_parameters() {
    let errors =
        from_query("Stauts=Running&Signature=abc&AccessKeyId=x&Tag.1.Colour=red").unwrap_err();
    let parameters: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
    assert_eq!(
        parameters,
        ["Stauts", "Signature", "AccessKeyId", "Tag.1.Colour"]
    );
    assert!(
        errors.iter().all(|e| e.rule.contains("not a parameter")),
        "{errors}"
    );
}

#[test]
fn repeated_parameters_are_errors() {
    let errors = from_query("Status=Running&Status=Ready").unwrap_err();
    assert_single(&errors, "Status", "more than once");
    // An empty value is given too.
    let errors = from_query("PageSize=&PageSize=20").unwrap_err();
    assert_single(&errors, "PageSize", "more than once");
    let errors = from_query("JobId.1=j-1&JobId.1=j-2").unwrap_err();
    assert_single(&errors, "JobId.1", "more than once");
    let errors = from_query("Tag.1.Key=a&Tag.1.Value=b&Tag.1.Key=c").unwrap_err();
    assert_single(&errors, "Tag.1.Key", "more than once");
    // A tag's key and value are two parameters, not one given twice.
    let request = from_query("Tag.1.Value=b&Tag.1.Key=a").unwrap();
    assert_eq!(request.tags, [TagFilter::with_value("a", "b")]);
}

#[test]
fn list_indexes_are_in_range_and_without_gaps() {
    assert_single(
        &from_query("JobId.51=j-1").unwrap_err(),
        "JobId.51",
        "from 1 to 50",
    );
    assert_single(
        &from_query("JobId.0=j-1").unwrap_err(),
        "JobId.0",
        "from 1 to 50",
    );
    assert_single(
        &from_query("JobId.01=j-1").unwrap_err(),
        "JobId.01",
        "from 1 to 50",
    );
    assert_single(
        &from_query("Tag.21.Key=k").unwrap_err(),
        "Tag.21.Key",
        "from 1 to 20",
    );
    assert_single(
        &from_query("SourceId.1=s-1&SourceId.3=s-3").unwrap_err(),
        "SourceId.2",
        "without gaps",
    );
    assert_single(
        &from_query("Tag.2.Key=k").unwrap_err(),
        "Tag.1.Key",
        "without gaps",
    );
}

#[test]
fn numbers_must_be_integers() {
    assert_single(
        &from_query("PageSize=ten").unwrap_err(),
        "PageSize",
        "must be an integer",
    );
    assert_single(
        &from_query("JobType=1.5").unwrap_err(),
        "JobType",
        "must be an integer",
    );
}

#[test]
fn parsing_also_applies_every_rule() {
    let errors = from_query("PageSize=80&Status=Paused").unwrap_err();
    let parameters: Vec<&str> = errors.iter().map(|e| e.parameter.as_str()).collect();
    assert_eq!(parameters, ["Status", "PageSize"]);
}

#[test]
fn wire_parameters_are_numbered_from_1_in_api_order() {
    let request = DescribeReplicationJobs {
        page_size: Some(20),
        status: Some(Status::InError),
        job_ids: vec!["j-a".into(), "j-b".into()],
        tags: vec![
            TagFilter::with_value("env", "prod"),
            TagFilter::any_value("team"),
        ],
        ..Default::default()
    };
    assert_eq!(
        request.to_query_string(),
        "Status=InError&PageSize=20&JobId.1=j-a&JobId.2=j-b&Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team"
    );
}
