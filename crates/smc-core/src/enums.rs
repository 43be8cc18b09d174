//! The API's enumerations. Each keeps a value it does not know (`Unknown`) instead of
//! failing, because the service adds values over time and a viewer must still show the job.
//! Requests, by contrast, only accept known values: see [`crate::request`].

use std::fmt;

/// Defines an enumeration carried on the wire as a string.
///
/// Parsing is case-insensitive (the docs show both `Image` and `image`) and accepts the
/// listed aliases; serializing always writes the canonical spelling.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal $(| $alias:literal)* => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version of the model does not know, kept exactly as received.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in the order the API documents them.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// Parses a wire value; never fails (unknown values are kept).
            pub fn parse(wire: &str) -> Self {
                $(
                    if wire.eq_ignore_ascii_case($wire) $(|| wire.eq_ignore_ascii_case($alias))* {
                        return $name::$variant;
                    }
                )+
                $name::Unknown(wire.to_owned())
            }

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            /// A short human description, as a console would show it.
            pub fn label(&self) -> &str {
                match self {
                    $( $name::$variant => $label, )+
                    $name::Unknown(other) => other,
                }
            }

            /// Whether this is a value the API documents.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(wire: &str) -> Self {
                $name::parse(wire)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let wire = crate::wire::string(deserializer)?;
                Ok($name::parse(&wire))
            }
        }

    };
}

/// Defines an enumeration carried on the wire as an integer.
macro_rules! integer_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version of the model does not know, kept exactly as received.
            Unknown(i64),
        }

        impl $name {
            /// Every known value, in the order the API documents them.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// Maps a wire value; never fails (unknown values are kept).
            pub fn from_code(code: i64) -> Self {
                match code {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other),
                }
            }

            /// The value as the API sends it.
            pub fn code(self) -> i64 {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            /// A short human description, as a console would show it.
            pub fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                    $name::Unknown(_) => "Unknown",
                }
            }

            /// Whether this is a value the API documents.
            pub fn is_known(self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.code())
            }
        }

        impl From<i64> for $name {
            fn from(code: i64) -> Self {
                $name::from_code(code)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::wire::lenient_i64(deserializer).map($name::from_code)
            }
        }

    };
}

string_enum! {
    /// The primary status of a migration job (`Status`, in requests and responses).
    pub enum Status {
        /// Created, not started yet.
        Ready = "Ready" => "Not started",
        /// Migrating.
        Running = "Running" => "Running",
        /// Paused.
        Stopped = "Stopped" => "Paused",
        /// Failed; `ErrorCode` and `StatusInfo` say why.
        InError = "InError" => "Error",
        /// Completed.
        Finished = "Finished" => "Completed",
        /// Waiting for its next run (incremental jobs) or for a free slot.
        Waiting = "Waiting" => "Waiting to run",
        /// Past its `ValidTime`; deleted 7 days later.
        Expired = "Expired" => "Expired",
        /// Being deleted.
        Deleting = "Deleting" => "Deleting",
    }
}

string_enum! {
    /// The business status of a running migration job (`BusinessStatus`).
    pub enum BusinessStatus {
        /// Preparing the intermediate instance.
        Preparing = "Preparing" => "Preparing",
        /// Data is being synchronized.
        Syncing = "Syncing" => "Synchronizing data",
        /// Building the image or instance.
        Processing = "Processing" => "Processing",
        /// Intermediate resources are being released.
        Cleaning = "Cleaning" => "Releasing resources",
    }
}

string_enum! {
    /// Where the source server is migrated to (`TargetType`).
    pub enum TargetType {
        /// A custom ECS image.
        Image = "Image" => "ECS image",
        /// A Docker container image in Container Registry.
        ContainerImage = "ContainerImage" => "Container image",
        /// An existing ECS instance (older docs call it `Instance`).
        TargetInstance = "TargetInstance" | "Instance" => "ECS instance",
    }
}

string_enum! {
    /// The license of the migrated system (`LicenseType`); an empty value means none.
    pub enum LicenseType {
        /// Bring your own license.
        Byol = "BYOL" => "Bring your own license",
    }
}

string_enum! {
    /// How one run of a migration job was started (`ReplicationJobRun.Type`).
    pub enum RunType {
        /// Started by a person.
        Manual = "Manual" => "Manual",
        /// Started by the incremental schedule.
        Schedule = "Schedule" => "Scheduled",
    }
}

integer_enum! {
    /// The kind of migration (`JobType`, in requests and responses).
    pub enum JobType {
        /// Server migration.
        ServerMigration = 0 => "Server migration",
        /// Operating-system migration.
        OsMigration = 1 => "OS migration",
        /// Cross-zone migration.
        CrossZoneMigration = 2 => "Cross-zone migration",
        /// Agentless migration of a VMware virtual machine.
        VmwareAgentless = 3 => "Agentless VMware migration",
    }
}

integer_enum! {
    /// The network a migration uses (`NetMode`).
    pub enum NetMode {
        /// Over the Internet (the default).
        Internet = 0 => "Internet",
        /// Over a VPC: `VSwitchId` is set and `VpcId` derived from it.
        Vpc = 2 => "VPC",
    }
}

impl Status {
    /// Whether the job can still change without anyone acting: a viewer polls while
    /// any job on screen is in such a state.
    pub fn is_active(&self) -> bool {
        matches!(self, Status::Running | Status::Waiting | Status::Deleting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_is_case_insensitive_and_canonicalizes() {
        assert_eq!(TargetType::parse("image"), TargetType::Image);
        assert_eq!(TargetType::parse("Instance"), TargetType::TargetInstance);
        assert_eq!(TargetType::TargetInstance.as_str(), "TargetInstance");
        assert_eq!(Status::parse("inerror"), Status::InError);
    }

    #[test]
    fn unknown_values_are_kept_verbatim() {
        let status = Status::parse("Migrating");
        assert_eq!(status, Status::Unknown("Migrating".into()));
        assert_eq!(status.as_str(), "Migrating");
        assert!(!status.is_known());
        assert_eq!(JobType::from_code(9), JobType::Unknown(9));
        assert_eq!(JobType::from_code(9).code(), 9);
    }

    #[test]
    fn known_lists_cover_the_documented_values() {
        let statuses: Vec<&str> = Status::KNOWN.iter().map(Status::as_str).collect();
        assert_eq!(
            statuses,
            [
                "Ready", "Running", "Stopped", "InError", "Finished", "Waiting", "Expired",
                "Deleting"
            ]
        );
        assert_eq!(BusinessStatus::KNOWN.len(), 4);
        assert_eq!(
            JobType::KNOWN.iter().map(|t| t.code()).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
        assert_eq!(
            NetMode::KNOWN.iter().map(|m| m.code()).collect::<Vec<_>>(),
            [0, 2]
        );
    }

    #[test]
    fn serde_uses_wire_spellings() {
        assert_eq!(
            serde_json::to_string(&Status::InError).unwrap(),
            "\"InError\""
        );
        assert_eq!(serde_json::to_string(&NetMode::Vpc).unwrap(), "2");
        let parsed: JobType = serde_json::from_str("\"3\"").unwrap();
        assert_eq!(parsed, JobType::VmwareAgentless);
    }
}
