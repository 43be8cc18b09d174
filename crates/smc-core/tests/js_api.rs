//! The JavaScript API, called the way a portal calls it: with plain JS objects, in a browser.
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

mod common;

use serde_json::{json, Value};
use smc_core::js;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn js_object(value: Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("valid JSON")
}

fn plain(value: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(value).expect("serializable").into();
    serde_json::from_str(&text).expect("valid JSON")
}

fn thrown_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    js_sys::Reflect::get(&value, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

#[test]
fn validate_request_lists_every_broken_rule() {
    let errors = js::validate_request(js_object(json!({
        "PageSize": 80, "Status": "Running", "Tag": [{"Key": "https://x", "Value": "v"}]
    })))
    .expect("returns a list");
    assert_eq!(
        plain(&errors),
        json!([
            {"Parameter": "PageSize", "Rule": "must be between 1 and 50 (got 80)"},
            {"Parameter": "Tag.1.Key", "Rule": "must not contain http:// or https://"}
        ])
    );
    let valid =
        js::validate_request(js_object(json!({"JobId": ["j-1"], "PageSize": 20}))).expect("list");
    assert_eq!(plain(&valid), json!([]));
}

#[test]
fn validate_request_names_unknown_fields() {
    let errors = js::validate_request(js_object(json!({"Stauts": "Running"}))).expect("list");
    let errors = plain(&errors);
    assert_eq!(errors[0]["Parameter"], "Stauts");
    assert!(
        errors[0]["Rule"]
            .as_str()
            .unwrap_or_default()
            .contains("unknown field"),
        "{errors}"
    );
}

#[test]
fn to_query_string_numbers_lists_and_refuses_invalid_requests() {
    let query = js::to_query_string(js_object(json!({
        "Status": "Running", "JobId": ["j-1", "j-2"], "Tag": [{"Key": "env", "Value": "prod"}]
    })))
    .expect("valid");
    assert_eq!(
        query,
        "Status=Running&JobId.1=j-1&JobId.2=j-2&Tag.1.Key=env&Tag.1.Value=prod"
    );
    let error = js::to_query_string(js_object(json!({"PageNumber": 0}))).unwrap_err();
    assert!(thrown_message(error).contains("PageNumber: must be 1 or more"));
}

#[test]
fn a_tag_without_value_is_any_value_and_an_empty_value_is_kept() {
    let query = js::to_query_string(js_object(json!({
        "Tag": [{"Key": "env"}, {"Key": "env", "Value": ""}, {"Key": "", "Value": "v"}]
    })))
    .expect("valid");
    assert_eq!(
        query,
        "Tag.1.Key=env&Tag.2.Key=env&Tag.2.Value=&Tag.3.Key=&Tag.3.Value=v"
    );
    let request = js::from_query_string(&query).expect("valid");
    assert_eq!(
        plain(&request),
        json!({"Tag": [{"Key": "env"}, {"Key": "env", "Value": ""}, {"Key": "", "Value": "v"}]})
    );
    let errors =
        plain(&js::validate_request(js_object(json!({"Tag": [{"Value": "v"}]}))).expect("list"));
    assert_eq!(errors[0]["Parameter"], "Tag[0]");
    assert!(
        errors[0]["Rule"]
            .as_str()
            .unwrap_or_default()
            .contains("Key"),
        "{errors}"
    );
    let empty = js::to_query_string(js_object(json!({"Name": "", "JobId": ["", "j-1"]})))
        .expect("empty values are no filter");
    assert_eq!(empty, "JobId.1=&JobId.2=j-1");
}

#[test]
fn from_query_string_reads_back_a_request_object() {
    let request = js::from_query_string("?Status=Running&JobId.1=j-1&PageSize=20").expect("valid");
    assert_eq!(
        plain(&request),
        json!({"Status": "Running", "PageSize": 20, "JobId": ["j-1"]})
    );
    let error = js::from_query_string("Signature=x").unwrap_err();
    assert!(thrown_message(error).contains("Signature"));
}

#[test]
fn parse_response_flattens_lists_for_both_formats() {
    for body in [common::FACTS_SAMPLE_JSON, common::FACTS_SAMPLE_XML] {
        let page = plain(&js::parse_response(body).expect("parses"));
        let job = &page["ReplicationJobs"][0];
        assert_eq!(page["TotalCount"], 1);
        assert_eq!(job["Tags"][0]["Key"], "TestKey");
        assert_eq!(
            job["DataDisks"][0]["Parts"][0]["SizeBytes"],
            5_334_102_016u64
        );
        assert_eq!(job["SystemDiskParts"][0]["Device"], "0_0");
        assert_eq!(job["CreationTime"], "2020-05-14T12:01:24Z");
    }
    let error = js::parse_response("{\"TotalCount\":\"many\"}").unwrap_err();
    assert!(thrown_message(error).contains("TotalCount"));
}

#[test]
fn parse_error_reads_error_bodies_with_retry_advice() {
    let error = plain(&js::parse_error(403, common::ERROR_FORBIDDEN_XML).expect("parses"));
    assert_eq!(error["HttpStatus"], 403);
    assert_eq!(error["Code"], "Forbidden.Unauthorized");
    assert_eq!(error["RequestId"], "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9");
    assert_eq!(error["Retryable"], false);
    let throttled = plain(&js::parse_error(400, common::ERROR_OTHER_ROOT_XML).expect("parses"));
    assert_eq!(throttled["Retryable"], true);
}
