//! The view's state in the URL, so a link reproduces it and back and forward work.
//!
//! The query string is the request itself, in the API's names
//! (`?Status=Running&Tag.1.Key=env&PageSize=20`); the open job is the fragment
//! (`#/jobs/j-…`). The account, when one is chosen, goes first as `profile=NAME`
//! (lower case, so it can never be taken for an API parameter). A link is read with smc-core's rules: whatever breaks one is dropped and
//! named, and the rest of the link still applies. A parameter without a value is no filter
//! and goes without a word, except `Tag.N.Value=`, the empty value of a tag.

use std::collections::BTreeMap;

use smc_core::encode::{form_decode, parse_form, percent_encode};
use smc_core::profile::validate_profile_name;
use smc_core::request::{ID_LISTS, MAX_IDS, MAX_TAGS};
use smc_core::{DescribeReplicationJobs, TagFilter, ValidationErrors};

use crate::filters::tag_filter_label;
use crate::i18n::Texts;

/// What a URL holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UrlState {
    /// Filters, page and page size.
    pub request: DescribeReplicationJobs,
    /// The job whose details are open.
    pub open_job: Option<String>,
    /// The account (proxy profile) looked at; the proxy's default when absent.
    pub profile: Option<String>,
}

/// A part of a link that was left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The part.
    pub part: LinkPart,
    /// Why it was left out.
    pub reason: DropReason,
}

/// A part of a link, as the notice names it.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkPart {
    /// Text of the link as it was: `PageSize=500`, `#/elsewhere`.
    Text(String),
    /// The tag numbered `n` in the link.
    Tag(usize, TagFilter),
    /// Every filter of the link taken together.
    Together,
}

/// Why a part of a link was left out.
#[derive(Debug, Clone, PartialEq)]
pub enum DropReason {
    /// Its text is not UTF-8.
    NotUtf8,
    /// The parameter came before.
    GivenTwice,
    /// The fragment is not a job's.
    NotAJobLink,
    /// `Tag.N.Value` without `Tag.N.Key`.
    NeedsItsKey(usize),
    /// An id list past its most.
    TooManyIds,
    /// Tags past their most.
    TooManyTags,
    /// smc-core's rules, in its words.
    Rules(String),
}

impl Dropped {
    fn new(part: impl Into<String>, reason: DropReason) -> Dropped {
        Dropped {
            part: LinkPart::Text(part.into()),
            reason,
        }
    }

    /// The part, as the notice names it: `Tag.1 (docs=https://wiki)`.
    pub fn part(&self, texts: &Texts) -> String {
        match &self.part {
            LinkPart::Text(text) => text.clone(),
            LinkPart::Tag(n, tag) => format!("Tag.{n} ({})", tag_filter_label(tag, texts)),
            LinkPart::Together => texts.link_filters_together.to_owned(),
        }
    }

    /// Why it was left out, in the language of `texts`; smc-core's rules as it words them.
    pub fn why(&self, texts: &Texts) -> String {
        match &self.reason {
            DropReason::NotUtf8 => texts.not_utf8.to_owned(),
            DropReason::GivenTwice => texts.given_twice.to_owned(),
            DropReason::NotAJobLink => (texts.not_a_job_link)(JOB_ROUTE),
            DropReason::NeedsItsKey(n) => (texts.needs_its_key)(&format!("Tag.{n}.Key")),
            DropReason::TooManyIds => (texts.too_many_ids)(MAX_IDS),
            DropReason::TooManyTags => (texts.too_many_tags)(MAX_TAGS),
            DropReason::Rules(rules) => rules.clone(),
        }
    }
}

const JOB_ROUTE: &str = "#/jobs/";
/// The query parameter naming the account.
const PROFILE_PARAM: &str = "profile";

