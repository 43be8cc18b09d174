//! The body of a job's details: every field, grouped, with disks and partitions, the run
//! history, tags, a hint for errors, the fields shown as received, the page's RequestId and
//! the job's JSON as the API sent it.

use smc_core::{Part, ReplicationJob, Tag};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::columns::Column;
use crate::components::cells::{
    job_type_text, net_mode_text, odd_cell, odd_field_value, progress_cell, status_indicator,
    target_text,
};
use crate::components::time_left::{rate_text, time_left_view};
use crate::components::{CopyButton, TagChips};
use crate::filters::tag_label;
use crate::format::{format_time, human_bytes, time_span, Zone};
use crate::hints::error_hint;
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::page::PageJob;
use crate::state::Action;
use crate::time_left::Estimate;

/// The job shown, and how.
#[derive(Properties, PartialEq)]
pub struct JobDetailsProps {
    /// The job.
    pub job: PageJob,
    /// The zone of times.
    pub zone: Zone,
    /// The text just copied (its copy button says so).
    pub copied: Option<String>,
    /// Told to filter by a tag, and of copies.
    pub dispatch: Callback<Action>,
    /// The job's time left (`None` when it does not run).
    #[prop_or_default]
    pub time_left: Option<Estimate>,
    /// Now, for how long a stalled job has stood still.
    #[prop_or(OffsetDateTime::UNIX_EPOCH)]
    pub now: OffsetDateTime,
}

/// One labelled value; empty values are left out.
fn fact(label: &str, value: impl Into<Html>) -> Html {
    html! { <><dt>{ label.to_owned() }</dt><dd>{ value.into() }</dd></> }
}

fn text_fact(label: &str, value: &str) -> Html {
    if value.is_empty() {
        html! {}
    } else {
        fact(label, html! { <code>{ value.to_owned() }</code> })
    }
}

/// `shown`, unless the job's field `path` arrived odd: then that field as received.
fn or_odd(job: &ReplicationJob, path: &str, label: &str, texts: &Texts, shown: Html) -> Html {
    match odd_cell(job, path, texts) {
        Some(received) => fact(label, received),
        None => shown,
    }
}

fn time_fact(label: &str, time: Option<OffsetDateTime>, zone: Zone) -> Html {
    match time {
        Some(time) => fact(
            label,
            html! {
                <time datetime={smc_core::time_format::format_wire_time(time)}>{ format_time(time, zone) }</time>
            },
        ),
        None => html! {},
    }
}

