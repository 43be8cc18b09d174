//! A tag as a request filter (`Tag.N.Key`, `Tag.N.Value`): a key, and a value that may be
//! left out.
//!
//! The API lets a tag's key and value each be the empty string, so "the key `env` with the
//! empty value" and "the key `env`, whatever its value" are different filters:
//! `Tag.1.Key=env&Tag.1.Value=` is the first, `Tag.1.Key=env` alone the second.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Tag;

/// One `Tag.N` filter. A job is selected when one of its tags has this key and, if a
/// value is given, this value.
///
/// Serde uses the API's names: `{"Key":"env"}` is any value of `env`,
/// `{"Key":"env","Value":""}` only the empty value. `Key` is required (it may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TagFilter {
    /// `Tag.N.Key`; may be empty.
    pub key: String,
    /// `Tag.N.Value`: `None` accepts any value of the key, `Some("")` only the empty value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl TagFilter {
    /// Jobs with the key `key`, whatever its value.
    pub fn any_value(key: impl Into<String>) -> Self {
        TagFilter {
            key: key.into(),
            value: None,
        }
    }

    /// Jobs with the key `key` whose value is exactly `value` (which may be empty).
    pub fn with_value(key: impl Into<String>, value: impl Into<String>) -> Self {
        TagFilter {
            key: key.into(),
            value: Some(value.into()),
        }
    }

    /// Whether `tag` is one this filter asks for: the same key and, when the filter has a
    /// value, the same value. Exact and case-sensitive.
    pub fn matches(&self, tag: &Tag) -> bool {
        tag.key == self.key && self.value.as_ref().is_none_or(|value| *value == tag.value)
    }

    /// Whether a job carrying `tags` is selected by this filter.
    pub fn selects(&self, tags: &[Tag]) -> bool {
        tags.iter().any(|tag| self.matches(tag))
    }
}

/// The filter as a person reads it: `env=prod`, `env` for any value, and empty parts
/// spelled out so they cannot be missed: `env = (empty)`, `(empty key) = v`.
impl fmt::Display for TagFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = if self.key.is_empty() {
            "(empty key)"
        } else {
            self.key.as_str()
        };
        match self.value.as_deref() {
            None => f.write_str(key),
            Some("") => write!(f, "{key} = (empty)"),
            Some(value) if self.key.is_empty() => write!(f, "{key} = {value}"),
            Some(value) => write!(f, "{key}={value}"),
        }
    }
}

/// The filter for exactly this tag: its key with its value, even an empty one.
impl From<&Tag> for TagFilter {
    fn from(tag: &Tag) -> Self {
        TagFilter::with_value(tag.key.clone(), tag.value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_value_is_a_value_and_a_missing_one_is_any() {
        let tags = [Tag::new("env", ""), Tag::new("team", "data")];
        assert!(TagFilter::any_value("env").selects(&tags));
        assert!(TagFilter::with_value("env", "").selects(&tags));
        assert!(!TagFilter::with_value("team", "").selects(&tags));
        assert!(TagFilter::any_value("team").selects(&tags));
        assert!(TagFilter::with_value("team", "data").selects(&tags));
        assert!(!TagFilter::with_value("team", "Data").selects(&tags));
        assert!(!TagFilter::any_value("owner").selects(&tags));
    }

    #[test]
    fn an_empty_key_is_a_key() {
        let tags = [Tag::new("", "orphan")];
        assert!(TagFilter::any_value("").selects(&tags));
        assert!(TagFilter::with_value("", "orphan").selects(&tags));
        assert!(!TagFilter::any_value("").selects(&[Tag::new("env", "")]));
    }

    #[test]
    fn a_job_tag_becomes_the_filter_for_exactly_it() {
        assert_eq!(
            TagFilter::from(&Tag::new("env", "")),
            TagFilter::with_value("env", "")
        );
    }

    #[test]
    fn labels_spell_out_empty_parts() {
        let labels: Vec<String> = [
            TagFilter::with_value("env", "prod"),
            TagFilter::any_value("env"),
            TagFilter::with_value("env", ""),
            TagFilter::with_value("", "v"),
            TagFilter::with_value("", ""),
            TagFilter::any_value(""),
        ]
        .iter()
        .map(TagFilter::to_string)
        .collect();
        assert_eq!(
            labels,
            [
                "env=prod",
                "env",
                "env = (empty)",
                "(empty key) = v",
                "(empty key) = (empty)",
                "(empty key)"
            ]
        );
    }

    #[test]
    fn serde_leaves_out_a_missing_value_and_keeps_an_empty_one() {
        let any = serde_json::to_string(&TagFilter::any_value("env")).unwrap();
        assert_eq!(any, r#"{"Key":"env"}"#);
        let empty = serde_json::to_string(&TagFilter::with_value("env", "")).unwrap();
        assert_eq!(empty, r#"{"Key":"env","Value":""}"#);
        for text in [any, empty] {
            let back: TagFilter = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), text);
        }
        let null: TagFilter = serde_json::from_str(r#"{"Key":"env","Value":null}"#).unwrap();
        assert_eq!(null, TagFilter::any_value("env"));
        let missing_key = serde_json::from_str::<TagFilter>(r#"{"Value":"v"}"#).unwrap_err();
        assert!(missing_key.to_string().contains("Key"), "{missing_key}");
    }
}
