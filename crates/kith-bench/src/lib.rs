//! Nothing to link: kith's benchmarks live in `benches/` (run `cargo bench -p kith-bench`).
