//! Watched jobs and the browser's notifications: one notification when a watched job
//! finishes, and a refused permission explained once and never asked for again.

use std::time::Duration;

use serde_json::json;
use smc_core::{DescribeReplicationJobs, ReplicationJob, Status};
use smc_e2e::{Browser, Stack};

use crate::common::{
    browser_on_stack_clock, job_request, moves_clocks, open_one_job, running_jobs, running_request,
    shown_name,
};

/// Records every `new Notification(…)` of the page, keeping the real API (its permission
/// and its constructor).
const RECORD_NOTIFICATIONS: &str = "(() => {
  window.__smcNotifications = [];
  const Real = window.Notification;
  class Recording extends Real {
    constructor(title, options) {
      window.__smcNotifications.push({ title, body: options && options.body, tag: options && options.tag });
      super(title, options);
    }
  }
  window.Notification = Recording;
})();";

/// A page whose browser has not been asked yet, and refuses when asked: counts the
/// questions.
const REFUSE_WHEN_ASKED: &str = "(() => {
  window.__smcPermissionRequests = 0;
  Object.defineProperty(Notification, 'permission', { get: () => 'default', configurable: true });
  Notification.requestPermission = () => {
    window.__smcPermissionRequests += 1;
    return Promise.resolve('denied');
  };
})();";

/// The longest the test moves the emulator's clock: it checks signatures against it.
const MOST_ADVANCE: Duration = Duration::from_secs(12 * 60);

/// The one-time running job nearest its end: the generator's runs take at most 45
/// minutes, so one at 75 % or more finishes within [`MOST_ADVANCE`].
async fn job_about_to_finish(stack: &Stack) -> ReplicationJob {
    let job = running_jobs(stack)
        .await
        .into_iter()
        .filter(|job| job.run_once != Some(false))
        .max_by(|a, b| {
            a.progress
                .unwrap_or(0.0)
                .total_cmp(&b.progress.unwrap_or(0.0))
        })
        .expect("the data set has a one-time running job");
    assert!(
        job.progress.unwrap_or(0.0) >= 75.0,
        "no job near its end: {:?}",
        job.progress
    );
    job
}

/// A browser on the stack's clock that may notify, recording its notifications.
async fn notifying_browser(stack: &Stack) -> Browser {
    let browser = browser_on_stack_clock(stack).await;
    browser.before_each_document(RECORD_NOTIFICATIONS).await;
    browser
        .cdp(
            "Browser.grantPermissions",
            json!({ "origin": stack.url(""), "permissions": ["notifications"] }),
        )
        .await;
    browser
}

/// Moves both clocks a minute at a time until the API says `job` has finished.
async fn run_until_finished(stack: &Stack, browser: &Browser, job: &ReplicationJob) {
    let mut moved = Duration::ZERO;
    loop {
        assert!(moved < MOST_ADVANCE, "{} did not finish", job.job_id);
        moves_clocks(stack, browser, Duration::from_secs(60)).await;
        moved += Duration::from_secs(60);
        let now = stack.page(&job_request(&job.job_id)).await;
        if now.replication_jobs[0].status == Some(Status::Finished) {
            return;
        }
    }
}

#[tokio::test]
async fn a_watched_job_that_finishes_notifies_once_with_its_name() {
    let stack = Stack::with_manual_clock().await;
    let job = job_about_to_finish(&stack).await;
    let browser = notifying_browser(&stack).await;
    let viewer = open_one_job(&stack, &browser, &job.job_id).await;
    let name = shown_name(&job);
    let toggle = format!("Notify me when {name} ends");
    viewer.click(&toggle).await;
    let pressed = viewer
        .wait_for(
            "the toggle pressed",
            "root.querySelector('.smcv-cell-time-left .smcv-watch[aria-pressed=\"true\"]')",
        )
        .await;
    assert!(pressed.is_object(), "{pressed}");

    run_until_finished(&stack, &browser, &job).await;
    viewer.click("Refresh").await;
    viewer
        .wait_for(
            "the row finished",
            "!busy() && root.querySelector('.smcv-status--finished')",
        )
        .await;
    let notifications = viewer
        .wait_for(
            "a notification",
            "window.__smcNotifications.length > 0 && window.__smcNotifications",
        )
        .await;
    assert_eq!(
        notifications,
        json!([{
            "title": format!("Finished: {name}"),
            "body": format!("Migration job {} has finished.", job.job_id),
            "tag": job.job_id,
        }])
    );
    // Another refresh shows the same status: no second notification.
    viewer.click("Refresh").await;
    viewer.rows().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        viewer.eval("window.__smcNotifications.length").await,
        json!(1)
    );
    browser.close().await;
}

