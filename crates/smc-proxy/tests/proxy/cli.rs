//! The binary: `sign` against the official vector, and `serve` as a script or
//! `cargo xtask dev` runs it (first stdout line, the embedded emulator, SIGTERM).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{capture_logs, client, remember_secret};

const BINARY: &str = env!("CARGO_BIN_EXE_smc-proxy");

/// A child process killed if a test fails before it stops it.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    stderr: std::thread::JoinHandle<String>,
}

impl Running {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Running {
        Running::reading(args, env, usize::MAX)
    }

    /// Reads the first `keep` lines of stdout, then closes its end of the pipe, as `| head`
    /// or a supervisor that only wanted the address does.
    fn reading(args: &[&str], env: &[(&str, &str)], keep: usize) -> Running {
        let mut child = Command::new(BINARY)
            .args(args)
            .env_clear()
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .take(keep)
            {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            text
        });
        Running {
            child,
            lines,
            stderr,
        }
    }

    fn line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(20))
            .expect("a line on stdout in time")
    }

    /// Whether the process is still running.
    fn is_alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Stderr of a process that has exited.
    fn exited_stderr(mut self) -> String {
        let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
        stderr.join().unwrap()
    }

    /// Sends SIGTERM and waits for a clean exit; returns stderr.
    fn terminate(mut self) -> String {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
                return stderr.join().unwrap();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the proxy did not stop within 10 s of SIGTERM");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listening_url(line: &str) -> String {
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the first line says where it listens: {line}"));
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("on loopback: {url}"));
    assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "{url}");
    url.to_owned()
}

