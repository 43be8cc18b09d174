//! Starting and stopping the emulator: a builder for its settings, and a handle on a
//! running server that knows its address and credentials and stops it cleanly.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use smc_core::sign::Credentials;
use smc_core::ReplicationJob;
use time::OffsetDateTime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::app::router;
use crate::clock::{Clock, SystemClock};
use crate::faults::{check_rules, FaultRule};
use crate::state::{AppState, Settings};
use crate::store::{DataSource, MAX_JOBS};

/// The AccessKey ID the emulator accepts unless given another. It is a local emulator's
/// demo key, not a real one.
pub const DEMO_ACCESS_KEY_ID: &str = "LTAI5tSmcEmulatorDemoKey";

/// The secret of [`DEMO_ACCESS_KEY_ID`]; not a real secret.
pub const DEMO_ACCESS_KEY_SECRET: &str = "SmcEmulatorDemoSecretNotReal01";

/// The demo credentials.
pub fn demo_credentials() -> Credentials {
    Credentials::new(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)
}

/// How long [`RunningEmulator::shutdown`] waits for calls in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A data file is not a `DescribeReplicationJobs` response.
    #[error("{path} is not a DescribeReplicationJobs response: {message}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Fault rules are invalid.
    #[error("invalid fault rules: {message}")]
    Faults {
        /// What is wrong.
        message: String,
    },
    /// More jobs than the emulator holds.
    #[error("at most {MAX_JOBS} jobs (asked for {0})")]
    TooManyJobs(usize),
    /// An empty AccessKey ID or secret.
    #[error("the AccessKey ID and secret must not be empty")]
    EmptyCredentials,
    /// Two accounts with one AccessKey ID: a call could not say whose jobs it wants.
    #[error("each account needs its own AccessKey ID")]
    DuplicateAccessKeyId,
    /// The server stopped with an error.
    #[error("the server failed: {0}")]
    Serve(std::io::Error),
}

/// The entry point: `Emulator::builder()…start().await`.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// A builder with the defaults: `127.0.0.1:0`, the demo credentials, 240 generated
    /// jobs from seed 1, no faults, moving time, no control API, the system clock.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }
}

/// The emulator's settings.
#[derive(Clone)]
pub struct EmulatorBuilder {
    listen: SocketAddr,
    credentials: Credentials,
    data: DataSource,
    faults: Vec<FaultRule>,
    frozen: bool,
    control: bool,
    clock: Arc<dyn Clock>,
    anchor: Option<OffsetDateTime>,
    /// The accounts besides the primary one: their credentials and seeds.
    other_accounts: Vec<(Credentials, u64)>,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            credentials: demo_credentials(),
            data: DataSource::default(),
            faults: Vec::new(),
            frozen: false,
            control: false,
            clock: Arc::new(SystemClock),
            anchor: None,
            other_accounts: Vec::new(),
        }
    }
}

impl std::fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A summary of given jobs: there may be thousands.
        let data = match &self.data {
            DataSource::Generated { seed, count } => format!("{count} generated from seed {seed}"),
            DataSource::Jobs(jobs) => format!("{} given", jobs.len()),
        };
        f.debug_struct("EmulatorBuilder")
            .field("listen", &self.listen)
            .field("credentials", &self.credentials)
            .field("data", &data)
            .field("faults", &self.faults)
            .field("frozen", &self.frozen)
            .field("control", &self.control)
            .field("anchor", &self.anchor)
            .field("other_accounts", &self.other_accounts)
            .finish_non_exhaustive()
    }
}

impl EmulatorBuilder {
    /// The address to listen on (port 0 picks a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// The only credentials calls may be signed with. With an STS token, every call must
    /// carry it as `SecurityToken`.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Another account, answering calls signed with `credentials` from its own jobs:
    /// generated from `seed`, as many as the primary account has generated (240 when the
    /// primary account serves given jobs). Each account sees only its own jobs.
    pub fn account(mut self, credentials: Credentials, seed: u64) -> Self {
        self.other_accounts.push((credentials, seed));
        self
    }

    /// `count` generated jobs (keeping the seed).
    pub fn jobs(mut self, count: usize) -> Self {
        let seed = match self.data {
            DataSource::Generated { seed, .. } => seed,
            DataSource::Jobs(_) => 1,
        };
        self.data = DataSource::Generated { seed, count };
        self
    }

    /// Generated jobs from `seed` (keeping the count).
    pub fn seed(mut self, seed: u64) -> Self {
        let count = match self.data {
            DataSource::Generated { count, .. } => count,
            DataSource::Jobs(_) => crate::store::DEFAULT_JOBS,
        };
        self.data = DataSource::Generated { seed, count };
        self
    }

