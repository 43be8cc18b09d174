//! The published samples parse with every field checked, in every form they come in.

mod common;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use common::at;
use smc_core::{
    json, xml, ApiError, BusinessStatus, DataDisk, JobType, LicenseType, NetMode, Part,
    ReplicationJobRun, RunType, Status, Tag, TargetType,
};

#[test]
fn the_seed_sample_with_flat_lists_parses_with_every_field() {
    let page = json::parse_response(common::SEED_SAMPLE).expect("the seed sample parses");
    assert_eq!(page.total_count, Some(5));
    assert_eq!(page.page_size, Some(10));
    assert_eq!(page.page_number, Some(1));
    assert_eq!(page.request_id, "6E1187E8-843A-4850-B97E-2F17F00D48F7");
    assert_eq!(page.replication_jobs.len(), 1);

    let job = &page.replication_jobs[0];
    assert_eq!(job.frequency, Some(15));
    assert_eq!(job.vpc_id, "vpc-bp1vwnn14rqpyiczj****");
    assert_eq!(job.creation_time, Some(at("2014-07-24T13:00:52Z")));
    assert_eq!(job.status, Some(Status::Running));
    assert_eq!(job.scheduled_start_time, Some(at("2019-06-04T13:35:00Z")));
    assert_eq!(job.max_number_of_image_to_keep, Some(8));
    assert_eq!(job.container_namespace, "testNamespace");
    assert_eq!(
        job.data_disks,
        [DataDisk {
            index: Some(1),
            size: Some(40),
            parts: vec![Part {
                device: "0_1".into(),
                size_bytes: Some(21_474_836_480),
                block: Some(true),
            }],
        }]
    );
    assert_eq!(job.status_info, "statusinfo");
    assert_eq!(job.instance_ram_role, "SMCAdmin");
    assert_eq!(job.system_disk_size, Some(40));
    assert_eq!(job.description, "This is my migration task.");
    assert_eq!(job.replication_parameters, "BandWidthLimit:0");
    assert_eq!(job.error_code, "InternalError");
    assert_eq!(job.valid_time, Some(at("2019-06-08T14:40:52Z")));
    assert_eq!(job.net_mode, Some(NetMode::Internet));
    assert_eq!(job.container_tag, "CentOS:v1");
    assert_eq!(job.license_type, Some(LicenseType::Byol));
    assert_eq!(job.name, "testMigrationTaskName");
    assert_eq!(job.image_id, "m-o6w3gy99qf89rkga****");
    assert_eq!(job.progress, Some(100.0));
    assert_eq!(job.run_once, Some(true));
    assert_eq!(job.launch_template_id, "lt-launchtemplateid");
    assert_eq!(job.container_repository, "testRepository");
    assert_eq!(job.instance_id, "i-bp1ff25rzvnul6kr****");
    assert_eq!(
        job.system_disk_parts,
        [Part {
            device: "0_1".into(),
            size_bytes: Some(254_803_968),
            block: Some(true),
        }]
    );
    assert_eq!(job.instance_type, "ecs.sn1ne.large");
    assert_eq!(job.source_id, "s-bp1e2fsl57knvuug****");
    assert_eq!(job.launch_template_version, "1");
    assert_eq!(job.region_id, "cn-hangzhou");
    assert_eq!(job.transition_instance_id, "i-bp1ff25rzvnul6kr****");
    assert_eq!(job.end_time, Some(at("2019-06-04T16:00:52Z")));
    assert_eq!(job.start_time, Some(at("2019-06-04T14:40:52Z")));
    assert_eq!(job.v_switch_id, "vsw-bp1ddbrxdlrcbim46****");
    assert_eq!(job.job_id, "j-bp19vlwm0tyigbmj****");
    assert_eq!(job.image_name, "testAliCloudImageName");
    assert_eq!(job.business_status, Some(BusinessStatus::Preparing));
    assert_eq!(
        job.replication_job_runs,
        [ReplicationJobRun {
            r#type: Some(RunType::Schedule),
            start_time: Some(at("2019-10-01T13:35:00Z")),
            end_time: Some(at("2019-10-04T13:35:00Z")),
            image_id: "m-o6w3gy99qf89rkga****".into(),
        }]
    );
    assert_eq!(job.target_type, Some(TargetType::Image));
    assert_eq!(job.job_type, Some(JobType::ServerMigration));
    assert_eq!(job.resource_group_id, "rg-acfmw3ty5y7****");
    assert_eq!(job.tags, [Tag::new("TestKey", "TestValue")]);
    // Fields the seed sample does not carry stay empty.
    assert_eq!(job.disks, None);
    assert_eq!(job.workgroup_id, "");
}

