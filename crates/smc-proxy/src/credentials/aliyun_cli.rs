//! The aliyun CLI's configuration, `~/.aliyun/config.json`: a list of profiles and the name
//! of the current one. Modes `AK` (a key pair) and `StsToken` (a key pair and `sts_token`)
//! can be signed with here; other modes need the CLI's own machinery.

use std::path::PathBuf;

use serde::Deserialize;

use super::{with_token, CredentialSource, CredentialsError, Environment, Found};

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    current: String,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(default)]
    name: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    access_key_id: String,
    #[serde(default)]
    access_key_secret: String,
    #[serde(default)]
    sts_token: String,
}

/// The current profile of `~/.aliyun/config.json`, if the file exists and has profiles.
pub fn find(env: &Environment) -> Result<Option<Found>, CredentialsError> {
    let Some((path, config)) = read_config(env)? else {
        return Ok(None);
    };
    if config.profiles.is_empty() {
        return Ok(None);
    }
    let name = if config.current.is_empty() {
        "default".to_owned()
    } else {
        config.current.clone()
    };
    match credentials_of(config, &path, &name)? {
        Some(found) => Ok(Some(found)),
        None => Err(CredentialsError::MissingProfile {
            path,
            profile: name,
        }),
    }
}

/// The profile `name` of `~/.aliyun/config.json`, if the file exists and has it.
pub fn find_named(env: &Environment, name: &str) -> Result<Option<Found>, CredentialsError> {
    match read_config(env)? {
        Some((path, config)) => credentials_of(config, &path, name),
        None => Ok(None),
    }
}

/// The configuration, if the file exists.
fn read_config(env: &Environment) -> Result<Option<(PathBuf, Config)>, CredentialsError> {
    let Some(home) = env.home() else {
        return Ok(None);
    };
    let path: PathBuf = home.join(".aliyun").join("config.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(CredentialsError::Read { path, source }),
    };
    // Only the position: serde_json's messages can quote a value, and a value may be a secret.
    let config: Config =
        serde_json::from_str(&text).map_err(|error| CredentialsError::Malformed {
            path: path.clone(),
            message: format!("line {}, column {}", error.line(), error.column()),
        })?;
    Ok(Some((path, config)))
}

/// The credentials of the profile `name`, if the configuration has it.
fn credentials_of(
    config: Config,
    path: &std::path::Path,
    name: &str,
) -> Result<Option<Found>, CredentialsError> {
    let Some(profile) = config.profiles.into_iter().find(|p| p.name == name) else {
        return Ok(None);
    };
    let path = path.to_owned();
    let name = name.to_owned();
    let needs_token = match profile.mode.as_str() {
        "AK" | "" => false,
        "StsToken" => true,
        other => {
            return Err(CredentialsError::Unsupported {
                path,
                profile: name,
                kind: format!("mode {other}"),
                supported: "mode AK or StsToken",
            })
        }
    };
    let missing = [
        ("access_key_id", profile.access_key_id.is_empty()),
        ("access_key_secret", profile.access_key_secret.is_empty()),
        ("sts_token", needs_token && profile.sts_token.is_empty()),
    ]
    .into_iter()
    .find_map(|(field, missing)| missing.then_some(field));
    if let Some(field) = missing {
        return Err(CredentialsError::Incomplete {
            source_name: format!("{}, profile {name}", path.display()),
            missing: field.to_owned(),
        });
    }
    let credentials =
        smc_core::sign::Credentials::new(profile.access_key_id, profile.access_key_secret);
    let token = needs_token.then_some(profile.sts_token.as_str());
    Ok(Some(Found {
        credentials: with_token(credentials, token),
        source: CredentialSource::AliyunCli {
            path,
            profile: name,
        },
    }))
}
