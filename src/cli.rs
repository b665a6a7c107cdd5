//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mtlint::Severity;
use mtlint::input::Format as InputFormat;
use mtlint::input::html::Scope as HtmlScope;
use mtlint::output::Format;

#[derive(Debug, Parser)]
#[command(name = "mtlint", version = env!("MTLINT_VERSION"), about = "Lint machine-translated, scraped English news text")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Add a rules folder (a folder of packs, or one pack); repeatable. Same-named packs replace built-in ones.
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rules: Vec<PathBuf>,
    /// Use this config file instead of the nearest mtlint.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Ignore any mtlint.toml.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Colour: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files, directories or standard input (-): text, Markdown, HTML, JSON Lines, RSS/Atom.
    Check(CheckArgs),
    /// List the rules, pack by pack, with their summaries.
    Rules,
    /// Explain one rule (by id or name), with its examples.
    Rule {
        /// Rule id (NM001) or name (misspelt-name).
        id: String,
    },
    /// Validate rule packs and run their examples; exits 2 on any problem.
    TestRules {
        /// Rule folders (a folder of packs, or one pack). Without any, the built-in packs.
        dirs: Vec<PathBuf>,
    },
    /// Show the configuration in effect: the config file, its settings, and the packs loaded.
    Config,
    /// Show what a file is linted as: for HTML, the article selected and what was left out; then
    /// the text's paragraphs, sentences and quotations, at their places in the file.
    Segments(SegmentsArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `mtlint man | man -l -`. With --out-dir, write one page per
    /// command there instead (mtlint.1, mtlint-check.1, …).
    Man {
        /// Write mtlint.1 and a page per command into this folder.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct SegmentsArgs {
    /// The file to segment, or - for standard input.
    pub file: PathBuf,
    /// Also list every word.
    #[arg(long)]
    pub words: bool,
    /// Read the file in this format instead of choosing by extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// HTML: what to select (see `check --html-scope`).
    #[arg(long, value_enum, value_name = "SCOPE")]
    pub html_scope: Option<HtmlScope>,
    /// Print the extracted text itself, as the rules see it.
    #[arg(long)]
    pub show_extracted: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files, directories or - (standard input). Default: the current directory.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Read every input in this format instead of choosing by extension (stdin: default text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// HTML: lint the article of a whole page (`article`), or every visible element (`page`).
    /// Default (`auto`): the article when the document is a whole page (has `<body>`), else all.
    #[arg(long, value_enum, value_name = "SCOPE")]
    pub html_scope: Option<HtmlScope>,
    /// JSON Lines: a field holding article text (repeatable; dotted paths reach nested objects).
    /// Default: body, text, content, whichever a record has.
    #[arg(long = "field", value_name = "NAME")]
    pub fields: Vec<String>,
    /// JSON Lines: the field holding the article id, named in reports.
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// Leave out paths matching this glob when walking directories (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Print counts per rule and severity at the end.
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every current finding to this baseline file.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Apply the fixes mtlint offers to the files (not standard input), in place and atomically;
    /// only the findings left unfixed are reported.
    #[arg(long)]
    pub fix: bool,
    /// Exit 1 when something at or above this severity is found.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    pub fail_on: Severity,
    /// Only report findings at or above this severity.
    #[arg(long, value_enum, default_value_t = Severity::Info)]
    pub min_severity: Severity,
    /// Name used for standard input in reports.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Run only these packs, rule ids or rule names (adds to the config's `select`).
    #[arg(long, value_name = "PACK|ID|NAME")]
    pub select: Vec<String>,
    /// Skip these packs, rule ids or rule names (adds to the config's `ignore`).
    #[arg(long, value_name = "PACK|ID|NAME")]
    pub ignore: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
