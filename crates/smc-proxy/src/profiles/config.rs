//! The profiles file of `smc-proxy serve --config FILE`:
//!
//! ```toml
//! default = "prod"                  # else the first profile
//!
//! [profiles.prod]
//! credentials_profile = "prod"      # of ~/.alibabacloud/credentials or ~/.aliyun/config.json
//! label = "Production"
//! region = "cn-hangzhou"
//! rate = 5                          # upstream calls per second
//! users = ["alice", "bob"]          # else every admitted user
//!
//! [profiles.test]
//! credentials_profile = "test"
//! endpoint = "https://smc.aliyuncs.com/"
//! ```
//!
//! Secrets never belong here: a key named like one is refused. Every error names the line
//! and the field, never a value of the file (a misplaced secret must not reach a log).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::{Deserializer, Error as _};
use serde::Deserialize;
use toml::Spanned;

use crate::identity::User;
use crate::settings::valid_region;
use crate::sharing::rate::Rate;
use crate::upstream::parse_endpoint;

/// The longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 100;

/// The most upstream calls per second a profile may be given (as `--rate`).
pub const MAX_RATE: f64 = 10_000.0;

/// One profile of the file, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEntry {
    /// Its name (the `NAME` of `[profiles.NAME]`).
    pub name: String,
    /// The profile of the credentials file or the aliyun CLI to sign with (default: the
    /// profile's own name).
    pub credentials_profile: String,
    /// Its endpoint, when not the default one.
    pub endpoint: Option<String>,
    /// The `RegionId` its calls get when the browser sends none.
    pub region: Option<String>,
    /// What people call the account.
    pub label: Option<String>,
    /// Its upstream calls per second.
    pub rate: Option<Rate>,
    /// Who may use it; `None`: every user the proxy admits.
    pub users: Option<Vec<User>>,
    /// The line its table starts on.
    pub line: usize,
}

/// The file, checked: its profiles in the file's order, and the default one.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfilesFile {
    /// The profiles, as written.
    pub profiles: Vec<ProfileEntry>,
    /// The default profile's name.
    pub default: String,
}

/// Why the file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// It could not be read.
    #[error("cannot read the profiles file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A field breaks a rule.
    #[error("{}, line {line}: {field}: {rule}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// The field (`profiles.prod.rate`), or `the file`.
        field: String,
        /// The rule it breaks.
        rule: String,
    },
}

/// Reads and checks the profiles file at `path`.
pub fn load(path: &Path) -> Result<ProfilesFile, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text).map_err(|problem| ConfigError::Invalid {
        path: path.to_owned(),
        line: problem.line,
        field: problem.field,
        rule: problem.rule,
    })
}

/// What is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line, from 1.
    pub line: usize,
    /// The field.
    pub field: String,
    /// The rule.
    pub rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default: Option<Spanned<String>>,
    #[serde(default)]
    profiles: BTreeMap<String, Spanned<RawProfile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    credentials_profile: Option<Spanned<String>>,
    endpoint: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    rate: Option<Spanned<f64>>,
    users: Option<Spanned<Vec<Spanned<String>>>>,
    // Keys that would hold credentials: refused by name, their values never read.
    #[serde(default, rename = "access_key_id")]
    _access_key_id: Option<Refused>,
    #[serde(default, rename = "access_key_secret")]
    _access_key_secret: Option<Refused>,
    #[serde(default, rename = "security_token")]
    _security_token: Option<Refused>,
    #[serde(default, rename = "sts_token")]
    _sts_token: Option<Refused>,
}

/// A key credentials would sit under: its presence is the error.
struct Refused;

impl<'de> Deserialize<'de> for Refused {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(D::Error::custom(
            "credentials never go in this file: name a credentials_profile of \
             ~/.alibabacloud/credentials or ~/.aliyun/config.json",
        ))
    }
}

