//! The state every handler shares: [`AppState`]. It depends only on the parts it holds, so
//! handlers import it and the router imports the handlers, never the other way round.

use std::ops::Deref;
use std::sync::Arc;

use crate::access::AccessPolicy;
use crate::auth::BearerToken;
use crate::identity::TrustedUserHeader;
use crate::metrics::Metrics;
use crate::profiles::Profiles;
use crate::sharing::Sharing;
use crate::site::Site;

/// Everything the handlers share. Cloning is cheap; every clone is the same proxy.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of the state.
#[derive(Debug)]
pub struct Shared {
    /// The accounts served, each with its signing client.
    pub profiles: Profiles,
    /// Coalescing, the short cache and the rate limit in front of the upstream clients.
    pub sharing: Sharing,
    /// Host and Origin rules.
    pub access: AccessPolicy,
    /// The bearer token of `/api`, if any.
    pub token: Option<BearerToken>,
    /// The header naming the user, in trusted-header mode.
    pub trusted_user_header: Option<TrustedUserHeader>,
    /// The built web app, if served.
    pub site: Option<Arc<Site>>,
    /// The metrics.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// Shares `shared` among handlers.
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
