//! `explain` (what a kind of finding means, with a live example) and `cell` (how a cell
//! is read).

use super::{print_json, Format, JsonStyle, Looks};
use anyhow::Result;
use lkjip::analyze::{analyze, Through};
use lkjip::findings::Kind;
use lkjip::kinds::{doc, named, KindDoc};
use lkjip::parsers::parse_cell;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// `lkjip explain [KIND]`: the kind explained with its example's findings, or every kind
/// in one line each; exit 2 for a kind that does not exist.
pub fn explain(kind: Option<&str>, format: Format, looks: Looks) -> Result<ExitCode> {
    let Some(name) = kind else {
        let all: Vec<KindDoc> = Kind::ALL.into_iter().map(doc).collect();
        match format {
            Format::Json => print_json(
                &all.iter().map(|d| as_json(d, false)).collect::<Vec<_>>(),
                JsonStyle::Pretty,
            )?,
            Format::Human => super::emit(&list(&all))?,
        }
        return Ok(ExitCode::SUCCESS);
    };
    let Some(kind) = named(name) else {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        looks.error(&format!("no kind of finding is called `{name}`"));
        eprintln!(
            "  = help: the kinds are {}; `lkjip explain` lists them",
            names.join(", ")
        );
        return Ok(ExitCode::from(2));
    };
    let d = doc(kind);
    match format {
        Format::Json => print_json(&as_json(&d, true), JsonStyle::Pretty)?,
        Format::Human => super::emit(&human(&d, looks))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The name of the example as the diagnostics cite it.
const EXAMPLE: &str = "example.txt";

/// Every kind, one line each.
fn list(all: &[KindDoc]) -> String {
    let mut out = String::from("Kinds of finding (`lkjip explain KIND` for one with an example):\n");
    for d in all {
        let first = d
            .checks
            .split(". ")
            .next()
            .unwrap_or(d.checks)
            .trim_end_matches('.');
        let text = wrap(&format!("{first}."), 22);
        out.push_str(&format!("  {:<20}{}\n", d.kind.name(), text.trim_start()));
    }
    out
}

/// `text` in lines of at most 88 characters (a longer word stands alone), each indented
/// by `indent` spaces.
fn wrap(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= 88 => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(format!("{pad}{word}")),
        }
    }
    lines.join("\n")
}

/// One kind for people: what, when, repair, the example report and what check says of it.
fn human(d: &KindDoc, looks: Looks) -> String {
    let source = example(d);
    let lines = source.as_ref().map(|s| s.lines()).unwrap_or_default();
    let shown: String = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{:>4} | {}\n", i + 1, l.replace('\t', " │ ")))
        .collect();
    let findings = source.as_ref().map(|s| of_kind(d.kind, s)).unwrap_or_default();
    format!(
        "{name}\n\nWhat is compared:\n{checks}\n\nError or warning:\n{severity}\n\nWhat to do:\n{repair}\n\nExample ({EXAMPLE}; cells separated by │ where the text has a tab):\n{shown}\nWhat `lkjip check {EXAMPLE}` says of it:\n\n{diagnostics}",
        name = d.kind.name(),
        checks = wrap(d.checks, 2),
        severity = wrap(d.severity, 2),
        repair = wrap(d.repair, 2),
        diagnostics = lkjip::render::diagnostics(&findings, EXAMPLE, &lines, looks.out),
    )
}

/// The example report, read as a text dump.
fn example(d: &KindDoc) -> Option<lkjip::source::Source> {
    lkjip::source::from_bytes(Path::new(EXAMPLE), d.example.as_bytes()).ok()
}

/// The findings of `kind` that the example gives.
fn of_kind(kind: Kind, source: &lkjip::source::Source) -> Vec<lkjip::findings::Finding> {
    let mut found = analyze(source, Through::Findings).findings;
    found.retain(|f| f.kind == kind);
    found
}

fn as_json(d: &KindDoc, with_example: bool) -> serde_json::Value {
    let mut v = serde_json::json!({
        "kind": d.kind.name(),
        "checks": d.checks,
        "severity": d.severity,
        "repair": d.repair,
    });
    if let (true, Some(source), Some(map)) = (with_example, example(d), v.as_object_mut()) {
        map.insert("example".into(), d.example.into());
        map.insert("findings".into(), serde_json::json!(of_kind(d.kind, &source)));
    }
    v
}

#[derive(Serialize)]
struct CellReading<'a> {
    text: &'a str,
    value: lkjip::parsers::CellValue,
}

/// `lkjip cell`: how each text is read.
pub fn cell(texts: &[String], format: Format) -> Result<()> {
    let readings: Vec<CellReading> = texts
        .iter()
        .map(|t| CellReading {
            text: t,
            value: parse_cell(t),
        })
        .collect();
    match format {
        Format::Human => {
            let lines: String = readings
                .iter()
                .map(|r| format!("{:?} → {}\n", r.text, lkjip::explain::describe(&r.value)))
                .collect();
            super::emit(&lines)?;
        }
        Format::Json => print_json(&serde_json::json!({ "cells": readings }), JsonStyle::Pretty)?,
    }
    Ok(())
}
