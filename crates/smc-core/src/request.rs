//! The `DescribeReplicationJobs` request: its parameters, their rules, and their wire form.
//!
//! The wire form numbers list elements from 1 (`JobId.1`, `Tag.1.Key`). A parameter sent
//! without a value is no filter, as the API documents: an empty scalar is the same as
//! leaving it out, and an empty list element keeps its number but selects nothing
//! (`JobId.1=&JobId.2=j-1` asks for `j-1`). The one value with a meaning when empty is
//! `Tag.N.Value`: a tag's value may be the empty string, so `Tag.N.Value=` asks for it,
//! while a `Tag.N.Key` without `Tag.N.Value` accepts any value (see [`TagFilter`]).

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::enums::{BusinessStatus, JobType, Status};
use crate::error::ValidationErrors;
use crate::tag_filter::TagFilter;
use crate::wire;

/// Largest `PageSize` the API accepts.
pub const MAX_PAGE_SIZE: i64 = 50;
/// `PageSize` when none is given.
pub const DEFAULT_PAGE_SIZE: i64 = 10;
/// Most ids in each of `JobId.N`, `SourceId.N`, `InstanceId.N`.
pub const MAX_IDS: usize = 50;
/// Most `Tag.N` filters.
pub const MAX_TAGS: usize = 20;
/// Longest tag key or value, in characters.
pub const MAX_TAG_LENGTH: usize = 64;

/// A `DescribeReplicationJobs` request. Every field is a filter; filters are ANDed and
/// `None` or `Some("")` in a scalar, an empty list and an empty id are no filter; a tag's
/// empty value is a value (see [`TagFilter`]).
///
/// Serde uses the API's names (`{"Status":"Running","JobId":["j-1"],"Tag":[{"Key":"env"}]}`),
/// which is the shape the JavaScript API takes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct DescribeReplicationJobs {
    /// The destination region (`cn-hangzhou`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_id: Option<String>,
    /// The exact job name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The primary status.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<Status>,
    /// The business status.
    #[serde(
        deserialize_with = "wire::opt_string_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub business_status: Option<BusinessStatus>,
    /// The kind of migration.
    #[serde(
        deserialize_with = "wire::opt_integer_enum",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_type: Option<JobType>,
    /// The page to return, from 1 (default 1).
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_number: Option<i64>,
    /// Jobs per page, 1 to 50 (default 10).
    #[serde(
        deserialize_with = "wire::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub page_size: Option<i64>,
    /// `JobId.N`: any of these jobs. An empty id keeps its place (its number on the wire)
    /// and selects nothing, as in `SourceId.N` and `InstanceId.N`.
    #[serde(rename = "JobId", skip_serializing_if = "Vec::is_empty")]
    pub job_ids: Vec<String>,
    /// `SourceId.N`: jobs of any of these source servers.
    #[serde(rename = "SourceId", skip_serializing_if = "Vec::is_empty")]
    pub source_ids: Vec<String>,
    /// `InstanceId.N`: jobs with any of these destination instances.
    #[serde(rename = "InstanceId", skip_serializing_if = "Vec::is_empty")]
    pub instance_ids: Vec<String>,
    /// The resource group (`rg-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_group_id: Option<String>,
    /// `Tag.N.Key` / `Tag.N.Value`: jobs carrying every one of these tags.
    #[serde(rename = "Tag", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagFilter>,
}

/// The three id-list parameters, by wire name, in the order requests write them.
pub const ID_LISTS: [&str; 3] = ["JobId", "SourceId", "InstanceId"];

impl DescribeReplicationJobs {
    /// The page number the service will use.
    pub fn effective_page_number(&self) -> i64 {
        self.page_number.unwrap_or(1)
    }

    /// The page size the service will use.
    pub fn effective_page_size(&self) -> i64 {
        self.page_size.unwrap_or(DEFAULT_PAGE_SIZE)
    }

