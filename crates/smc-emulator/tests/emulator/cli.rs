//! The `smc-emulator` binary: its first line names the port, and it serves signed calls.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use smc_core::sign::Credentials;
use smc_core::{DescribeReplicationJobs, Format};
use smc_emulator::{DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET};

use crate::common::sign_with;

/// Kills the child when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary and returns it with its first `lines` lines of output.
fn start(args: &[&str], lines: usize) -> (Running, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smc-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let running = Running(child);
    let output = BufReader::new(stdout)
        .lines()
        .take(lines)
        .map(|line| line.expect("UTF-8 output"))
        .collect();
    (running, output)
}

#[tokio::test]
async fn the_binary_prints_its_address_first_and_serves_signed_calls() {
    let (_running, lines) = start(
        &[
            "--listen",
            "127.0.0.1:0",
            "--access-key-id",
            "AKID-test",
            "--access-key-secret",
            "s3cret",
            "--jobs",
            "20",
            "--frozen",
        ],
        2,
    );
    let url = lines[0]
        .strip_prefix("listening on http://")
        .expect("the first line names the address");
    let addr: std::net::SocketAddr = url.parse().expect("ADDR:PORT");
    assert!(addr.ip().is_loopback() && addr.port() != 0);
    assert!(
        !lines.iter().any(|line| line.contains("s3cret")),
        "a given secret is never printed"
    );
    let credentials = Credentials::new("AKID-test", "s3cret");
    let signed = sign_with(
        &credentials,
        &DescribeReplicationJobs::default(),
        Format::Json,
        "GET",
        time::OffsetDateTime::now_utc(),
    );
    let body = reqwest::get(format!("http://{addr}/?{}", signed.query_string()))
        .await
        .expect("answered")
        .text()
        .await
        .unwrap();
    let page = smc_core::json::parse_response(&body).expect("a page");
    assert_eq!(page.total_count, Some(20));
}

#[test]
fn without_credentials_the_demo_key_is_printed_after_the_address() {
    let (_running, lines) = start(&[], 3);
    assert!(
        lines[0].starts_with("listening on http://127.0.0.1:"),
        "{lines:?}"
    );
    assert!(lines[1].contains(DEMO_ACCESS_KEY_ID), "{lines:?}");
    assert!(lines[2].contains(DEMO_ACCESS_KEY_SECRET), "{lines:?}");
}

#[test]
fn bad_options_stop_the_binary_with_a_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_smc-emulator"))
        .args(["--faults", "/nonexistent/faults.json"])
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/faults.json"));
}
