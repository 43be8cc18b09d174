//! The filters a person sets, as changes to the one smc-core request, and the rules that
//! keep them valid. Every rule comes from smc-core's `validate()`: the UI says the same
//! thing the proxy would, before any request is sent.

use smc_core::{
    BusinessStatus, DescribeReplicationJobs, JobType, Status, Tag, TagFilter, ValidationError,
};

use crate::i18n::Texts;

/// One of the three id-list filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdList {
    /// `JobId.N`.
    JobId,
    /// `SourceId.N`.
    SourceId,
    /// `InstanceId.N`.
    InstanceId,
}

impl IdList {
    /// Every id list, in the order the filter bar shows them.
    pub const ALL: [IdList; 3] = [IdList::JobId, IdList::SourceId, IdList::InstanceId];

    /// The API's parameter name.
    pub fn param(self) -> &'static str {
        match self {
            IdList::JobId => "JobId",
            IdList::SourceId => "SourceId",
            IdList::InstanceId => "InstanceId",
        }
    }

    /// What a person calls one of its ids.
    pub fn label(self, texts: &Texts) -> &'static str {
        match self {
            IdList::JobId => texts.job_id,
            IdList::SourceId => texts.source_id,
            IdList::InstanceId => texts.instance_id,
        }
    }

    /// What a person calls the list: its input's label.
    pub fn plural_label(self, texts: &Texts) -> &'static str {
        match self {
            IdList::JobId => texts.job_ids,
            IdList::SourceId => texts.source_ids,
            IdList::InstanceId => texts.instance_ids,
        }
    }

    /// An example id, for placeholders.
    pub fn example(self) -> &'static str {
        match self {
            IdList::JobId => "j-bp19vlwm0tyigbmj0001",
            IdList::SourceId => "s-bp1e2fsl57knvuug0001",
            IdList::InstanceId => "i-bp1ff25rzvnul6kr0001",
        }
    }

    /// The ids of this list in `request`.
    pub fn ids(self, request: &DescribeReplicationJobs) -> &Vec<String> {
        match self {
            IdList::JobId => &request.job_ids,
            IdList::SourceId => &request.source_ids,
            IdList::InstanceId => &request.instance_ids,
        }
    }

    fn ids_mut(self, request: &mut DescribeReplicationJobs) -> &mut Vec<String> {
        match self {
            IdList::JobId => &mut request.job_ids,
            IdList::SourceId => &mut request.source_ids,
            IdList::InstanceId => &mut request.instance_ids,
        }
    }
}

/// Splits pasted text into ids: commas, semicolons, spaces and new lines all separate.
/// Repeats are dropped, order is kept.
pub fn split_ids(raw: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for id in raw.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let id = id.trim();
        if !id.is_empty() && !ids.iter().any(|seen| seen == id) {
            ids.push(id.to_owned());
        }
    }
    ids
}

/// Why a typed filter was not added.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterError {
    /// The id input held no id.
    NoIds(IdList),
    /// The tag input was empty.
    NoTag,
    /// The tag is a filter already.
    AlreadyAFilter(TagFilter),
    /// A rule of the API, as smc-core words it.
    Rule(ValidationError),
}

impl FilterError {
    /// The message under the input, in the language of `texts`. A rule names the
    /// parameter as the API does, in every language.
    pub fn describe(&self, texts: &Texts) -> String {
        match self {
            FilterError::NoIds(list) => (texts.type_ids)(list.plural_label(texts)),
            FilterError::NoTag => texts.type_tag.to_owned(),
            FilterError::AlreadyAFilter(tag) => {
                (texts.already_a_filter)(&tag_filter_label(tag, texts))
            }
            FilterError::Rule(error) => (texts.api_rule)(&error.parameter, &error.rule),
        }
    }
}

/// A tag filter as a person reads it: `env=prod`, `env` for any value, and empty parts
/// spelled out so they cannot be missed: `env = (empty)`, `(empty key) = v`.
pub fn tag_filter_label(tag: &TagFilter, texts: &Texts) -> String {
    let key = if tag.key.is_empty() {
        texts.empty_key
    } else {
        tag.key.as_str()
    };
    match tag.value.as_deref() {
        None => key.to_owned(),
        Some("") => format!("{key} = {}", texts.empty_value),
        Some(value) if tag.key.is_empty() => format!("{key} = {value}"),
        Some(value) => format!("{key}={value}"),
    }
}