    /// Serves these jobs instead of generated ones.
    pub fn data(mut self, jobs: Vec<ReplicationJob>) -> Self {
        self.data = DataSource::Jobs(Arc::new(jobs));
        self
    }

    /// The fault rules in force from the start.
    pub fn faults(mut self, rules: Vec<FaultRule>) -> Self {
        self.faults = rules;
        self
    }

    /// Whether running jobs stand still (they show their state at the anchor time).
    pub fn frozen(mut self, frozen: bool) -> Self {
        self.frozen = frozen;
        self
    }

    /// Whether the control API under `/_emulator/` is served.
    pub fn control(mut self, control: bool) -> Self {
        self.control = control;
        self
    }

    /// The clock for timestamps, nonces and job progress (tests pass a
    /// [`crate::ManualClock`]).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The time jobs are generated relative to (default: the clock's now). Two emulators
    /// with the same seed and anchor serve the same jobs.
    pub fn anchor(mut self, anchor: OffsetDateTime) -> Self {
        self.anchor = Some(anchor);
        self
    }

    /// The shared state, for [`crate::router`] in tests that call the router in-process.
    pub fn build(&self) -> Result<AppState, EmulatorError> {
        let count = match &self.data {
            DataSource::Generated { count, .. } => *count,
            DataSource::Jobs(jobs) => jobs.len(),
        };
        if count > MAX_JOBS {
            return Err(EmulatorError::TooManyJobs(count));
        }
        let generated = match &self.data {
            DataSource::Generated { count, .. } => *count,
            DataSource::Jobs(_) => crate::store::DEFAULT_JOBS,
        };
        let accounts: Vec<(Credentials, DataSource)> =
            std::iter::once((self.credentials.clone(), self.data.clone()))
                .chain(self.other_accounts.iter().map(|(credentials, seed)| {
                    let data = DataSource::Generated {
                        seed: *seed,
                        count: generated,
                    };
                    (credentials.clone(), data)
                }))
                .collect();
        for (index, (credentials, _)) in accounts.iter().enumerate() {
            if credentials.access_key_id.is_empty()
                || credentials.access_key_secret.expose().is_empty()
            {
                return Err(EmulatorError::EmptyCredentials);
            }
            if accounts[..index]
                .iter()
                .any(|(other, _)| other.access_key_id == credentials.access_key_id)
            {
                return Err(EmulatorError::DuplicateAccessKeyId);
            }
        }
        check_rules(&self.faults).map_err(|message| EmulatorError::Faults { message })?;
        Ok(AppState::new(Settings {
            accounts,
            faults: self.faults.clone(),
            frozen: self.frozen,
            control: self.control,
            clock: self.clock.clone(),
            anchor: self.anchor,
        }))
    }

    /// Binds the address and serves in the background on the current Tokio runtime.
    pub async fn start(self) -> Result<RunningEmulator, EmulatorError> {
        let state = self.build()?;
        let listener = tokio::net::TcpListener::bind(self.listen)
            .await
            .map_err(|source| EmulatorError::Bind {
                addr: self.listen,
                source,
            })?;
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind {
                addr: self.listen,
                source,
            })?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = router(state.clone());
        let closing = state.clone();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    // A dropped handle stops the server too.
                    let _ = stopped.await;
                    closing.close();
                })
                .await
        });
        tracing::info!(%addr, "emulator listening");
        Ok(RunningEmulator {
            addr,
            state,
            stop: Some(stop),
            server: Some(server),
        })
    }
}

/// A running emulator. Dropping it stops the server in the background; [`Self::shutdown`]
/// stops it and waits.
pub struct RunningEmulator {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl RunningEmulator {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint to send calls to: `http://ADDR:PORT/`.
    pub fn endpoint(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The credentials calls must be signed with.
    pub fn credentials(&self) -> &Credentials {
        self.state.credentials()
    }

    /// The shared state: fault rules, resets, the state view.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets calls in flight finish (calls waiting out a
    /// fault's latency are woken), and waits for the server to end, at most a few seconds.
    pub async fn shutdown(mut self) -> Result<(), EmulatorError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let Some(mut server) = self.server.take() else {
            return Ok(());
        };
        match tokio::time::timeout(SHUTDOWN_GRACE, &mut server).await {
            Ok(Ok(result)) => result.map_err(EmulatorError::Serve),
            // The server task panicked or was cancelled: it is gone either way.
            Ok(Err(_)) => Ok(()),
            Err(_) => {
                server.abort();
                Ok(())
            }
        }
    }
}

impl std::fmt::Debug for RunningEmulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningEmulator")
            .field("addr", &self.addr)
            .field("credentials", self.credentials())
            .finish()
    }
}

/// Waits for Ctrl-C, or SIGTERM on Unix: when a server binary (this one, or the proxy that
/// embeds it) should shut down gracefully.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