impl UrlState {
    /// The query string, with its `?` (empty when nothing is set).
    pub fn search(&self) -> String {
        let profile = self
            .profile
            .as_ref()
            .map(|name| format!("{PROFILE_PARAM}={}", percent_encode(name)));
        let query = self.request.to_query_string();
        let parts: Vec<String> = profile
            .into_iter()
            .chain((!query.is_empty()).then_some(query))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The fragment, with its `#` (empty when no job is open).
    pub fn hash(&self) -> String {
        match &self.open_job {
            Some(job) => format!("{JOB_ROUTE}{}", percent_encode(job)),
            None => String::new(),
        }
    }

    /// Reads a URL's query string and fragment. Returns the state and, for each part that
    /// was dropped, the part and the rule it breaks.
    pub fn parse(search: &str, hash: &str) -> (UrlState, Vec<Dropped>) {
        let mut dropped = Vec::new();
        let (profile, search) = read_profile(search, &mut dropped);
        let request = read_request(&search, &mut dropped);
        let open_job = read_open_job(hash, &mut dropped);
        (
            UrlState {
                request,
                open_job,
                profile,
            },
            dropped,
        )
    }
}

/// Takes `profile=NAME` out of the query: the account when smc-core accepts the name, and
/// the rest of the query for the request.
fn read_profile(search: &str, dropped: &mut Vec<Dropped>) -> (Option<String>, String) {
    let query = search.strip_prefix('?').unwrap_or(search);
    let mut profile = None;
    let mut rest = Vec::new();
    for part in query.split('&') {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        if name != PROFILE_PARAM {
            rest.push(part);
            continue;
        }
        let Some(value) = form_decode(value) else {
            dropped.push(Dropped::new(part, DropReason::NotUtf8));
            continue;
        };
        if value.is_empty() {
            continue;
        }
        if profile.is_some() {
            dropped.push(Dropped::new(
                format!("{PROFILE_PARAM}={value}"),
                DropReason::GivenTwice,
            ));
        } else if let Err(error) = validate_profile_name(&value) {
            dropped.push(Dropped::new(
                format!("{PROFILE_PARAM}={value}"),
                DropReason::Rules(error.rule),
            ));
        } else {
            profile = Some(value);
        }
    }
    (profile, rest.join("&"))
}

fn read_open_job(hash: &str, dropped: &mut Vec<Dropped>) -> Option<String> {
    if hash.is_empty() || hash == "#" || hash == "#/" {
        return None;
    }
    let id = hash
        .strip_prefix(JOB_ROUTE)
        .and_then(smc_core::encode::form_decode);
    match id
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
    {
        Some(id) => Some(id),
        None => {
            dropped.push(Dropped::new(hash, DropReason::NotAJobLink));
            None
        }
    }
}

/// Where a parameter goes: a scalar, or element `n` of a list.
enum Slot {
    Scalar,
    /// Element `n` of `ID_LISTS[list]`.
    Id {
        list: usize,
        n: usize,
    },
    TagKey(usize),
    TagValue(usize),
}

fn slot_of(name: &str) -> Slot {
    for (list, prefix) in ID_LISTS.iter().enumerate() {
        if let Some(n) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('.'))
        {
            if let Ok(n) = n.parse::<usize>() {
                return Slot::Id { list, n };
            }
        }
    }
    if let Some(rest) = name.strip_prefix("Tag.") {
        if let Some((n, part)) = rest.split_once('.') {
            if let Ok(n) = n.parse::<usize>() {
                match part {
                    "Key" => return Slot::TagKey(n),
                    "Value" => return Slot::TagValue(n),
                    _ => {}
                }
            }
        }
    }
    Slot::Scalar
}

/// Keeps every part of the query that smc-core accepts on its own, renumbering lists so a
/// dropped element leaves no gap, then checks the whole once more.
fn read_request(search: &str, dropped: &mut Vec<Dropped>) -> DescribeReplicationJobs {
    let query = search.strip_prefix('?').unwrap_or(search);
    let pairs = match parse_form(query) {
        Ok(pairs) => pairs,
        Err(pair) => {
            dropped.push(Dropped::new(pair, DropReason::NotUtf8));
            return DescribeReplicationJobs::default();
        }
    };
    let mut scalars: Vec<(String, String)> = Vec::new();
    let mut ids: [BTreeMap<usize, String>; 3] = Default::default();
    let mut tags: BTreeMap<usize, (Option<String>, Option<String>)> = BTreeMap::new();
    for (name, value) in pairs {
        match slot_of(&name) {
            Slot::Scalar => {
                if scalars.iter().any(|(seen, _)| *seen == name) {
                    dropped.push(Dropped::new(
                        format!("{name}={value}"),
                        DropReason::GivenTwice,
                    ));
                } else if let Err(errors) = DescribeReplicationJobs::from_params([(&name, &value)])
                {
                    dropped.push(describe(&name, &value, &errors));
                } else {
                    scalars.push((name, value));
                }
            }
            // An empty id filters nothing: leaving it out changes nothing but the numbering,
            // which is made anew below.
            Slot::Id { .. } if value.is_empty() => {}
            Slot::Id { list, n } => {
                ids[list].insert(n, value);
            }
            Slot::TagKey(n) => tags.entry(n).or_default().0 = Some(value),
            Slot::TagValue(n) => tags.entry(n).or_default().1 = Some(value),
        }
    }
    let mut kept = scalars;
    for (list, elements) in ID_LISTS.into_iter().zip(ids) {
        let mut count = 0;
        for (n, id) in elements {
            if count == MAX_IDS {
                dropped.push(Dropped::new(
                    format!("{list}.{n}={id}"),
                    DropReason::TooManyIds,
                ));
            } else if let Err(errors) =
                DescribeReplicationJobs::from_params([(format!("{list}.1"), &id)])
            {
                dropped.push(describe(&format!("{list}.{n}"), &id, &errors));
            } else {
                count += 1;
                kept.push((format!("{list}.{count}"), id));
            }
        }
    }
    let mut count = 0;
    for (n, (key, value)) in tags {
        let Some(key) = key else {
            let value = value.unwrap_or_default();
            dropped.push(Dropped::new(
                format!("Tag.{n}.Value={value}"),
                DropReason::NeedsItsKey(n),
            ));
            continue;
        };
        let tag = TagFilter { key, value };
        let shown = |reason| Dropped {
            part: LinkPart::Tag(n, tag.clone()),
            reason,
        };
        let mut alone = vec![("Tag.1.Key", tag.key.as_str())];
        alone.extend(tag.value.as_deref().map(|value| ("Tag.1.Value", value)));
        if count == MAX_TAGS {
            dropped.push(shown(DropReason::TooManyTags));
        } else if let Err(errors) = DescribeReplicationJobs::from_params(alone) {
            dropped.push(shown(DropReason::Rules(rules(&errors))));
        } else {
            count += 1;
            kept.push((format!("Tag.{count}.Key"), tag.key));
            if let Some(value) = tag.value {
                kept.push((format!("Tag.{count}.Value"), value));
            }
        }
    }
    // Each part passed alone; together they can only fail on rules no single part breaks,
    // which the API does not have. Should that change, the whole link is dropped, not half.
    DescribeReplicationJobs::from_params(kept).unwrap_or_else(|errors| {
        dropped.push(Dropped {
            part: LinkPart::Together,
            reason: DropReason::Rules(rules(&errors)),
        });
        DescribeReplicationJobs::default()
    })
}