crate::scenarios! {
    /// `sign` prints exactly the two lines, matching the official documentation vector.
    async fn sign_prints_the_official_vectors_string_to_sign_and_signature() {
        let output = Command::new(BINARY)
            .args([
                "sign", "--secret", "testsecret",
                "SignatureMethod=HMAC-SHA1", "SignatureVersion=1.0", "AccessKeyId=testid",
                "Action=DescribeRegions", "Format=XML",
                "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "Timestamp=2016-02-23T12:46:24Z", "Version=2014-05-26",
            ])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            "StringToSign: GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26\n\
             Signature: OLeaidS1JvxuMvnyHOwuJ+uX5qY=\n"
        );
        let bad = Command::new(BINARY).args(["sign", "--secret", "s", "novalue"]).output().unwrap();
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("NAME=VALUE"));
    }

    /// Without credentials, `serve` starts the embedded emulator, says so, answers the API,
    /// and stops cleanly on SIGTERM.
    async fn serve_without_credentials_uses_the_embedded_emulator() {
        let home = tempfile::tempdir().unwrap();
        let proxy = Running::start(
            &["serve", "--listen", "127.0.0.1:0"],
            &[("HOME", home.path().to_str().unwrap())],
        );
        let url = listening_url(&proxy.line());
        let upstream = proxy.line();
        assert!(
            upstream.starts_with("upstream: embedded emulator at http://127.0.0.1:"),
            "{upstream}"
        );
        let response = client()
            .get(format!("{url}/api/DescribeReplicationJobs?PageSize=3"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let page = smc_core::json::parse_response(&response.text().await.unwrap()).unwrap();
        assert_eq!(page.replication_jobs.len(), 3);
        let healthz = client().get(format!("{url}/healthz")).send().await.unwrap();
        assert_eq!(healthz.status(), 200);
        let stderr = proxy.terminate();
        assert!(stderr.contains("no credentials found"), "{stderr}");
        assert!(stderr.contains("proxy stopped"), "{stderr}");
    }

    /// With a credentials file and `--endpoint`, `serve` names the source (never the
    /// values), signs for that endpoint, and logs JSON lines with the call's fields.
    async fn serve_with_a_credentials_file_signs_for_the_endpoint() {
        capture_logs();
        let credentials = smc_proxy::server::fresh_credentials();
        remember_secret(credentials.access_key_secret.expose());
        let emulator = smc_emulator::Emulator::builder()
            .credentials(credentials.clone())
            .start()
            .await
            .unwrap();
        let home = tempfile::tempdir().unwrap();
        let file = home.path().join(".alibabacloud").join("credentials");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(
            &file,
            format!(
                "[default]\ntype = access_key\naccess_key_id = {}\naccess_key_secret = {}\n",
                credentials.access_key_id,
                credentials.access_key_secret.expose()
            ),
        )
        .unwrap();
        let proxy = Running::start(
            &[
                "serve", "--listen", "127.0.0.1:0", "--endpoint", &emulator.endpoint(),
                "--log-format", "json",
            ],
            &[("HOME", home.path().to_str().unwrap())],
        );
        let url = listening_url(&proxy.line());
        let upstream = proxy.line();
        assert_eq!(
            upstream,
            format!(
                "upstream: {} (signing with AccessKey credentials from the credentials file {}, profile default)",
                emulator.endpoint(),
                file.display()
            )
        );
        let response = client()
            .get(format!("{url}/api/DescribeReplicationJobs?Status=Running"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let stderr = proxy.terminate();
        let call = stderr
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .find(|line| line["message"] == "api call")
            .unwrap_or_else(|| panic!("a JSON line for the call in {stderr}"));
        assert_eq!(call["action"], "DescribeReplicationJobs");
        assert_eq!(call["status"], 200);
        assert_eq!(call["retries"], 0);
        assert!(call["latency_ms"].as_f64().is_some());
        assert_eq!(call["request_id"].as_str().map(str::len), Some(36));
        for secret in [credentials.access_key_secret.expose(), credentials.access_key_id.as_str()] {
            assert!(!stderr.contains(secret), "a credential reached the log: {stderr}");
        }
        emulator.shutdown().await.unwrap();
    }

    /// A reader that takes the first line and goes away (`| head -1`) does not stop the
    /// proxy: it serves on, and stops cleanly on SIGTERM.
    async fn serve_keeps_serving_after_its_reader_takes_the_first_line_and_leaves() {
        let home = tempfile::tempdir().unwrap();
        let mut proxy = Running::reading(
            &["serve", "--listen", "127.0.0.1:0"],
            &[("HOME", home.path().to_str().unwrap())],
            1,
        );
        let url = listening_url(&proxy.line());
        tokio::time::sleep(Duration::from_millis(300)).await;
        let response = client()
            .get(format!("{url}/api/DescribeReplicationJobs?PageSize=2"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let page = smc_core::json::parse_response(&response.text().await.unwrap()).unwrap();
        assert_eq!(page.replication_jobs.len(), 2);
        assert!(proxy.is_alive(), "the proxy exited after its stdout was closed");
        let stderr = proxy.terminate();
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    /// With stdout closed before the startup lines are written (the reader was gone first),
    /// the failed write is told on stderr and the proxy serves on.
    async fn serve_keeps_serving_when_stdout_is_closed_before_it_starts() {
        let home = tempfile::tempdir().unwrap();
        // The address cannot be read from stdout: pick a free port first.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let listen = format!("127.0.0.1:{port}");
        let mut proxy = Running::reading(
            &["serve", "--listen", &listen],
            &[("HOME", home.path().to_str().unwrap())],
            0,
        );
        let url = format!("http://{listen}");
        let mut healthz = None;
        for _ in 0..200 {
            if !proxy.is_alive() {
                panic!("the proxy exited: {}", proxy.exited_stderr());
            }
            if let Ok(response) = client().get(format!("{url}/healthz")).send().await {
                healthz = Some(response.status());
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(healthz, Some(reqwest::StatusCode::OK), "the proxy never answered");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let response = client()
            .get(format!("{url}/api/DescribeReplicationJobs?PageSize=1"))
            .send()
            .await
            .unwrap_or_else(|error| panic!("the proxy stopped serving: {error}"));
        assert_eq!(response.status(), 200);
        assert!(proxy.is_alive(), "the proxy exited after its stdout was closed");
        let stderr = proxy.terminate();
        assert!(stderr.contains("the startup lines could not be written"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    /// Flags that cannot work stop the binary with a message, before it listens.
    async fn serve_refuses_flags_that_cannot_work() {
        let home = tempfile::tempdir().unwrap();
        let config = home.path().join("profiles.toml");
        std::fs::write(&config, "[profiles.p]\nrate = \"fast\"\n").unwrap();
        let config = config.to_str().unwrap();
        let home = home.path().to_str().unwrap();
        for (args, says) in [
            (vec!["serve", "--config", config], "profiles.toml, line 2: profiles.p.rate: invalid type"),
            (vec!["serve", "--trust-header", "Authorization"], "--trust-header"),
            (vec!["serve", "--endpoint", "http://127.0.0.1:9/"], "needs credentials"),
            (vec!["serve", "--allow-origin", "*"], "--allow-origin"),
            (vec!["serve", "--token-file", "/nonexistent/token"], "--token-file"),
            (vec!["serve", "--static", "/nonexistent/dist"], "--static"),
        ] {
            let output = Command::new(BINARY)
                .args(&args)
                .args(["--listen", "127.0.0.1:0"])
                .env_clear()
                .env("HOME", home)
                .output()
                .unwrap();
            assert!(!output.status.success(), "{args:?}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(says), "{args:?}: {stderr}");
            assert!(output.stdout.is_empty(), "{args:?} printed {:?}", output.stdout);
        }
    }
}
