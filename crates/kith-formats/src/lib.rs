//! Reading the contact files people really have — LinkedIn `Connections.csv` of every
//! generation, vCard 2.1/3.0/4.0 from phones and mail clients, Google Contacts CSV — into
//! one `Contact` shape. Pure: bytes in, records out; matching them against stored people
//! and writing them is the store's job.

pub mod clean;
pub mod contact;
pub mod urls;

pub use contact::{Contact, Format, FormatError, Parsed, Rejected};
