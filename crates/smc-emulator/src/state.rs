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
use crate::gateway::{AccountIndex, Gateway};
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
    /// One store per account, in the gateway's order of accounts.
    stores: RwLock<Vec<JobStore>>,
    initial_data: Vec<DataSource>,
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
    /// Each account's credentials and jobs, the primary account first.
    pub(crate) accounts: Vec<(Credentials, DataSource)>,
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
        let (credentials, initial_data): (Vec<_>, Vec<_>) = settings.accounts.into_iter().unzip();
        let stores = initial_data
            .iter()
            .map(|data| JobStore::new(data.clone(), anchor))
            .collect();
        AppState {
            inner: Arc::new(Inner {
                clock: settings.clock,
                gateway: Gateway::for_accounts(credentials),
                stores: RwLock::new(stores),
                initial_data,
                faults: Faults::new(settings.faults),
                frozen: settings.frozen,
                control: settings.control,
                closing: watch::Sender::new(false),
            }),
        }
    }

    /// The credentials calls must be signed with (the primary account's).
    pub fn credentials(&self) -> &Credentials {
        self.inner.gateway.credentials()
    }

    /// The credentials of every account the emulator serves, the primary one first.
    pub fn accounts(&self) -> &[Credentials] {
        self.inner.gateway.accounts()
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

    /// Replaces the primary account's jobs with those of `data` (or the ones it started
    /// with), made as of now; every other account gets the jobs it started with again.
    pub fn reset(&self, data: Option<DataSource>) {
        let now = self.now();
        let mut primary = data;
        let stores = self
            .inner
            .initial_data
            .iter()
            .map(|initial| JobStore::new(primary.take().unwrap_or_else(|| initial.clone()), now))
            .collect();
        *self
            .inner
            .stores
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = stores;
    }

    /// How many jobs the primary account has.
    pub fn job_count(&self) -> usize {
        self.stores()[0].len()
    }

    /// The primary account's state as the control API shows it.
    pub fn view(&self) -> StateView {
        let stores = self.stores();
        let store = &stores[0];
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

    /// The page a request asks for of `account`'s jobs, as they are now (or at the anchor
    /// when time is frozen).
    pub(crate) fn describe(
        &self,
        account: AccountIndex,
        request: &DescribeReplicationJobs,
    ) -> Page {
        let stores = self.stores();
        let store = &stores[account];
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

    fn stores(&self) -> std::sync::RwLockReadGuard<'_, Vec<JobStore>> {
        self.inner
            .stores
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
