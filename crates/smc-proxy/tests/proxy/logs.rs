//! The log-capture test: every scenario of this suite runs again with every tracing event
//! of the process (the proxy, the emulator, hyper, reqwest, rustls; every level; text and
//! JSON) captured, and no secret, STS token, signature or AccessKey ID that any of them
//! used or sent upstream may appear in it.

use crate::common::{captured_logs, remembered_secrets};
use crate::{
    api, cli, credentials, embedded_clock, faults, ops, profiles, redis, refusals, sharing, site,
    v3,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_token_signature_or_key_id_is_ever_logged() {
    crate::common::capture_logs();
    api::run_all().await;
    refusals::run_all().await;
    faults::run_all().await;
    ops::run_all().await;
    site::run_all().await;
    credentials::run_all().await;
    cli::run_all().await;
    v3::run_all().await;
    profiles::run_all().await;
    embedded_clock::run_all().await;
    sharing::run_all().await;
    redis::run_all().await;

    let logs = captured_logs();
    let secrets = remembered_secrets();
    // The capture works and covered the calls: the access log, with its fields, and the
    // HTTP libraries' own traces are all there.
    assert!(logs.contains("api call"), "nothing was captured");
    assert!(logs.contains("status=200") && logs.contains("\"status\":504"));
    assert!(logs.contains("Proxy.UpstreamTimeout") && logs.contains("SignatureDoesNotMatch"));
    // Calls with profiles log the user and the profile, never the profile's keys.
    assert!(logs.contains("user=\"alice\"") && logs.contains("profile=\"prod\""));
    assert!(logs.contains("\"user\":\"bob\"") && logs.contains("Proxy.ForbiddenProfile"));
    assert!(
        logs.lines().count() > 500,
        "only {} lines",
        logs.lines().count()
    );
    // Credentials of every harness and every signature and token the tap saw go out.
    let signatures = secrets.iter().filter(|s| s.ends_with('=')).count();
    assert!(signatures > 50, "only {signatures} signatures recorded");
    for secret in &secrets {
        if let Some(line) = logs.lines().find(|line| line.contains(secret.as_str())) {
            panic!("{secret:?} appears in the logs: {line}");
        }
    }
    // Nor any signing parameter's value, whatever it was.
    for name in [
        "Signature=",
        "SecurityToken=",
        "Signature%3D",
        "SecurityToken%3D",
        "Credential=",
    ] {
        assert!(!logs.contains(name), "{name} appears in the logs");
    }
}
