//! Account profiles: the proxy's names for the accounts it signs for. Each [`Profile`] has
//! its own signing [`Upstream`] (credentials, endpoint), region, label, rate and
//! allow-list of users; [`Profiles`] finds the one a call asks for with
//! [`smc_core::PROFILE_HEADER`], or refuses it before anything reaches upstream, and lists
//! the ones a caller may use (`GET /api/profiles`). [`config`] reads the `--config` file.
//!
//! Without `--config` there is one profile, [`DEFAULT_PROFILE_NAME`], open to every caller.

pub mod config;

use std::sync::Arc;

use axum::http::HeaderMap;
use smc_core::{ProfileList, ProfileSummary, ValidationErrors, PROFILE_HEADER};

use crate::error::ProxyError;
use crate::identity::User;
use crate::sharing::rate::Rate;
use crate::upstream::Upstream;

/// The name of the one profile of a proxy started without `--config`.
pub const DEFAULT_PROFILE_NAME: &str = "default";

/// One profile, as the proxy serves it.
#[derive(Debug)]
pub struct Profile {
    name: String,
    label: Option<String>,
    region: Option<String>,
    rate: Option<Rate>,
    users: Option<Vec<User>>,
    upstream: Upstream,
}

/// What makes a [`Profile`], besides its upstream client.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileOptions {
    /// Its name ([`smc_core::profile::validate_profile_name`]).
    pub name: String,
    /// What people call the account.
    pub label: Option<String>,
    /// The `RegionId` its calls get when the browser sends none.
    pub region: Option<String>,
    /// Its upstream calls per second, when limited.
    pub rate: Option<Rate>,
    /// Who may use it; `None`: every user the proxy admits.
    pub users: Option<Vec<User>>,
}

impl Profile {
    /// A profile signing with `upstream`.
    pub fn new(options: ProfileOptions, upstream: Upstream) -> Self {
        Profile {
            name: options.name,
            label: options.label,
            region: options.region,
            rate: options.rate,
            users: options.users,
            upstream,
        }
    }

    /// Its name: what calls send in `X-Smc-Profile`, and the key of anything kept per
    /// account (cached answers, rate limits).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What people call the account, when the file says.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The `RegionId` its calls get when the browser sends none.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Its upstream rate, when the file sets one (else `--rate` applies).
    pub fn rate(&self) -> Option<Rate> {
        self.rate
    }

    /// Its signing client.
    pub fn upstream(&self) -> &Upstream {
        &self.upstream
    }

    /// Whether `user` may use it: a profile without an allow-list is open to every
    /// admitted caller; one with a list only to the users on it (and so never to a caller
    /// the proxy knows no name for).
    pub fn allows(&self, user: Option<&User>) -> bool {
        match (&self.users, user) {
            (None, _) => true,
            (Some(users), Some(user)) => users.contains(user),
            (Some(_), None) => false,
        }
    }

    /// Whether it has an allow-list of users.
    pub fn has_allow_list(&self) -> bool {
        self.users.is_some()
    }

    /// Its name and label, as `GET /api/profiles` shows them.
    pub fn summary(&self) -> ProfileSummary {
        ProfileSummary {
            name: self.name.clone(),
            label: self.label.clone(),
        }
    }
}

/// Why a set of profiles cannot be served.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfilesError {
    /// There is none.
    #[error("no profile to serve")]
    Empty,
    /// A name breaks the rule of profile names.
    #[error("profile {name:?}: {rule}")]
    InvalidName {
        /// The name.
        name: String,
        /// The rule.
        rule: String,
    },
    /// Two profiles share a name.
    #[error("two profiles are named {0}")]
    Duplicate(String),
    /// The default names no profile.
    #[error("the default profile {0} is not one of the profiles")]
    UnknownDefault(String),
    /// Allow-lists without a way to know the user.
    #[error(
        "profile {0} lists users, but without --trust-header the proxy knows no user: \
         nobody could use it"
    )]
    UsersWithoutIdentity(String),
}