    /// Checks every rule of the API and returns every violation at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if let Some(status) = self.status.as_ref().filter(|s| !s.is_known()) {
            errors.push(
                "Status",
                unknown_value(status.as_str(), Status::KNOWN.iter().map(Status::as_str)),
            );
        }
        if let Some(status) = self.business_status.as_ref().filter(|s| !s.is_known()) {
            errors.push(
                "BusinessStatus",
                unknown_value(
                    status.as_str(),
                    BusinessStatus::KNOWN.iter().map(BusinessStatus::as_str),
                ),
            );
        }
        if let Some(job_type) = self.job_type.filter(|t| !t.is_known()) {
            let known: Vec<String> = JobType::KNOWN
                .iter()
                .map(|t| t.code().to_string())
                .collect();
            errors.push(
                "JobType",
                unknown_value(&job_type.to_string(), known.iter().map(String::as_str)),
            );
        }
        if let Some(page_number) = self.page_number.filter(|&n| n < 1) {
            errors.push(
                "PageNumber",
                format!("must be 1 or more (got {page_number})"),
            );
        }
        if let Some(page_size) = self.page_size.filter(|n| !(1..=MAX_PAGE_SIZE).contains(n)) {
            errors.push(
                "PageSize",
                format!("must be between 1 and {MAX_PAGE_SIZE} (got {page_size})"),
            );
        }
        for (name, ids) in ID_LISTS.iter().zip(self.id_lists()) {
            validate_ids(name, ids, &mut errors);
        }
        validate_tags(&self.tags, &mut errors);
        errors.into_result(())
    }

    fn id_lists(&self) -> [&Vec<String>; 3] {
        [&self.job_ids, &self.source_ids, &self.instance_ids]
    }

    fn id_lists_mut(&mut self) -> [&mut Vec<String>; 3] {
        [
            &mut self.job_ids,
            &mut self.source_ids,
            &mut self.instance_ids,
        ]
    }

    /// The request's parameters as the API names them, in the API page's order; absent
    /// filters are left out. Common and signing parameters are not included.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let scalars = [
            ("RegionId", self.region_id.clone()),
            ("Name", self.name.clone()),
            ("Status", self.status.as_ref().map(|s| s.as_str().into())),
            (
                "BusinessStatus",
                self.business_status.as_ref().map(|s| s.as_str().into()),
            ),
            ("JobType", self.job_type.map(|t| t.code().to_string())),
            ("PageNumber", self.page_number.map(|n| n.to_string())),
            ("PageSize", self.page_size.map(|n| n.to_string())),
        ];
        let mut params: Vec<(String, String)> = scalars
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_owned(), value.filter(|v| !v.is_empty())?)))
            .collect();
        for (list, ids) in ID_LISTS.iter().zip(self.id_lists()) {
            for (n, id) in (1..).zip(ids) {
                params.push((format!("{list}.{n}"), id.clone()));
            }
        }
        if let Some(group) = self.resource_group_id.as_ref().filter(|g| !g.is_empty()) {
            params.push(("ResourceGroupId".to_owned(), group.clone()));
        }
        for (n, tag) in (1..).zip(&self.tags) {
            params.push((format!("Tag.{n}.Key"), tag.key.clone()));
            // Without a value the filter is "any value of the key"; an empty one is a value.
            if let Some(value) = &tag.value {
                params.push((format!("Tag.{n}.Value"), value.clone()));
            }
        }
        params
    }

    /// The request as a URL query string (`Status=Running&JobId.1=j-1…`).
    pub fn to_query_string(&self) -> String {
        crate::encode::to_query_string(&self.to_params())
    }

    /// Reads a request from its parameters (for example a browser's query string, decoded).
    ///
    /// Strict, because a proxy must not guess: an unknown or repeated parameter, a list
    /// index out of range or with gaps, a `Tag.N.Value` without its `Tag.N.Key`, and a
    /// value that is not a number where one is needed are errors, together with every rule
    /// [`Self::validate`] checks. Empty values are no filter (but `Tag.N.Value=` is the
    /// empty value), and an empty list element still takes its number.
    pub fn from_params<I, K, V>(params: I) -> Result<Self, ValidationErrors>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut reader = ParamReader::default();
        for (name, value) in params {
            reader.read(name.as_ref(), value.as_ref());
        }
        reader.finish()
    }

    /// Reads a request from a URL query string (with or without the leading `?`).
    pub fn from_query_string(query: &str) -> Result<Self, ValidationErrors> {
        let query = query.strip_prefix('?').unwrap_or(query);
        match crate::encode::parse_form(query) {
            Ok(pairs) => Self::from_params(pairs),
            Err(pair) => {
                let mut errors = ValidationErrors::default();
                errors.push(pair, "is not valid UTF-8 once decoded");
                Err(errors)
            }
        }
    }
}

fn unknown_value<'a>(got: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    format!(
        "unknown value {got:?}; expected one of {}",
        known.join(", ")
    )
}

