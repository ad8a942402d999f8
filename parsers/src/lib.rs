//! Pure grammars for what Indonesian government performance reports (LKjIP) print in
//! their tables: numbers in the Indonesian (`9.801.822.500`, `94,54%`) and English
//! (`10,730`) conventions, rupiah amounts (`Rp 20.000.000,-`), counted units
//! (`70 perusahaan`), nil markers, SAKIP grades and LaTeX formula cells.
//!
//! Every number keeps its exact value and printed precision ([`Number`]), so later checks
//! can treat a printed `94,54` as the interval `[94.535, 94.545)`. Where digits allow more
//! than one reading (`10,730`, `26.300,000`, `25.000.0000`) all plausible readings are
//! returned and the [`Amount`] is marked ambiguous or malformed; nothing is chosen silently.
//!
//! A dot followed by exactly three digits is read as an Indonesian thousands separator
//! (`780.417` is 780417), never as an English decimal point: these reports do not print
//! decimal points before three digits, while they do print English thousands commas.
//!
//! No I/O, no global state, and no input makes these functions panic.

mod amount;
mod cell;
mod code;
mod formula;
mod markup;
pub mod mention;
mod number;
mod numbering;
mod print;
mod span;
pub mod text;

pub use amount::{Amount, Convention, Reading};
pub use cell::{parse_cell, parse_quantity, CellValue, Grade, NilMarker, Quantity, Unit};
pub use code::{cut_off, is_code, CONNECTIVES};
pub use formula::{Formula, Operand};
pub use markup::strip_markup;
pub use number::{Interval, Number, MAX_DECIMALS, MAX_DIGITS};
pub use numbering::column_number;
pub use print::id_format;
pub use span::{admits, is_mean_of, is_percent_of, Span};
