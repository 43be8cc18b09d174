//! The `DescribeReplicationJobs` request: its parameters, their rules, and their wire form.
//!
//! The wire form numbers list elements from 1 (`JobId.1`, `Tag.1.Key`). An empty scalar
//! value means "no filter", as the API documents, so it is the same as leaving it out.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::enums::{BusinessStatus, JobType, Status};
use crate::error::{Quoted, ValidationErrors};
use crate::model::Tag;
use crate::numbered::Numbered;
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
/// `None` or an empty list is no filter.
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
    /// `JobId.N`: any of these jobs.
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
    /// `Tag.N.Key` / `Tag.N.Value`: jobs carrying every one of these tags (an empty value
    /// matches any value of the key).
    #[serde(rename = "Tag", skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
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
        self.wire_params()
            .into_iter()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }

    /// [`Self::to_params`] without copying the request's strings: signing, which runs for
    /// every call, borrows them.
    pub(crate) fn wire_params(&self) -> Vec<(Cow<'static, str>, Cow<'_, str>)> {
        let mut params: Vec<(Cow<'static, str>, Cow<'_, str>)> = Vec::with_capacity(32);
        let scalars = [
            ("RegionId", text(&self.region_id)),
            ("Name", text(&self.name)),
            (
                "Status",
                self.status.as_ref().map(|s| Cow::Borrowed(s.as_str())),
            ),
            (
                "BusinessStatus",
                self.business_status
                    .as_ref()
                    .map(|s| Cow::Borrowed(s.as_str())),
            ),
            ("JobType", number(self.job_type.map(JobType::code))),
            ("PageNumber", number(self.page_number)),
            ("PageSize", number(self.page_size)),
        ];
        for (name, value) in scalars {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                params.push((Cow::Borrowed(name), value));
            }
        }
        let names = wire_names();
        for ((name, ids), table) in ID_LISTS.iter().zip(self.id_lists()).zip(&names.ids) {
            for (index, id) in ids.iter().enumerate() {
                params.push((numbered_name(table, name, index + 1, ""), Cow::Borrowed(id)));
            }
        }
        if let Some(group) = text(&self.resource_group_id).filter(|g| !g.is_empty()) {
            params.push((Cow::Borrowed("ResourceGroupId"), group));
        }
        for (index, tag) in self.tags.iter().enumerate() {
            let n = index + 1;
            let key = numbered_name(&names.tag_keys, "Tag", n, ".Key");
            params.push((key, Cow::Borrowed(&tag.key)));
            if !tag.value.is_empty() {
                let value = numbered_name(&names.tag_values, "Tag", n, ".Value");
                params.push((value, Cow::Borrowed(&tag.value)));
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
    /// index out of range or with gaps, and a value that is not a number where one is
    /// needed are errors, together with every rule [`Self::validate`] checks.
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

/// The names of list elements and the text of small numbers, built once: every signature
/// needs some, and formatting them anew each time was a third of the cost of signing.
struct WireNames {
    /// `ids[list][n - 1]` is `JobId.n` (lists in `ID_LISTS` order) for `n` up to the limit.
    ids: [Vec<String>; 3],
    /// `tag_keys[n - 1]` is `Tag.n.Key`.
    tag_keys: Vec<String>,
    /// `tag_values[n - 1]` is `Tag.n.Value`.
    tag_values: Vec<String>,
    /// `small_numbers[n]` is `n` in decimal, for page sizes, job types and early pages.
    small_numbers: Vec<String>,
}

fn wire_names() -> &'static WireNames {
    static NAMES: OnceLock<WireNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let list = |prefix: &str, count: usize, suffix: &str| -> Vec<String> {
            (1..=count).map(|n| numbered(prefix, n, suffix)).collect()
        };
        WireNames {
            ids: ID_LISTS.map(|name| list(name, MAX_IDS, "")),
            tag_keys: list("Tag", MAX_TAGS, ".Key"),
            tag_values: list("Tag", MAX_TAGS, ".Value"),
            small_numbers: (0..=100).map(|n: u32| n.to_string()).collect(),
        }
    })
}

/// The name of element `n` of a list, borrowed from `table` when it is there (it is for
/// every valid request).
fn numbered_name(
    table: &'static [String],
    prefix: &str,
    n: usize,
    suffix: &str,
) -> Cow<'static, str> {
    match table.get(n - 1) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(numbered(prefix, n, suffix)),
    }
}

/// `JobId.3`, `Tag.2.Key`.
fn numbered(prefix: &str, n: usize, suffix: &str) -> String {
    let mut name = String::with_capacity(prefix.len() + suffix.len() + 4);
    name.push_str(prefix);
    name.push('.');
    push_decimal(&mut name, n);
    name.push_str(suffix);
    name
}

fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn text(value: &Option<String>) -> Option<Cow<'_, str>> {
    value.as_deref().map(Cow::Borrowed)
}

fn number(value: Option<i64>) -> Option<Cow<'static, str>> {
    let small = &wire_names().small_numbers;
    value.map(
        |n| match usize::try_from(n).ok().and_then(|i| small.get(i)) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned(n.to_string()),
        },
    )
}

fn unknown_value<'a>(got: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    format!(
        "unknown value {}; expected one of {}",
        Quoted(got),
        known.join(", ")
    )
}

