//! `cargo bench -p smc-core`: signing against the raw HMAC floor, and typed parsing
//! against untyped `serde_json::Value` parsing of the same 50-job page.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use smc_core::sign::v3::{self, ParameterPlacement};
use smc_core::sign::{sign_request, Credentials, SigningParams};
use smc_core::time_format::parse_wire_time;
use smc_core::{
    json, xml, BusinessStatus, DataDisk, DescribeReplicationJobs, DescribeReplicationJobsResponse,
    Format, JobType, LicenseType, NetMode, Part, ReplicationJob, ReplicationJobRun, RunType,
    Status, Tag, TagFilter, TargetType,
};

/// A request with ten filters, as a busy viewer sends it.
fn ten_filter_request() -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        region_id: Some("cn-hangzhou".into()),
        name: Some("web-frontend-01 migration".into()),
        status: Some(Status::Running),
        business_status: Some(BusinessStatus::Syncing),
        job_type: Some(JobType::ServerMigration),
        page_number: Some(3),
        page_size: Some(50),
        source_ids: vec!["s-bp1e2fsl57knvuug0a1b".into()],
        resource_group_id: Some("rg-acfmw3ty5y7abcd".into()),
        tags: vec![TagFilter::with_value("env", "prod")],
        ..DescribeReplicationJobs::default()
    }
}

fn bench_signing(c: &mut Criterion) {
    let credentials = Credentials::new("LTAI5tBenchmarkKeyId", "BenchmarkSecretValue0123456789");
    let params = SigningParams {
        credentials: &credentials,
        time: parse_wire_time("2026-11-28T12:00:00Z").expect("valid time"),
        nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf".into(),
        format: Format::Json,
        method: "GET",
    };
    let request = ten_filter_request();
    let string_to_sign = sign_request(&request, &params).string_to_sign;

    let mut group = c.benchmark_group("sign");
    group.bench_function("request_with_10_filters", |b| {
        b.iter(|| sign_request(black_box(&request), black_box(&params)))
    });
    group.bench_function("request_with_10_filters_v3", |b| {
        b.iter(|| {
            v3::sign_request(
                black_box(&request),
                black_box(&params),
                "smc.aliyuncs.com",
                ParameterPlacement::FormBody,
            )
        })
    });
    group.bench_function("raw_hmac_sha1_floor", |b| {
        b.iter(|| {
            let mut mac =
                <Hmac<Sha1> as KeyInit>::new_from_slice(b"BenchmarkSecretValue0123456789&")
                    .expect("any key length");
            mac.update(black_box(string_to_sign.as_bytes()));
            mac.finalize().into_bytes()
        })
    });
    group.finish();
}

/// A realistic job: every field set, three tags, two data disks, two runs.
fn job(index: usize) -> ReplicationJob {
    let time = |day: usize| parse_wire_time(&format!("2026-10-{:02}T08:30:00Z", day % 28 + 1)).ok();
    let part = |device: &str, size_bytes: i64| Part {
        device: device.into(),
        size_bytes: Some(size_bytes),
        block: Some(true),
    };
    ReplicationJob {
        job_id: format!("j-bp19vlwm0tyigb{index:04}"),
        name: format!("migrate-web-{index:03}"),
        description: "Nightly migration of the web tier".into(),
        source_id: format!("s-bp1e2fsl57knvu{index:04}"),
        region_id: "cn-hangzhou".into(),
        resource_group_id: "rg-acfmw3ty5y7abcd".into(),
        status: Some(Status::Running),
        business_status: Some(BusinessStatus::Syncing),
        progress: Some(55.45),
        error_code: String::new(),
        status_info: String::new(),
        job_type: Some(JobType::ServerMigration),
        target_type: Some(TargetType::Image),
        net_mode: Some(NetMode::Vpc),
        license_type: Some(LicenseType::Byol),
        run_once: Some(false),
        frequency: Some(12),
        max_number_of_image_to_keep: Some(5),
        creation_time: time(index),
        scheduled_start_time: time(index + 1),
        start_time: time(index + 1),
        end_time: None,
        valid_time: time(index + 20),
        image_id: format!("m-o6w3gy99qf89rk{index:04}"),
        image_name: format!("web-{index:03}-image"),
        instance_id: String::new(),
        instance_type: "ecs.g7.large".into(),
        transition_instance_id: format!("i-bp1ff25rzvnul6{index:04}"),
        instance_ram_role: "SMCAdmin".into(),
        launch_template_id: String::new(),
        launch_template_version: String::new(),
        container_namespace: String::new(),
        container_repository: String::new(),
        container_tag: String::new(),
        vpc_id: "vpc-bp1vwnn14rqpyiczjabcd".into(),
        v_switch_id: "vsw-bp1ddbrxdlrcbim46abcd".into(),
        replication_parameters: "BandWidthLimit:0".into(),
        workgroup_id: String::new(),
        system_disk_size: Some(40),
        system_disk_parts: vec![part("0_0", 524_288_000), part("0_1", 42_424_287_232)],
        data_disks: (1..=2)
            .map(|disk| DataDisk {
                index: Some(disk),
                size: Some(100),
                parts: vec![part(&format!("{disk}_0"), 107_372_085_248)],
            })
            .collect(),
        disks: None,
        replication_job_runs: vec![
            ReplicationJobRun {
                r#type: Some(RunType::Manual),
                start_time: time(index + 1),
                end_time: time(index + 2),
                image_id: format!("m-o6w3gy99qf89rk{index:04}"),
            },
            ReplicationJobRun {
                r#type: Some(RunType::Schedule),
                start_time: time(index + 3),
                end_time: None,
                image_id: String::new(),
            },
        ],
        tags: vec![
            Tag::new("env", "prod"),
            Tag::new("team", "web"),
            Tag::new("cost-center", "cc-1024"),
        ],
        raw: None,
        odd_fields: Vec::new(),
    }
}

fn fifty_job_page() -> DescribeReplicationJobsResponse {
    DescribeReplicationJobsResponse {
        request_id: "6E1187E8-843A-4850-B97E-2F17F00D48F7".into(),
        total_count: Some(240),
        page_number: Some(1),
        page_size: Some(50),
        replication_jobs: (0..50).map(job).collect(),
    }
}

fn bench_parsing(c: &mut Criterion) {
    let page = fifty_job_page();
    let json_body = json::to_string(&page);
    let xml_body = xml::to_string(&page);
    assert_eq!(
        json::parse_response(&json_body)
            .expect("parses")
            .typed_parts(),
        page
    );

    let mut group = c.benchmark_group("parse_50_jobs");
    group.throughput(criterion::Throughput::Bytes(json_body.len() as u64));
    group.bench_function("json_typed_model", |b| {
        b.iter(|| json::parse_response(black_box(&json_body)))
    });
    group.bench_function("json_untyped_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json_body)))
    });
    group.throughput(criterion::Throughput::Bytes(xml_body.len() as u64));
    group.bench_function("xml_typed_model", |b| {
        b.iter(|| xml::parse_response(black_box(&xml_body)))
    });
    group.finish();
}

criterion_group!(benches, bench_signing, bench_parsing);
criterion_main!(benches);