/// Adds the ids in `raw` to a list. On success returns how many were new; otherwise the
/// request is unchanged and the error names the parameter and the rule broken.
pub fn add_ids(
    request: &mut DescribeReplicationJobs,
    list: IdList,
    raw: &str,
) -> Result<usize, FilterError> {
    let ids = split_ids(raw);
    if ids.is_empty() {
        return Err(FilterError::NoIds(list));
    }
    let mut candidate = request.clone();
    let existing = list.ids_mut(&mut candidate);
    let before = existing.len();
    existing.extend(ids.into_iter().filter(|id| !request_has(request, list, id)));
    let added = existing.len() - before;
    check(&candidate, list.param())?;
    *request = candidate;
    Ok(added)
}

fn request_has(request: &DescribeReplicationJobs, list: IdList, id: &str) -> bool {
    list.ids(request).iter().any(|existing| existing == id)
}

/// Reads a typed tag filter: `key=value`; `key=` for the key with the empty value; `key`
/// alone for any value of the key; `=value` for the empty key. Spaces around either part
/// are dropped.
pub fn parse_tag(raw: &str) -> Result<TagFilter, FilterError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FilterError::NoTag);
    }
    Ok(match raw.split_once('=') {
        Some((key, value)) => TagFilter::with_value(key.trim(), value.trim()),
        None => TagFilter::any_value(raw),
    })
}

/// Adds a tag filter, with the same rules as the API.
pub fn add_tag(
    request: &mut DescribeReplicationJobs,
    tag: TagFilter,
) -> Result<TagFilter, FilterError> {
    if request.tags.contains(&tag) {
        return Err(FilterError::AlreadyAFilter(tag));
    }
    let mut candidate = request.clone();
    candidate.tags.push(tag.clone());
    check(&candidate, "Tag")?;
    *request = candidate;
    Ok(tag)
}

/// A job's tag as the tag input reads it: `env=prod`, `owner=` for the empty value, `=v`
/// for the empty key. Choosing a job's tag hands this over, so the filter added is that
/// exact tag; exports write it too.
pub fn tag_label(tag: &Tag) -> String {
    format!("{}={}", tag.key, tag.value)
}

/// The first broken rule about `parameter` (or its elements), as smc-core words it.
fn check(candidate: &DescribeReplicationJobs, parameter: &str) -> Result<(), FilterError> {
    match candidate.validate() {
        Ok(()) => Ok(()),
        Err(errors) => match errors.about(parameter).next() {
            Some(error) => Err(FilterError::Rule(error.clone())),
            None => Ok(()),
        },
    }
}

/// One active filter, as a removable chip shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `Name`.
    Name(String),
    /// `Status`.
    Status(Status),
    /// `BusinessStatus`.
    BusinessStatus(BusinessStatus),
    /// `JobType`.
    JobType(JobType),
    /// `RegionId`.
    Region(String),
    /// `ResourceGroupId`.
    ResourceGroup(String),
    /// One id of an id list.
    Id(IdList, String),
    /// One tag.
    Tag(TagFilter),
}

impl Filter {
    /// `Status: Running`, `Tag: env=prod` (`状态：运行中`).
    pub fn label(&self, texts: &Texts) -> String {
        let (field, value) = match self {
            Filter::Name(name) => (texts.name, name.clone()),
            Filter::Status(status) => (texts.status_label, texts.status_name(status).to_owned()),
            Filter::BusinessStatus(status) => (
                texts.business_status_label,
                texts.business_status_name(status).to_owned(),
            ),
            Filter::JobType(job_type) => (texts.type_label, (texts.job_type)(*job_type).to_owned()),
            Filter::Region(region) => (texts.region, region.clone()),
            Filter::ResourceGroup(group) => (texts.resource_group, group.clone()),
            Filter::Id(list, id) => (list.label(texts), id.clone()),
            Filter::Tag(tag) => (texts.tag, tag_filter_label(tag, texts)),
        };
        (texts.filter_chip)(field, &value)
    }

