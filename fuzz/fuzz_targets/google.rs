#![no_main]
//! `kith_formats::google::parse` on arbitrary bytes: never panics, and the result keeps the
//! importer invariants (see `kith_fuzz::check`).

use kith_formats::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = kith_formats::google::parse(data);
    kith_fuzz::check(Format::Google, data, &result);
});