fn assert_facts_sample(page: &smc_core::DescribeReplicationJobsResponse) {
    assert_eq!(page.total_count, Some(1));
    assert_eq!(page.page_size, Some(10));
    assert_eq!(page.page_number, Some(1));
    assert_eq!(page.request_id, "6E1187E8-843A-4850-B97E-2F17F00D48F7");
    let job = &page.replication_jobs[0];
    assert_eq!(page.replication_jobs.len(), 1);
    assert_eq!(job.job_id, "j-bp19vlwm0tyigbmj****");
    assert_eq!(job.name, "testMigrationTaskName");
    assert_eq!(job.status, Some(Status::Running));
    assert_eq!(job.business_status, Some(BusinessStatus::Processing));
    assert_eq!(job.progress, Some(75.0));
    assert_eq!(job.run_once, Some(true));
    assert_eq!(job.target_type, Some(TargetType::Image));
    assert_eq!(job.net_mode, Some(NetMode::Internet));
    assert_eq!(
        job.data_disks,
        [DataDisk {
            index: Some(2),
            size: Some(20),
            parts: vec![Part {
                device: "2_0".into(),
                size_bytes: Some(5_334_102_016),
                block: Some(true),
            }],
        }]
    );
    assert_eq!(
        job.system_disk_parts,
        [Part {
            device: "0_0".into(),
            size_bytes: Some(21_466_120_192),
            block: Some(true),
        }]
    );
    assert_eq!(
        job.replication_job_runs,
        [ReplicationJobRun {
            r#type: Some(RunType::Schedule),
            start_time: Some(at("2019-10-01T13:35:00Z")),
            end_time: Some(at("2019-10-04T13:35:00Z")),
            image_id: "m-o6w3gy99qf89rkga****".into(),
        }]
    );
    assert_eq!(job.tags, [Tag::new("TestKey", "TestValue")]);
    assert_eq!(job.creation_time, Some(at("2020-05-14T12:01:24Z")));
    assert_eq!(job.region_id, "cn-hangzhou");
    assert_eq!(job.error_code, "");
}

#[test]
fn the_facts_sample_with_wrapped_lists_parses_with_every_field() {
    let page = json::parse_response(common::FACTS_SAMPLE_JSON).expect("the facts sample parses");
    assert_facts_sample(&page);
}

#[test]
fn the_facts_sample_as_xml_parses_to_the_same_model() {
    let from_xml = xml::parse_response(common::FACTS_SAMPLE_XML).expect("the XML sample parses");
    assert_facts_sample(&from_xml);
    let from_json = json::parse_response(common::FACTS_SAMPLE_JSON).expect("parses");
    assert_eq!(from_xml.typed_parts(), from_json.typed_parts());
}

#[test]
fn written_forms_read_back_identically() {
    let page = json::parse_response(common::SEED_SAMPLE).expect("parses");
    let wire = json::to_string(&page);
    assert!(
        wire.contains(r#""ReplicationJobs":{"ReplicationJob":[{"#),
        "{wire}"
    );
    assert!(
        wire.contains(r#""SystemDiskParts":{"SystemDiskPart":[{"#),
        "{wire}"
    );
    assert!(
        wire.contains(r#""CreationTime":"2014-07-24T13:00:52Z""#),
        "{wire}"
    );
    assert_eq!(
        json::parse_response(&wire)
            .expect("reads back")
            .typed_parts(),
        page.typed_parts()
    );

    let document = xml::to_string(&page);
    assert!(document
        .starts_with("<?xml version='1.0' encoding='UTF-8'?><DescribeReplicationJobsResponse>"));
    assert_eq!(
        xml::parse_response(&document)
            .expect("reads back")
            .typed_parts(),
        page.typed_parts()
    );
}

#[test]
fn numbers_as_strings_nulls_and_missing_lists_are_accepted() {
    let body = r#"{"TotalCount":"5","PageSize":"10","PageNumber":"1","RequestId":"R",
        "ReplicationJobs":{"ReplicationJob":[{"JobId":"j-1","Progress":"55.45","RunOnce":"false",
        "NetMode":"2","JobType":"1","Tags":null,"DataDisks":{"DataDisk":null},"Unknown":{"x":1}}]}}"#;
    let page = json::parse_response(body).expect("lenient parse");
    assert_eq!(page.total_count, Some(5));
    let job = &page.replication_jobs[0];
    assert_eq!(job.progress, Some(55.45));
    assert_eq!(job.run_once, Some(false));
    assert_eq!(job.net_mode, Some(NetMode::Vpc));
    assert_eq!(job.job_type, Some(JobType::OsMigration));
    assert!(
        job.tags.is_empty() && job.data_disks.is_empty() && job.replication_job_runs.is_empty()
    );

    let empty = json::parse_response(r#"{"RequestId":"R","TotalCount":0}"#).expect("parses");
    assert!(empty.replication_jobs.is_empty());
    let empty_xml = xml::parse_response("<DescribeReplicationJobsResponse><ReplicationJobs/><TotalCount>0</TotalCount></DescribeReplicationJobsResponse>").expect("parses");
    assert!(empty_xml.replication_jobs.is_empty());
    assert_eq!(empty_xml.total_count, Some(0));
}

#[test]
fn unknown_enum_values_are_kept() {
    let body = r#"{"ReplicationJobs":{"ReplicationJob":[{"Status":"Migrating","TargetType":"image","JobType":7}]}}"#;
    let job = &json::parse_response(body).expect("parses").replication_jobs[0];
    assert_eq!(job.status, Some(Status::Unknown("Migrating".into())));
    assert_eq!(job.target_type, Some(TargetType::Image));
    assert_eq!(job.job_type, Some(JobType::Unknown(7)));
}

#[test]
fn the_newer_disks_layout_parses() {
    let body = r#"{"ReplicationJobs":{"ReplicationJob":[{"JobId":"j-1","WorkgroupId":"w-1",
        "Disks":{"System":{"DiskId":"d-sys","LVM":false,"Size":40,"Parts":{"Part":[{"Block":true,"Path":"/","SizeBytes":42949672960}]}},
                 "Data":{"Data":[{"DiskId":"d-data","Index":1,"LVM":"true","Size":100,"Parts":{"Part":[{"Block":false,"Path":"/data","SizeBytes":107374182400}]}}]}}}]}}"#;
    let job = &json::parse_response(body).expect("parses").replication_jobs[0];
    assert_eq!(job.workgroup_id, "w-1");
    let disks = job.disks.as_ref().expect("Disks is present");
    let system = disks.system.as_ref().expect("System is present");
    assert_eq!(
        (system.disk_id.as_str(), system.lvm, system.size),
        ("d-sys", Some(false), Some(40))
    );
    assert_eq!(system.parts[0].path, "/");
    assert_eq!(system.parts[0].size_bytes, Some(42_949_672_960));
    assert_eq!(disks.data[0].disk_id, "d-data");
    assert_eq!(disks.data[0].lvm, Some(true));
    assert_eq!(disks.data[0].parts[0].block, Some(false));
}

