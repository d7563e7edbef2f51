//! kith-db's integration tests: the storage contract, run against SQLite and a real
//! PostgreSQL, plus what only one backend has (SQLite files, backups).

mod backup_cases;
mod cases;
mod conversation_cases;
mod harness;
mod import_cases;
mod merge_cases;
mod migrations;
mod opportunity_cases;
mod relationship_cases;
mod tie_cases;

use backup_cases::*;
use cases::*;
use conversation_cases::*;
use import_cases::*;
use merge_cases::*;
use opportunity_cases::*;
use relationship_cases::*;
use tie_cases::*;
mod sqlite_only;

/// Declares each contract case once and runs it on both backends.
macro_rules! contract {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    let h = crate::harness::sqlite().await;
                    crate::$case(&h.db).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    let h = crate::harness::postgres().await;
                    crate::$case(&h.db).await;
                }
            )*

            #[tokio::test]
            async fn reaches_a_real_server() {
                let h = crate::harness::postgres().await;
                let version = h.server_version().await;
                assert!(version.starts_with("PostgreSQL"), "{version}");
            }
        }
    };
}

contract!(
    people_round_trip,
    handles_are_unique_and_readable,
    invalid_people_are_rejected_and_nothing_is_written,
    editing_a_person_changes_only_what_it_names,
    a_failed_edit_changes_nothing,
    people_filter_by_tag_and_company,
    removing_a_person_removes_what_is_only_theirs,
    companies_round_trip,
    renaming_a_company_reindexes_its_people,
    interactions_are_logged_with_their_people,
    follow_ups_are_numbered_listed_and_completed,
    search_ranks_people_and_notes,
    search_ignores_query_syntax,
    owners_are_isolated,
    writes_that_arrive_together_all_land,
    a_network_batch_is_written_whole,
    a_network_batch_with_a_bad_reference_writes_nothing,
    importing_twice_changes_nothing_the_second_time,
    an_import_reports_matching_writing_and_committing,
    a_namesake_is_created_and_reported_never_merged,
    a_shared_line_or_mailbox_is_not_one_person,
    a_renamed_or_merged_person_is_still_found_by_old_names,
    birthdays_from_a_file_are_kept,
    bulk_writes_keep_awkward_text_exactly,
    a_message_history_is_recorded_once_and_grows,
    a_newer_export_records_job_changes,
    records_merge_by_identity_never_by_name_alone,
    ambiguous_records_are_reported_and_skipped,
    a_dry_run_counts_exactly_and_writes_nothing,
    one_file_naming_someone_twice_makes_one_person,
    imports_match_only_the_owners_people,
    a_backup_restores_exactly,
    a_backup_cannot_reach_other_owners,
    merging_keeps_everything_of_both,
    touch_logs_follow_every_change,
    rhythms_are_remembered_and_owned,
    meeting_people_at_an_event_writes_it_all,
    the_due_prefilter_never_misses_anyone,
    ties_are_declared_updated_and_forgotten,
    an_introduction_ties_the_people_in_it,
    the_neighbourhood_holds_every_tie_a_path_can_use,
    imports_infer_colleagues_only_at_small_companies,
    the_sql_baseline_agrees_with_the_graph_search,
    former_staff_come_from_job_changes,
    tie_lists_follow_every_change,
    targets_are_scored_against_the_rubric_with_evidence,
    referrals_leave_the_follow_ups_each_stage_needs,
    applications_keep_their_history,
    goals_are_kept_per_owner,
    merging_keeps_leads_and_referrals,
    a_version_2_backup_still_restores,
    pitches_are_versioned_and_one_is_in_use,
    pitch_outcomes_count_replies_and_meetings,
    own_questions_are_numbered_unique_and_removable,
    messages_are_kept_with_their_findings,
    promises_are_kept_either_way,
    undoing_a_merge_gives_back_exactly_what_was,
    rows_added_after_a_merge_stay_with_the_kept,
    undo_refuses_what_it_cannot_do_exactly,
);