/// Every profile of the proxy, in the configured order, and the default one. Cloning is
/// cheap; profiles are shared.
#[derive(Debug, Clone)]
pub struct Profiles {
    profiles: Vec<Arc<Profile>>,
    default: usize,
}

impl Profiles {
    /// The profiles, with `default` (else the first) as the default. `knows_users` says
    /// whether the proxy learns who is asking (`--trust-header`); without it, a profile
    /// with an allow-list could never be used, which is refused here.
    pub fn new(
        profiles: Vec<Profile>,
        default: Option<&str>,
        knows_users: bool,
    ) -> Result<Self, ProfilesError> {
        for (index, profile) in profiles.iter().enumerate() {
            smc_core::profile::validate_profile_name(profile.name()).map_err(|error| {
                ProfilesError::InvalidName {
                    name: profile.name().to_owned(),
                    rule: error.rule,
                }
            })?;
            if profiles[..index].iter().any(|p| p.name() == profile.name()) {
                return Err(ProfilesError::Duplicate(profile.name().to_owned()));
            }
            if profile.has_allow_list() && !knows_users {
                return Err(ProfilesError::UsersWithoutIdentity(
                    profile.name().to_owned(),
                ));
            }
        }
        if profiles.is_empty() {
            return Err(ProfilesError::Empty);
        }
        let default = match default {
            Some(name) => profiles
                .iter()
                .position(|p| p.name() == name)
                .ok_or_else(|| ProfilesError::UnknownDefault(name.to_owned()))?,
            None => 0,
        };
        Ok(Profiles {
            profiles: profiles.into_iter().map(Arc::new).collect(),
            default,
        })
    }

    /// Every profile, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<Profile>> {
        self.profiles.iter()
    }

    /// The profile calls without `X-Smc-Profile` use.
    pub fn default_profile(&self) -> &Arc<Profile> {
        &self.profiles[self.default]
    }

    /// The profile named `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<Profile>> {
        self.profiles.iter().find(|p| p.name() == name)
    }

    /// The profile a call with these headers asks for (the default without
    /// `X-Smc-Profile`), if `user` may use it: a malformed name is a 400, an unknown one a
    /// 404 and a forbidden one a 403, all before anything reaches upstream.
    pub fn resolve(
        &self,
        headers: &HeaderMap,
        user: Option<&User>,
    ) -> Result<Arc<Profile>, ProxyError> {
        let profile = match requested_profile(headers)? {
            None => self.default_profile(),
            Some(name) => self
                .get(name)
                .ok_or_else(|| ProxyError::UnknownProfile(name.to_owned()))?,
        };
        if !profile.allows(user) {
            return Err(ProxyError::ForbiddenProfile(profile.name().to_owned()));
        }
        Ok(profile.clone())
    }

    /// What `GET /api/profiles` answers `user`: the profiles they may use, and the
    /// default when they may use it.
    pub fn list_for(&self, user: Option<&User>) -> ProfileList {
        let default = self.default_profile();
        ProfileList {
            profiles: self
                .iter()
                .filter(|p| p.allows(user))
                .map(|p| p.summary())
                .collect(),
            default: default.allows(user).then(|| default.name().to_owned()),
        }
    }
}

