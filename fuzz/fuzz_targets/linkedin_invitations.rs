#![no_main]
//! `kith_formats::linkedin_invitations::parse` on arbitrary bytes: never panics, and every
//! row is one invitation or one rejection (see `kith_fuzz::check_invitations`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kith_fuzz::check_invitations(data);
});
