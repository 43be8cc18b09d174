//! Typing an object whose fields do not all fit the model: the fields that fail are found,
//! taken out and kept as [`OddField`]s, and the rest is typed as usual.
//!
//! Used only after the ordinary typed read of an object has failed, so well-formed objects
//! never come here. Each probe types a small pruned copy of the object (the path to one
//! value, nothing beside it) with the model's own serde derive, read from text as every
//! body is: there is no second reader to disagree with the first.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::raw::OddField;

/// One step of a path into a JSON value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Types `object` as `T`, taking out every value that keeps it from typing. `Err` only
/// when what is left still does not type, which the model's all-default types rule out.
pub(crate) fn type_leniently<T: DeserializeOwned>(
    mut object: Value,
) -> Result<(T, Vec<OddField>), serde_json::Error> {
    let mut odd_paths = Vec::new();
    if !reads::<T>(&object) {
        find(
            &object,
            &mut Vec::new(),
            &object,
            &mut odd_paths,
            reads::<T>,
        );
    }
    // From the last to the first, so that taking an item out of a list leaves the
    // indexes of the paths still to take valid.
    let mut odd_fields: Vec<OddField> = odd_paths
        .iter()
        .rev()
        .filter_map(|path| {
            take(&mut object, path).map(|raw| OddField {
                path: render(path),
                raw,
            })
        })
        .collect();
    odd_fields.reverse();
    let typed = serde_json::from_str(&object.to_string())?;
    Ok((typed, odd_fields))
}

/// Whether `value` types as `T`.
fn reads<T: DeserializeOwned>(value: &Value) -> bool {
    serde_json::from_str::<T>(&value.to_string()).is_ok()
}

/// Collects the paths of the values below `path` that keep `root` from typing. `node` is the
/// value at `path`; with only the path to it kept, `root` does not type.
fn find(
    root: &Value,
    path: &mut Vec<Step>,
    node: &Value,
    odd: &mut Vec<Vec<Step>>,
    reads: fn(&Value) -> bool,
) {
    let found_before = odd.len();
    let (empty, children): (Value, Vec<(Step, &Value)>) = match node {
        Value::Object(members) => (
            Value::Object(Map::new()),
            members
                .iter()
                .map(|(key, value)| (Step::Key(key.clone()), value))
                .collect(),
        ),
        Value::Array(items) => (
            Value::Array(Vec::new()),
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (Step::Index(i), v))
                .collect(),
        ),
        _ => (Value::Null, Vec::new()),
    };
    // A value of the wrong kind altogether (a scalar, an object where text belongs) is odd
    // as a whole; the root is the object being typed and stays.
    if !path.is_empty() && (children.is_empty() || !reads(&pruned(root, path, empty))) {
        odd.push(path.clone());
        return;
    }
    for (step, child) in children {
        path.push(step);
        if !reads(&pruned(root, path, child.clone())) {
            find(root, path, child, odd, reads);
        }
        path.pop();
    }
    if path.is_empty() {
        return;
    }
    // Each part types alone but not together (serde reads a struct from a list by
    // position, so a part probed alone is read in another place), or taking out what was
    // found does not make the rest type: the value is odd as a whole.
    let rest_reads = || {
        let mut rest = node.clone();
        for found in odd[found_before..].iter().rev() {
            take(&mut rest, &found[path.len()..]);
        }
        reads(&pruned(root, path, rest))
    };
    if odd.len() == found_before || !rest_reads() {
        odd.truncate(found_before);
        odd.push(path.clone());
    }
}

/// `root` with only the path to one value kept, that value replaced by `with`.
fn pruned(root: &Value, path: &[Step], with: Value) -> Value {
    match path.split_first() {
        None => with,
        Some((Step::Key(key), rest)) => {
            let mut object = Map::new();
            object.insert(key.clone(), pruned(&root[key.as_str()], rest, with));
            Value::Object(object)
        }
        Some((Step::Index(index), rest)) => Value::Array(vec![pruned(&root[*index], rest, with)]),
    }
}

