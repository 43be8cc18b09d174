//! Simplified Chinese (China), in the SMC console's words: 迁移任务, 复制作业 and the rest.

use super::Texts;

/// The Chinese catalogue.
pub const ZH_CN: Texts = Texts {
    language_name: "简体中文",

    loading_jobs: "正在加载迁移任务…",
    could_not_load_jobs: |code| format!("无法加载迁移任务：{code}"),
    slowing_down_announcement: "请求过于频繁，几秒后将重新加载迁移任务",
    showing_jobs: |range, page, last| format!("显示第 {range} 个任务，第 {page}/{last} 页"),

    jobs_by_status: "各状态的迁移任务数",
    count_loading: "统计中…",
    count_unknown: |code| format!("数量未知：{code}"),

    theme: "主题",
    theme_system: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",

    time_left_under_a_minute: "不到 1 分钟",
    time_left_about: |span| format!("剩余约 {span}"),
    span_minutes: |n| format!("{n} 分钟"),
    span_hours: |n| format!("{n} 小时"),
    span_days: |n| format!("{n} 天"),
    time_left_pending: "剩余时间：下次刷新后可知",
    stalled: "已停滞",
    stalled_for: |span| format!("已 {span} 无进展"),
    time_left_label: "剩余时间",
    transfer_rate_label: "传输速率",
    per_second: |size| format!("{size}/秒"),
    percent_per_minute: |percent| format!("{percent}/分钟"),
    percent_per_hour: |percent| format!("{percent}/小时"),

    watch_job: |name| format!("{name} 结束时通知我"),
    watch: "结束时通知我",
    watch_filter: "此筛选条件下的任一迁移任务结束时通知我",
    notification_finished_title: |name| format!("已完成：{name}"),
    notification_finished_body: |id| format!("迁移任务 {id} 已完成。"),
    notification_failed_title: |name| format!("错误：{name}"),
    notification_failed_body: |id| format!("迁移任务 {id} 因错误停止。"),
    notifications_denied: "此网站的通知已被阻止，关注的迁移任务结束时无法通知您。如需通知，请在浏览器的网站设置中允许通知。",
    notifications_unsupported: "此浏览器不支持通知：关注的迁移任务仍会标记，但结束时无法通知您。",

    filters_toggle: |count| format!("筛选条件（{count}）"),
    more_tags: |count| format!("另外 {count} 个标签"),
};
