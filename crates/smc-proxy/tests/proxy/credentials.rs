//! The credential chain: each source alone, the order among them, and the refusals. Every
//! case gets its own variables and home directory; the process environment is never read.

use std::path::{Path, PathBuf};

use smc_proxy::credentials::{
    find, CredentialSource, Environment, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET,
    ENV_CREDENTIALS_FILE, ENV_PROFILE, ENV_SECURITY_TOKEN,
};

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn credentials_file(home: &Path) -> PathBuf {
    home.join(".alibabacloud").join("credentials")
}

fn cli_config(home: &Path) -> PathBuf {
    home.join(".aliyun").join("config.json")
}

const FILE_DEFAULT: &str =
    "[default]\ntype = access_key\naccess_key_id = file-id\naccess_key_secret = file-secret\n";

const CLI_AK: &str = r#"{"current":"default","profiles":[
  {"name":"default","mode":"AK","access_key_id":"cli-id","access_key_secret":"cli-secret","region_id":"cn-hangzhou"},
  {"name":"dev","mode":"StsToken","access_key_id":"sts-id","access_key_secret":"sts-secret","sts_token":"sts-token"}
]}"#;

fn env(vars: &[(&str, &str)], home: &Path) -> Environment {
    Environment::new(vars.iter().copied(), Some(home.to_owned()))
}

fn keys() -> [(&'static str, &'static str); 2] {
    [
        (ENV_ACCESS_KEY_ID, "env-id"),
        (ENV_ACCESS_KEY_SECRET, "env-secret"),
    ]
}