/// Every field of the job, grouped, with disks, runs, tags, a hint for errors and the raw
/// JSON.
#[function_component]
pub fn JobDetails(props: &JobDetailsProps) -> Html {
    let texts = use_texts();
    let JobDetailsProps {
        job,
        zone,
        copied,
        dispatch,
        time_left,
        now,
    } = props;
    let rate = rate_text(*time_left, texts);
    let zone = *zone;
    let is_copied = |text: &str| copied.as_deref() == Some(text);
    let request_id = job.request_id().to_owned();
    let on_tag = dispatch.reform(|tag: Tag| Action::AddTag(tag_label(&tag)));
    let schedule = match job.run_once {
        Some(true) => texts.one_time_migration.to_owned(),
        Some(false) => match job.frequency {
            Some(hours) => (texts.incremental_every)(hours),
            None => texts.incremental.to_owned(),
        },
        None => "–".to_owned(),
    };
    html! {
        <div class="smcv-details__body">
            <section aria-label={texts.overview}>
                <h3>{ texts.overview }</h3>
                <dl class="smcv-facts">
                    { fact(texts.job_id, html! { <><code>{ job.job_id.clone() }</code><CopyButton text={job.job_id.clone()} what={texts.copy_what_job_id} copied={is_copied(&job.job_id)} dispatch={dispatch.clone()} /></> }) }
                    { or_odd(job, "Name", texts.name, texts, text_fact(texts.name, &job.name)) }
                    { or_odd(job, "Description", texts.description, texts, if job.description.is_empty() { html! {} } else { fact(texts.description, job.description.clone()) }) }
                    { or_odd(job, "Status", texts.status_label, texts, fact(texts.status_label, status_indicator(job.status.as_ref(), texts))) }
                    { or_odd(job, "BusinessStatus", texts.business_status_label, texts, fact(texts.business_status_label, job.business_status.as_ref().map_or("–", |s| texts.business_status_name(s)).to_owned())) }
                    { or_odd(job, "Progress", Column::Progress.label(texts), texts, fact(Column::Progress.label(texts), progress_cell(job.progress, texts.progress_of_this_job.to_owned()))) }
                    if time_left.is_some() {
                        { fact(texts.time_left_label, time_left_view(*time_left, *now, texts)) }
                    }
                    if let Some(rate) = rate {
                        { fact(texts.transfer_rate_label, rate) }
                    }
                    { or_odd(job, "JobType", texts.type_label, texts, fact(texts.type_label, job_type_text(job.job_type, texts))) }
                    { or_odd(job, "SourceId", Column::Source.label(texts), texts, text_fact(Column::Source.label(texts), &job.source_id)) }
                    { or_odd(job, "RegionId", texts.region, texts, text_fact(texts.region, &job.region_id)) }
                    { text_fact(texts.resource_group, &job.resource_group_id) }
                    { text_fact(texts.work_group, &job.workgroup_id) }
                    { or_odd(job, "CreationTime", Column::Created.label(texts), texts, time_fact(Column::Created.label(texts), job.creation_time, zone)) }
                    { or_odd(job, "StartTime", texts.started, texts, time_fact(texts.started, job.start_time, zone)) }
                    { or_odd(job, "EndTime", texts.ended, texts, time_fact(texts.ended, job.end_time, zone)) }
                    if !request_id.is_empty() {
                        { fact(texts.request_id, html! { <><code>{ request_id.clone() }</code><CopyButton text={request_id.clone()} what={texts.copy_what_request_id} copied={is_copied(&request_id)} dispatch={dispatch.clone()} /></> }) }
                    }
                </dl>
            </section>
            if !job.error_code.is_empty() || !job.status_info.is_empty() {
                <section class="smcv-details__problem" aria-label={texts.error_section}>
                    <h3>{ texts.what_went_wrong }</h3>
                    <dl class="smcv-facts">
                        { text_fact(texts.error_code, &job.error_code) }
                        { if job.status_info.is_empty() { html! {} } else { fact(texts.status_info, job.status_info.clone()) } }
                    </dl>
                    <p class="smcv-hint">{ error_hint(&job.error_code, &job.status_info, texts) }</p>
                </section>
            }
            <section aria-label={texts.schedule}>
                <h3>{ texts.schedule }</h3>
                <dl class="smcv-facts">
                    { fact(texts.runs, schedule) }
                    { or_odd(job, "ScheduledStartTime", texts.scheduled_start, texts, time_fact(texts.scheduled_start, job.scheduled_start_time, zone)) }
                    { or_odd(job, "ValidTime", texts.valid_until, texts, time_fact(texts.valid_until, job.valid_time, zone)) }
                    { match job.max_number_of_image_to_keep { Some(n) => fact(texts.images_kept, n.to_string()), None => html! {} } }
                </dl>
            </section>
            <section aria-label={texts.target}>
                <h3>{ texts.target }</h3>
                <dl class="smcv-facts">
                    { fact(texts.target, target_text(job, texts)) }
                    { text_fact(texts.image_name, &job.image_name) }
                    { text_fact(texts.image_id, &job.image_id) }
                    { text_fact(texts.instance_id, &job.instance_id) }
                    { text_fact(texts.container_namespace, &job.container_namespace) }
                    { text_fact(texts.container_repository, &job.container_repository) }
                    { text_fact(texts.container_tag, &job.container_tag) }
                    { text_fact(texts.launch_template, &job.launch_template_id) }
                    { text_fact(texts.launch_template_version, &job.launch_template_version) }
                    { text_fact(texts.intermediate_instance, &job.transition_instance_id) }
                    { text_fact(texts.intermediate_instance_type, &job.instance_type) }
                    { text_fact(texts.instance_ram_role, &job.instance_ram_role) }
                    { fact(texts.license, job.license_type.as_ref().map_or(texts.no_license, |l| texts.license_type_name(l)).to_owned()) }
                    { text_fact(texts.replication_parameters, &job.replication_parameters) }
                </dl>
            </section>
            <section aria-label={texts.network}>
                <h3>{ texts.network }</h3>
                <dl class="smcv-facts">
                    { or_odd(job, "NetMode", texts.network, texts, fact(texts.network, net_mode_text(job.net_mode, texts))) }
                    { text_fact(texts.vpc, &job.vpc_id) }
                    { text_fact(texts.v_switch, &job.v_switch_id) }
                </dl>
            </section>
            { disks(job, texts) }
            { runs(job, zone, texts) }
            <section aria-label={texts.tags}>
                <h3>{ texts.tags }</h3>
                <TagChips tags={job.tags.clone()} on_select={on_tag} />
            </section>
            if !job.odd_fields.is_empty() {
                <section aria-label={texts.shown_as_received}>
                    <h3>{ texts.shown_as_received }</h3>
                    <p class="smcv-muted">{ texts.shown_as_received_note }</p>
                    <dl class="smcv-facts smcv-received-list">
                        { for job.odd_fields.iter().map(|field| fact(&field.path, odd_field_value(field, texts))) }
                    </dl>
                </section>
            }
            <section aria-label={texts.raw_json}>
                <details>
                    <summary>{ texts.raw_json }</summary>
                    <pre class="smcv-raw">{ raw_json(job) }</pre>
                </details>
            </section>
        </div>
    }
}

