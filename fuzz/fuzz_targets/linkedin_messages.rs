#![no_main]
//! `kith_formats::linkedin_messages` on arbitrary bytes: parsing, telling whose export it is
//! and grouping into days never panic, and every message is accounted for once (see
//! `kith_fuzz::check_messages`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kith_fuzz::check_messages(data);
});
