//! Properties that must hold for every input, not just the samples.
//!
//! Native only: proptest needs threads and a clock the browser does not give it.
#![cfg(not(target_arch = "wasm32"))]

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use smc_core::encode::{form_decode, percent_encode};
use smc_core::sign::{
    canonicalized_query, common_parameters, sign_parameters, sign_request, string_to_sign,
    Credentials, SigningParams,
};
use smc_core::{
    json, xml, BusinessStatus, DataDisk, DataDiskDetail, DescribeReplicationJobs,
    DescribeReplicationJobsResponse, DiskPart, Disks, JobType, LicenseType, NetMode, Part,
    ReplicationJob, ReplicationJobRun, RunType, Status, SystemDisk, Tag, TagFilter, TargetType,
};
use time::OffsetDateTime;

/// Text as jobs carry it: any language, XML's special characters, spaces inside. (No
/// carriage returns: XML parsers normalize line ends, as the standard requires.)
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _.:/<>&\"'*~+=%迁移服务器-]{0,16}"
}

fn non_empty_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_.:迁移-][a-zA-Z0-9 _.:/&*~+=迁移-]{0,15}"
}

fn known_or_unknown<T: Clone + std::fmt::Debug + 'static>(
    known: &'static [T],
    unknown: fn(String) -> T,
) -> impl Strategy<Value = T> {
    prop_oneof![
        4 => proptest::sample::select(known),
        1 => "Future[A-Z][a-z]{1,6}".prop_map(unknown),
    ]
}

fn time() -> impl Strategy<Value = OffsetDateTime> {
    (946_684_800i64..4_102_444_800)
        .prop_map(|s| OffsetDateTime::from_unix_timestamp(s).expect("in range"))
}

fn part() -> impl Strategy<Value = Part> {
    (text(), option::of(0i64..1 << 42), option::of(any::<bool>())).prop_map(
        |(device, size_bytes, block)| Part {
            device,
            size_bytes,
            block,
        },
    )
}

fn disk_part() -> impl Strategy<Value = DiskPart> {
    (text(), option::of(0i64..1 << 42), option::of(any::<bool>())).prop_map(
        |(path, size_bytes, block)| DiskPart {
            path,
            size_bytes,
            block,
        },
    )
}

fn disks() -> impl Strategy<Value = Disks> {
    let system = (
        text(),
        option::of(1i64..2048),
        option::of(any::<bool>()),
        vec(disk_part(), 0..3),
    )
        .prop_map(|(disk_id, size, lvm, parts)| SystemDisk {
            disk_id,
            size,
            lvm,
            parts,
        });
    let data = (
        text(),
        option::of(1i64..16),
        option::of(1i64..32768),
        option::of(any::<bool>()),
        vec(disk_part(), 0..3),
    )
        .prop_map(|(disk_id, index, size, lvm, parts)| DataDiskDetail {
            disk_id,
            index,
            size,
            lvm,
            parts,
        });
    (option::of(system), vec(data, 0..3)).prop_map(|(system, data)| Disks { system, data })
}

fn run() -> impl Strategy<Value = ReplicationJobRun> {
    (
        option::of(known_or_unknown(RunType::KNOWN, RunType::Unknown)),
        option::of(time()),
        option::of(time()),
        text(),
    )
        .prop_map(
            |(r#type, start_time, end_time, image_id)| ReplicationJobRun {
                r#type,
                start_time,
                end_time,
                image_id,
            },
        )
}

