//! The `mtlint` binary: parses the command line and runs one command.

mod check;
mod cli;
mod explain;
mod generate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorChoice, Command, Global};
use mtlint::output::terminal;
use mtlint::rules::error::{FileError, LoadError};
use mtlint::rules::packs::RuleRoot;
use mtlint::{Config, RuleSet};

/// Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 the tool failed.
pub(crate) const FAILED: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.global.color);
    let result = match &cli.command {
        Command::Check(args) => check::check(&cli.global, args, color),
        Command::Rules => explain::rules(&cli.global, color),
        Command::Rule { id } => explain::rule(&cli.global, id, color),
        Command::TestRules { dirs } => explain::test_rules(&cli.global, dirs, color),
        Command::Segments(args) => explain::segments(&cli.global, args, color),
        Command::Config => explain::config(&cli.global, color),
        Command::Completions { shell } => generate::completions(*shell),
        Command::Man { out_dir } => generate::man(out_dir.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mtlint: {e:#}");
            ExitCode::from(FAILED)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    }
}

/// Print rule-file errors like compiler errors.
pub(crate) fn report_load_errors(errors: &[FileError], color: bool) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = err.write_all(terminal::render_file_error(e, color).as_bytes());
    }
    let _ = writeln!(err, "mtlint: {} error(s) in rule or config files", errors.len());
}

pub(crate) fn load_config(global: &Global) -> Result<Config, FileError> {
    if global.no_config {
        return Ok(Config::default());
    }
    match &global.config {
        Some(p) => Config::load(p),
        None => Config::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))),
    }
}

/// The rule set for a run: built-in packs, the config's folders, then `--rules` folders.
fn load_rules(global: &Global, config: &Config, extra_dirs: &[PathBuf], builtin: bool) -> Result<RuleSet, Vec<FileError>> {
    let mut roots = Vec::new();
    if builtin {
        roots.push(RuleRoot::builtin());
    }
    for dir in config.rules.iter().chain(&global.rules).chain(extra_dirs) {
        roots.push(RuleRoot::from_dir(dir).map_err(|e| vec![e])?);
    }
    RuleSet::load(&roots, config).map_err(|LoadError(e)| e)
}

pub(crate) fn setup(global: &Global, color: bool, tweak: impl FnOnce(&mut Config)) -> Option<RuleSet> {
    let mut config = match load_config(global) {
        Ok(c) => c,
        Err(e) => {
            report_load_errors(&[e], color);
            return None;
        }
    };
    tweak(&mut config);
    match load_rules(global, &config, &[], true) {
        Ok(set) => Some(set),
        Err(e) => {
            report_load_errors(&e, color);
            None
        }
    }
}