fn validate_ids(name: &str, ids: &[String], errors: &mut ValidationErrors) {
    if ids.len() > MAX_IDS {
        errors.push(name, format!("at most {MAX_IDS} ids (got {})", ids.len()));
    }
    // An empty id is no filter; one of white space alone is a mistake, not an id.
    for (index, id) in ids.iter().enumerate() {
        if !id.is_empty() && id.trim().is_empty() {
            errors.push(
                format!("{name}.{}", index + 1),
                "must not be only white space (leave it empty for no filter)",
            );
        }
    }
}

fn validate_tags(tags: &[TagFilter], errors: &mut ValidationErrors) {
    if tags.len() > MAX_TAGS {
        errors.push(
            "Tag",
            format!("at most {MAX_TAGS} tags (got {})", tags.len()),
        );
    }
    for (index, tag) in tags.iter().enumerate() {
        let parts = [("Key", Some(&tag.key)), ("Value", tag.value.as_ref())];
        let given = parts
            .into_iter()
            .filter_map(|(part, text)| text.map(|text| (part, text)));
        for (part, text) in given {
            let parameter = format!("Tag.{}.{part}", index + 1);
            let length = text.chars().count();
            if length > MAX_TAG_LENGTH {
                errors.push(
                    parameter.clone(),
                    format!("at most {MAX_TAG_LENGTH} characters (got {length})"),
                );
            }
            if contains_url_scheme(text) {
                errors.push(parameter, "must not contain http:// or https://");
            }
        }
    }
}

fn contains_url_scheme(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("http://") || lower.contains("https://")
}

/// A parameter that is not a list: its name, and how its value goes into a request.
struct Scalar {
    name: &'static str,
    /// Sets the value (empty means no filter); `Err` is the rule it breaks.
    set: fn(&mut DescribeReplicationJobs, &str) -> Result<(), String>,
}

/// Every parameter that is not a list, in the order `to_params` writes them.
const SCALARS: [Scalar; 8] = [
    Scalar {
        name: "RegionId",
        set: |request, value| {
            request.region_id = text(value);
            Ok(())
        },
    },
    Scalar {
        name: "Name",
        set: |request, value| {
            request.name = text(value);
            Ok(())
        },
    },
    Scalar {
        name: "Status",
        set: |request, value| {
            request.status = text(value).map(|v| Status::parse(&v));
            Ok(())
        },
    },
    Scalar {
        name: "BusinessStatus",
        set: |request, value| {
            request.business_status = text(value).map(|v| BusinessStatus::parse(&v));
            Ok(())
        },
    },
    Scalar {
        name: "JobType",
        set: |request, value| {
            request.job_type = integer(value)?.map(JobType::from_code);
            Ok(())
        },
    },
    Scalar {
        name: "PageNumber",
        set: |request, value| {
            request.page_number = integer(value)?;
            Ok(())
        },
    },
    Scalar {
        name: "PageSize",
        set: |request, value| {
            request.page_size = integer(value)?;
            Ok(())
        },
    },
    Scalar {
        name: "ResourceGroupId",
        set: |request, value| {
            request.resource_group_id = text(value);
            Ok(())
        },
    },
];

/// A text parameter: empty is no filter.
fn text(value: &str) -> Option<String> {
    Some(value.to_owned()).filter(|v| !v.is_empty())
}

/// An integer parameter: empty is no filter.
fn integer(value: &str) -> Result<Option<i64>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| format!("must be an integer (got {value:?})"))
}

/// The rule a parameter given twice breaks.
const REPEATED: &str = "is given more than once";

/// Collects parameters one by one, noting every problem, then builds the request.
#[derive(Default)]
struct ParamReader {
    request: DescribeReplicationJobs,
    /// Which of [`SCALARS`] were given, by their place there.
    given: [bool; SCALARS.len()],
    /// Each id list's elements by number, in `ID_LISTS` order.
    ids: [BTreeMap<usize, String>; 3],
    /// Each tag's key and value by number, as given.
    tags: BTreeMap<usize, (Option<String>, Option<String>)>,
    errors: ValidationErrors,
}

impl ParamReader {
    fn read(&mut self, name: &str, value: &str) {
        match SCALARS.iter().position(|scalar| scalar.name == name) {
            Some(index) if self.given[index] => self.errors.push(name, REPEATED),
            Some(index) => {
                self.given[index] = true;
                if let Err(rule) = (SCALARS[index].set)(&mut self.request, value) {
                    self.errors.push(name, rule);
                }
            }
            None => self.read_numbered(name, value),
        }
    }

