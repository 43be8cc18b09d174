//! Reading a struct of the model field by field, each field by the lenient rule for its
//! type ([`WireField`]); [`deserialize_fields!`] writes the `Deserialize` impls.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserializer;
use time::OffsetDateTime;

use super::{lenient_string, opt_bool, opt_f64, opt_i64, opt_time, wrapped, WireItem};

/// How a field of the model reads from the wire, by its type: the lenient rules of the
/// parent module.
pub(crate) trait WireField: Sized {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// Scalar field types and their readers.
macro_rules! scalar_fields {
    ($($ty:ty => $read:ident),* $(,)?) => {
        $(impl WireField for $ty {
            fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $read(d)
            }
        })*
    };
}

scalar_fields! {
    String => lenient_string,
    Option<i64> => opt_i64,
    Option<f64> => opt_f64,
    Option<bool> => opt_bool,
    Option<OffsetDateTime> => opt_time,
}

/// Free-form JSON (`AccessDeniedDetail`), kept as it came.
impl WireField for Option<serde_json::Value> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

impl<T: WireItem + DeserializeOwned> WireField for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wrapped::deserialize(d)
    }
}

/// Reads a field of type `T` as a map value.
pub(crate) struct Field<T>(pub(crate) PhantomData<T>);

impl<'de, T: WireField> de::DeserializeSeed<'de> for Field<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::read(d)
    }
}

/// A map key, borrowed from the text when it can be.
pub(crate) struct Key;

impl<'de> de::DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Implements `Deserialize` for a struct of the model from its wire names: each known field
/// is read by its type's [`WireField`] (or by the reader given with its type) into the struct's
/// `Default`; unknown fields are skipped, and a repeated field keeps its last value.
///
/// serde's derive keeps an `Option` per field, checks each for a duplicate and drops them
/// all at the end: a job's reader was 15.6 KB of wasm with it, 8.4 KB with this. The
/// wire names are the ones `Serialize` writes; the round-trip proptests in
/// `tests/properties.rs` fail when a name here and there differ.
macro_rules! deserialize_fields {
    ($name:ident { $($wire:literal => $field:ident $(: $ty:ty = $read:path)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Fields;

                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        let mut value = $name::default();
                        while let Some(key) = map.next_key_seed($crate::wire::Key)? {
                            match &*key {
                                $($wire => value.$field = $crate::wire::read_field!(map $(, $ty, $read)?),)*
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(value)
                    }
                }

                d.deserialize_struct(stringify!($name), &[$($wire),*], Fields)
            }
        }
    };
}
pub(crate) use deserialize_fields;

/// One field's value in [`deserialize_fields`]: by its type, or by a reader function.
macro_rules! read_field {
    ($map:ident) => {
        $map.next_value_seed($crate::wire::Field(std::marker::PhantomData))?
    };
    ($map:ident, $ty:ty, $read:path) => {{
        struct Read;

        impl<'de> serde::de::DeserializeSeed<'de> for Read {
            type Value = $ty;

            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<$ty, D::Error> {
                $read(d)
            }
        }

        $map.next_value_seed(Read)?
    }};
}
pub(crate) use read_field;