/// Takes the value at `path` out of `root`: a member is removed (so the field reads as
/// absent), a list item too (so no empty item is made up).
fn take(root: &mut Value, path: &[Step]) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let parent = parents.iter().try_fold(root, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(index) => node.get_mut(*index),
    })?;
    match (last, parent) {
        (Step::Key(key), Value::Object(members)) => members.remove(key.as_str()),
        (Step::Index(index), Value::Array(items)) if *index < items.len() => {
            Some(items.remove(*index))
        }
        _ => None,
    }
}

/// `ReplicationJobRuns.ReplicationJobRun[1].StartTime`.
fn render(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Step::Index(index) => {
                text.push('[');
                text.push_str(&index.to_string());
                text.push(']');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReplicationJob;
    use serde_json::json;

    fn lenient(value: Value) -> (ReplicationJob, Vec<(String, Value)>) {
        let (job, odd) = type_leniently::<ReplicationJob>(value).unwrap();
        (job, odd.into_iter().map(|f| (f.path, f.raw)).collect())
    }

    #[test]
    fn a_well_formed_object_has_no_odd_field() {
        let (job, odd) = lenient(json!({"JobId": "j-1", "Progress": "5"}));
        assert_eq!((job.job_id.as_str(), job.progress), ("j-1", Some(5.0)));
        assert!(odd.is_empty());
    }

    #[test]
    fn odd_scalars_and_wrong_kinds_are_taken_out_one_by_one() {
        let (job, odd) = lenient(json!({
            "JobId": "j-1",
            "Progress": "lots",
            "CreationTime": "yesterday",
            "Name": {"First": "a"},
            "Frequency": 12,
        }));
        assert_eq!(job.job_id, "j-1");
        assert_eq!(job.frequency, Some(12));
        assert_eq!(
            (job.progress, job.creation_time, job.name.as_str()),
            (None, None, "")
        );
        let paths: Vec<&str> = odd.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["CreationTime", "Name", "Progress"]);
        assert_eq!(odd[1].1, json!({"First": "a"}));
    }

    #[test]
    fn an_odd_value_deep_in_a_list_leaves_the_rest_of_the_list() {
        let (job, odd) = lenient(json!({
            "ReplicationJobRuns": {"ReplicationJobRun": [
                {"Type": "Manual", "StartTime": "2026-11-01T00:00:00Z"},
                {"Type": "Schedule", "StartTime": "soon", "ImageId": "m-2"},
                7
            ]},
            "Tags": {"Tag": [{"Key": "env", "Value": "prod"}]}
        }));
        assert_eq!(
            odd,
            [
                (
                    "ReplicationJobRuns.ReplicationJobRun[1].StartTime".to_owned(),
                    json!("soon")
                ),
                (
                    "ReplicationJobRuns.ReplicationJobRun[2]".to_owned(),
                    json!(7)
                ),
            ]
        );
        assert_eq!(job.replication_job_runs.len(), 2);
        assert_eq!(job.replication_job_runs[1].image_id, "m-2");
        assert_eq!(job.replication_job_runs[1].start_time, None);
        assert_eq!(job.tags.len(), 1);
    }

    /// Found by the `odd_fields` fuzz target: serde reads a struct from a list by position,
    /// so the items of such a list cannot be probed one by one.
    #[test]
    fn an_item_given_as_a_list_is_odd_as_a_whole() {
        let run = json!([1, 1111, 11144444444444444441u64, 1.5]);
        let (job, odd) = lenient(json!({
            "JobId": "j-1",
            "ReplicationJobRuns": {"ReplicationJobRun": [run.clone(), {"ImageId": "m-1"}]}
        }));
        assert_eq!(
            odd,
            [("ReplicationJobRuns.ReplicationJobRun[0]".to_owned(), run)]
        );
        assert_eq!(job.replication_job_runs.len(), 1);
        assert_eq!(job.replication_job_runs[0].image_id, "m-1");
    }

    #[test]
    fn paths_render_in_the_api_names() {
        let path = [
            Step::Key("DataDisks".into()),
            Step::Key("DataDisk".into()),
            Step::Index(0),
            Step::Key("Size".into()),
        ];
        assert_eq!(render(&path), "DataDisks.DataDisk[0].Size");
    }
}
