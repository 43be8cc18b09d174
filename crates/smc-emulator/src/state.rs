//! The state every handler shares: the gateway, the jobs, the fault rules and the clock.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::Serialize;
use smc_core::sign::Credentials;
use smc_core::DescribeReplicationJobs;
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::faults::{check_rules, Fault, FaultRule, Faults};
use crate::gateway::Gateway;
use crate::store::{DataSource, JobStore, Page};

/// Everything the handlers share: the gateway, the jobs, the fault rules and the clock.
/// Cloning is cheap; every clone is the same emulator.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    clock: Arc<dyn Clock>,
    gateway: Gateway,
    store: RwLock<JobStore>,
    initial_data: DataSource,
    faults: Faults,
    frozen: bool,
    control: bool,
    closing: watch::Sender<bool>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("credentials", self.credentials())
            .field("frozen", &self.inner.frozen)
            .field("control", &self.inner.control)
            .finish_non_exhaustive()
    }
}

/// What [`AppState::new`] needs; the builder in [`crate::server`] fills it.
pub(crate) struct Settings {
    pub(crate) credentials: Credentials,
    pub(crate) data: DataSource,
    pub(crate) faults: Vec<FaultRule>,
    pub(crate) frozen: bool,
    pub(crate) control: bool,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) anchor: Option<OffsetDateTime>,
}

/// The emulator's state as `GET /_emulator/state` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateView {
    /// How many jobs are served.
    pub jobs: usize,
    /// `generated` or `file`.
    pub data: &'static str,
    /// The generator's seed, for generated jobs.
    pub seed: Option<u64>,
    /// The time the jobs were made or loaded at; running jobs move on from there.
    pub anchor: String,
    /// The emulator's clock now.
    pub now: String,
    /// Whether running jobs stand still.
    pub frozen: bool,
    /// How many signature nonces are remembered.
    pub nonces: usize,
    /// The fault rules in force.
    pub faults: Vec<FaultRule>,
}

impl AppState {
    pub(crate) fn new(settings: Settings) -> Self {
        let anchor = settings.anchor.unwrap_or_else(|| settings.clock.now());
        let store = JobStore::new(settings.data.clone(), anchor);
        AppState {
            inner: Arc::new(Inner {
                clock: settings.clock,
                gateway: Gateway::new(settings.credentials),
                store: RwLock::new(store),
                initial_data: settings.data,
                faults: Faults::new(settings.faults),
                frozen: settings.frozen,
                control: settings.control,
                closing: watch::Sender::new(false),
            }),
        }
    }

    /// The credentials calls must be signed with.
    pub fn credentials(&self) -> &Credentials {
        self.inner.gateway.credentials()
    }

    /// The emulator's clock now.
    pub fn now(&self) -> OffsetDateTime {
        self.inner.clock.now()
    }

    /// Replaces the fault rules; invalid rules are refused and nothing changes.
    pub fn set_faults(&self, rules: Vec<FaultRule>) -> Result<(), String> {
        check_rules(&rules)?;
        self.inner.faults.set(rules);
        Ok(())
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        self.inner.faults.set(Vec::new());
    }

    /// The fault rules in force.
    pub fn faults(&self) -> Vec<FaultRule> {
        self.inner.faults.rules()
    }

    /// Replaces the jobs with those of `data` (or the ones the emulator started with),
    /// made as of now.
    pub fn reset(&self, data: Option<DataSource>) {
        let data = data.unwrap_or_else(|| self.inner.initial_data.clone());
        let store = JobStore::new(data, self.now());
        *self
            .inner
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = store;
    }

    /// How many jobs are served.
    pub fn job_count(&self) -> usize {
        self.store().len()
    }

    /// The state as the control API shows it.
    pub fn view(&self) -> StateView {
        let store = self.store();
        let (data, seed) = match store.source() {
            DataSource::Generated { seed, .. } => ("generated", Some(*seed)),
            DataSource::Jobs(_) => ("file", None),
        };
        StateView {
            jobs: store.len(),
            data,
            seed,
            anchor: smc_core::time_format::format_wire_time(store.anchor()),
            now: smc_core::time_format::format_wire_time(self.now()),
            frozen: self.inner.frozen,
            nonces: self.inner.gateway.remembered_nonces(),
            faults: self.faults(),
        }
    }

    pub(crate) fn gateway(&self) -> &Gateway {
        &self.inner.gateway
    }

    pub(crate) fn control_enabled(&self) -> bool {
        self.inner.control
    }

    /// The page a request asks for, with jobs as they are now (or at the anchor when
    /// time is frozen).
    pub(crate) fn describe(&self, request: &DescribeReplicationJobs) -> Page {
        let store = self.store();
        let at = if self.inner.frozen {
            store.anchor()
        } else {
            self.now()
        };
        store.describe(request, at)
    }

    /// The fault for a call to `action`, if a rule fires.
    pub(crate) fn fault_for(&self, action: &str) -> Option<Fault> {
        self.inner.faults.pick(action)
    }

    /// Waits `delay`, or less if the emulator is shutting down.
    pub(crate) async fn wait(&self, delay: Duration) {
        if delay.is_zero() {
            return;
        }
        let mut closing = self.inner.closing.subscribe();
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = closing.wait_for(|closing| *closing) => {}
        }
    }

    /// Wakes every call waiting out a fault's latency: the server is stopping.
    pub(crate) fn close(&self) {
        self.inner.closing.send_replace(true);
    }

    fn store(&self) -> std::sync::RwLockReadGuard<'_, JobStore> {
        self.inner
            .store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
