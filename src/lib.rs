//! `lkjip` turns published Indonesian government performance reports (LKjIP, quarterly
//! LKj, SAKIP decks) into a canonical, checked dataset.
//!
//! The pipeline is a straight line of stages, each a module with one job and plain data
//! between them; [`analyze::analyze`] is the one driver every command (`extract`, `check`,
//! `import`, `synth`) runs them through:
//!
//! 1. [`source`] — read a text dump, or a PDF's text layer through [`pdf`] page by page
//!    (`Source`, with each page read, without text, or failed and why; for a PDF's table
//!    rows, which cells span columns as the page draws them), with clear errors and a
//!    failure kind for what is neither.
//! 2. [`segment`] — the heading tree (`Vec<Heading>`).
//! 3. [`tables`] — tab rows rebuilt into tables (`Vec<Table>`), naming columns with
//!    [`columns`], settling ambiguous numbers per column with [`settle`], the percent
//!    columns the row arithmetic shows named by [`confirm`]; slide decks go
//!    through [`deck`] instead.
//! 4. [`records`] and [`metadata`] — indicators, budget lines and report metadata, with
//!    canonical names from [`nomenclature`]; each budget line's [`stage`] and the one
//!    table per year whose lines count.
//! 5. [`report`] — the canonical [`report::ReportDocument`].
//! 6. [`check`] — every arithmetic relation the report states or implies, reconciled into
//!    [`findings::Finding`]s; [`render`] shows them to people, [`kinds`] says what each
//!    kind means (`lkjip explain`).
//!
//! 7. [`import`] — many reports at once: each through stages 1-6 in parallel batches,
//!    turned into flat rows ([`dataset`], canonical names from [`canonical`], the figures
//!    no record carries from [`table_cells`]) and streamed
//!    into the outputs (CSV, JSON lines, the reviewer's page [`import::html`]) by
//!    [`import::sink`], never all in memory;
//!    printed past years compared across reports ([`crossyear`]) at the end; the whole
//!    dataset made visible in one step by [`import::folder`].
//!
//! [`synth`] makes a ground-truth corpus from real reports (rescaled, with known faults)
//! to measure recall and speed at scale.
//!
//! Every number is read by [`parsers`] (the `lkjip-parsers` crate): exact, with its printed
//! precision, and with all readings kept where the digits are ambiguous.

pub mod analyze;
pub mod canonical;
pub mod check;
pub mod columns;
pub mod concepts;
pub mod confirm;
pub mod crossyear;
pub mod dataset;
pub mod deck;
pub mod explain;
pub mod findings;
pub mod import;
pub mod kinds;
pub mod metadata;
pub mod model;
pub mod nomenclature;
pub mod pattern;
pub mod pdf;
pub mod records;
pub mod render;
pub mod report;
pub mod segment;
pub mod settle;
pub mod source;
pub mod stage;
pub mod synth;
pub mod table_cells;
pub mod tables;

pub use lkjip_parsers as parsers;
