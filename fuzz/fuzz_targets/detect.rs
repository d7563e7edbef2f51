#![no_main]
//! `kith_formats::detect` on arbitrary bytes, then the whole file parsed in the format it
//! detected (what `kith import FILE` does without a format): never panics, and the result
//! keeps the importer invariants (see `kith_fuzz::check`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(format) = kith_formats::detect(data) {
        let result = kith_formats::parse(format, data);
        kith_fuzz::check(format, data, &result);
    }
});