fn job() -> impl Strategy<Value = ReplicationJob> {
    let identity = (text(), text(), text(), text(), text(), text());
    let state = (
        option::of(known_or_unknown(Status::KNOWN, Status::Unknown)),
        option::of(known_or_unknown(
            BusinessStatus::KNOWN,
            BusinessStatus::Unknown,
        )),
        option::of((0u32..=10_000).prop_map(|p| f64::from(p) / 100.0)),
        text(),
        text(),
    );
    let kind = (
        option::of(prop_oneof![
            proptest::sample::select(JobType::KNOWN),
            (4i64..99).prop_map(JobType::Unknown)
        ]),
        option::of(known_or_unknown(TargetType::KNOWN, TargetType::Unknown)),
        option::of(prop_oneof![
            proptest::sample::select(NetMode::KNOWN),
            (3i64..9).prop_map(NetMode::Unknown)
        ]),
        option::of(known_or_unknown(LicenseType::KNOWN, LicenseType::Unknown)),
        option::of(any::<bool>()),
        option::of(1i64..=168),
        option::of(1i64..=10),
    );
    let times = (
        option::of(time()),
        option::of(time()),
        option::of(time()),
        option::of(time()),
        option::of(time()),
    );
    let targets = vec(text(), 15..=15);
    let layout = (
        option::of(1i64..2048),
        vec(part(), 0..3),
        vec(
            (
                option::of(1i64..16),
                option::of(1i64..32768),
                vec(part(), 0..3),
            ),
            0..3,
        ),
        option::of(disks()),
        vec(run(), 0..3),
        vec((text(), text()).prop_map(|(k, v)| Tag::new(k, v)), 0..4),
    );
    (identity, state, kind, times, targets, layout).prop_map(
        |(
            (job_id, name, description, source_id, region_id, resource_group_id),
            (status, business_status, progress, error_code, status_info),
            (
                job_type,
                target_type,
                net_mode,
                license_type,
                run_once,
                frequency,
                max_number_of_image_to_keep,
            ),
            (creation_time, scheduled_start_time, start_time, end_time, valid_time),
            targets,
            (system_disk_size, system_disk_parts, data_disks, disks, replication_job_runs, tags),
        )| {
            let mut t = targets.into_iter();
            let mut next = || t.next().unwrap_or_default();
            ReplicationJob {
                job_id,
                name,
                description,
                source_id,
                region_id,
                resource_group_id,
                status,
                business_status,
                progress,
                error_code,
                status_info,
                job_type,
                target_type,
                net_mode,
                license_type,
                run_once,
                frequency,
                max_number_of_image_to_keep,
                creation_time,
                scheduled_start_time,
                start_time,
                end_time,
                valid_time,
                image_id: next(),
                image_name: next(),
                instance_id: next(),
                instance_type: next(),
                transition_instance_id: next(),
                instance_ram_role: next(),
                launch_template_id: next(),
                launch_template_version: next(),
                container_namespace: next(),
                container_repository: next(),
                container_tag: next(),
                vpc_id: next(),
                v_switch_id: next(),
                replication_parameters: next(),
                workgroup_id: next(),
                system_disk_size,
                system_disk_parts,
                data_disks: data_disks
                    .into_iter()
                    .map(|(index, size, parts)| DataDisk { index, size, parts })
                    .collect(),
                disks,
                replication_job_runs,
                tags,
                raw: None,
                odd_fields: Vec::new(),
            }
        },
    )
}

fn page() -> impl Strategy<Value = DescribeReplicationJobsResponse> {
    (
        text(),
        option::of(0i64..1000),
        option::of(1i64..100),
        option::of(1i64..=50),
        vec(job(), 0..4),
    )
        .prop_map(
            |(request_id, total_count, page_number, page_size, replication_jobs)| {
                DescribeReplicationJobsResponse {
                    request_id,
                    total_count,
                    page_number,
                    page_size,
                    replication_jobs,
                }
            },
        )
}

/// Valid requests in normal form: an absent filter is `None`, never `Some("")`. Ids may be
/// empty (an element without a value keeps its number) and tag values empty or absent.
fn request() -> impl Strategy<Value = DescribeReplicationJobs> {
    let id = "([a-z]-[a-z0-9]{1,20})?";
    let tag_text = "[a-zA-Z0-9 _.:/=&迁移-]{0,20}";
    (
        (
            option::of(non_empty_text()),
            option::of(non_empty_text()),
            option::of(non_empty_text()),
            option::of(non_empty_text()),
        ),
        (
            option::of(proptest::sample::select(Status::KNOWN)),
            option::of(proptest::sample::select(BusinessStatus::KNOWN)),
            option::of(proptest::sample::select(JobType::KNOWN)),
            option::of(1i64..10_000),
            option::of(1i64..=50),
        ),
        (vec(id, 0..5), vec(id, 0..5), vec(id, 0..5)),
        vec(
            (tag_text, option::of(tag_text)).prop_map(|(key, value)| TagFilter { key, value }),
            0..5,
        ),
    )
        .prop_map(
            |(
                (region_id, name, resource_group_id, _),
                (status, business_status, job_type, page_number, page_size),
                (job_ids, source_ids, instance_ids),
                tags,
            )| {
                DescribeReplicationJobs {
                    region_id,
                    name,
                    status,
                    business_status,
                    job_type,
                    page_number,
                    page_size,
                    job_ids,
                    source_ids,
                    instance_ids,
                    resource_group_id,
                    tags,
                }
            },
        )
}