    /// Removes this filter from `request`.
    pub fn remove_from(&self, request: &mut DescribeReplicationJobs) {
        match self {
            Filter::Name(_) => request.name = None,
            Filter::Status(_) => request.status = None,
            Filter::BusinessStatus(_) => request.business_status = None,
            Filter::JobType(_) => request.job_type = None,
            Filter::Region(_) => request.region_id = None,
            Filter::ResourceGroup(_) => request.resource_group_id = None,
            Filter::Id(list, id) => list.ids_mut(request).retain(|existing| existing != id),
            Filter::Tag(tag) => request.tags.retain(|existing| existing != tag),
        }
    }
}

/// Every filter set in `request`, in the order of the filter bar.
pub fn active_filters(request: &DescribeReplicationJobs) -> Vec<Filter> {
    let mut filters = Vec::new();
    filters.extend(request.name.clone().map(Filter::Name));
    filters.extend(request.status.clone().map(Filter::Status));
    filters.extend(request.business_status.clone().map(Filter::BusinessStatus));
    filters.extend(request.job_type.map(Filter::JobType));
    filters.extend(request.region_id.clone().map(Filter::Region));
    filters.extend(request.resource_group_id.clone().map(Filter::ResourceGroup));
    for list in IdList::ALL {
        filters.extend(
            list.ids(request)
                .iter()
                .map(|id| Filter::Id(list, id.clone())),
        );
    }
    filters.extend(request.tags.iter().cloned().map(Filter::Tag));
    filters
}

