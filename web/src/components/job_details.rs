//! The body of a job's details: every field, grouped, with disks and partitions, the run
//! history, tags, a hint for errors, the fields shown as received, the page's RequestId and
//! the job's JSON as the API sent it.

use smc_core::{Part, ReplicationJob, Tag};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::components::cells::{
    job_type_text, net_mode_text, odd_cell, odd_field_value, progress_cell, status_indicator,
    target_text,
};
use crate::components::time_left::{rate_text, time_left_view};
use crate::components::{CopyButton, TagChips};
use crate::filters::tag_label;
use crate::format::{format_time, human_bytes, relative_time, Zone};
use crate::hints::error_hint;
use crate::hooks::use_texts;
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
fn or_odd(job: &ReplicationJob, path: &str, label: &str, shown: Html) -> Html {
    match odd_cell(job, path) {
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
        Some(true) => "One-time migration".to_owned(),
        Some(false) => match job.frequency {
            Some(hours) => format!("Incremental, every {hours} h"),
            None => "Incremental".to_owned(),
        },
        None => "–".to_owned(),
    };
    html! {
        <div class="smcv-details__body">
            <section aria-label="Overview">
                <h3>{ "Overview" }</h3>
                <dl class="smcv-facts">
                    { fact("Job ID", html! { <><code>{ job.job_id.clone() }</code><CopyButton text={job.job_id.clone()} what="job ID" copied={is_copied(&job.job_id)} dispatch={dispatch.clone()} /></> }) }
                    { or_odd(job, "Name", "Name", text_fact("Name", &job.name)) }
                    { or_odd(job, "Description", "Description", if job.description.is_empty() { html! {} } else { fact("Description", job.description.clone()) }) }
                    { or_odd(job, "Status", "Status", fact("Status", status_indicator(job.status.as_ref()))) }
                    { or_odd(job, "BusinessStatus", "Business status", fact("Business status", job.business_status.as_ref().map_or("–", |s| s.label()))) }
                    { or_odd(job, "Progress", "Progress", fact("Progress", progress_cell(job.progress, "Progress of this job".to_owned()))) }
                    if time_left.is_some() {
                        { fact(texts.time_left_label, time_left_view(*time_left, *now, texts)) }
                    }
                    if let Some(rate) = rate {
                        { fact(texts.transfer_rate_label, rate) }
                    }
                    { or_odd(job, "JobType", "Type", fact("Type", job_type_text(job.job_type))) }
                    { or_odd(job, "SourceId", "Source server", text_fact("Source server", &job.source_id)) }
                    { or_odd(job, "RegionId", "Region", text_fact("Region", &job.region_id)) }
                    { text_fact("Resource group", &job.resource_group_id) }
                    { text_fact("Work group", &job.workgroup_id) }
                    { or_odd(job, "CreationTime", "Created", time_fact("Created", job.creation_time, zone)) }
                    { or_odd(job, "StartTime", "Started", time_fact("Started", job.start_time, zone)) }
                    { or_odd(job, "EndTime", "Ended", time_fact("Ended", job.end_time, zone)) }
                    if !request_id.is_empty() {
                        { fact("Request ID", html! { <><code>{ request_id.clone() }</code><CopyButton text={request_id.clone()} what="request ID" copied={is_copied(&request_id)} dispatch={dispatch.clone()} /></> }) }
                    }
                </dl>
            </section>
            if !job.error_code.is_empty() || !job.status_info.is_empty() {
                <section class="smcv-details__problem" aria-label="Error">
                    <h3>{ "What went wrong" }</h3>
                    <dl class="smcv-facts">
                        { text_fact("Error code", &job.error_code) }
                        { if job.status_info.is_empty() { html! {} } else { fact("Status information", job.status_info.clone()) } }
                    </dl>
                    <p class="smcv-hint">{ error_hint(&job.error_code, &job.status_info) }</p>
                </section>
            }
            <section aria-label="Schedule">
                <h3>{ "Schedule" }</h3>
                <dl class="smcv-facts">
                    { fact("Runs", schedule) }
                    { or_odd(job, "ScheduledStartTime", "Scheduled start", time_fact("Scheduled start", job.scheduled_start_time, zone)) }
                    { or_odd(job, "ValidTime", "Valid until", time_fact("Valid until", job.valid_time, zone)) }
                    { match job.max_number_of_image_to_keep { Some(n) => fact("Images kept", n.to_string()), None => html! {} } }
                </dl>
            </section>
            <section aria-label="Target">
                <h3>{ "Target" }</h3>
                <dl class="smcv-facts">
                    { fact("Target", target_text(job)) }
                    { text_fact("Image name", &job.image_name) }
                    { text_fact("Image ID", &job.image_id) }
                    { text_fact("Instance ID", &job.instance_id) }
                    { text_fact("Container namespace", &job.container_namespace) }
                    { text_fact("Container repository", &job.container_repository) }
                    { text_fact("Container tag", &job.container_tag) }
                    { text_fact("Launch template", &job.launch_template_id) }
                    { text_fact("Launch template version", &job.launch_template_version) }
                    { text_fact("Intermediate instance", &job.transition_instance_id) }
                    { text_fact("Intermediate instance type", &job.instance_type) }
                    { text_fact("Instance RAM role", &job.instance_ram_role) }
                    { fact("License", job.license_type.as_ref().map_or("None".to_owned(), |l| l.label().to_owned())) }
                    { text_fact("Replication parameters", &job.replication_parameters) }
                </dl>
            </section>
            <section aria-label="Network">
                <h3>{ "Network" }</h3>
                <dl class="smcv-facts">
                    { or_odd(job, "NetMode", "Network", fact("Network", net_mode_text(job.net_mode))) }
                    { text_fact("VPC", &job.vpc_id) }
                    { text_fact("vSwitch", &job.v_switch_id) }
                </dl>
            </section>
            { disks(job) }
            { runs(job, zone) }
            <section aria-label="Tags">
                <h3>{ "Tags" }</h3>
                <TagChips tags={job.tags.clone()} on_select={on_tag} />
            </section>
            if !job.odd_fields.is_empty() {
                <section aria-label="Shown as received">
                    <h3>{ "Shown as received" }</h3>
                    <p class="smcv-muted">{ "These fields arrived in a form this viewer does not read; they are shown as the API sent them, and sorting treats them as unknown." }</p>
                    <dl class="smcv-facts smcv-received-list">
                        { for job.odd_fields.iter().map(|field| fact(&field.path, odd_field_value(field))) }
                    </dl>
                </section>
            }
            <section aria-label="Raw JSON">
                <details>
                    <summary>{ "Raw JSON" }</summary>
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

fn parts_table(caption: &str, parts: &[Part]) -> Html {
    if parts.is_empty() {
        return html! {};
    }
    html! {
        <table class="smcv-mini-table">
            <caption>{ caption.to_owned() }</caption>
            <thead><tr><th scope="col">{ "Device" }</th><th scope="col">{ "Size" }</th><th scope="col">{ "Block replication" }</th></tr></thead>
            <tbody>
                { for parts.iter().map(|part| html! {
                    <tr>
                        <td><code>{ part.device.clone() }</code></td>
                        <td>{ part.size_bytes.map_or("–".to_owned(), human_bytes) }</td>
                        <td>{ match part.block { Some(true) => "Yes", Some(false) => "No", None => "–" } }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn disks(job: &ReplicationJob) -> Html {
    let system_size = job
        .system_disk_size
        .map(|gib| format!("{gib} GiB"))
        .unwrap_or_else(|| "–".to_owned());
    html! {
        <section aria-label="Disks">
            <h3>{ "Disks" }</h3>
            <dl class="smcv-facts">{ fact("System disk", system_size) }</dl>
            { parts_table("System disk partitions", &job.system_disk_parts) }
            { for job.data_disks.iter().map(|disk| {
                let index = disk.index.map_or("?".to_owned(), |i| i.to_string());
                let size = disk.size.map_or("–".to_owned(), |gib| format!("{gib} GiB"));
                html! {
                    <>
                        <dl class="smcv-facts">{ fact(&format!("Data disk {index}"), size) }</dl>
                        { parts_table(&format!("Data disk {index} partitions"), &disk.parts) }
                    </>
                }
            }) }
            if let Some(layout) = &job.disks {
                <details>
                    <summary>{ "Source disk layout" }</summary>
                    <ul class="smcv-plain-list">
                        if let Some(system) = &layout.system {
                            <li>{ format!("System {} · {} · LVM {}", system.disk_id, system.size.map_or("–".to_owned(), |g| format!("{g} GiB")), yes_no(system.lvm)) }</li>
                        }
                        { for layout.data.iter().map(|data| html! {
                            <li>{ format!("Data {} · {} · LVM {} · {}", data.disk_id,
                                data.size.map_or("–".to_owned(), |g| format!("{g} GiB")), yes_no(data.lvm),
                                data.parts.iter().map(|p| format!("{} {}", p.path, p.size_bytes.map_or("–".to_owned(), human_bytes))).collect::<Vec<_>>().join(", ")) }</li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "–",
    }
}

fn runs(job: &ReplicationJob, zone: Zone) -> Html {
    let mut runs: Vec<_> = job.replication_job_runs.iter().collect();
    runs.sort_by_key(|run| run.start_time);
    html! {
        <section aria-label="Run history">
            <h3>{ format!("Run history ({})", runs.len()) }</h3>
            if runs.is_empty() {
                <p class="smcv-muted">{ "No runs yet." }</p>
            } else {
                <ol class="smcv-timeline">
                    { for runs.iter().rev().map(|run| {
                        let duration = match (run.start_time, run.end_time) {
                            (Some(start), Some(end)) => format!(" · took {}", relative_time(start, end).trim_end_matches(" ago")),
                            (Some(_), None) => " · running".to_owned(),
                            _ => String::new(),
                        };
                        html! {
                            <li class="smcv-timeline__item">
                                <p class="smcv-timeline__when">
                                    { run.start_time.map_or("–".to_owned(), |t| format_time(t, zone)) }
                                    { run.end_time.map(|t| format!(" → {}", format_time(t, zone))).unwrap_or_default() }
                                </p>
                                <p>
                                    { run.r#type.as_ref().map_or("Run".to_owned(), |t| format!("{} run", t.label())) }
                                    { duration }
                                    if !run.image_id.is_empty() {
                                        { " · image " }<code>{ run.image_id.clone() }</code>
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
