//! Profiles and who is asking: two profiles answered from two accounts of one emulator;
//! unknown, forbidden and malformed profiles and calls without the trusted user header
//! refused before anything reaches upstream; `GET /api/profiles` per user; the `--config`
//! file through the command line's settings, with credentials from a credentials file.

use std::path::Path;

use axum::http::StatusCode;
use clap::Parser as _;
use smc_core::sign::Credentials;
use smc_core::{ProfileList, PROFILE_HEADER};
use smc_emulator::{Emulator, RunningEmulator};
use smc_proxy::cli::{Cli, Command};
use smc_proxy::credentials::{CredentialSource, Environment};
use smc_proxy::identity::{TrustedUserHeader, User};
use smc_proxy::server::fresh_credentials;
use smc_proxy::settings::{EmulatorOptions, ProfileSettings};
use smc_proxy::sharing::rate::Rate;
use smc_proxy::{Proxy, RunningProxy, Settings, UpstreamTarget};

use crate::common::{capture_logs, client, fast, remember_credentials, Answer, Tap};

const USER_HEADER: &str = "X-Forwarded-User";
const JOBS: &str = "/api/DescribeReplicationJobs?PageSize=5";

/// An emulator of two accounts, a tap in front of it, and a proxy with the profiles
/// `prod` (alice only, the default) and `test` (everyone), in trusted-header mode.
struct Team {
    emulator: RunningEmulator,
    tap: Tap,
    proxy: RunningProxy,
    prod: Credentials,
    test: Credentials,
}

/// Two fresh accounts in one emulator: `prod` its primary, `test` a second one seeded with
/// `test_seed`; both are remembered as secrets the logs must not show.
async fn two_accounts(test_seed: u64) -> (Credentials, Credentials, RunningEmulator) {
    capture_logs();
    let (prod, test) = (fresh_credentials(), fresh_credentials());
    remember_credentials(&prod);
    remember_credentials(&test);
    let emulator = Emulator::builder()
        .credentials(prod.clone())
        .account(test.clone(), test_seed)
        .frozen(true)
        .start()
        .await
        .expect("the emulator starts");
    (prod, test, emulator)
}

impl Team {
    async fn start() -> Team {
        let (prod, test, emulator) = two_accounts(2).await;
        let tap = Tap::start(emulator.endpoint()).await;
        let profile =
            |name: &str, credentials: &Credentials, users: Option<Vec<User>>| ProfileSettings {
                name: name.to_owned(),
                label: Some(format!("The {name} account")),
                region: None,
                rate: Some(Rate::per_second(5.0)),
                users,
                upstream: UpstreamTarget::Remote {
                    endpoint: tap.endpoint(),
                    credentials: credentials.clone(),
                    source: CredentialSource::Environment,
                },
            };
        let proxy = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            profiles: vec![
                profile("prod", &prod, Some(vec![User::new("alice").unwrap()])),
                profile("test", &test, None),
            ],
            trusted_user_header: Some(TrustedUserHeader::new(USER_HEADER).unwrap()),
            client: fast(),
            ..Settings::default()
        })
        .await
        .expect("the proxy starts");
        Team {
            emulator,
            tap,
            proxy,
            prod,
            test,
        }
    }

    /// A GET of `path` as `user`, asking for `profile`.
    async fn get(&self, path: &str, user: Option<&str>, profile: Option<&str>) -> Answer {
        get(&self.proxy, path, user, profile).await
    }

    /// The AccessKey IDs of the calls the tap saw go upstream.
    fn upstream_keys(&self) -> Vec<String> {
        self.tap
            .seen()
            .iter()
            .map(|seen| seen.param("AccessKeyId").unwrap_or_default().to_owned())
            .collect()
    }

    async fn stop(self) {
        self.proxy.shutdown().await.expect("the proxy stops");
        self.tap.stop();
        self.emulator.shutdown().await.expect("the emulator stops");
    }
}

async fn get(
    proxy: &RunningProxy,
    path: &str,
    user: Option<&str>,
    profile: Option<&str>,
) -> Answer {
    let mut request = client().get(format!("{}{path}", proxy.url()));
    if let Some(user) = user {
        request = request.header(USER_HEADER, user);
    }
    if let Some(profile) = profile {
        request = request.header(PROFILE_HEADER, profile);
    }
    Answer::read(request.send().await.expect("the proxy answers")).await
}

fn job_ids(answer: &Answer) -> Vec<String> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json["ReplicationJobs"]["ReplicationJob"]
        .as_array()
        .expect("a page of jobs")
        .iter()
        .map(|job| job["JobId"].as_str().unwrap().to_owned())
        .collect()
}

fn profile_list(answer: &Answer) -> ProfileList {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    serde_json::from_str(&answer.text).expect("a ProfileList")
}