    fn read_numbered(&mut self, name: &str, value: &str) {
        if let Some((list, index)) = ID_LISTS.iter().enumerate().find_map(|(list, prefix)| {
            let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
            Some((list, rest))
        }) {
            if let Some(n) = self.list_index(name, index, MAX_IDS) {
                match self.ids[list].entry(n) {
                    Entry::Occupied(_) => self.errors.push(name, REPEATED),
                    Entry::Vacant(slot) => {
                        slot.insert(value.to_owned());
                    }
                }
            }
            return;
        }
        if let Some(rest) = name.strip_prefix("Tag.") {
            let parsed = rest
                .rsplit_once('.')
                .filter(|(_, part)| matches!(*part, "Key" | "Value"));
            if let Some((index, part)) = parsed {
                if let Some(n) = self.list_index(name, index, MAX_TAGS) {
                    let (key, tag_value) = self.tags.entry(n).or_default();
                    let slot = if part == "Key" { key } else { tag_value };
                    if slot.is_some() {
                        self.errors.push(name, REPEATED);
                    } else {
                        *slot = Some(value.to_owned());
                    }
                }
                return;
            }
        }
        self.errors
            .push(name, "is not a parameter of DescribeReplicationJobs");
    }

    /// Reads the `N` of `Name.N`: a number from 1 to `max`, in digits only and without
    /// leading zeros (so neither `JobId.01` nor `JobId.+1` can name the same element as
    /// `JobId.1`: `usize::from_str` takes a `+`).
    fn list_index(&mut self, name: &str, index: &str, max: usize) -> Option<usize> {
        let parsed = Some(index)
            .filter(|i| i.bytes().all(|b| b.is_ascii_digit()) && !i.starts_with('0'))
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|n| (1..=max).contains(n));
        if parsed.is_none() {
            self.errors
                .push(name, format!("N must be a number from 1 to {max}"));
        }
        parsed
    }

    fn finish(mut self) -> Result<DescribeReplicationJobs, ValidationErrors> {
        let lists = std::mem::take(&mut self.ids);
        for ((name, ids), target) in ID_LISTS.iter().zip(lists).zip(self.request.id_lists_mut()) {
            *target = without_gaps(name, "", ids, &mut self.errors);
        }
        let tags = std::mem::take(&mut self.tags);
        let tags = without_gaps("Tag", ".Key", tags, &mut self.errors);
        for (n, (key, value)) in (1..).zip(tags) {
            if key.is_none() {
                self.errors.push(
                    format!("Tag.{n}.Key"),
                    format!(
                        "is missing but Tag.{n}.Value is given: a tag filter needs its key \
                         (which may be empty)"
                    ),
                );
            }
            // Kept even without its key, so the rules checked next name the right `N`.
            let key = key.unwrap_or_default();
            self.request.tags.push(TagFilter { key, value });
        }
        if let Err(rules) = self.request.validate() {
            self.errors.0.extend(rules);
        }
        self.errors.into_result(self.request)
    }
}

/// Lists are numbered from 1 without gaps; a gap is reported at the first missing number.
fn without_gaps<T>(
    name: &str,
    suffix: &str,
    numbered: BTreeMap<usize, T>,
    errors: &mut ValidationErrors,
) -> Vec<T> {
    let mut items = Vec::with_capacity(numbered.len());
    for (expected, (n, item)) in (1..).zip(numbered) {
        if n != expected {
            errors.push(
                format!("{name}.{expected}{suffix}"),
                format!(
                    "is missing but {name}.{n} is given: lists are numbered from 1 without gaps"
                ),
            );
            break;
        }
        items.push(item);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scalar_the_request_writes_is_checked_for_repeats() {
        let every_scalar = DescribeReplicationJobs {
            region_id: Some("cn-hangzhou".into()),
            name: Some("web".into()),
            resource_group_id: Some("rg-1".into()),
            status: Some(Status::Running),
            business_status: Some(BusinessStatus::Syncing),
            job_type: Some(JobType::from_code(1)),
            page_number: Some(2),
            page_size: Some(20),
            ..DescribeReplicationJobs::default()
        };
        let written: Vec<String> = every_scalar
            .to_params()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let names = SCALARS.map(|scalar| scalar.name);
        assert_eq!(written, names, "SCALARS must name what to_params writes");
        for name in names {
            let errors =
                DescribeReplicationJobs::from_params([(name, "1"), (name, "1")]).expect_err(name);
            assert!(
                errors
                    .iter()
                    .any(|e| e.parameter == name && e.rule.contains("more than once")),
                "{errors}"
            );
        }
    }
}
