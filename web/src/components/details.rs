//! A job's details: every field, grouped, with disks, runs, tags, a hint for errors and the
//! raw JSON. Opened from a row or by a deep link (`#/jobs/<JobId>`).

use std::rc::Rc;

use gloo::events::EventListener;
use smc_core::{DescribeReplicationJobs, Part, ReplicationJob, Tag};
use time::OffsetDateTime;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_page, Endpoint};
use crate::columns::target_summary;
use crate::components::{copy_button, progress_cell, status_indicator, tag_chips};
use crate::filters::tag_label;
use crate::format::{format_time, human_bytes, Zone};
use crate::hints::error_hint;
use crate::job_lookup::{JobLookup, Lookup, LookupAction};
use crate::page::Page;
use crate::state::Action;

/// What the panel shows and changes.
pub struct DetailsPanel<'a> {
    /// The job to show.
    pub job_id: &'a str,
    /// The panel's own state (see [`use_details`]).
    pub details: &'a Details,
    /// The zone of times.
    pub zone: Zone,
    /// Whether the job's id was just copied (its copy button says so).
    pub copied: bool,
    /// Changes the state.
    pub dispatch: &'a Callback<Action>,
}

/// The panel's state, held by the app: where the open job was found (on the page, or
/// fetched by itself), and the heading that takes the focus.
pub struct Details {
    lookup: Lookup,
    heading: NodeRef,
}

/// While `open_job` is open: fetches it by itself when it is not on `page` (a deep link,
/// or the page moved on), moves the focus to the panel, and closes it on Escape.
#[hook]
pub fn use_details(
    open_job: Option<String>,
    page: Option<Page>,
    endpoint: Endpoint,
    dispatch: Callback<Action>,
) -> Details {
    let fetched = use_reducer(JobLookup::default);
    let on_page = page
        .as_ref()
        .zip(open_job.as_deref())
        .and_then(|(page, job_id)| page.find(job_id))
        .map(Lookup::Found);
    {
        let dispatcher = fetched.dispatcher();
        let missing = open_job.clone().filter(|_| on_page.is_none());
        use_effect_with(missing, move |missing| {
            if let Some(job_id) = missing.clone() {
                dispatcher.dispatch(LookupAction::Ask(job_id.clone()));
                let request = DescribeReplicationJobs {
                    job_ids: vec![job_id.clone()],
                    ..Default::default()
                };
                spawn_local(async move {
                    let answer = fetch_page(&endpoint, &request).await.map(Rc::new);
                    dispatcher.dispatch(LookupAction::Answer(job_id, answer));
                });
            }
        });
    }
    let shown = on_page.unwrap_or_else(|| fetched.for_job(open_job.as_deref().unwrap_or_default()));
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(open_job, move |open_job| {
            let listener = open_job.is_some().then(|| {
                if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
                EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                    if event
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|e| e.key() == "Escape")
                    {
                        dispatch.emit(Action::CloseJob);
                    }
                })
            });
            move || drop(listener)
        });
    }
    Details {
        lookup: shown,
        heading,
    }
}

/// The details panel.
pub fn details_panel(props: DetailsPanel<'_>) -> Html {
    let lookup = &props.details.lookup;
    let job = match lookup {
        Lookup::Found(job) => Some(&**job),
        _ => None,
    };
    let title = match job {
        Some(job) if !job.name.is_empty() => job.name.clone(),
        _ => props.job_id.to_owned(),
    };
    let body = match lookup {
        Lookup::Loading => html! { <p class="smcv-muted">{ "Loading the job…" }</p> },
        Lookup::Missing => {
            html! { <p>{ format!("No job {} in this account (it may have been deleted).", props.job_id) }</p> }
        }
        Lookup::Failed(message) => {
            html! { <p class="smcv-error-text" role="alert">{ message }</p> }
        }
        Lookup::Found(..) => job.map_or_else(Html::default, |job| {
            job_details(job, props.zone, props.copied, props.dispatch)
        }),
    };
    html! {
        <aside class="smcv-details" aria-labelledby={format!("details-{}", props.job_id)}>
            <header class="smcv-details__header">
                <h2 id={format!("details-{}", props.job_id)} tabindex="-1" ref={props.details.heading.clone()}>{ title }</h2>
                <button type="button" class="smcv-button" onclick={props.dispatch.reform(|_| Action::CloseJob)}
                    aria-label="Close details">{ "Close" }</button>
            </header>
            { body }
        </aside>
    }
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

fn job_details(
    job: &ReplicationJob,
    zone: Zone,
    copied: bool,
    dispatch: &Callback<Action>,
) -> Html {
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
                    { fact("Job ID", html! { <><code>{ job.job_id.clone() }</code>{ copy_button(&job.job_id, "job ID", copied, dispatch) }</> }) }
                    { text_fact("Name", &job.name) }
                    { if job.description.is_empty() { html! {} } else { fact("Description", job.description.clone()) } }
                    { fact("Status", status_indicator(job.status.as_ref())) }
                    { fact("Business status", job.business_status.as_ref().map_or("–".to_owned(), |s| s.label().to_owned())) }
                    { fact("Progress", progress_cell(job.progress, "Progress of this job".to_owned())) }
                    { fact("Type", job.job_type.map_or("–", |t| t.label()).to_owned()) }
                    { text_fact("Source server", &job.source_id) }
                    { text_fact("Region", &job.region_id) }
                    { text_fact("Resource group", &job.resource_group_id) }
                    { text_fact("Work group", &job.workgroup_id) }
                    { time_fact("Created", job.creation_time, zone) }
                    { time_fact("Started", job.start_time, zone) }
                    { time_fact("Ended", job.end_time, zone) }
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
                    { time_fact("Scheduled start", job.scheduled_start_time, zone) }
                    { time_fact("Valid until", job.valid_time, zone) }
                    { match job.max_number_of_image_to_keep { Some(n) => fact("Images kept", n.to_string()), None => html! {} } }
                </dl>
            </section>
            <section aria-label="Target">
                <h3>{ "Target" }</h3>
                <dl class="smcv-facts">
                    { fact("Target", target_summary(job)) }
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
                    { fact("Network", job.net_mode.map_or("–", |m| m.label()).to_owned()) }
                    { text_fact("VPC", &job.vpc_id) }
                    { text_fact("vSwitch", &job.v_switch_id) }
                </dl>
            </section>
            { disks(job) }
            { runs(job, zone) }
            <section aria-label="Tags">
                <h3>{ "Tags" }</h3>
                { tag_chips(&job.tags, Some(&on_tag)) }
            </section>
            <section aria-label="Raw JSON">
                <details>
                    <summary>{ "Raw JSON" }</summary>
                    <pre class="smcv-raw">{ serde_json::to_string_pretty(job).unwrap_or_default() }</pre>
                </details>
            </section>
        </div>
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
                            (Some(start), Some(end)) => format!(" · took {}", crate::format::relative_time(start, end).trim_end_matches(" ago")),
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
