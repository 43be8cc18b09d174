//! The filters a person sets, as changes to the one smc-core request, and the rules that
//! keep them valid. Every rule comes from smc-core's `validate()`: the UI says the same
//! thing the proxy would, before any request is sent.

use smc_core::{BusinessStatus, DescribeReplicationJobs, JobType, Status, Tag, TagFilter};

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

    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            IdList::JobId => "Job ID",
            IdList::SourceId => "Source server ID",
            IdList::InstanceId => "Instance ID",
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

/// Adds the ids in `raw` to a list. On success returns how many were new; otherwise the
/// request is unchanged and the error names the parameter and the rule broken.
pub fn add_ids(
    request: &mut DescribeReplicationJobs,
    list: IdList,
    raw: &str,
) -> Result<usize, String> {
    let ids = split_ids(raw);
    if ids.is_empty() {
        return Err(format!(
            "Type or paste one or more {}s",
            list.label().to_ascii_lowercase()
        ));
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
pub fn parse_tag(raw: &str) -> Result<TagFilter, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(
            "Type a tag as key=value, key= for the empty value, or key alone to match any value"
                .to_owned(),
        );
    }
    Ok(match raw.split_once('=') {
        Some((key, value)) => TagFilter::with_value(key.trim(), value.trim()),
        None => TagFilter::any_value(raw),
    })
}

/// Adds a tag filter, with the same rules as the API.
pub fn add_tag(request: &mut DescribeReplicationJobs, tag: TagFilter) -> Result<TagFilter, String> {
    if request.tags.contains(&tag) {
        return Err(format!("{tag} is already a filter"));
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
fn check(candidate: &DescribeReplicationJobs, parameter: &str) -> Result<(), String> {
    match candidate.validate() {
        Ok(()) => Ok(()),
        Err(errors) => match errors.about(parameter).next() {
            Some(error) => Err(error.to_string()),
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
    /// `Status: Running`, `Tag: env=prod`.
    pub fn label(&self) -> String {
        match self {
            Filter::Name(name) => format!("Name: {name}"),
            Filter::Status(status) => format!("Status: {}", status.label()),
            Filter::BusinessStatus(status) => format!("Business status: {}", status.label()),
            Filter::JobType(job_type) => format!("Type: {}", job_type.label()),
            Filter::Region(region) => format!("Region: {region}"),
            Filter::ResourceGroup(group) => format!("Resource group: {group}"),
            Filter::Id(list, id) => format!("{}: {id}", list.label()),
            Filter::Tag(tag) => format!("Tag: {tag}"),
        }
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
        assert!(add_ids(&mut request, IdList::SourceId, "  ")
            .unwrap_err()
            .contains("source server id"));
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
        assert_eq!(error, "InstanceId: at most 50 ids (got 52)");
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
        }
        assert_eq!(tag_label(&Tag::new("owner", "")), "owner=");
    }

    #[test]
    fn tag_rules_are_the_api_rules() {
        let mut request = DescribeReplicationJobs::default();
        let mut add = |raw: &str| add_tag(&mut request, parse_tag(raw)?);
        assert_eq!(add("env=prod"), Ok(TagFilter::with_value("env", "prod")));
        assert_eq!(add("env=prod").unwrap_err(), "env=prod is already a filter");
        // The empty value and any value are two filters.
        assert_eq!(add("env="), Ok(TagFilter::with_value("env", "")));
        assert_eq!(
            add("env =").unwrap_err(),
            "env = (empty) is already a filter"
        );
        assert_eq!(add("env"), Ok(TagFilter::any_value("env")));
        assert_eq!(
            add("docs=https://wiki").unwrap_err(),
            "Tag.4.Value: must not contain http:// or https://"
        );
        let long = format!("{}=x", "k".repeat(65));
        assert_eq!(
            add(&long).unwrap_err(),
            "Tag.4.Key: at most 64 characters (got 65)"
        );
        for i in 3..20 {
            add(&format!("k{i}")).unwrap();
        }
        assert_eq!(
            add("one-more").unwrap_err(),
            "Tag: at most 20 tags (got 21)"
        );
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
        let labels: Vec<String> = active_filters(&request).iter().map(Filter::label).collect();
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