/// Removes every filter, keeping the page size (a preference, not a filter).
pub fn clear_filters(request: &DescribeReplicationJobs) -> DescribeReplicationJobs {
    DescribeReplicationJobs {
        page_size: request.page_size,
        ..DescribeReplicationJobs::default()
    }
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};

    /// What the input says after a failed add, in English.
    fn said<T: std::fmt::Debug>(result: Result<T, FilterError>) -> String {
        result.unwrap_err().describe(&EN_US)
    }

    #[test]
    fn pasted_ids_split_on_commas_spaces_and_new_lines() {
        assert_eq!(
            split_ids(" j-1, j-2\nj-3;j-4\tj-1 ,, "),
            ["j-1", "j-2", "j-3", "j-4"]
        );
        assert!(split_ids(" ,\n ").is_empty());
    }

    #[test]
    fn adding_ids_skips_known_ones_and_counts_new_ones() {
        let mut request = DescribeReplicationJobs::default();
        assert_eq!(add_ids(&mut request, IdList::JobId, "j-1 j-2"), Ok(2));
        assert_eq!(add_ids(&mut request, IdList::JobId, "j-2,j-3"), Ok(1));
        assert_eq!(request.job_ids, ["j-1", "j-2", "j-3"]);
        assert_eq!(
            said(add_ids(&mut request, IdList::SourceId, "  ")),
            "Type or paste one or more source server ids"
        );
        assert_eq!(
            add_ids(&mut request, IdList::SourceId, "  ")
                .unwrap_err()
                .describe(&ZH_CN),
            "请输入或粘贴一个或多个迁移源 ID"
        );
    }

    #[test]
    fn the_fifty_first_id_is_refused_with_the_api_rule_and_nothing_changes() {
        let mut request = DescribeReplicationJobs::default();
        let fifty: Vec<String> = (0..50).map(|i| format!("i-{i}")).collect();
        assert_eq!(
            add_ids(&mut request, IdList::InstanceId, &fifty.join(",")),
            Ok(50)
        );
        let error = add_ids(&mut request, IdList::InstanceId, "i-50 i-51").unwrap_err();
        assert_eq!(
            error.describe(&EN_US),
            "InstanceId: at most 50 ids (got 52)"
        );
        // Chinese names the parameter as the API does, and keeps smc-core's rule.
        assert_eq!(
            error.describe(&ZH_CN),
            "参数 InstanceId 不符合 API 规则：at most 50 ids (got 52)"
        );
        assert_eq!(request.instance_ids.len(), 50);
    }

    #[test]
    fn tags_read_key_value_key_alone_an_empty_value_or_an_empty_key() {
        assert_eq!(
            parse_tag(" env = prod "),
            Ok(TagFilter::with_value("env", "prod"))
        );
        assert_eq!(parse_tag("team"), Ok(TagFilter::any_value("team")));
        assert_eq!(parse_tag("team="), Ok(TagFilter::with_value("team", "")));
        assert_eq!(parse_tag(" team = "), Ok(TagFilter::with_value("team", "")));
        assert_eq!(parse_tag("=v"), Ok(TagFilter::with_value("", "v")));
        assert_eq!(parse_tag("="), Ok(TagFilter::with_value("", "")));
        assert_eq!(parse_tag("a=b=c"), Ok(TagFilter::with_value("a", "b=c")));
        assert!(parse_tag("  ").is_err());
    }

    #[test]
    fn a_job_tag_is_typed_so_it_reads_back_as_exactly_it() {
        for tag in [
            Tag::new("env", "prod"),
            Tag::new("owner", ""),
            Tag::new("", "v"),
        ] {
            let typed = tag_label(&tag);
            assert_eq!(parse_tag(&typed), Ok(TagFilter::from(&tag)), "{typed}");
            // Read as smc-core writes it, in English.
            let filter = TagFilter::from(&tag);
            assert_eq!(tag_filter_label(&filter, &EN_US), filter.to_string());
        }
        assert_eq!(tag_label(&Tag::new("owner", "")), "owner=");
    }

    #[test]
    fn tag_rules_are_the_api_rules() {
        let mut request = DescribeReplicationJobs::default();
        let mut add = |raw: &str| add_tag(&mut request, parse_tag(raw)?);
        assert_eq!(add("env=prod"), Ok(TagFilter::with_value("env", "prod")));
        assert_eq!(said(add("env=prod")), "env=prod is already a filter");
        // The empty value and any value are two filters.
        assert_eq!(add("env="), Ok(TagFilter::with_value("env", "")));
        assert_eq!(said(add("env =")), "env = (empty) is already a filter");
        assert_eq!(
            add("env =").unwrap_err().describe(&ZH_CN),
            "env = （空值） 已是筛选条件"
        );
        assert_eq!(add("env"), Ok(TagFilter::any_value("env")));
        assert_eq!(
            said(add("docs=https://wiki")),
            "Tag.4.Value: must not contain http:// or https://"
        );
        let long = format!("{}=x", "k".repeat(65));
        assert_eq!(
            said(add(&long)),
            "Tag.4.Key: at most 64 characters (got 65)"
        );
        for i in 3..20 {
            add(&format!("k{i}")).unwrap();
        }
        assert_eq!(said(add("one-more")), "Tag: at most 20 tags (got 21)");
        assert_eq!(request.tags.len(), 20);
    }

    #[test]
    fn chips_list_every_filter_and_remove_exactly_one() {
        let mut request = DescribeReplicationJobs {
            name: Some("web".into()),
            status: Some(Status::Running),
            job_type: Some(JobType::ServerMigration),
            source_ids: vec!["s-1".into(), "s-2".into()],
            tags: vec![
                TagFilter::with_value("env", "prod"),
                TagFilter::any_value("team"),
                TagFilter::with_value("owner", ""),
            ],
            page_size: Some(20),
            ..DescribeReplicationJobs::default()
        };
        let labels: Vec<String> = active_filters(&request)
            .iter()
            .map(|filter| filter.label(&EN_US))
            .collect();
        assert_eq!(
            labels,
            [
                "Name: web",
                "Status: Running",
                "Type: Server migration",
                "Source server ID: s-1",
                "Source server ID: s-2",
                "Tag: env=prod",
                "Tag: team",
                "Tag: owner = (empty)"
            ]
        );
        let chinese: Vec<String> = active_filters(&request)
            .iter()
            .map(|filter| filter.label(&ZH_CN))
            .collect();
        assert_eq!(chinese[1], "状态：运行中");
        assert_eq!(chinese[2], "类型：服务器迁移");
        assert_eq!(chinese[7], "标签：owner = （空值）");
        Filter::Id(IdList::SourceId, "s-1".into()).remove_from(&mut request);
        Filter::Tag(TagFilter::any_value("team")).remove_from(&mut request);
        assert_eq!(request.source_ids, ["s-2"]);
        assert_eq!(
            request.tags,
            [
                TagFilter::with_value("env", "prod"),
                TagFilter::with_value("owner", "")
            ]
        );
        let cleared = clear_filters(&request);
        assert!(active_filters(&cleared).is_empty());
        assert_eq!(cleared.page_size, Some(20));
    }
}
