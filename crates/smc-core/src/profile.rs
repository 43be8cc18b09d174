//! Account profiles as the proxy offers them to the viewer: which accounts a caller may
//! look at, and how a call names one.
//!
//! A profile is the proxy's name for one Alibaba Cloud account (its credentials, region and
//! endpoint). The viewer only ever sees names and labels, never keys: `GET /api/profiles`
//! answers a [`ProfileList`], and a call picks its profile with the [`PROFILE_HEADER`].

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// The request header that picks a call's profile; without it the default profile answers.
pub const PROFILE_HEADER: &str = "X-Smc-Profile";

/// The longest profile name.
pub const MAX_PROFILE_NAME_CHARS: usize = 64;

/// One profile a caller may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    /// The name a call sends in [`PROFILE_HEADER`].
    pub name: String,
    /// What people call the account ("Production, Hangzhou"); the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl ProfileSummary {
    /// The text to show for this profile: its label, or its name.
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// The answer of `GET /api/profiles`: the profiles the caller may use, in the proxy's
/// order, and the one a call without [`PROFILE_HEADER`] uses (absent when the caller may
/// not use the default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileList {
    /// The profiles, never their keys.
    pub profiles: Vec<ProfileSummary>,
    /// The default profile's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// Checks a profile name: 1 to [`MAX_PROFILE_NAME_CHARS`] ASCII letters, digits, `-`, `_`
/// or `.`, so it is safe in a header, a URL and a log line as it is.
pub fn validate_profile_name(name: &str) -> Result<(), ValidationError> {
    let rule = if name.is_empty() {
        Some("must not be empty".to_owned())
    } else if name.len() > MAX_PROFILE_NAME_CHARS {
        Some(format!(
            "must be at most {MAX_PROFILE_NAME_CHARS} characters"
        ))
    } else if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        Some("may hold only ASCII letters, digits, '-', '_' and '.'".to_owned())
    } else {
        None
    };
    match rule {
        Some(rule) => Err(ValidationError::new("Profile", rule)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_with_the_rule_they_break() {
        assert!(validate_profile_name("prod-hz_1.a").is_ok());
        let long = "a".repeat(MAX_PROFILE_NAME_CHARS + 1);
        for (name, rule) in [
            ("", "must not be empty"),
            (long.as_str(), "must be at most 64 characters"),
            ("prod hz", "may hold only"),
            ("prød", "may hold only"),
        ] {
            let error = validate_profile_name(name).expect_err(name);
            assert_eq!(error.parameter, "Profile");
            assert!(error.rule.starts_with(rule), "{name:?}: {}", error.rule);
        }
    }

    #[test]
    fn the_list_reads_as_the_proxy_writes_it() {
        let list: ProfileList = serde_json::from_str(
            r#"{"profiles":[{"name":"prod","label":"Production"},{"name":"test"}],"default":"prod"}"#,
        )
        .unwrap();
        assert_eq!(list.profiles[0].display_label(), "Production");
        assert_eq!(list.profiles[1].display_label(), "test");
        assert_eq!(list.default.as_deref(), Some("prod"));
        let written = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<ProfileList>(&written).unwrap(), list);
    }
}
