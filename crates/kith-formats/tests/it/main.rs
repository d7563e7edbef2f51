//! kith-formats' integration tests: every supported contact file format, read from fixture
//! files of each generation seen in the wild.

mod google;
mod linkedin;
mod support;
mod vcard;
