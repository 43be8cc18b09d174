//! The viewer at every width: a phone (360 px) and a desktop (1440 px). Ids stay whole,
//! rows show on the first screen, the filters fold behind "Filters (n)", tag chips stay
//! whole with "+N" for the rest, the header sticks, and the details open beside the list
//! or over it, closing with Escape and giving the focus back to the row.

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::{json, Value};
use smc_core::{DescribeReplicationJobs, DescribeReplicationJobsResponse, TagFilter};
use smc_e2e::axe::assert_no_serious_violations;
use smc_e2e::browser::{strings, Viewer};
use smc_e2e::{Browser, Stack};

use crate::common::{job_ids, shown_name};

/// Where an element is, in viewport pixels, and whether it is inside the viewport.
const RECT: &str = r#"
const rect = (el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
    inside: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight };
};
"#;

/// Every id in the list that spans two lines, is not kept on one line, or is cut short
/// without its whole text on hover.
const BROKEN_IDS: &str = r#"
[...root.querySelectorAll('table.smcv-table code')].filter((code) => {
  const style = getComputedStyle(code);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
  const oneLine = code.getClientRects().length === 1
    && code.getBoundingClientRect().height < lineHeight * 1.5;
  const cut = code.scrollWidth > code.clientWidth + 1;
  const shownWhole = !cut || (style.textOverflow === 'ellipsis' && code.title === code.textContent);
  return !oneLine || style.whiteSpace !== 'nowrap' || !shownWhole;
}).map((code) => code.textContent)
"#;

/// Evaluates `expression` with [`RECT`] in scope.
async fn measure(viewer: &Viewer<'_>, expression: &str) -> Value {
    viewer
        .eval(&format!("(() => {{ {RECT}\n return ({expression}); }})()"))
        .await
}

fn number(value: &Value, field: &str) -> f64 {
    value[field]
        .as_f64()
        .unwrap_or_else(|| panic!("no {field} in {value}"))
}

/// The viewer on a `width` × `height` screen showing its first page, which the API
/// answers with the jobs returned here.
async fn list_at(width: u32, height: u32) -> (Stack, DescribeReplicationJobsResponse, Browser) {
    let stack = Stack::start().await;
    let first_page = stack
        .page(&DescribeReplicationJobs {
            page_size: Some(20),
            ..Default::default()
        })
        .await;
    let browser = Browser::start().await;
    browser.emulate_viewport(width, height).await;
    browser.goto(&stack.url("/")).await;
    assert_eq!(browser.viewer().rows().await, job_ids(&first_page));
    (stack, first_page, browser)
}

