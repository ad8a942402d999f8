//! How the output looks: colour (`--color`, `NO_COLOR`) and quiet (`-q`).

pub use lkjip::render::{Colour, Tone};
use std::io::IsTerminal;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set (to anything but the empty string).
    Auto,
    /// Always, even into a pipe or file (NO_COLOR is overridden).
    Always,
    /// Never.
    Never,
}

/// The run's output settings, for standard output and standard error each.
#[derive(Debug, Clone, Copy)]
pub struct Looks {
    /// Colour of standard output.
    pub out: Colour,
    /// Colour of standard error.
    pub err: Colour,
    /// Print nothing but errors.
    pub quiet: bool,
}

impl Looks {
    /// The settings `--color` and `-q` ask for, in this environment.
    pub fn new(choice: ColorChoice, quiet: bool) -> Looks {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let on = |terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color && !dumb,
        };
        Looks {
            out: Colour(on(std::io::stdout().is_terminal())),
            err: Colour(on(std::io::stderr().is_terminal())),
            quiet,
        }
    }

    /// An error line on standard error (always printed).
    pub fn error(&self, message: &str) {
        eprintln!("{}: {message}", self.err.paint(Tone::Error, "error"));
    }

    /// A warning line on standard error (not with -q).
    pub fn warning(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}: {message}", self.err.paint(Tone::Warning, "warning"));
        }
    }

    /// A note on standard error (not with -q).
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{}: {message}", self.err.paint(Tone::Place, "note"));
        }
    }
}