fn validate_ids(name: &str, ids: &[String], errors: &mut ValidationErrors) {
    if ids.len() > MAX_IDS {
        errors.push(name, format!("at most {MAX_IDS} ids (got {})", ids.len()));
    }
    for (index, id) in ids.iter().enumerate() {
        if id.trim().is_empty() {
            errors.push(format!("{name}.{}", index + 1), "must not be empty");
        }
    }
}

fn validate_tags(tags: &[Tag], errors: &mut ValidationErrors) {
    if tags.len() > MAX_TAGS {
        errors.push(
            "Tag",
            format!("at most {MAX_TAGS} tags (got {})", tags.len()),
        );
    }
    for (index, tag) in tags.iter().enumerate() {
        for (part, text) in [("Key", &tag.key), ("Value", &tag.value)] {
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

/// The parameters that are not lists, in the order `to_params` writes them; each has its
/// bit of `ParamReader::given` by its place here.
const SCALARS: [&str; 8] = [
    "RegionId",
    "Name",
    "Status",
    "BusinessStatus",
    "JobType",
    "PageNumber",
    "PageSize",
    "ResourceGroupId",
];

/// The rule a parameter given twice breaks.
const REPEATED: &str = "is given more than once";

/// Collects parameters one by one, noting every problem, then builds the request.
///
/// A repeated parameter is found where its value goes (a bit for each scalar, the list
/// element's slot) rather than in a set of the names seen, which would cost a string and a
/// hash for every parameter of every call.
#[derive(Default)]
struct ParamReader {
    request: DescribeReplicationJobs,
    /// The scalars given so far, a bit each in `SCALARS` order.
    given: u8,
    ids: [Numbered<Option<String>>; 3],
    /// Each tag's key and value, as given.
    tags: Numbered<(Option<String>, Option<String>)>,
    errors: ValidationErrors,
}

impl ParamReader {
    fn read(&mut self, name: &str, value: &str) {
        if let Some(bit) = SCALARS.iter().position(|scalar| *scalar == name) {
            if self.given & (1 << bit) != 0 {
                self.errors.push(name, REPEATED);
                return;
            }
            self.given |= 1 << bit;
        }
        let text = || Some(value.to_owned()).filter(|v| !v.is_empty());
        match name {
            "RegionId" => self.request.region_id = text(),
            "Name" => self.request.name = text(),
            "ResourceGroupId" => self.request.resource_group_id = text(),
            "Status" => self.request.status = text().map(|v| Status::parse(&v)),
            "BusinessStatus" => {
                self.request.business_status = text().map(|v| BusinessStatus::parse(&v))
            }
            "JobType" => self.request.job_type = self.integer(name, value).map(JobType::from_code),
            "PageNumber" => self.request.page_number = self.integer(name, value),
            "PageSize" => self.request.page_size = self.integer(name, value),
            _ => self.read_numbered(name, value),
        }
    }

    fn integer(&mut self, name: &str, value: &str) -> Option<i64> {
        if value.is_empty() {
            return None;
        }
        match value.parse() {
            Ok(number) => Some(number),
            Err(_) => {
                self.errors
                    .push(name, format!("must be an integer (got {})", Quoted(value)));
                None
            }
        }
    }

    fn read_numbered(&mut self, name: &str, value: &str) {
        if let Some((list, index)) = ID_LISTS.iter().enumerate().find_map(|(list, prefix)| {
            let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
            Some((list, rest))
        }) {
            if let Some(n) = self.list_index(name, index, MAX_IDS) {
                let slot = self.ids[list].entry(n);
                fill(slot, name, value, &mut self.errors);
            }
            return;
        }
        if let Some(rest) = name.strip_prefix("Tag.") {
            let parsed = rest
                .rsplit_once('.')
                .filter(|(_, part)| matches!(*part, "Key" | "Value"));
            if let Some((index, part)) = parsed {
                if let Some(n) = self.list_index(name, index, MAX_TAGS) {
                    let (key, tag_value) = self.tags.entry(n);
                    let slot = if part == "Key" { key } else { tag_value };
                    fill(slot, name, value, &mut self.errors);
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
            let ids = without_gaps(name, "", ids, &mut self.errors);
            *target = ids.into_iter().flatten().collect();
        }
        let tags = std::mem::take(&mut self.tags);
        self.request.tags = without_gaps("Tag", ".Key", tags, &mut self.errors)
            .into_iter()
            .map(|(key, value)| Tag {
                key: key.unwrap_or_default(),
                value: value.unwrap_or_default(),
            })
            .collect();
        if let Err(rules) = self.request.validate() {
            self.errors.0.extend(rules);
        }
        self.errors.into_result(self.request)
    }
}

/// Puts `value` in a list element's `slot`, unless `name` gave it a value already.
fn fill(slot: &mut Option<String>, name: &str, value: &str, errors: &mut ValidationErrors) {
    if slot.is_some() {
        errors.push(name, REPEATED);
    } else {
        *slot = Some(value.to_owned());
    }
}

/// Lists are numbered from 1 without gaps; a gap is reported at the first missing number.
fn without_gaps<T>(
    name: &str,
    suffix: &str,
    numbered: Numbered<T>,
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
        assert_eq!(written, SCALARS, "SCALARS must name what to_params writes");
        for name in SCALARS {
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