#[tokio::test]
async fn at_360_px_rows_show_first_ids_stay_whole_filters_fold_and_details_cover_the_list() {
    let (_stack, first_page, browser) = list_at(360, 740).await;
    let viewer = browser.viewer();

    // The first job's name and id are on the first screen, with no scrolling.
    let first = &first_page.replication_jobs[0];
    let row = measure(
        &viewer,
        "(() => { const tr = root.querySelector('table.smcv-table tbody tr');
           return { scrollY, name: rect(tr.querySelector('.smcv-link')), id: rect(tr.querySelector('.smcv-id code')),
             nameText: text(tr.querySelector('.smcv-link')), idText: text(tr.querySelector('.smcv-id code')),
             status: rect(tr.querySelector('.smcv-status')) }; })()",
    )
    .await;
    assert_eq!(row["scrollY"], 0);
    assert_eq!(row["nameText"], shown_name(first));
    assert_eq!(row["idText"], first.job_id.as_str());
    for part in ["name", "id", "status"] {
        assert_eq!(row[part]["inside"], true, "the first row's {part}: {row}");
    }
    // No id breaks inside, every job id shows whole, and the page never scrolls sideways.
    assert_eq!(viewer.eval(BROKEN_IDS).await, json!([]));
    let cut_job_ids = viewer
        .eval(
            "[...root.querySelectorAll('table.smcv-table .smcv-id code')]
               .filter((code) => code.scrollWidth > code.clientWidth).map(text)",
        )
        .await;
    assert_eq!(cut_job_ids, json!([]));
    assert_no_sideways_scrolling(&viewer).await;
    assert_no_serious_violations(&browser, "the cards at 360 px").await;

    // "Filters (0)" unfolds the filters and folds them again.
    let toggle = "root.querySelector('button.smcv-filters-toggle')";
    let filters_shown = "root.querySelector('section.smcv-filters').getClientRects().length > 0";
    assert_eq!(viewer.eval(&format!("text({toggle})")).await, "Filters (0)");
    assert_eq!(viewer.eval(filters_shown).await, false);
    assert_eq!(
        viewer
            .eval(&format!("{toggle}.getAttribute('aria-expanded')"))
            .await,
        "false"
    );
    let controlled = viewer
        .eval(&format!(
            "document.getElementById({toggle}.getAttribute('aria-controls')).contains(root.querySelector('section.smcv-filters'))"
        ))
        .await;
    assert_eq!(controlled, true, "the button controls the filters");
    viewer.click("Filters (0)").await;
    viewer.wait_for("the filters", filters_shown).await;
    assert_eq!(
        viewer
            .eval(&format!("{toggle}.getAttribute('aria-expanded')"))
            .await,
        "true"
    );
    // A filter set there counts: n is the number of active filters.
    viewer.choose("Status", "Running").await;
    viewer
        .wait_for("the status chip", "chips().length === 1")
        .await;
    viewer
        .type_into("Job IDs", &format!("{} ", first.job_id))
        .await;
    viewer
        .wait_for("the job id chip", "chips().length === 2")
        .await;
    let active = viewer.chips().await.len();
    assert_eq!(
        viewer.eval(&format!("text({toggle})")).await,
        format!("Filters ({active})")
    );
    assert_no_sideways_scrolling(&viewer).await;
    viewer.click(&format!("Filters ({active})")).await;
    viewer
        .wait_for("the filters to fold", &format!("!({filters_shown})"))
        .await;
    viewer.click("Clear filters").await;
    viewer.wait_for("no filters", "chips().length === 0").await;
    viewer
        .wait_for_range(&format!("1–20 of {}", first_page.total_count.unwrap()))
        .await;

    // The details cover the list, the whole width; Escape closes them and the focus goes
    // back to the row.
    open_details(&viewer, shown_name(first)).await;
    let details = measure(
        &viewer,
        "({ ...rect(root.querySelector('.smcv-details')), page: document.documentElement.clientWidth })",
    )
    .await;
    assert_eq!(details["inside"], true, "{details}");
    assert_eq!(
        details["width"], details["page"],
        "the whole width: {details}"
    );
    assert_eq!(number(&details, "top"), 0.0, "{details}");
    assert_eq!(
        viewer.eval("document.activeElement.id").await,
        format!("details-{}", first.job_id)
    );
    assert_no_sideways_scrolling(&viewer).await;
    assert_no_serious_violations(&browser, "the details drawer at 360 px").await;
    browser
        .client()
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(&Key::Escape.to_string())
        .await
        .expect("Escape");
    viewer
        .wait_for(
            "the details to close",
            "!root.querySelector('.smcv-details')",
        )
        .await;
    let focused = viewer
        .eval(
            "({ row: document.activeElement.closest('tr')?.dataset.jobId,
                button: document.activeElement.classList.contains('smcv-link') })",
        )
        .await;
    assert_eq!(
        focused,
        json!({ "row": first.job_id, "button": true }),
        "the focus is back on the row"
    );
    browser.close().await;
}

/// Opens the details of the job named `name` from its row, as a person would.
async fn open_details(viewer: &Viewer<'_>, name: &str) {
    viewer.click(&format!("Open details of {name}")).await;
    viewer
        .wait_for(
            "the details",
            "root.querySelector('.smcv-details .smcv-details__body')",
        )
        .await;
}

async fn assert_no_sideways_scrolling(viewer: &Viewer<'_>) {
    let widths = viewer
        .eval("({ scroll: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth })")
        .await;
    assert!(
        number(&widths, "scroll") <= number(&widths, "viewport"),
        "the page scrolls sideways: {widths}"
    );
}