#[test]
fn json_error_bodies_parse_with_every_field() {
    let error = ApiError::from_body(400, common::ERROR_SIGNATURE_JSON).expect("parses");
    assert_eq!(error.http_status, 400);
    assert_eq!(error.code, "SignatureDoesNotMatch");
    assert!(error.message.ends_with("Action%3DDescribeReplicationJobs"));
    assert_eq!(error.request_id, "B4B6F5DB-3F5D-4D24-9B3C-7B1C9D8A2E11");
    assert_eq!(error.host_id, "smc.aliyuncs.com");
    assert!(error.recommend.contains("q=SignatureDoesNotMatch"));
    assert!(!error.retryable());
}

#[test]
fn xml_error_bodies_parse_with_every_field() {
    let error = ApiError::from_body(403, common::ERROR_FORBIDDEN_XML).expect("parses");
    assert_eq!(error.http_status, 403);
    assert_eq!(error.code, "Forbidden.Unauthorized");
    assert_eq!(
        error.message,
        "A required authorization for the specified action is not supplied."
    );
    assert_eq!(error.request_id, "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9");
    assert_eq!(error.host_id, "smc.aliyuncs.com");
    assert_eq!(
        error.recommend,
        "https://api.aliyun.com/troubleshoot?q=Forbidden.Unauthorized&product=smc"
    );
    let detail = error.access_denied_detail.expect("the detail is kept");
    assert_eq!(detail["AuthAction"], "smc:DescribeReplicationJobs");

    let other = ApiError::from_body(400, common::ERROR_OTHER_ROOT_XML).expect("any root with Code");
    assert_eq!(other.code, "Throttling.User");
    assert!(other.retryable());
}

#[test]
fn error_bodies_round_trip_through_both_formats() {
    let error = ApiError::from_body(403, common::ERROR_FORBIDDEN_XML).expect("parses");
    let json_body = serde_json::to_string(&error).expect("serializes");
    assert_eq!(ApiError::from_body(403, &json_body).expect("parses"), error);
    let xml_body = xml::error_to_string(&error);
    assert_eq!(ApiError::from_body(403, &xml_body).expect("parses"), error);
}

#[test]
fn malformed_bodies_are_errors_not_panics() {
    for body in [
        "",
        "null",
        "{",
        "[]",
        "{\"TotalCount\":{}}",
        "{\"ReplicationJobs\":7}",
    ] {
        assert!(json::parse_response(body).is_err(), "JSON {body:?}");
    }
    for body in [
        "",
        "<",
        "<a><b></a>",
        "<a>",
        "<R><TotalCount>many</TotalCount></R>",
        "<R><ReplicationJobs>x</ReplicationJobs></R>",
    ] {
        assert!(xml::parse_response(body).is_err(), "XML {body:?}");
    }
    assert!(ApiError::from_body(500, "<html>Bad Gateway</html>").is_err());
    assert!(ApiError::from_body(500, "{\"Message\":\"no code\"}").is_err());
}