/// Reads and checks the text of a profiles file.
pub fn parse(text: &str) -> Result<ProfilesFile, Problem> {
    let raw: RawFile = toml::from_str(text).map_err(|error| {
        let start = error.span().map_or(0, |span| span.start);
        Problem {
            line: line_of(text, start),
            field: field_at(text, start),
            rule: error.message().trim().to_owned(),
        }
    })?;
    let at = |start: usize, field: String, rule: String| Problem {
        line: line_of(text, start),
        field,
        rule,
    };
    let mut tables: Vec<(String, Spanned<RawProfile>)> = raw.profiles.into_iter().collect();
    tables.sort_by_key(|(_, table)| table.span().start);
    let mut profiles = Vec::with_capacity(tables.len());
    for (name, table) in tables {
        let start = table.span().start;
        let field = |key: &str| format!("profiles.{name}.{key}");
        smc_core::profile::validate_profile_name(&name)
            .map_err(|error| at(start, format!("profiles.{name}"), error.rule))?;
        let raw = table.into_inner();
        let credentials_profile = match raw.credentials_profile {
            Some(value) => {
                let span = value.span().start;
                let value = value.into_inner();
                if value.is_empty() || value.chars().any(char::is_control) {
                    return Err(at(
                        span,
                        field("credentials_profile"),
                        "must be a profile name".to_owned(),
                    ));
                }
                value
            }
            None => name.clone(),
        };
        let endpoint = raw
            .endpoint
            .map(|value| {
                let span = value.span().start;
                parse_endpoint(value.get_ref())
                    .map(|_| value.into_inner())
                    .map_err(|error| at(span, field("endpoint"), endpoint_rule(&error)))
            })
            .transpose()?;
        let region = raw
            .region
            .map(|value| {
                if valid_region(value.get_ref()) {
                    Ok(value.into_inner())
                } else {
                    Err(at(
                        value.span().start,
                        field("region"),
                        "a region ID is lower-case letters, digits and dashes (cn-hangzhou)"
                            .to_owned(),
                    ))
                }
            })
            .transpose()?;
        let label = raw
            .label
            .map(|value| {
                let text = value.get_ref();
                let count = text.chars().count();
                if text.trim().is_empty()
                    || count > MAX_LABEL_CHARS
                    || text.chars().any(char::is_control)
                {
                    Err(at(
                        value.span().start,
                        field("label"),
                        format!(
                            "must be 1 to {MAX_LABEL_CHARS} characters without control characters"
                        ),
                    ))
                } else {
                    Ok(value.into_inner())
                }
            })
            .transpose()?;
        let rate = raw
            .rate
            .map(|value| {
                checked_rate(*value.get_ref())
                    .map_err(|rule| at(value.span().start, field("rate"), rule))
            })
            .transpose()?;
        let users = raw
            .users
            .map(|list| {
                let start = list.span().start;
                let list = list.into_inner();
                if list.is_empty() {
                    return Err(at(
                        start,
                        field("users"),
                        "an empty list admits nobody: list users, or leave the key out to \
                         admit every user"
                            .to_owned(),
                    ));
                }
                list.into_iter()
                    .map(|user| {
                        User::new(user.get_ref()).map_err(|rule| {
                            at(user.span().start, field("users"), format!("a user {rule}"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        profiles.push(ProfileEntry {
            line: line_of(text, start),
            name,
            credentials_profile,
            endpoint,
            region,
            label,
            rate,
            users,
        });
    }
    let Some(first) = profiles.first() else {
        return Err(at(
            0,
            "profiles".to_owned(),
            "the file has no [profiles.NAME] table".to_owned(),
        ));
    };
    let default = match raw.default {
        Some(value) => {
            if !profiles.iter().any(|p| p.name == *value.get_ref()) {
                return Err(at(
                    value.span().start,
                    "default".to_owned(),
                    "must name one of the [profiles.NAME] tables".to_owned(),
                ));
            }
            value.into_inner()
        }
        None => first.name.clone(),
    };
    Ok(ProfilesFile { profiles, default })
}

/// A profile's rate: calls per second, above 0 (a profile without a limit leaves `rate`
/// out and `--rate 0` applies) and at most [`MAX_RATE`].
fn checked_rate(per_second: f64) -> Result<Rate, String> {
    if per_second.is_finite() && per_second > 0.0 && per_second <= MAX_RATE {
        Ok(Rate::per_second(per_second))
    } else {
        Err(format!(
            "must be a number of calls per second above 0 and at most {MAX_RATE}"
        ))
    }
}

fn endpoint_rule(error: &crate::upstream::UpstreamError) -> String {
    match error {
        crate::upstream::UpstreamError::Endpoint { reason, .. } => {
            format!("must be an http(s) URL: {reason}")
        }
        other => other.to_string(),
    }
}

/// The line (from 1) of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The dotted name of the key on the line of `offset`, under the table header above it:
/// keys only, never a value.
fn field_at(text: &str, offset: usize) -> String {
    let line = line_of(text, offset);
    let mut table = String::new();
    let mut key = String::new();
    for current in text.lines().take(line) {
        let current = current.trim();
        if let Some(header) = current.strip_prefix('[') {
            table = header.trim_end_matches(']').trim().to_owned();
            key.clear();
        } else if let Some((name, _)) = current.split_once('=') {
            key = name.trim().trim_matches('"').to_owned();
        } else {
            key.clear();
        }
    }
    match (table.is_empty(), key.is_empty()) {
        (true, true) => "the file".to_owned(),
        (true, false) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
default = "test"

[profiles.prod]
credentials_profile = "production"
label = "Production, Hangzhou"
region = "cn-hangzhou"
rate = 5
users = ["alice", "bob"]

[profiles.test]
endpoint = "http://127.0.0.1:9000/"
rate = 0.5
"#;

    #[test]
    fn a_file_reads_in_its_order_with_every_field() {
        let file = parse(FILE).unwrap();
        assert_eq!(file.default, "test");
        let [prod, test] = &file.profiles[..] else {
            panic!("two profiles: {file:?}");
        };
        assert_eq!(prod.name, "prod");
        assert_eq!(prod.credentials_profile, "production");
        assert_eq!(prod.label.as_deref(), Some("Production, Hangzhou"));
        assert_eq!(prod.region.as_deref(), Some("cn-hangzhou"));
        assert_eq!(prod.rate.map(|r| r.per_second), Some(5.0));
        let users: Vec<_> = prod.users.iter().flatten().map(User::as_str).collect();
        assert_eq!(users, ["alice", "bob"]);
        assert_eq!(prod.line, 4);
        assert_eq!(test.credentials_profile, "test", "the name by default");
        assert_eq!(test.users, None);
        assert_eq!(test.rate.map(|r| r.per_second), Some(0.5));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, MAX_RATE + 1.0] {
            assert!(checked_rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_first_profile_is_the_default_unless_named() {
        let file = parse("[profiles.b]\n[profiles.a]\n").unwrap();
        assert_eq!(file.default, "b");
        assert_eq!(file.profiles[1].name, "a");
    }

    fn problem(text: &str) -> Problem {
        parse(text).expect_err(text)
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        let cases = [
            ("[profiles.p]\nrate = -1\n", 2, "profiles.p.rate", "must be"),
            (
                "[profiles.p]\nrate = \"fast\"\n",
                2,
                "profiles.p.rate",
                "invalid type",
            ),
            (
                "[profiles.p]\n\nregion = \"CN\"\n",
                3,
                "profiles.p.region",
                "region ID",
            ),
            (
                "[profiles.p]\nendpoint = \"ftp://x/\"\n",
                2,
                "profiles.p.endpoint",
                "http",
            ),
            (
                "[profiles.p]\nusers = []\n",
                2,
                "profiles.p.users",
                "empty list",
            ),
            (
                "[profiles.p]\nusers = [\"ok\", \" x\"]\n",
                2,
                "profiles.p.users",
                "a user",
            ),
            (
                "[profiles.p]\nlabel = \"\"\n",
                2,
                "profiles.p.label",
                "1 to 100",
            ),
            (
                "[profiles.p]\ncolour = \"red\"\n",
                2,
                "profiles.p.colour",
                "unknown field",
            ),
            ("default = \"q\"\n[profiles.p]\n", 1, "default", "must name"),
            ("\n[profiles.\"a b\"]\n", 2, "profiles.a b", "may hold only"),
            ("x = 1\n", 1, "x", "unknown field"),
            ("", 1, "profiles", "no [profiles.NAME]"),
            ("[profiles.p]\nrate = \n", 2, "profiles.p.rate", ""),
        ];
        for (text, line, field, rule) in cases {
            let problem = problem(text);
            assert_eq!(problem.line, line, "{text:?}: {problem:?}");
            assert_eq!(problem.field, field, "{text:?}: {problem:?}");
            assert!(problem.rule.contains(rule), "{text:?}: {problem:?}");
        }
    }

    #[test]
    fn credentials_are_refused_without_repeating_them() {
        for key in [
            "access_key_secret",
            "access_key_id",
            "security_token",
            "sts_token",
        ] {
            let text = format!("[profiles.p]\nlabel = \"P\"\n{key} = \"hunter2-secret\"\n");
            let problem = problem(&text);
            assert_eq!(problem.line, 3, "{problem:?}");
            assert_eq!(problem.field, format!("profiles.p.{key}"));
            assert!(
                problem.rule.contains("credentials never go in this file"),
                "{problem:?}"
            );
            assert!(!format!("{problem:?}").contains("hunter2"), "{problem:?}");
        }
    }

    #[test]
    fn the_file_of_cargo_xtask_dev_reads() {
        let file = parse(include_str!("../../../../xtask/src/dev-profiles.toml")).unwrap();
        let names: Vec<_> = file.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["demo", "second"]);
        assert_eq!(file.default, "demo");
    }

    #[test]
    fn load_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profiles.toml");
        std::fs::write(&path, "[profiles.p]\nrate = 0\n").unwrap();
        let error = load(&path).unwrap_err().to_string();
        assert!(
            error.contains("profiles.toml, line 2: profiles.p.rate:"),
            "{error}"
        );
        assert!(load(&dir.path().join("absent.toml")).is_err());
    }
}