crate::scenarios! {
    /// The environment alone, with and without an STS token.
    async fn the_environment_alone() {
        let home = tempfile::tempdir().unwrap();
        let found = find(&env(&keys(), home.path())).unwrap().unwrap();
        assert_eq!(found.source, CredentialSource::Environment);
        assert_eq!(found.credentials.access_key_id, "env-id");
        assert_eq!(found.credentials.access_key_secret.expose(), "env-secret");
        assert_eq!(found.kind(), "AccessKey");
        let mut with_token = keys().to_vec();
        with_token.push((ENV_SECURITY_TOKEN, "env-token"));
        let found = find(&env(&with_token, home.path())).unwrap().unwrap();
        assert_eq!(found.credentials.security_token.unwrap().expose(), "env-token");
    }

    /// The credentials file alone: the default file and profile, then a named file and
    /// profile of type sts.
    async fn the_credentials_file_alone() {
        let home = tempfile::tempdir().unwrap();
        write(&credentials_file(home.path()), FILE_DEFAULT);
        let found = find(&env(&[], home.path())).unwrap().unwrap();
        assert_eq!(found.credentials.access_key_id, "file-id");
        assert_eq!(
            found.source,
            CredentialSource::CredentialsFile { path: credentials_file(home.path()), profile: "default".into() }
        );

        let elsewhere = home.path().join("team").join("creds.ini");
        write(
            &elsewhere,
            "[default]\naccess_key_id = no\naccess_key_secret = no\n\n[prod]\ntype = sts\naccess_key_id = prod-id\naccess_key_secret = prod-secret\nsecurity_token = prod-token\n",
        );
        let vars = [(ENV_CREDENTIALS_FILE, elsewhere.to_str().unwrap()), (ENV_PROFILE, "prod")];
        let found = find(&env(&vars, home.path())).unwrap().unwrap();
        assert_eq!(found.credentials.access_key_id, "prod-id");
        assert_eq!(found.credentials.security_token.unwrap().expose(), "prod-token");
        assert!(found.source.to_string().contains("profile prod"));
    }

    /// The aliyun CLI configuration alone: the current profile, AK or StsToken.
    async fn the_aliyun_cli_configuration_alone() {
        let home = tempfile::tempdir().unwrap();
        write(&cli_config(home.path()), CLI_AK);
        let found = find(&env(&[], home.path())).unwrap().unwrap();
        assert_eq!(found.credentials.access_key_id, "cli-id");
        assert!(found.credentials.security_token.is_none());
        assert_eq!(
            found.source,
            CredentialSource::AliyunCli { path: cli_config(home.path()), profile: "default".into() }
        );
        write(&cli_config(home.path()), &CLI_AK.replace(r#""current":"default""#, r#""current":"dev""#));
        let found = find(&env(&[], home.path())).unwrap().unwrap();
        assert_eq!(found.credentials.access_key_id, "sts-id");
        assert_eq!(found.kind(), "STS");
        assert_eq!(found.credentials.security_token.unwrap().expose(), "sts-token");
    }

    /// Environment before the credentials file before the aliyun CLI; none at all is none.
    async fn sources_are_tried_in_order() {
        let home = tempfile::tempdir().unwrap();
        assert!(find(&env(&[], home.path())).unwrap().is_none());
        write(&cli_config(home.path()), CLI_AK);
        write(&credentials_file(home.path()), FILE_DEFAULT);
        let all = find(&env(&keys(), home.path())).unwrap().unwrap();
        assert_eq!(all.credentials.access_key_id, "env-id");
        let file_and_cli = find(&env(&[], home.path())).unwrap().unwrap();
        assert_eq!(file_and_cli.credentials.access_key_id, "file-id");
        std::fs::remove_file(credentials_file(home.path())).unwrap();
        let cli = find(&env(&[], home.path())).unwrap().unwrap();
        assert_eq!(cli.credentials.access_key_id, "cli-id");
        // No home directory: only the environment can answer.
        assert!(find(&Environment::new(Vec::<(String, String)>::new(), None)).unwrap().is_none());
    }

    /// A source that is there but broken stops the chain with an error that names the
    /// file, profile or variable, never a value.
    async fn broken_sources_are_errors_that_show_no_values() {
        let home = tempfile::tempdir().unwrap();
        let missing = home.path().join("nope.ini");
        let error = find(&env(&[(ENV_CREDENTIALS_FILE, missing.to_str().unwrap())], home.path()))
            .unwrap_err()
            .to_string();
        assert!(error.contains("nope.ini"), "{error}");

        write(&credentials_file(home.path()), FILE_DEFAULT);
        let error = find(&env(&[(ENV_PROFILE, "staging")], home.path())).unwrap_err().to_string();
        assert!(error.contains("no profile staging"), "{error}");

        write(&credentials_file(home.path()), "[default]\ntype = sts\naccess_key_id = i\naccess_key_secret = hidden-file-secret\n");
        let error = find(&env(&[], home.path())).unwrap_err().to_string();
        assert!(error.contains("security_token is missing"), "{error}");
        assert!(!error.contains("hidden-file-secret"));

        write(&credentials_file(home.path()), "[default]\nhidden-ini-secret\n");
        let error = find(&env(&[], home.path())).unwrap_err().to_string();
        assert!(error.contains("line 2") && !error.contains("hidden-ini-secret"), "{error}");
        std::fs::remove_file(credentials_file(home.path())).unwrap();

        write(&cli_config(home.path()), r#"{"current":"role","profiles":[{"name":"role","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b"}]}"#);
        let error = find(&env(&[], home.path())).unwrap_err().to_string();
        assert!(error.contains("mode RamRoleArn"), "{error}");

        write(&cli_config(home.path()), r#"{"current":"gone","profiles":[{"name":"default","mode":"AK","access_key_id":"a","access_key_secret":"b"}]}"#);
        let error = find(&env(&[], home.path())).unwrap_err().to_string();
        assert!(error.contains("no profile gone"), "{error}");

        write(&cli_config(home.path()), r#"{"profiles": "hidden-json-secret"}"#);
        let error = find(&env(&[], home.path())).unwrap_err().to_string();
        assert!(error.contains("malformed") && !error.contains("hidden-json-secret"), "{error}");

        let error = find(&env(&[(ENV_ACCESS_KEY_ID, "only-id")], home.path())).unwrap_err().to_string();
        assert!(error.contains(ENV_ACCESS_KEY_SECRET) && !error.contains("only-id"), "{error}");
    }
}
