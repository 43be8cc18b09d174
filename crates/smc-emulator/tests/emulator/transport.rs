//! How calls arrive and answers leave: GET and POST, query and form parameters, JSON and
//! XML, encoding of `+`, spaces and UTF-8, size limits, garbage, and a real socket.

use axum::http::StatusCode;
use smc_core::encode::{parse_form, to_query_string};
use smc_core::{DescribeReplicationJobs, Format, Status, TagFilter};
use smc_emulator::{Emulator, MAX_BODY_BYTES};

use crate::common::{ids, sign_with, Harness, Params};

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn running_page() -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        status: Some(Status::Running),
        page_size: Some(5),
        ..DescribeReplicationJobs::default()
    }
}

#[tokio::test]
async fn posts_with_query_form_or_both_give_the_same_page() {
    let harness = Harness::new();
    let expected = ids(&harness.describe(&running_page()).await.replication_jobs).join(",");
    assert!(!expected.is_empty());

    // Query only, with the empty SignatureType= old SDKs add (it is signed like any other).
    let signed = harness.sign(&running_page(), Format::Json, "POST");
    let mut params = parse_form(&signed.query_string()).unwrap();
    params.push(("SignatureType".to_owned(), String::new()));
    let params = harness.resign("POST", params);
    let query_only = harness
        .send("POST", &format!("/?{}", to_query_string(&params)), None, "")
        .await;

    let signed = harness.sign(&running_page(), Format::Json, "POST");
    let form_only = harness.send("POST", "/", FORM, signed.query_string()).await;

    let signed = harness.sign(&running_page(), Format::Json, "POST");
    let params = parse_form(&signed.query_string()).unwrap();
    let (query, body): (Params, Params) = params
        .into_iter()
        .partition(|(name, _)| name.starts_with('S') || name == "Action");
    let merged = harness
        .send(
            "POST",
            &format!("/?{}", to_query_string(&query)),
            FORM,
            to_query_string(&body),
        )
        .await;

    for (how, answer) in [
        ("query", query_only),
        ("form", form_only),
        ("merged", merged),
    ] {
        assert_eq!(
            ids(&answer.page().replication_jobs).join(","),
            expected,
            "{how}"
        );
    }
}

#[tokio::test]
async fn json_and_xml_carry_the_same_page() {
    let harness = Harness::new();
    let request = DescribeReplicationJobs {
        page_size: Some(20),
        ..DescribeReplicationJobs::default()
    };
    let json = harness.call(&request).await;
    assert!(
        json.body
            .contains("\"ReplicationJobs\":{\"ReplicationJob\":["),
        "wrapped lists"
    );
    let signed = harness.sign(&request, Format::Xml, "GET");
    let xml = harness
        .send("GET", &format!("/?{}", signed.query_string()), None, "")
        .await;
    assert!(
        xml.body
            .starts_with("<?xml version='1.0' encoding='UTF-8'?><DescribeReplicationJobsResponse>"),
        "{}",
        &xml.body[..80.min(xml.body.len())]
    );
    assert_eq!(xml.headers["content-type"], "text/xml;charset=utf-8");
    let (json, xml) = (json.page(), xml.page());
    assert_eq!(json.total_count, xml.total_count);
    assert_eq!(
        json.typed_parts().replication_jobs,
        xml.typed_parts().replication_jobs
    );
    assert!(json
        .replication_jobs
        .iter()
        .any(|job| !job.tags.is_empty() && !job.data_disks.is_empty()));
}

