//! A column number as a table's numbering row prints it: `3`, `(3)`, `(9)=(5)-(8)`,
//! `5=4/3`.

use nom::bytes::complete::{take_while, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{eof, opt};
use nom::{IResult, Parser};

/// The number a numbering row's cell prints (one or two digits, in brackets or not, maybe
/// followed by how the column is computed: `=(5)-(8)`), or `None` for any other text.
pub fn column_number(text: &str) -> Option<u32> {
    let number = (
        opt(char('(')),
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        opt(char(')')),
    );
    // how the column is computed runs to the end of its line
    let computed = (
        take_while(char::is_whitespace),
        char('='),
        take_while(|c| c != '\n'),
    );
    let read: IResult<&str, _> = (number, opt(computed), eof).parse(text);
    let (_, ((_, digits, _), _, _)) = read.ok()?;
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_numbers_are_read_with_or_without_brackets_and_formula() {
        let read = |t: &str| column_number(t);
        assert_eq!(read("3"), Some(3));
        assert_eq!(read("(12)"), Some(12));
        assert_eq!(read("(9)=(5)-(8)"), Some(9));
        assert_eq!(read("5 = 4/3"), Some(5));
        assert_eq!(read("(1"), Some(1));
        for other in ["123", "1 2", "a", "", "(1)=\nx", "1.", "٢"] {
            assert_eq!(read(other), None, "{other:?}");
        }
    }
}
