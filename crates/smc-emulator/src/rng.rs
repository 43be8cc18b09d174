//! SplitMix64: a tiny random number generator whose output depends on nothing but its seed,
//! on every platform and in every version of this crate. Generated jobs must be the same
//! for the same `--seed` everywhere, which no general-purpose generator promises.

/// One step of SplitMix64's output function: a strong 64-bit mix of `z`.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A seeded stream of pseudo-random numbers.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A stream determined by `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// A number in `0..n` (0 when `n` is 0). Multiply-and-shift: the bias is below 2^-32
    /// for the small ranges used here, and there is no rejection loop.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = high.abs_diff(low).saturating_add(1);
        low.wrapping_add(self.below(span) as i64)
    }

    /// `true` with the given chance in percent.
    pub(crate) fn percent(&mut self, chance: u64) -> bool {
        self.below(100) < chance
    }

    /// A uniformly chosen element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = self.below(items.len() as u64) as usize;
        &items[index.min(items.len().saturating_sub(1))]
    }

    /// An element chosen with the given weights (a zero total picks the first).
    pub(crate) fn weighted<T: Clone>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return item.clone();
            }
            roll -= weight;
        }
        items[0].0.clone()
    }

    /// `length` lowercase letters and digits, as in resource IDs.
    pub(crate) fn alphanumeric(&mut self, length: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..length)
            .map(|_| char::from(*self.pick(ALPHABET)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_fixed_by_the_seed() {
        // SplitMix64's published first output for seed 0 pins the algorithm down.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let a: Vec<u64> = (0..5)
            .map({
                let mut rng = SplitMix64::new(42);
                move |_| rng.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut rng = SplitMix64::new(42);
                move |_| rng.next_u64()
            })
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..1000 {
            assert!(rng.below(10) < 10);
            let n = rng.between(-3, 3);
            assert!((-3..=3).contains(&n));
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.between(5, 5), 5);
        let id = rng.alphanumeric(20);
        assert_eq!(id.len(), 20);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }

    #[test]
    fn weights_are_respected() {
        let mut rng = SplitMix64::new(1);
        let picks: Vec<&str> = (0..200)
            .map(|_| rng.weighted(&[("a", 0), ("b", 1)]))
            .collect();
        assert!(picks.iter().all(|p| *p == "b"));
    }
}
