//! `lkjip` turns published Indonesian government performance reports (LKjIP, quarterly
//! LKj, SAKIP decks) into a canonical, checked dataset.
//!
//! The pipeline is a straight line of stages, each a module with one job:
//!
//! 1. [`lkjip_parsers`] — pure grammars for every number form the reports print
//!    (re-exported here as [`parsers`]).
//! 2. [`explain`] — human-readable descriptions of what a cell was read as.
//!
//! Later stages (document model, tables, records, reconciliation) are added as they land.

pub mod explain;

pub use lkjip_parsers as parsers;