/// The profile name a call sends in `X-Smc-Profile`, checked with smc-core's rule.
pub fn requested_profile(headers: &HeaderMap) -> Result<Option<&str>, ProxyError> {
    let Some(value) = headers.get(PROFILE_HEADER) else {
        return Ok(None);
    };
    // A value that is not text breaks the same rule as any other non-ASCII name.
    let name = value.to_str().unwrap_or("\u{FFFD}");
    smc_core::profile::validate_profile_name(name)
        .map_err(|error| ProxyError::InvalidParameters(ValidationErrors(vec![error])))?;
    Ok(Some(name))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use smc_core::sign::Credentials;

    use super::*;
    use crate::metrics::Metrics;
    use crate::settings::UpstreamSettings;

    fn profile(name: &str, users: Option<&[&str]>) -> Profile {
        let upstream = Upstream::new(
            "http://127.0.0.1:9/",
            Credentials::new("id", "secret"),
            UpstreamSettings::default(),
            Arc::new(Metrics::default()),
        )
        .unwrap();
        let options = ProfileOptions {
            name: name.to_owned(),
            label: Some(format!("{name} account")),
            region: None,
            rate: Some(Rate::per_second(2.0)),
            users: users.map(|users| users.iter().map(|u| User::new(u).unwrap()).collect()),
        };
        Profile::new(options, upstream)
    }

    fn team() -> Profiles {
        Profiles::new(
            vec![profile("prod", Some(&["alice"])), profile("test", None)],
            None,
            true,
        )
        .unwrap()
    }

    fn asking_for(name: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(PROFILE_HEADER, HeaderValue::from_static(name));
        headers
    }

    #[test]
    fn calls_get_the_profile_they_name_or_the_default() {
        let profiles = team();
        let alice = User::new("alice").unwrap();
        let none = HeaderMap::new();
        assert_eq!(
            profiles.resolve(&none, Some(&alice)).unwrap().name(),
            "prod"
        );
        let test = profiles.resolve(&asking_for("test"), Some(&alice)).unwrap();
        assert_eq!(test.name(), "test");
        assert_eq!(test.rate(), Some(Rate::per_second(2.0)));
    }

    #[test]
    fn unknown_forbidden_and_malformed_names_are_refused() {
        let profiles = team();
        let bob = User::new("bob").unwrap();
        let code = |headers: &HeaderMap, user: Option<&User>| {
            profiles.resolve(headers, user).unwrap_err().code()
        };
        assert_eq!(
            code(&asking_for("staging"), Some(&bob)),
            "Proxy.UnknownProfile"
        );
        assert_eq!(
            code(&asking_for("prod"), Some(&bob)),
            "Proxy.ForbiddenProfile"
        );
        assert_eq!(
            code(&HeaderMap::new(), Some(&bob)),
            "Proxy.ForbiddenProfile"
        );
        assert_eq!(code(&asking_for("prod"), None), "Proxy.ForbiddenProfile");
        assert_eq!(code(&asking_for("a b"), Some(&bob)), "InvalidParameter");
        let mut binary = HeaderMap::new();
        binary.insert(PROFILE_HEADER, HeaderValue::from_bytes(b"pr\xf8d").unwrap());
        assert_eq!(code(&binary, Some(&bob)), "InvalidParameter");
    }

    #[test]
    fn each_user_sees_the_profiles_they_may_use() {
        let profiles = team();
        let alice = profiles.list_for(Some(&User::new("alice").unwrap()));
        let names: Vec<_> = alice.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["prod", "test"]);
        assert_eq!(alice.default.as_deref(), Some("prod"));
        assert_eq!(alice.profiles[0].label.as_deref(), Some("prod account"));
        let bob = profiles.list_for(Some(&User::new("bob").unwrap()));
        let names: Vec<_> = bob.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["test"]);
        assert_eq!(bob.default, None, "bob may not use the default");
    }

    #[test]
    fn sets_of_profiles_are_checked() {
        let error = |profiles, default, knows_users| {
            Profiles::new(profiles, default, knows_users).unwrap_err()
        };
        assert_eq!(error(vec![], None, true), ProfilesError::Empty);
        assert!(matches!(
            error(vec![profile("a b", None)], None, true),
            ProfilesError::InvalidName { .. }
        ));
        assert_eq!(
            error(vec![profile("a", None), profile("a", None)], None, true),
            ProfilesError::Duplicate("a".into())
        );
        assert_eq!(
            error(vec![profile("a", None)], Some("b"), true),
            ProfilesError::UnknownDefault("b".into())
        );
        assert_eq!(
            error(vec![profile("a", Some(&["alice"]))], None, false),
            ProfilesError::UsersWithoutIdentity("a".into())
        );
        let chosen = Profiles::new(
            vec![profile("a", None), profile("b", None)],
            Some("b"),
            false,
        );
        assert_eq!(chosen.unwrap().default_profile().name(), "b");
    }
}