#[tokio::test]
async fn plus_space_and_utf8_values_survive_signing_both_ways() {
    let harness = Harness::new();
    let all = harness
        .describe_all(&DescribeReplicationJobs::default())
        .await;
    let names: Vec<&str> = ["+", " ", "迁"]
        .iter()
        .map(|needle| {
            all.iter()
                .map(|job| job.name.as_str())
                .find(|name| name.contains(needle))
                .unwrap_or_else(|| panic!("seed 1 has a name with {needle:?}"))
        })
        .collect();
    for name in names {
        let request = DescribeReplicationJobs {
            name: Some(name.to_owned()),
            ..DescribeReplicationJobs::default()
        };
        let expected = all.iter().filter(|job| job.name == name).count();
        let signed = harness.sign(&request, Format::Json, "GET");
        assert!(
            !signed.query_string().contains('+'),
            "+ is sent as %2B and space as %20"
        );
        let got = harness
            .send("GET", &format!("/?{}", signed.query_string()), None, "")
            .await
            .page();
        assert_eq!(got.total_count, Some(expected as i64), "{name}");
        let signed = harness.sign(&request, Format::Json, "POST");
        let got = harness
            .send("POST", "/", FORM, signed.query_string())
            .await
            .page();
        assert_eq!(got.total_count, Some(expected as i64), "{name} in a form");
    }
    let request = DescribeReplicationJobs {
        tags: vec![TagFilter::with_value("team", "数据平台")],
        ..DescribeReplicationJobs::default()
    };
    let tagged = harness.describe_all(&request).await;
    assert!(!tagged.is_empty());
    // A raw + in a query string means a space: the signature no longer matches.
    let request = DescribeReplicationJobs {
        name: Some("c++ build farm 01".to_owned()),
        ..DescribeReplicationJobs::default()
    };
    let raw = harness
        .sign(&request, Format::Json, "GET")
        .query_string()
        .replace("%2B", "+");
    let error = harness
        .send("GET", &format!("/?{raw}"), None, "")
        .await
        .error();
    assert_eq!(error.code, "SignatureDoesNotMatch");
}

#[tokio::test]
async fn oversized_requests_are_refused_in_the_gateways_dialect() {
    let harness = Harness::new();
    let signed = harness.sign(&running_page(), Format::Json, "POST");
    let padded = format!(
        "{}&Pad={}",
        signed.query_string(),
        "x".repeat(MAX_BODY_BYTES)
    );
    let answer = harness.send("POST", "/?Format=JSON", FORM, padded).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.error().code, "RequestEntityTooLarge");
    let long_uri = format!("/?Format=JSON&Name={}", "n".repeat(40 * 1024));
    let answer = harness.send("GET", &long_uri, None, "").await;
    assert_eq!(answer.status, StatusCode::URI_TOO_LONG);
    let request = axum::http::Request::builder()
        .uri("/")
        .header("x-padding", "p".repeat(20 * 1024))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(harness.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
}

#[tokio::test]
async fn garbage_never_breaks_the_emulator() {
    let harness = Harness::new();
    let valid = harness
        .sign(&running_page(), Format::Json, "GET")
        .query_string();
    let pieces = [
        "%",
        "%FF",
        "%E8%BF",
        "&&",
        "=",
        "+",
        "JobId.0=x",
        "Tag.999.Key=k",
        "PageNumber=-1",
        "PageSize=99999999999999999999",
        "\u{0}",
        "Format=JSON",
    ];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..200 {
        // A small xorshift: the cases are the same on every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut query = if round % 2 == 0 {
            valid.clone()
        } else {
            String::new()
        };
        for shift in [0, 8, 16] {
            query.push('&');
            query.push_str(pieces[((state >> shift) % pieces.len() as u64) as usize]);
        }
        let uri = format!("/?{}", query.replace('\u{0}', "%00"));
        let answer = harness
            .send(
                if round % 3 == 0 { "POST" } else { "GET" },
                &uri,
                FORM,
                query.clone(),
            )
            .await;
        assert!(
            answer.status.is_client_error(),
            "{uri}: {} {}",
            answer.status,
            answer.body
        );
        assert!(!answer.error().code.is_empty());
    }
}

#[tokio::test]
async fn a_started_emulator_serves_on_a_loopback_port_and_stops() {
    let emulator = Emulator::builder()
        .frozen(true)
        .jobs(30)
        .start()
        .await
        .expect("started");
    assert!(emulator.addr().ip().is_loopback() && emulator.addr().port() != 0);
    let signed = sign_with(
        emulator.credentials(),
        &running_page(),
        Format::Json,
        "GET",
        time::OffsetDateTime::now_utc(),
    );
    let url = format!("{}?{}", emulator.endpoint(), signed.query_string());
    let client = reqwest::Client::new();
    let response = client.get(&url).send().await.expect("answered");
    assert_eq!(response.status(), 200);
    let page = smc_core::json::parse_response(&response.text().await.unwrap()).unwrap();
    assert!(page.total_count.unwrap_or(0) > 0);
    let addr = emulator.addr();
    emulator.shutdown().await.expect("stopped cleanly");
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "the port is closed"
    );
}