proptest! {
    #[test]
    fn percent_encoding_round_trips_and_keeps_only_unreserved_characters(input in any::<String>()) {
        let encoded = percent_encode(&input);
        prop_assert_eq!(form_decode(&encoded), Some(input.clone()));
        let mut bytes = encoded.bytes();
        while let Some(byte) = bytes.next() {
            if byte == b'%' {
                let hex: Vec<u8> = bytes.by_ref().take(2).collect();
                prop_assert!(hex.iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)), "{}", encoded);
            } else {
                prop_assert!(byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte), "{}", encoded);
            }
        }
    }

    #[test]
    fn parameter_order_never_changes_the_signature(
        params in vec(("[A-Za-z.]{1,12}", any::<String>()), 0..12).prop_shuffle(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = params.clone();
        // A deterministic reordering: rotate by the seed, then reverse.
        if !shuffled.is_empty() {
            let by = (seed % shuffled.len() as u64) as usize;
            shuffled.rotate_left(by);
        }
        shuffled.reverse();
        prop_assert_eq!(sign_parameters("POST", &params, "s"), sign_parameters("POST", &shuffled, "s"));
    }

    #[test]
    fn signing_a_request_equals_signing_its_parameters_step_by_step(
        request in request(),
        nonce in "[a-zA-Z0-9-]{1,36}",
        token in option::of("[A-Za-z0-9+/=]{1,40}"),
        seconds in 0i64..4_102_444_800,
    ) {
        let mut credentials = Credentials::new("LTAI5tKey", "secret");
        if let Some(token) = token {
            credentials = credentials.with_security_token(token);
        }
        let params = SigningParams {
            credentials: &credentials,
            time: OffsetDateTime::from_unix_timestamp(seconds).expect("in range"),
            nonce,
            format: smc_core::Format::Xml,
            method: "POST",
        };
        let signed = sign_request(&request, &params);
        let mut all = request.to_params();
        all.extend(common_parameters("DescribeReplicationJobs", &params));
        let query = canonicalized_query(&all);
        prop_assert_eq!(&signed.canonicalized_query, &query);
        prop_assert_eq!(&signed.string_to_sign, &string_to_sign("POST", &query));
        prop_assert_eq!(signed.signature, sign_parameters("POST", &all, "secret").signature);
    }

    #[test]
    fn request_to_parameters_to_request_is_identity(request in request()) {
        prop_assert!(request.validate().is_ok());
        prop_assert_eq!(&DescribeReplicationJobs::from_params(request.to_params()).expect("valid"), &request);
        prop_assert_eq!(&DescribeReplicationJobs::from_query_string(&request.to_query_string()).expect("valid"), &request);
    }

    #[test]
    fn flat_and_wrapped_json_of_the_same_jobs_parse_equal(page in page()) {
        let wrapped = json::to_string(&page);
        let flat = serde_json::to_string(&json::flatten_lists(serde_json::from_str(&wrapped).expect("valid JSON"))).expect("serializes");
        prop_assert_ne!(&wrapped, &flat);
        let from_wrapped = json::parse_response(&wrapped).expect("wrapped parses").typed_parts();
        prop_assert_eq!(&from_wrapped, &page);
        prop_assert_eq!(json::parse_response(&flat).expect("flat parses").typed_parts(), from_wrapped);
    }

    #[test]
    fn json_and_xml_of_the_same_jobs_parse_equal(page in page()) {
        let from_json = json::parse_response(&json::to_string(&page)).expect("JSON parses").typed_parts();
        let from_xml = xml::parse_response(&xml::to_string(&page)).expect("XML parses").typed_parts();
        prop_assert_eq!(&from_xml, &from_json);
        prop_assert_eq!(from_xml, page);
    }
}