fn describe(name: &str, value: &str, errors: &ValidationErrors) -> Dropped {
    Dropped::new(format!("{name}={value}"), DropReason::Rules(rules(errors)))
}

fn rules(errors: &ValidationErrors) -> String {
    let rules: Vec<&str> = errors.iter().map(|error| error.rule.as_str()).collect();
    rules.join("; ")
}

#[cfg(test)]
mod tests {
    // The same tests run natively and, under `cargo xtask test`, in headless Chromium.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::i18n::{EN_US, ZH_CN};

    /// The dropped parts as the English notice names them.
    fn english(dropped: &[Dropped]) -> Vec<String> {
        dropped
            .iter()
            .map(|d| format!("{}: {}", d.part(&EN_US), d.why(&EN_US)))
            .collect()
    }
    use smc_core::{JobType, Status};

    fn full_state() -> UrlState {
        UrlState {
            request: DescribeReplicationJobs {
                name: Some("web 01 & co".into()),
                status: Some(Status::InError),
                job_type: Some(JobType::VmwareAgentless),
                page_number: Some(3),
                page_size: Some(50),
                job_ids: vec!["j-1".into(), "j-2".into()],
                tags: vec![
                    TagFilter::with_value("env", "prod"),
                    TagFilter::any_value("team"),
                    TagFilter::with_value("owner", ""),
                    TagFilter::with_value("", "cmdb-import"),
                ],
                ..DescribeReplicationJobs::default()
            },
            open_job: Some("j-bp19vlwm0tyigbmj0001".into()),
            profile: None,
        }
    }

    #[test]
    fn state_round_trips_through_the_url() {
        let state = full_state();
        assert_eq!(
            state.search(),
            "?Name=web%2001%20%26%20co&Status=InError&JobType=3&PageNumber=3&PageSize=50\
             &JobId.1=j-1&JobId.2=j-2&Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team\
             &Tag.3.Key=owner&Tag.3.Value=&Tag.4.Key=&Tag.4.Value=cmdb-import"
        );
        assert_eq!(state.hash(), "#/jobs/j-bp19vlwm0tyigbmj0001");
        let (parsed, dropped) = UrlState::parse(&state.search(), &state.hash());
        assert_eq!(parsed, state);
        assert!(dropped.is_empty(), "{dropped:?}");
    }

    #[test]
    fn an_empty_url_is_the_default_view() {
        let (state, dropped) = UrlState::parse("", "");
        assert_eq!(state, UrlState::default());
        assert!(dropped.is_empty());
        assert_eq!(state.search(), "");
        assert_eq!(state.hash(), "");
    }

