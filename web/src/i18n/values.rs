//! Reading a catalogue: the API's values by name (a value the viewer does not know shows
//! as received), and every fixed text at once, for the tests that check a page speaks one
//! language.

use smc_core::{BusinessStatus, JobType, LicenseType, NetMode, RunType, Status, TargetType};

use super::Texts;

/// The fields named under `words` (fixed texts) as a list; the pattern names every field of
/// [`Texts`] once, so none can be left out by mistake. A field of [`Texts`] missing here
/// fails to compile with "pattern requires `..`": list it under `words` if it is a
/// `&'static str`, else under `others`.
macro_rules! fixed_words {
    ($texts:expr, words: [$($word:ident,)*], others: [$($other:ident,)*]) => {{
        let Texts {
            $($word,)*
            $($other: _,)*
        } = *$texts;
        vec![$($word),*]
    }};
}

impl Texts {
    /// A status in this language; one the viewer does not know, as the API sent it.
    pub fn status_name<'a>(&self, status: &'a Status) -> &'a str {
        match status {
            Status::Unknown(wire) => wire,
            known => (self.status)(known),
        }
    }

    /// A business status in this language, or as received.
    pub fn business_status_name<'a>(&self, status: &'a BusinessStatus) -> &'a str {
        match status {
            BusinessStatus::Unknown(wire) => wire,
            known => (self.business_status)(known),
        }
    }

    /// A target type in this language, or as received.
    pub fn target_type_name<'a>(&self, target: &'a TargetType) -> &'a str {
        match target {
            TargetType::Unknown(wire) => wire,
            known => (self.target_type)(known),
        }
    }

    /// A license type in this language, or as received.
    pub fn license_type_name<'a>(&self, license: &'a LicenseType) -> &'a str {
        match license {
            LicenseType::Unknown(wire) => wire,
            known => (self.license_type)(known),
        }
    }

    /// A run type in this language, or as received.
    pub fn run_type_name<'a>(&self, run: &'a RunType) -> &'a str {
        match run {
            RunType::Unknown(wire) => wire,
            known => (self.run_type)(known),
        }
    }

    /// Every text of this catalogue that has no values in it, the API's known values
    /// included. The pattern below names every field: a field added to [`Texts`] fails to
    /// compile here until it is listed (a text with values among the others).
    pub fn fixed_texts(&self) -> Vec<&'static str> {
        let mut texts = fixed_words!(self,
            words: [
                language_name,
                column_name,
                column_status,
                column_business_status,
                column_progress,
                column_source,
                column_target,
                column_type,
                column_region,
                column_created,
                column_last_run,
                column_tags,
                page_title,
                language_legend,
                language_browser_default,
                unknown_value,
                just_now,
                zone_utc,
                zone_local,
                zone_utc8,
                jobs_heading,
                auto_refresh_off,
                auto_refresh_polling,
                auto_refresh_waiting,
                auto_refresh,
                times_in,
                time_zone,
                refresh,
                preferences,
                export,
                export_csv,
                export_json,
                cancel_export,
                export_refused,
                columns,
                density,
                density_comfortable,
                density_compact,
                page_size,
                jobs_per_page,
                done,
                account,
                filters,
                name,
                name_placeholder,
                status_label,
                any_status,
                business_status_label,
                any_business_status,
                type_label,
                any_type,
                region,
                resource_group,
                job_id,
                source_id,
                instance_id,
                job_ids,
                source_ids,
                instance_ids,
                tag,
                tag_placeholder,
                add,
                add_tag_filter,
                type_tag,
                empty_key,
                empty_value,
                active_filters,
                clear_filters,
                not_utf8,
                given_twice,
                link_filters_together,
                dismiss,
                could_not_load_jobs_title,
                error_code_label,
                error_message_label,
                request_id,
                usually_temporary,
                retrying,
                retry,
                table_caption,
                sort_this_page,
                no_match,
                no_jobs_yet,
                no_jobs_hint,
                unnamed,
                progress_of_this_job,
                copy,
                copied,
                copy_what_job_id,
                copy_what_request_id,
                shown_as_received_mark,
                odd_field,
                odd_job_type,
                odd_net_mode,
                pagination,
                first_page,
                previous_page,
                next_page,
                last_page,
                per_page,
                go_to_page,
                go,
                request_id_of_page,
                close,
                close_details,
                loading_job,
                overview,
                description,
                work_group,
                started,
                ended,
                error_section,
                what_went_wrong,
                error_code,
                status_info,
                schedule,
                runs,
                one_time_migration,
                incremental,
                scheduled_start,
                valid_until,
                images_kept,
                target,
                image_name,
                image_id,
                container_namespace,
                container_repository,
                container_tag,
                launch_template,
                launch_template_version,
                intermediate_instance,
                intermediate_instance_type,
                instance_ram_role,
                license,
                no_license,
                replication_parameters,
                network,
                vpc,
                v_switch,
                tags,
                shown_as_received,
                shown_as_received_note,
                raw_json,
                disks,
                system_disk,
                system_disk_partitions,
                device,
                size,
                block_replication,
                yes,
                no,
                source_disk_layout,
                run_history_section,
                no_runs,
                run,
                run_running,
                run_image,
                hint_permission,
                hint_network,
                hint_quota,
                hint_disk,
                hint_balance,
                hint_image,
                hint_internal,
                hint_other,
                loading_jobs,
                slowing_down_announcement,
                jobs_by_status,
                count_loading,
                theme,
                theme_system,
                theme_light,
                theme_dark,
                time_left_under_a_minute,
                time_left_pending,
                stalled,
                time_left_label,
                transfer_rate_label,
                watch,
                watch_filter,
                notifications_denied,
                notifications_unsupported,
            ],
            others: [
                filters_toggle,
                more_tags,
                time_left_about,
                span_minutes,
                span_hours,
                span_days,
                stalled_for,
                per_second,
                percent_per_minute,
                percent_per_hour,
                watch_job,
                notification_finished_title,
                notification_finished_body,
                notification_failed_title,
                notification_failed_body,
                count_unknown,
                status,
                business_status,
                job_type,
                target_type,
                net_mode,
                license_type,
                run_type,
                time_units,
                time_amount,
                time_ago,
                time_in,
                jobs_total,
                updated_seconds_ago,
                updated_minutes_ago,
                exporting,
                export_failed,
                exported,
                page_size_option,
                add_id_filter,
                type_ids,
                already_a_filter,
                api_rule,
                filter_chip,
                remove_filter,
                ignored_from_link,
                not_a_job_link,
                needs_its_key,
                too_many_ids,
                too_many_tags,
                account_unavailable,
                past_the_end,
                slowing_down,
                sorted_note,
                open_details_of,
                progress_of,
                copy_label,
                filter_by_tag,
                shown_as_received_title,
                page_range,
                page_range_empty,
                page_n,
                no_such_job,
                incremental_every,
                data_disk,
                data_disk_partitions,
                layout_system,
                layout_data,
                run_history,
                run_of_type,
                run_took,
                could_not_load_jobs,
                showing_jobs,
            ]
        );
        texts.extend(self.time_units);
        texts.extend(Status::KNOWN.iter().map(self.status));
        texts.extend(BusinessStatus::KNOWN.iter().map(self.business_status));
        texts.extend(JobType::KNOWN.iter().copied().map(self.job_type));
        texts.extend(TargetType::KNOWN.iter().map(self.target_type));
        texts.extend(NetMode::KNOWN.iter().copied().map(self.net_mode));
        texts.extend(LicenseType::KNOWN.iter().map(self.license_type));
        texts.extend(RunType::KNOWN.iter().map(self.run_type));
        texts
    }
}