#[tokio::test]
async fn at_1440_px_rows_are_compact_the_header_sticks_chips_stay_whole_and_details_sit_beside() {
    let (_stack, first_page, browser) = list_at(1440, 900).await;
    let viewer = browser.viewer();
    assert_eq!(viewer.eval(BROKEN_IDS).await, json!([]));

    // Rows are the name over the id, every other cell one line: at most three and a half
    // lines tall with the padding.
    let rows = viewer
        .eval(
            "(() => { const lh = parseFloat(getComputedStyle(root.querySelector('table.smcv-table td')).lineHeight);
               return { lineHeight: lh, heights: [...root.querySelectorAll('table.smcv-table tbody tr')].map((tr) => tr.getBoundingClientRect().height) }; })()",
        )
        .await;
    let line = number(&rows, "lineHeight");
    for height in rows["heights"].as_array().expect("heights") {
        let height = height.as_f64().expect("a height");
        assert!(height <= line * 3.5, "a row {height} px tall: {rows}");
    }

    // Chips never break inside, and a row shows at most two, with "+N" for the rest.
    let wrapped_chips = viewer
        .eval(
            "[...root.querySelectorAll('table.smcv-table .smcv-chip')].filter((chip) =>
               chip.getClientRects().length > 1
               || chip.getBoundingClientRect().height > parseFloat(getComputedStyle(chip).lineHeight) * 1.6
               || getComputedStyle(chip).whiteSpace !== 'nowrap').map(text)",
        )
        .await;
    assert_eq!(wrapped_chips, json!([]));
    let most_shown = viewer
        .eval(
            "Math.max(...[...root.querySelectorAll('table.smcv-table tbody tr')].map((tr) =>
               [...tr.querySelectorAll('.smcv-chip--tag')].filter((chip) => chip.getClientRects().length > 0).length))",
        )
        .await;
    assert_eq!(most_shown, 2);
    let job = first_page
        .replication_jobs
        .iter()
        .find(|job| job.tags.len() > 3)
        .expect("a job of the first page has more than three tags");
    let hidden: Vec<String> = job.tags[2..]
        .iter()
        .map(|tag| TagFilter::from(tag).to_string())
        .collect();
    let more = format!(
        "root.querySelector('tr[data-job-id=\"{}\"] .smcv-more__button')",
        job.job_id
    );
    let list = format!("document.getElementById({more}.getAttribute('aria-controls'))");
    assert_eq!(
        viewer
            .eval(&format!("{more}.getAttribute('aria-label')"))
            .await,
        format!("{} more tags", hidden.len())
    );
    assert_eq!(
        viewer.eval(&format!("text({more})")).await,
        format!("+{}", hidden.len())
    );
    let list_shown = format!("{list}.getClientRects().length > 0");
    assert_eq!(viewer.eval(&list_shown).await, false);
    // Focus shows the rest, as chips that filter; leaving hides them again.
    viewer.eval(&format!("{more}.focus()")).await;
    viewer.wait_for("the hidden tags", &list_shown).await;
    assert_eq!(
        viewer
            .eval(&format!("{more}.getAttribute('aria-expanded')"))
            .await,
        "true"
    );
    let shown = viewer
        .eval(&format!(
            "[...{list}.querySelectorAll('button.smcv-chip--tag')].map(text)"
        ))
        .await;
    assert_eq!(strings(shown), hidden);
    let list_inside = measure(&viewer, &format!("rect({list}).inside")).await;
    assert_eq!(list_inside, true);
    viewer.eval("document.activeElement.blur()").await;
    viewer
        .wait_for("the hidden tags to hide", &format!("!({list_shown})"))
        .await;
    // So does the pointer.
    let more_button = browser
        .client()
        .find(Locator::Css(&format!(
            "tr[data-job-id=\"{}\"] .smcv-more__button",
            job.job_id
        )))
        .await
        .expect("the +N button");
    browser
        .client()
        .perform_actions(
            MouseActions::new("mouse".to_owned()).then(PointerAction::MoveToElement {
                element: more_button,
                duration: None,
                x: 0.0,
                y: 0.0,
            }),
        )
        .await
        .expect("the pointer moves");
    viewer
        .wait_for("the hidden tags on hover", &list_shown)
        .await;

    // The header stays at the top of the table while the table scrolls.
    let stuck = measure(
        &viewer,
        "(() => { const wrap = root.querySelector('.smcv-table-wrap');
           wrap.scrollTop = 400;
           const header = rect(root.querySelector('table.smcv-table thead th'));
           const firstRow = rect(root.querySelector('table.smcv-table tbody tr'));
           return { scrolled: wrap.scrollTop, wrapTop: rect(wrap).top, headerTop: header.top, headerInside: header.inside, firstRowBottom: firstRow.bottom }; })()",
    )
    .await;
    assert!(number(&stuck, "scrolled") > 100.0, "{stuck}");
    assert!(
        (number(&stuck, "headerTop") - number(&stuck, "wrapTop")).abs() <= 2.0,
        "{stuck}"
    );
    assert_eq!(stuck["headerInside"], true, "{stuck}");
    assert!(
        number(&stuck, "firstRowBottom") < number(&stuck, "headerTop"),
        "the first row scrolled away under the header: {stuck}"
    );
    viewer
        .eval("root.querySelector('.smcv-table-wrap').scrollTop = 0")
        .await;

    // The details open beside the table, on the first screen, and stay there as the page
    // scrolls.
    open_details(&viewer, shown_name(job)).await;
    let beside = measure(
        &viewer,
        "({ scrollY, details: rect(root.querySelector('.smcv-details')), table: rect(root.querySelector('.smcv-table-wrap')) })",
    )
    .await;
    let details = &beside["details"];
    let table = &beside["table"];
    assert_eq!(beside["scrollY"], 0);
    assert!(
        number(details, "left") >= number(table, "right"),
        "beside the table: {beside}"
    );
    assert!(
        number(details, "top") < number(table, "bottom")
            && number(details, "bottom") > number(table, "top"),
        "level with the table: {beside}"
    );
    assert!(
        number(details, "top") >= 0.0 && number(details, "top") < 200.0,
        "{beside}"
    );
    assert!(number(details, "bottom") <= 900.0, "{beside}");
    let scrolled = measure(
        &viewer,
        "(() => { scrollTo(0, 400); return { scrollY, details: rect(root.querySelector('.smcv-details')) }; })()",
    )
    .await;
    assert!(number(&scrolled, "scrollY") > 0.0, "{scrolled}");
    assert_eq!(scrolled["details"]["inside"], true, "{scrolled}");

    // Close shuts them too, and the focus goes back to the row.
    viewer.click("Close details").await;
    viewer
        .wait_for(
            "the details to close",
            "!root.querySelector('.smcv-details')",
        )
        .await;
    assert_eq!(
        viewer
            .eval("document.activeElement.closest('tr')?.dataset.jobId")
            .await,
        job.job_id.as_str()
    );
    browser.close().await;
}
