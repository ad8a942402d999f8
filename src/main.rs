//! The `lkjip` command line.

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use lkjip::explain::describe;
use lkjip::parsers::parse_cell;
use serde::Serialize;

/// Turn Indonesian government performance reports (LKjIP) into a canonical, checked dataset.
///
/// Every number is read exactly as printed (`9.801.822.500`, `94,54%`, `Rp 20.000.000,-`),
/// with its printed precision; numbers that more than one convention could mean
/// (`10,730`) or that fit none (`26.300,000`) carry all their readings.
#[derive(Parser)]
#[command(name = "lkjip", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show how table cells are read: value, printed precision, unit and convention.
    ///
    /// Examples:
    ///   lkjip cell "9.801.822.500" "94,54 %" "Rp. 4.753.553.212,-"
    ///   lkjip cell "10,730" "26.300,000" --format json
    Cell {
        /// Cell texts exactly as printed (quote each one).
        #[arg(required = true)]
        texts: Vec<String>,
        /// Output form: one line per cell for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// Output form of a command.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Lines for people.
    Human,
    /// One JSON document.
    Json,
}

#[derive(Serialize)]
struct CellReading<'a> {
    text: &'a str,
    value: lkjip::parsers::CellValue,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Cell { texts, format } => cell(&texts, format),
    }
}

fn cell(texts: &[String], format: Format) -> Result<()> {
    let readings: Vec<CellReading> = texts
        .iter()
        .map(|t| CellReading {
            text: t,
            value: parse_cell(t),
        })
        .collect();
    match format {
        Format::Human => {
            for r in &readings {
                println!("{:?} → {}", r.text, describe(&r.value));
            }
        }
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "cells": readings }))?
        ),
    }
    Ok(())
}
