//! The embedded emulator on a clock the test moves: running jobs move on when it moves,
//! and only then.

use std::sync::Arc;

use smc_core::{json, DescribeReplicationJobsResponse, Status};
use smc_emulator::ManualClock;
use smc_proxy::settings::EmulatorOptions;
use smc_proxy::sharing::SharingSettings;
use smc_proxy::{Proxy, RunningProxy, Settings, UpstreamTarget};

use crate::common::{capture_logs, client, fast, remember_credentials};

const RUNNING: &str = "/api/DescribeReplicationJobs?Status=Running&PageSize=50";

async fn page(proxy: &RunningProxy, path: &str) -> DescribeReplicationJobsResponse {
    let body = client()
        .get(format!("{}{path}", proxy.url()))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("the proxy answers")
        .text()
        .await
        .expect("a body");
    json::parse_response(&body).expect("a page")
}

crate::scenarios! {
    /// The clock a test gives is the embedded emulator's: jobs move when it is advanced
    /// (signatures, made at the machine's time, still pass a few minutes ahead).
    async fn a_manual_clock_moves_the_embedded_emulator_only_when_advanced() {
        capture_logs();
        let clock = Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()));
        let proxy = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            upstream: UpstreamTarget::EmbeddedEmulator(EmulatorOptions {
                jobs: 40,
                seed: 1,
                frozen: false,
            }),
            client: fast(),
            sharing: SharingSettings::uncached(),
            emulator_clock: Some(clock.clone()),
            ..Settings::default()
        })
        .await
        .expect("the proxy starts");
        let emulator = proxy.embedded_emulator().expect("an embedded emulator");
        remember_credentials(emulator.state().credentials());
        assert_eq!(emulator.state().now(), clock.now());

        let before = page(&proxy, RUNNING).await;
        let job = before
            .replication_jobs
            .iter()
            .find(|job| job.progress.is_some_and(|p| p < 90.0))
            .expect("a running job with a way to go");
        let path = format!("/api/DescribeReplicationJobs?JobId.1={}", job.job_id);
        let progress = |page: &DescribeReplicationJobsResponse| page.replication_jobs[0].progress;
        let still = page(&proxy, &path).await;
        assert_eq!(progress(&still), job.progress, "time stands still");

        clock.advance(time::Duration::minutes(2));
        let moved = page(&proxy, &path).await;
        assert_eq!(moved.replication_jobs[0].status, Some(Status::Running));
        assert!(
            progress(&moved) > job.progress,
            "{:?} after {:?}",
            progress(&moved),
            job.progress
        );
        proxy.shutdown().await.expect("the proxy stops");
    }
}