fn names(list: &ProfileList) -> Vec<&str> {
    list.profiles.iter().map(|p| p.name.as_str()).collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `smc-proxy serve ARGS` as parsed, turned into settings in `env`.
fn serve_settings(args: &[&str], env: &Environment) -> Result<Settings, String> {
    let mut all = vec!["smc-proxy", "serve", "--listen", "127.0.0.1:0"];
    all.extend_from_slice(args);
    match Cli::try_parse_from(all).expect("the flags parse").command {
        Command::Serve(args) => args.settings(env).map_err(|e| e.to_string()),
        Command::Sign(_) => panic!("parsed as sign"),
    }
}

crate::scenarios! {
    /// Each profile signs with its own account's key and gets that account's jobs (the
    /// same query, so the cache must keep them apart); a call without the header gets the
    /// default profile, from the default profile's cached answer.
    async fn two_profiles_answer_from_two_emulator_accounts() {
        let team = Team::start().await;
        let prod = job_ids(&team.get(JOBS, Some("alice"), Some("prod")).await);
        let test = job_ids(&team.get(JOBS, Some("alice"), Some("test")).await);
        let default = team.get(JOBS, Some("alice"), None).await;
        assert_eq!(prod.len(), 5);
        assert!(test.iter().all(|id| !prod.contains(id)), "{prod:?} {test:?}");
        assert_eq!(job_ids(&default), prod, "prod is the default");
        assert!(default.header("age").is_some(), "the default shares prod's cache");
        let prod_key = team.prod.access_key_id.clone();
        let test_key = team.test.access_key_id.clone();
        assert_eq!(team.upstream_keys(), [prod_key, test_key]);
        team.stop().await;
    }

    /// Unknown, forbidden and malformed profiles, and calls without the user header, are
    /// refused with their codes; none of them reaches upstream.
    async fn refused_profiles_and_callers_never_reach_upstream() {
        let team = Team::start().await;
        let cases = [
            (Some("bob"), Some("staging"), StatusCode::NOT_FOUND, "Proxy.UnknownProfile"),
            (Some("bob"), Some("prod"), StatusCode::FORBIDDEN, "Proxy.ForbiddenProfile"),
            (Some("bob"), None, StatusCode::FORBIDDEN, "Proxy.ForbiddenProfile"),
            (Some("alice"), Some("no such"), StatusCode::BAD_REQUEST, "InvalidParameter"),
            (None, Some("test"), StatusCode::UNAUTHORIZED, "Proxy.Unauthenticated"),
            (Some(""), Some("test"), StatusCode::UNAUTHORIZED, "Proxy.Unauthenticated"),
        ];
        for (user, profile, status, code) in cases {
            let answer = team.get(JOBS, user, profile).await;
            assert_eq!(answer.status, status, "{user:?} {profile:?}: {}", answer.text);
            let error = answer.api_error();
            assert_eq!(error.code, code, "{user:?} {profile:?}");
            assert_eq!(error.request_id.len(), 36);
        }
        let unauthenticated = team.get("/api/profiles", None, None).await;
        assert_eq!(unauthenticated.status, StatusCode::UNAUTHORIZED);
        assert!(team.tap.seen().is_empty(), "a refused call went upstream");
        // The same user may use the open profile.
        assert_eq!(job_ids(&team.get(JOBS, Some("bob"), Some("test")).await).len(), 5);
        assert_eq!(team.tap.seen().len(), 1);
        team.stop().await;
    }

    /// `GET /api/profiles` lists, with labels and never keys, only what the caller may use.
    async fn the_profile_list_is_filtered_per_user() {
        let team = Team::start().await;
        let alice = team.get("/api/profiles", Some("alice"), None).await;
        assert_eq!(alice.header("cache-control"), Some("no-store"));
        let list = profile_list(&alice);
        assert_eq!(names(&list), ["prod", "test"]);
        assert_eq!(list.default.as_deref(), Some("prod"));
        assert_eq!(list.profiles[0].label.as_deref(), Some("The prod account"));
        for key in [&team.prod.access_key_id, &team.test.access_key_id] {
            assert!(!alice.text.contains(key.as_str()), "{}", alice.text);
        }
        let bob = profile_list(&team.get("/api/profiles", Some("bob"), None).await);
        assert_eq!(names(&bob), ["test"]);
        assert_eq!(bob.default, None, "bob may not use the default profile");
        let post = client()
            .post(format!("{}/api/profiles", team.proxy.url()))
            .header(USER_HEADER, "alice")
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert!(team.tap.seen().is_empty());
        team.stop().await;
    }

    /// Without `--config` there is one open profile, `default`.
    async fn without_a_config_there_is_one_default_profile() {
        let harness = crate::common::Harness::start().await;
        let list = profile_list(&harness.get("/api/profiles").await);
        assert_eq!(names(&list), ["default"]);
        assert_eq!(list.default.as_deref(), Some("default"));
        let named = harness
            .send(harness.client.get(harness.url(JOBS)).header(PROFILE_HEADER, "default"))
            .await;
        assert_eq!(named.status, StatusCode::OK, "{}", named.text);
        let other = harness
            .send(harness.client.get(harness.url(JOBS)).header(PROFILE_HEADER, "prod"))
            .await;
        assert_eq!(other.api_error().code, "Proxy.UnknownProfile");
        assert_eq!(harness.tap.seen().len(), 1);
        harness.stop().await;
    }

    /// Profiles on the embedded emulator each get an account with its own jobs.
    async fn embedded_emulator_profiles_have_their_own_accounts() {
        capture_logs();
        let on_emulator = |name: &str, seed| ProfileSettings {
            name: name.to_owned(),
            label: None,
            region: None,
            rate: None,
            users: None,
            upstream: UpstreamTarget::EmbeddedEmulator(EmulatorOptions {
                jobs: 40,
                seed,
                frozen: true,
            }),
        };
        let proxy = Proxy::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            profiles: vec![on_emulator("one", 1), on_emulator("two", 2)],
            default_profile: Some("two".to_owned()),
            client: fast(),
            ..Settings::default()
        })
        .await
        .expect("the proxy starts");
        let emulator = proxy.embedded_emulator().expect("an embedded emulator");
        assert_eq!(emulator.state().accounts().len(), 2);
        for account in emulator.state().accounts() {
            remember_credentials(account);
        }
        let one = job_ids(&get(&proxy, JOBS, None, Some("one")).await);
        let two = job_ids(&get(&proxy, JOBS, None, Some("two")).await);
        assert!(two.iter().all(|id| !one.contains(id)), "{one:?} {two:?}");
        assert_eq!(job_ids(&get(&proxy, JOBS, None, None).await), two);
        assert!(proxy.upstream().contains("profile one: embedded emulator"), "{}", proxy.upstream());
        proxy.shutdown().await.expect("the proxy stops");
    }

    /// The `--config` file: profiles sign with their credentials profiles (from the
    /// credentials file), and a bad file is an error naming the line and the field.
    async fn the_config_file_names_credentials_profiles_and_its_errors() {
        let (prod, test, emulator) = two_accounts(3).await;
        let home = tempfile::tempdir().unwrap();
        write(
            &home.path().join(".alibabacloud/credentials"),
            &format!(
                "[production]\naccess_key_id = {}\naccess_key_secret = {}\n\n\
                 [testing]\naccess_key_id = {}\naccess_key_secret = {}\n",
                prod.access_key_id,
                prod.access_key_secret.expose(),
                test.access_key_id,
                test.access_key_secret.expose(),
            ),
        );
        let env = Environment::new(Vec::<(String, String)>::new(), Some(home.path().to_owned()));
        let config = home.path().join("profiles.toml");
        write(
            &config,
            "default = \"test\"\n\n[profiles.prod]\ncredentials_profile = \"production\"\n\
             label = \"Production\"\nrate = 2\n\n[profiles.test]\n\
             credentials_profile = \"testing\"\nregion = \"cn-shanghai\"\n",
        );
        let config_arg = config.to_str().unwrap();
        let endpoint = emulator.endpoint();
        let settings = serve_settings(&["--config", config_arg, "--endpoint", &endpoint], &env)
            .expect("the settings");
        assert_eq!(settings.profiles.len(), 2);
        assert_eq!(settings.profiles[0].rate.map(|r| r.per_second), Some(2.0));
        assert_eq!(settings.profiles[1].region.as_deref(), Some("cn-shanghai"));
        let proxy = Proxy::start(settings).await.expect("the proxy starts");
        let prod_jobs = job_ids(&get(&proxy, JOBS, None, Some("prod")).await);
        let test_jobs = job_ids(&get(&proxy, JOBS, None, Some("test")).await);
        assert!(test_jobs.iter().all(|id| !prod_jobs.contains(id)));
        assert_eq!(job_ids(&get(&proxy, JOBS, None, None).await), test_jobs);
        proxy.shutdown().await.unwrap();

        let errors = [
            ("[profiles.prod]\ncredentials_profile = \"production\"\nrate = 0\n", "profiles.toml, line 3: profiles.prod.rate: must be"),
            ("[profiles.prod]\naccess_key_secret = \"leaked-secret\"\n", "profiles.toml, line 2: profiles.prod.access_key_secret: credentials never go"),
            ("[profiles.prod]\ncredentials_profile = \"absent\"\n", "profile prod: credentials profile absent is in neither"),
            ("\n[profiles.prod]\nendpont = \"x\"\n", "profiles.toml, line 3: profiles.prod.endpont: unknown field"),
        ];
        for (text, says) in errors {
            write(&config, text);
            let error = serve_settings(&["--config", config_arg], &env).unwrap_err();
            assert!(error.contains(says), "{text:?}: {error}");
            assert!(!error.contains("leaked-secret"), "{error}");
        }
        // Allow-lists need a way to know the user.
        write(&config, "[profiles.prod]\ncredentials_profile = \"production\"\nusers = [\"alice\"]\n");
        let settings = serve_settings(&["--config", config_arg], &env).unwrap();
        let error = Proxy::start(settings).await.unwrap_err().to_string();
        assert!(error.contains("--trust-header"), "{error}");
        let settings =
            serve_settings(&["--config", config_arg, "--trust-header", USER_HEADER], &env).unwrap();
        Proxy::start(settings).await.expect("with the header").shutdown().await.unwrap();
        emulator.shutdown().await.unwrap();
    }
}
