//! The words generated jobs are made of: regions, applications, tags, error codes. Chosen
//! to look like a real account mid-migration, with some UTF-8, spaces and `+` in names so
//! clients meet them.

/// Destination regions with the three-character code that starts their resource IDs
/// (`i-bp1…` is in Hangzhou), and how often jobs go there.
pub(crate) const REGIONS: &[((&str, &str), u64)] = &[
    (("cn-hangzhou", "bp1"), 30),
    (("cn-shanghai", "uf6"), 20),
    (("cn-beijing", "2ze"), 15),
    (("cn-shenzhen", "wz9"), 10),
    (("cn-hongkong", "j6c"), 10),
    (("ap-southeast-1", "t4n"), 10),
    (("eu-central-1", "gw8"), 5),
];

/// How many resource groups an account has.
pub(crate) const RESOURCE_GROUPS: usize = 4;

/// Applications being migrated.
pub(crate) const APPS: &[&str] = &[
    "erp",
    "crm",
    "billing",
    "checkout",
    "wiki",
    "jenkins",
    "gitlab",
    "payroll",
    "search",
    "reporting",
    "mail",
    "inventory",
];

/// Server roles.
pub(crate) const ROLES: &[&str] = &["web", "db", "app", "cache", "mq", "batch", "file"];

/// Environments, used in names and the `env` tag.
pub(crate) const ENVIRONMENTS: &[(&str, u64)] = &[("prod", 40), ("staging", 30), ("dev", 30)];

/// Names that exercise encoding: UTF-8, spaces and `+`.
pub(crate) const ODD_NAMES: &[&str] = &[
    "迁移-订单数据库",
    "迁移 财务系统 01",
    "c++ build farm 01",
    "billing+reports nightly",
    "Ünïcödé file server",
    "legacy ERP (AIX) → ECS",
];

/// Descriptions; `{app}` is replaced by the job's application.
pub(crate) const DESCRIPTIONS: &[&str] = &[
    "Lift-and-shift of the {app} servers from the Shanghai IDC.",
    "Nightly incremental sync for {app} until cut-over.",
    "数据中心迁移：{app}",
    "Rehost {app} before the data centre lease ends.",
    "",
];

/// Tag keys and their values; a job carries each key at most once. The API allows empty
/// values, and accounts have them (an owner not yet named, a project left blank), so
/// filters for the empty value have jobs to find.
pub(crate) const TAG_VALUES: &[(&str, &[&str])] = &[
    ("env", &["prod", "staging", "dev"]),
    (
        "team",
        &["platform", "data", "payments", "web", "infra", "数据平台"],
    ),
    ("app", APPS),
    (
        "cost-center",
        &["cc-1001", "cc-1002", "cc-2040", "cc-3100", "cc-4711"],
    ),
    (
        "owner",
        &[
            "li.wei",
            "zhang.min",
            "wang.fang",
            "chen.jie",
            "alice",
            "bob",
            "",
        ],
    ),
    (
        "project",
        &["dc-exit-2026", "cloud-first", "hk-consolidation", ""],
    ),
];

/// The one tag with an empty key (the API allows it), as a bulk import left it.
pub(crate) const EMPTY_KEY_TAG: (&str, &str) = ("", "cmdb-import");

/// The place, in the order of generation, of the job that carries [`EMPTY_KEY_TAG`].
pub(crate) const EMPTY_KEY_JOB: usize = 2;

/// Why an `InError` job failed: `ErrorCode` and `StatusInfo`.
pub(crate) const ERRORS: &[(&str, &str)] = &[
    ("InvalidSourceServer.Offline", "The SMC client on the source server is offline. Check that the client is running and can reach the Internet."),
    ("CreateTransitionInstanceFailed", "Failed to create the intermediate instance: the instance type is out of stock in the zone."),
    ("SyncDataFailed", "Data synchronization was interrupted: the connection to the intermediate instance timed out."),
    ("CreateImageFailed", "Failed to create the custom image: the image quota of the region has been reached."),
    ("InsufficientBalance", "Your account balance is insufficient to create the intermediate instance."),
    ("Forbidden.RAM", "The RAM role AliyunSMCDefaultRole is missing or lacks the required permissions."),
    ("DiskSpaceNotEnough", "The destination data disk 1 is smaller than the source partition 1_0."),
    ("InternalError", "An internal error occurred. Retry the job; if it fails again, submit a ticket."),
];

/// Instance types of intermediate instances.
pub(crate) const INSTANCE_TYPES: &[&str] = &[
    "ecs.sn1ne.large",
    "ecs.g6.large",
    "ecs.c6.xlarge",
    "ecs.g7.large",
];

/// Replication driver settings.
pub(crate) const REPLICATION_PARAMETERS: &[&str] = &[
    "BandWidthLimit:0",
    "BandWidthLimit:51200",
    "BandWidthLimit:10240,CompressLevel:7",
];

/// Hours between incremental runs.
pub(crate) const FREQUENCIES: &[i64] = &[1, 6, 12, 24, 48, 72, 168];

/// System disk sizes, in GiB.
pub(crate) const SYSTEM_DISK_SIZES: &[i64] = &[40, 50, 80, 100, 200];

/// Data disk sizes, in GiB.
pub(crate) const DATA_DISK_SIZES: &[i64] = &[20, 50, 100, 200, 500, 1024, 2048];
