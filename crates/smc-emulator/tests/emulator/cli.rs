//! The `smc-emulator` binary: its first line names the port, and it serves signed calls.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use smc_core::sign::Credentials;
use smc_core::{DescribeReplicationJobs, DescribeReplicationJobsResponse, Format};
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

/// Starts the binary and returns it with its first `lines` lines of output; the rest of its
/// output is read and dropped, as a terminal would show it, until it exits.
fn start(args: &[&str], lines: usize) -> (Running, Vec<String>) {
    let (running, mut stdout) = spawn(args);
    let output = (&mut stdout)
        .lines()
        .take(lines)
        .map(|line| line.expect("UTF-8 output"))
        .collect();
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    (running, output)
}

/// Starts the binary with its stdout piped to the caller.
fn spawn(args: &[&str]) -> (Running, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smc-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    (Running(child), BufReader::new(stdout))
}

/// A signed call to the emulator at `addr` with `credentials`: the page it answers.
async fn call(
    addr: std::net::SocketAddr,
    credentials: &Credentials,
) -> DescribeReplicationJobsResponse {
    let signed = sign_with(
        credentials,
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
    smc_core::json::parse_response(&body).expect("a page")
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
    let page = call(addr, &credentials).await;
    assert_eq!(page.total_count, Some(20));
}

#[tokio::test]
async fn the_binary_keeps_serving_after_its_reader_closes_stdout() {
    // The reader goes away before the banner is written, as `| head -1` or a supervisor
    // may: every banner line then meets a closed pipe. The address is chosen here instead.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let listen = format!("127.0.0.1:{port}");
    let (mut running, stdout) = spawn(&["--listen", &listen, "--control"]);
    drop(stdout);
    let addr: std::net::SocketAddr = listen.parse().expect("ADDR:PORT");
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(addr).await.is_err() {
        assert!(Instant::now() < deadline, "the emulator never listened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A process that failed on the banner would be gone by now (unwinding and printing its
    // panic take a moment, during which it still answers).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let exited = running.0.try_wait().expect("a status");
    assert!(
        exited.is_none(),
        "the emulator exited once stdout closed: {exited:?}"
    );
    let credentials = Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET);
    assert!(call(addr, &credentials)
        .await
        .total_count
        .is_some_and(|n| n > 0));
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
