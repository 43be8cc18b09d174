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

    filters_toggle: |count| format!("筛选条件（{count}）"),
    more_tags: |count| format!("另外 {count} 个标签"),
};
