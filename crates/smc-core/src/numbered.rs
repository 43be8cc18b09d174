//! Values by their number in a numbered list parameter (`JobId.3`, `Tag.2.Key`).

/// Values by number, in ascending order of number; a number given again replaces its value.
///
/// A sorted `Vec`, not a `BTreeMap`: lists hold at most 50 values, and every value type of a
/// `BTreeMap` puts about 1 KB of gzip into the browser bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered<T>(Vec<(usize, T)>);

impl<T> Default for Numbered<T> {
    fn default() -> Self {
        Numbered(Vec::new())
    }
}

impl<T> Numbered<T> {
    /// The value numbered `n`, `T::default()` until one is set.
    pub fn entry(&mut self, n: usize) -> &mut T
    where
        T: Default,
    {
        let at = match self.0.binary_search_by_key(&n, |(number, _)| *number) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (n, T::default()));
                at
            }
        };
        &mut self.0[at].1
    }

    /// How many numbers have values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no number has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> IntoIterator for Numbered<T> {
    type Item = (usize, T);
    type IntoIter = std::vec::IntoIter<(usize, T)>;

    /// `(number, value)` pairs, smallest number first.
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_out_by_number_and_a_repeated_number_keeps_the_last() {
        let mut numbered = Numbered::default();
        for (n, value) in [(3, "c"), (1, "a"), (20, "t"), (3, "C"), (2, "b")] {
            *numbered.entry(n) = value.to_owned();
        }
        assert_eq!(numbered.len(), 4);
        let pairs: Vec<(usize, String)> = numbered.into_iter().collect();
        assert_eq!(
            pairs,
            [
                (1, "a".to_owned()),
                (2, "b".to_owned()),
                (3, "C".to_owned()),
                (20, "t".to_owned())
            ]
        );
        assert!(Numbered::<String>::default().is_empty());
    }
}