/// The job as the API sent it, every field, unknown ones included; a job made by the viewer
/// itself (never one that arrived) is written from the model.
fn raw_json(job: &ReplicationJob) -> String {
    match &job.raw {
        Some(raw) => raw.pretty(),
        None => serde_json::to_string_pretty(job).unwrap_or_default(),
    }
}

fn parts_table(caption: &str, parts: &[Part], texts: &Texts) -> Html {
    if parts.is_empty() {
        return html! {};
    }
    html! {
        <table class="smcv-mini-table">
            <caption>{ caption.to_owned() }</caption>
            <thead><tr><th scope="col">{ texts.device }</th><th scope="col">{ texts.size }</th><th scope="col">{ texts.block_replication }</th></tr></thead>
            <tbody>
                { for parts.iter().map(|part| html! {
                    <tr>
                        <td><code>{ part.device.clone() }</code></td>
                        <td>{ part.size_bytes.map_or("–".to_owned(), human_bytes) }</td>
                        <td>{ match part.block { Some(true) => texts.yes, Some(false) => texts.no, None => "–" } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn disks(job: &ReplicationJob, texts: &Texts) -> Html {
    let system_size = job
        .system_disk_size
        .map(|gib| format!("{gib} GiB"))
        .unwrap_or_else(|| "–".to_owned());
    html! {
        <section aria-label={texts.disks}>
            <h3>{ texts.disks }</h3>
            <dl class="smcv-facts">{ fact(texts.system_disk, system_size) }</dl>
            { parts_table(texts.system_disk_partitions, &job.system_disk_parts, texts) }
            { for job.data_disks.iter().map(|disk| {
                let index = disk.index.map_or("?".to_owned(), |i| i.to_string());
                let size = disk.size.map_or("–".to_owned(), |gib| format!("{gib} GiB"));
                html! {
                    <>
                        <dl class="smcv-facts">{ fact(&(texts.data_disk)(&index), size) }</dl>
                        { parts_table(&(texts.data_disk_partitions)(&index), &disk.parts, texts) }
                    </>
                }
            }) }
            if let Some(layout) = &job.disks {
                <details>
                    <summary>{ texts.source_disk_layout }</summary>
                    <ul class="smcv-plain-list">
                        if let Some(system) = &layout.system {
                            <li>{ (texts.layout_system)(&system.disk_id, &system.size.map_or("–".to_owned(), |g| format!("{g} GiB")), yes_no(system.lvm, texts)) }</li>
                        }
                        { for layout.data.iter().map(|data| html! {
                            <li>{ (texts.layout_data)(&data.disk_id,
                                &data.size.map_or("–".to_owned(), |g| format!("{g} GiB")), yes_no(data.lvm, texts),
                                &data.parts.iter().map(|p| format!("{} {}", p.path, p.size_bytes.map_or("–".to_owned(), human_bytes))).collect::<Vec<_>>().join(", ")) }</li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}

fn yes_no(value: Option<bool>, texts: &Texts) -> &'static str {
    match value {
        Some(true) => texts.yes,
        Some(false) => texts.no,
        None => "–",
    }
}

fn runs(job: &ReplicationJob, zone: Zone, texts: &Texts) -> Html {
    let mut runs: Vec<_> = job.replication_job_runs.iter().collect();
    runs.sort_by_key(|run| run.start_time);
    html! {
        <section aria-label={texts.run_history_section}>
            <h3>{ (texts.run_history)(runs.len()) }</h3>
            if runs.is_empty() {
                <p class="smcv-muted">{ texts.no_runs }</p>
            } else {
                <ol class="smcv-timeline">
                    { for runs.iter().rev().map(|run| {
                        let duration = match (run.start_time, run.end_time) {
                            (Some(start), Some(end)) => {
                                let seconds = (end - start).whole_seconds().unsigned_abs();
                                (texts.run_took)(&time_span(seconds, texts))
                            }
                            (Some(_), None) => texts.run_running.to_owned(),
                            _ => String::new(),
                        };
                        html! {
                            <li class="smcv-timeline__item">
                                <p class="smcv-timeline__when">
                                    { run.start_time.map_or("–".to_owned(), |t| format_time(t, zone)) }
                                    { run.end_time.map(|t| format!(" → {}", format_time(t, zone))).unwrap_or_default() }
                                </p>
                                <p>
                                    { run.r#type.as_ref().map_or(texts.run.to_owned(), |t| (texts.run_of_type)(texts.run_type_name(t))) }
                                    { duration }
                                    if !run.image_id.is_empty() {
                                        { texts.run_image }<code>{ run.image_id.clone() }</code>
                                    }
                                </p>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
