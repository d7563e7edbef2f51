#![no_main]
//! `kith_formats::urls::normalize` on arbitrary UTF-8: never panics, and a canonical URL is
//! a fixed point — normalizing its output again gives the same value.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(once) = kith_formats::urls::normalize(text) {
        let twice = kith_formats::urls::normalize(&once);
        assert_eq!(
            twice.as_deref(),
            Some(once.as_str()),
            "normalize is not idempotent for input {text:?}"
        );
    }
});
