//! kith-formats' integration tests: every supported contact file format, read from fixture
//! files of each generation seen in the wild, and the calendar feed kith writes.

mod google;
mod ics;
mod ics_parsers;
mod linkedin;
mod support;
mod vcard;
mod vcard_parsers;
