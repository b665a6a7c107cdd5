//! Shell completions and the man page, generated from the command-line definition (`cli.rs`), so
//! they can never fall behind it.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;

use crate::cli::Cli;

/// `mtlint completions SHELL`: the script on standard output.
pub(crate) fn completions(shell: Shell) -> anyhow::Result<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "mtlint", &mut script);
    write_out(&script)
}

/// `mtlint man`: one page for mtlint with a section per command; `--out-dir`: a page per command.
pub(crate) fn man(out_dir: Option<&Path>) -> anyhow::Result<u8> {
    let cmd = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(cmd, dir).with_context(|| format!("cannot write man pages to {}", dir.display()))?;
        return Ok(0);
    }
    write_out(&man_page(cmd)?)
}

/// The top-level page, then for each command its synopsis, description and options, with the
/// command's section headings turned into subsections under `.SH "MTLINT CHECK"` and so on.
fn man_page(mut cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    cmd.build();
    let mut page = Vec::new();
    Man::new(cmd.clone()).render(&mut page)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        writeln!(page, ".SH \"MTLINT {}\"", sub.get_name().to_uppercase())?;
        let man = Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        man.render_options_section(&mut part)?;
        // Each rendered part repeats the roff preamble (the `Aq` string): the page has it once.
        for line in String::from_utf8_lossy(&part).lines().filter(|l| !l.contains(".ds Aq ")) {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(page, ".SS {heading}")?,
                None => writeln!(page, "{line}")?,
            }
        }
    }
    Ok(page)
}

fn write_out(bytes: &[u8]) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(0)
}
