//! The Alibaba Cloud credentials file (`~/.alibabacloud/credentials`), an INI file of
//! profiles:
//!
//! ```ini
//! [default]
//! type = access_key            # or sts, with security_token
//! access_key_id = LTAI…
//! access_key_secret = …
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use smc_core::sign::Credentials;

use super::{
    with_token, CredentialSource, CredentialsError, Environment, Found, ENV_CREDENTIALS_FILE,
    ENV_PROFILE,
};

/// The profile used unless `ALIBABA_CLOUD_PROFILE` names another.
pub const DEFAULT_PROFILE: &str = "default";

/// The profiles of an INI file: section name to its keys (lower-cased) and values.
pub type Profiles = BTreeMap<String, BTreeMap<String, String>>;

/// The credentials file's profile, if the file exists. A file named by
/// `ALIBABA_CLOUD_CREDENTIALS_FILE` must exist, and a profile named by
/// `ALIBABA_CLOUD_PROFILE` must be in it; the default file and profile may be absent.
pub fn find(env: &Environment) -> Result<Option<Found>, CredentialsError> {
    let Some((path, profiles)) = read_file(env)? else {
        return Ok(None);
    };
    let (profile, explicit_profile) = match env.var(ENV_PROFILE) {
        Some(profile) => (profile.to_owned(), true),
        None => (DEFAULT_PROFILE.to_owned(), false),
    };
    if !profiles.contains_key(&profile) && explicit_profile {
        return Err(CredentialsError::MissingProfile { path, profile });
    }
    found(&profiles, path, &profile)
}

/// The profile `profile` of the credentials file, if the file exists and has it.
pub fn find_named(env: &Environment, profile: &str) -> Result<Option<Found>, CredentialsError> {
    match read_file(env)? {
        Some((path, profiles)) => found(&profiles, path, profile),
        None => Ok(None),
    }
}

/// The credentials file's profiles: the file `ALIBABA_CLOUD_CREDENTIALS_FILE` names (which
/// must exist), or the default one, if it exists.
fn read_file(env: &Environment) -> Result<Option<(PathBuf, Profiles)>, CredentialsError> {
    let (path, explicit_file) = match env.var(ENV_CREDENTIALS_FILE) {
        Some(path) => (PathBuf::from(path), true),
        None => match env.home() {
            Some(home) => (home.join(".alibabacloud").join("credentials"), false),
            None => return Ok(None),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit_file => {
            return Ok(None)
        }
        Err(source) => return Err(CredentialsError::Read { path, source }),
    };
    let profiles = parse_ini(&text).map_err(|message| CredentialsError::Malformed {
        path: path.clone(),
        message,
    })?;
    Ok(Some((path, profiles)))
}

/// The credentials of `profile`, if the file has it.
fn found(
    profiles: &Profiles,
    path: PathBuf,
    profile: &str,
) -> Result<Option<Found>, CredentialsError> {
    let Some(section) = profiles.get(profile) else {
        return Ok(None);
    };
    let credentials = read_profile(section, &path, profile)?;
    Ok(Some(Found {
        credentials,
        source: CredentialSource::CredentialsFile {
            path,
            profile: profile.to_owned(),
        },
    }))
}

/// The credentials of one profile: `type = access_key` (the default when keys are present)
/// or `type = sts`.
fn read_profile(
    section: &BTreeMap<String, String>,
    path: &std::path::Path,
    profile: &str,
) -> Result<Credentials, CredentialsError> {
    let field = |name: &str| {
        section
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let kind = field("type").unwrap_or("access_key");
    let needs_token = match kind {
        "access_key" => false,
        "sts" => true,
        other => {
            return Err(CredentialsError::Unsupported {
                path: path.to_owned(),
                profile: profile.to_owned(),
                kind: format!("type = {other}"),
                supported: "type = access_key or type = sts",
            })
        }
    };
    let require = |name: &str| {
        field(name).ok_or_else(|| CredentialsError::Incomplete {
            source_name: format!("{}, profile {profile}", path.display()),
            missing: name.to_owned(),
        })
    };
    let credentials = Credentials::new(require("access_key_id")?, require("access_key_secret")?);
    let token = if needs_token {
        Some(require("security_token")?)
    } else {
        None
    };
    Ok(with_token(credentials, token))
}

/// Reads an INI file: `[section]` headers, `key = value` lines (keys lower-cased, values
/// trimmed and unquoted), `#` and `;` comments. Errors name the line number only, because
/// the line may hold a secret.
pub fn parse_ini(text: &str) -> Result<Profiles, String> {
    let mut profiles = Profiles::new();
    let mut current: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let number = index + 1;
        if let Some(header) = line.strip_prefix('[') {
            let name = header
                .strip_suffix(']')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .ok_or_else(|| format!("line {number}: a section header is [name]"))?;
            profiles.entry(name.to_owned()).or_default();
            current = Some(name.to_owned());
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {number}: expected key = value"));
        };
        let Some(section) = current.as_ref() else {
            return Err(format!("line {number}: a key before any [section]"));
        };
        let value = unquote(value.trim());
        profiles
            .entry(section.clone())
            .or_default()
            .insert(key.trim().to_ascii_lowercase(), value.to_owned());
    }
    Ok(profiles)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_sections_keys_comments_and_quotes() {
        let profiles = parse_ini(
            "# comment\n[default]\nType = sts\naccess_key_id = \"a b\"\n; other\n[ prod ]\nx='y'\n",
        )
        .unwrap();
        assert_eq!(profiles["default"]["type"], "sts");
        assert_eq!(profiles["default"]["access_key_id"], "a b");
        assert_eq!(profiles["prod"]["x"], "y");
    }

    #[test]
    fn ini_errors_name_the_line_not_its_content() {
        let error = parse_ini("[default]\nsecret-value-without-equals\n").unwrap_err();
        assert_eq!(error, "line 2: expected key = value");
        assert!(parse_ini("key = value\n").unwrap_err().contains("line 1"));
        assert!(parse_ini("[unclosed\n").is_err());
    }

    #[test]
    fn unsupported_types_are_named() {
        let profiles = parse_ini("[default]\ntype = ecs_ram_role\nrole_name = r\n").unwrap();
        let error = read_profile(&profiles["default"], std::path::Path::new("c"), "default")
            .unwrap_err()
            .to_string();
        assert!(error.contains("ecs_ram_role"), "{error}");
    }
}