    #[test]
    fn invalid_parts_are_dropped_and_named_while_the_rest_applies() {
        let (state, dropped) = UrlState::parse(
            "?Status=Running&PageSize=500&Colour=red&JobId.1=j-1&JobId.2=&JobId.3=j-3&JobId.4=%20\
             &Tag.1.Key=docs&Tag.1.Value=https%3A%2F%2Fwiki&Tag.2.Key=env&Tag.3.Value=orphan\
             &PageNumber=0&Status=Ready",
            "#/elsewhere",
        );
        assert_eq!(state.request.status, Some(Status::Running));
        assert_eq!(state.request.page_size, None);
        assert_eq!(state.request.page_number, None);
        assert_eq!(state.request.job_ids, ["j-1", "j-3"]);
        assert_eq!(state.request.tags, [TagFilter::any_value("env")]);
        assert_eq!(state.open_job, None);
        assert_eq!(
            english(&dropped),
            [
                "PageSize=500: must be between 1 and 50 (got 500)",
                "Colour=red: is not a parameter of DescribeReplicationJobs",
                "PageNumber=0: must be 1 or more (got 0)",
                "Status=Ready: given more than once",
                "JobId.4= : must not be only white space (leave it empty for no filter)",
                "Tag.1 (docs=https://wiki): must not contain http:// or https://",
                "Tag.3.Value=orphan: needs its Tag.3.Key",
                "#/elsewhere: not a link to a job (expected #/jobs/<JobId>)",
            ]
        );
        let last = dropped.last().unwrap();
        assert_eq!(last.why(&ZH_CN), "不是任务链接（应为 #/jobs/<JobId>）");
        assert_eq!(dropped[6].why(&ZH_CN), "缺少对应的 Tag.3.Key");
    }

    #[test]
    fn lists_over_the_limit_keep_the_first_ones() {
        let search: Vec<String> = (1..=52).map(|n| format!("SourceId.{n}=s-{n}")).collect();
        let (state, dropped) = UrlState::parse(&search.join("&"), "");
        assert_eq!(state.request.source_ids.len(), 50);
        assert_eq!(state.request.source_ids[49], "s-50");
        assert_eq!(
            english(&dropped),
            [
                "SourceId.51=s-51: at most 50 ids",
                "SourceId.52=s-52: at most 50 ids"
            ]
        );
    }

    #[test]
    fn parameters_without_a_value_are_no_filter_but_an_empty_tag_value_is_kept() {
        let (state, dropped) = UrlState::parse(
            "?Name=&Status=&PageSize=&JobId.1=&JobId.2=j-2&SourceId.1=\
             &Tag.1.Key=owner&Tag.1.Value=&Tag.2.Key=owner&Tag.3.Key=&Tag.3.Value=v",
            "",
        );
        assert!(dropped.is_empty(), "{dropped:?}");
        let expected = DescribeReplicationJobs {
            job_ids: vec!["j-2".into()],
            tags: vec![
                TagFilter::with_value("owner", ""),
                TagFilter::any_value("owner"),
                TagFilter::with_value("", "v"),
            ],
            ..DescribeReplicationJobs::default()
        };
        assert_eq!(state.request, expected);
        assert_eq!(
            state.search(),
            "?JobId.1=j-2&Tag.1.Key=owner&Tag.1.Value=&Tag.2.Key=owner&Tag.3.Key=&Tag.3.Value=v"
        );
        assert_eq!(UrlState::parse(&state.search(), "").0, state);
    }

    #[test]
    fn gaps_in_list_numbers_are_closed() {
        let (state, dropped) = UrlState::parse("JobId.2=j-2&JobId.7=j-7", "");
        assert_eq!(state.request.job_ids, ["j-2", "j-7"]);
        assert!(dropped.is_empty());
    }

    #[test]
    fn the_account_goes_first_and_round_trips() {
        let state = UrlState {
            profile: Some("prod-hz".into()),
            ..full_state()
        };
        assert!(
            state.search().starts_with("?profile=prod-hz&Name=web%2001"),
            "{}",
            state.search()
        );
        let (parsed, dropped) = UrlState::parse(&state.search(), &state.hash());
        assert_eq!(parsed, state);
        assert!(dropped.is_empty(), "{dropped:?}");
        let alone = UrlState {
            profile: Some("test".into()),
            ..UrlState::default()
        };
        assert_eq!(alone.search(), "?profile=test");
        assert_eq!(UrlState::parse(&alone.search(), "").0, alone);
    }

    #[test]
    fn a_bad_account_name_is_dropped_and_named_while_the_filters_apply() {
        let (state, dropped) = UrlState::parse("?profile=prod%20hz&Status=Running&profile=", "");
        assert_eq!(state.profile, None);
        assert_eq!(state.request.status, Some(Status::Running));
        assert_eq!(
            english(&dropped),
            ["profile=prod hz: may hold only ASCII letters, digits, '-', '_' and '.'"]
        );
        let (twice, dropped) = UrlState::parse("?profile=a&profile=b", "");
        assert_eq!(twice.profile.as_deref(), Some("a"));
        assert_eq!(english(&dropped), ["profile=b: given more than once"]);
        assert_eq!(dropped[0].why(&ZH_CN), "重复出现");
    }
}
