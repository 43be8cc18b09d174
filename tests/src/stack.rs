//! The server side of a test: smc-proxy serving the built app from the same origin, with
//! its embedded emulator on frozen time and a fixed seed, so every run sees the same jobs
//! (or, for tests of time, on a clock the test moves: [`Stack::with_manual_clock`]).

use std::sync::Arc;
use std::time::Duration;

use smc_core::{json, DescribeReplicationJobs, DescribeReplicationJobsResponse, PROFILE_HEADER};
use smc_emulator::{FaultRule, ManualClock};
use smc_proxy::settings::ProfileSettings;
use smc_proxy::sharing::rate::Rate;
use smc_proxy::sharing::SharingSettings;
use smc_proxy::{EmulatorOptions, Proxy, RunningProxy, Settings, UpstreamSettings, UpstreamTarget};

/// The proxy's upstream budget in these tests: short, so a latency fault past it shows
/// `Proxy.UpstreamTimeout` quickly.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(3);

/// The profiles of [`Stack::with_profiles`]: name and label.
pub const PROFILES: [(&str, &str); 2] = [("prod", "Production"), ("test", "Test account")];

/// An embedded-emulator account of `jobs` jobs from `seed`, on frozen time.
fn emulator_account(jobs: usize, seed: u64) -> EmulatorOptions {
    EmulatorOptions {
        jobs,
        seed,
        frozen: true,
    }
}

/// A running proxy + emulator + app.
pub struct Stack {
    proxy: RunningProxy,
    http: reqwest::Client,
    clock: Option<Arc<ManualClock>>,
}

impl Stack {
    /// The default data set: 240 generated jobs from seed 1.
    pub async fn start() -> Stack {
        Stack::with_jobs(smc_emulator::DEFAULT_JOBS).await
    }

    /// `jobs` generated jobs from seed 1.
    pub async fn with_jobs(jobs: usize) -> Stack {
        Stack::serve(Settings {
            upstream: UpstreamTarget::EmbeddedEmulator(emulator_account(jobs, 1)),
            ..Settings::default()
        })
        .await
    }

    /// Two accounts of the embedded emulator, each with its own jobs: the profiles
    /// [`PROFILES`] in order (the first is the default), from seeds 1 and 2.
    pub async fn with_profiles() -> Stack {
        let profiles = PROFILES
            .iter()
            .zip(1..)
            .map(|((name, label), seed)| ProfileSettings {
                name: (*name).to_owned(),
                label: Some((*label).to_owned()),
                region: None,
                rate: None,
                users: None,
                upstream: UpstreamTarget::EmbeddedEmulator(emulator_account(
                    smc_emulator::DEFAULT_JOBS,
                    seed,
                )),
            })
            .collect();
        Stack::serve(Settings {
            profiles,
            ..Settings::default()
        })
        .await
    }

    /// The default data set on a clock that moves only when [`Self::clock`] is advanced,
    /// starting at the machine's time: running jobs move on by as much as it moves.
    /// Signatures are checked against it too, so keep it under 15 minutes ahead.
    pub async fn with_manual_clock() -> Stack {
        let clock = Arc::new(ManualClock::new(time::OffsetDateTime::now_utc()));
        let mut stack = Stack::serve(Settings {
            upstream: UpstreamTarget::EmbeddedEmulator(EmulatorOptions {
                frozen: false,
                ..emulator_account(smc_emulator::DEFAULT_JOBS, 1)
            }),
            emulator_clock: Some(clock.clone()),
            ..Settings::default()
        })
        .await;
        stack.clock = Some(clock);
        stack
    }

    /// The emulator's clock, of a stack started [`Self::with_manual_clock`].
    pub fn clock(&self) -> &ManualClock {
        self.clock
            .as_deref()
            .expect("a stack started with_manual_clock")
    }

    /// The default data set behind a proxy that makes at most `rate` upstream calls.
    pub async fn with_rate(rate: Rate) -> Stack {
        Stack::serve(Settings {
            upstream: UpstreamTarget::EmbeddedEmulator(emulator_account(
                smc_emulator::DEFAULT_JOBS,
                1,
            )),
            sharing: SharingSettings {
                rate: Some(rate),
                ..SharingSettings::default()
            },
            ..Settings::default()
        })
        .await
    }

    /// The proxy of `settings` on a free loopback port, serving the built app, with the
    /// tests' short upstream budget.
    async fn serve(settings: Settings) -> Stack {
        let proxy = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().expect("a socket address"),
            static_dir: Some(crate::paths::dist()),
            client: UpstreamSettings {
                timeout: UPSTREAM_TIMEOUT,
                retries: 1,
                backoff: Duration::from_millis(20),
                ..UpstreamSettings::default()
            },
            // No cache: the fault tests change what upstream answers between identical calls.
            sharing: SharingSettings {
                cache_ttl: Duration::ZERO,
                ..settings.sharing.clone()
            },
            ..settings
        })
        .await
        .expect("the proxy starts");
        Stack {
            proxy,
            http: reqwest::Client::new(),
            clock: None,
        }
    }

    /// `http://127.0.0.1:PORT` followed by `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.proxy.url())
    }

    /// Makes every call fail (or wait) as `rules` say, until [`Self::clear_faults`].
    pub fn set_faults(&self, rules: Vec<FaultRule>) {
        self.emulator()
            .state()
            .set_faults(rules)
            .expect("valid fault rules");
    }

    /// Ends every fault.
    pub fn clear_faults(&self) {
        self.emulator().state().clear_faults();
    }

    /// What the API answers for `request`, asked through the proxy as the app asks: the
    /// expectations of a test come from here, never from numbers written into the test.
    pub async fn page(&self, request: &DescribeReplicationJobs) -> DescribeReplicationJobsResponse {
        self.page_in(None, request).await
    }

    /// What the API answers for `request` in the account `profile` (the default when
    /// `None`), asked through the proxy as the app asks.
    pub async fn page_in(
        &self,
        profile: Option<&str>,
        request: &DescribeReplicationJobs,
    ) -> DescribeReplicationJobsResponse {
        let url = self.url(&format!(
            "/api/DescribeReplicationJobs?{}",
            request.to_query_string()
        ));
        let mut call = self.http.get(&url);
        if let Some(profile) = profile {
            call = call.header(PROFILE_HEADER, profile);
        }
        let body = call
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
            .text()
            .await
            .expect("a body");
        json::parse_response(&body).unwrap_or_else(|e| panic!("GET {url}: {e}"))
    }

    /// How many browser API calls the proxy has answered: a check that something was, or
    /// was not, sent.
    pub async fn api_calls(&self) -> u64 {
        self.metric_sum("smc_proxy_requests_total{").await
    }

    /// How many browser calls the proxy's sharing counted as `event`: `upstream_call`
    /// (went upstream), `coalesced`, `cache_hit` or `rate_limited` (refused over the rate).
    pub async fn sharing(&self, event: &str) -> u64 {
        self.metric_sum(&format!("smc_proxy_sharing_total{{event=\"{event}\"}}"))
            .await
    }

    /// The sum of the `/metrics` samples whose line starts with `prefix`.
    async fn metric_sum(&self, prefix: &str) -> u64 {
        let metrics = self
            .http
            .get(self.url("/metrics"))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("GET /metrics")
            .text()
            .await
            .expect("a body");
        metrics
            .lines()
            .filter(|line| line.starts_with(prefix))
            .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
            .sum()
    }

    fn emulator(&self) -> &smc_emulator::RunningEmulator {
        self.proxy
            .embedded_emulator()
            .expect("the stack always runs the embedded emulator")
    }
}
