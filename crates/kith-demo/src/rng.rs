//! A tiny seeded random number generator (SplitMix64), so the demo's content depends on
//! the seed alone and never on the platform, the clock or a crate's version.

#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for one part of the demo. Each part has its own `stream`, so adding a
    /// draw to one part does not reshuffle the others.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng {
            state: seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
        };
        rng.next_u64();
        rng
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0, "below(0)");
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi, "between({lo}, {hi})");
        let width = (hi - lo) as u64 + 1;
        lo + ((u128::from(self.next_u64()) * u128::from(width)) >> 64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// One of `items`, each as likely as its weight says.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total as usize) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers_different_stream_different_numbers() {
        let draw = |seed, stream| {
            let mut rng = Rng::new(seed, stream);
            (0..8).map(|_| rng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7, 1), draw(7, 1));
        assert_ne!(draw(7, 1), draw(7, 2));
        assert_ne!(draw(7, 1), draw(8, 1));
    }

    #[test]
    fn ranges_stay_in_bounds_and_cover_them() {
        let mut rng = Rng::new(1, 1);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let n = rng.between(-2, 2);
            assert!((-2..=2).contains(&n));
            seen[(n + 2) as usize] = true;
            assert!(rng.below(3) < 3);
        }
        assert!(seen.iter().all(|s| *s));
    }

    #[test]
    fn weights_are_respected() {
        let mut rng = Rng::new(3, 3);
        let items = [("never", 0), ("often", 9), ("rarely", 1)];
        let mut often = 0;
        for _ in 0..1000 {
            let item = *rng.weighted(&items);
            assert_ne!(item, "never");
            often += usize::from(item == "often");
        }
        assert!((850..=950).contains(&often), "{often}");
    }
}
