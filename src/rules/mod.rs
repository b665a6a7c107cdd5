//! Rule files and the data they refer to: the schema, word lists, packs on disk and in the binary.

pub mod error;
pub mod lists;
pub mod packs;
pub mod schema;
pub mod selection;
pub mod tables;
pub mod tsv;