#[tokio::test]
async fn watching_the_running_filter_notifies_of_each_job_that_ends_and_leaves_it() {
    let stack = Stack::with_manual_clock().await;
    let near_end = job_about_to_finish(&stack).await;
    let browser = notifying_browser(&stack).await;
    let running = running_request();
    browser
        .goto(&stack.url(&format!("/?{}", running.to_query_string())))
        .await;
    let viewer = browser.viewer();
    let shown = viewer.rows().await;
    assert!(shown.contains(&near_end.job_id), "{shown:?}");
    viewer
        .click("Notify me when any job of this filter ends")
        .await;

    run_until_finished(&stack, &browser, &near_end).await;
    // Every job the page showed that has ended since, asked through the stack by id.
    let asked = DescribeReplicationJobs {
        job_ids: shown.clone(),
        page_size: Some(50),
        ..DescribeReplicationJobs::default()
    };
    let mut ended: Vec<String> = stack
        .page(&asked)
        .await
        .replication_jobs
        .iter()
        .filter(|job| matches!(job.status, Some(Status::Finished | Status::InError)))
        .map(|job| job.job_id.clone())
        .collect();
    ended.sort();
    assert!(ended.contains(&near_end.job_id));

    // The refreshed page no longer shows them; the viewer asks for them by id.
    viewer.click("Refresh").await;
    let expected = ended.len();
    let tags = viewer
        .wait_for(
            "a notification for each ended job",
            &format!(
                "!busy() && window.__smcNotifications.length >= {expected} \
                 && window.__smcNotifications.map((n) => n.tag).sort()"
            ),
        )
        .await;
    assert_eq!(tags, json!(ended));
    browser.close().await;
}

#[tokio::test]
async fn a_refused_permission_is_explained_once_and_never_asked_again() {
    let stack = Stack::with_manual_clock().await;
    let job = running_jobs(&stack)
        .await
        .into_iter()
        .next()
        .expect("a running job");
    let browser = Browser::start().await;
    browser.before_each_document(REFUSE_WHEN_ASKED).await;
    let url = stack.url(&format!("/?{}", job_request(&job.job_id).to_query_string()));
    browser.goto(&url).await;
    let viewer = browser.viewer();
    viewer.rows().await;
    let toggle = format!("Notify me when {} ends", shown_name(&job));
    let explanation = "Notifications are blocked for this site";
    let explained = format!(
        "[...root.querySelectorAll('.smcv-banner--notice li')].filter((li) => text(li).startsWith({})).length",
        json!(explanation)
    );

    viewer.click(&toggle).await;
    viewer
        .wait_for("the explanation", &format!("{explained} === 1"))
        .await;
    assert_eq!(
        viewer.eval("window.__smcPermissionRequests").await,
        json!(1)
    );
    // Off and on again: no new question, no second explanation.
    viewer.click(&toggle).await;
    viewer.click(&toggle).await;
    viewer
        .wait_for(
            "the toggle pressed",
            "root.querySelector('.smcv-watch[aria-pressed=\"true\"]')",
        )
        .await;
    assert_eq!(
        viewer.eval("window.__smcPermissionRequests").await,
        json!(1)
    );
    assert_eq!(viewer.eval(&explained).await, json!(1));

    // After a reload the watch is kept for the tab and the refusal is remembered: the
    // browser is not asked again, and the explanation comes once.
    browser.goto(&url).await;
    viewer.rows().await;
    let kept = viewer
        .eval("root.querySelector('.smcv-cell-time-left .smcv-watch').getAttribute('aria-pressed')")
        .await;
    assert_eq!(kept, json!("true"));
    viewer.click(&toggle).await;
    viewer
        .wait_for("the explanation", &format!("{explained} === 1"))
        .await;
    viewer.click(&toggle).await;
    // Watching every job of the filter asks nothing either, and watches the job shown.
    viewer
        .click("Notify me when any job of this filter ends")
        .await;
    let pressed = viewer
        .wait_for(
            "both toggles pressed",
            "[...root.querySelectorAll('.smcv-watch')].every((b) => b.getAttribute('aria-pressed') === 'true')
               && root.querySelectorAll('.smcv-watch').length",
        )
        .await;
    assert_eq!(pressed, json!(2));
    assert_eq!(
        viewer.eval("window.__smcPermissionRequests").await,
        json!(0)
    );
    assert_eq!(viewer.eval(&explained).await, json!(1));
    browser.close().await;
}
