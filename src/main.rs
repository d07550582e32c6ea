//! The `explainer` command line: build, serve, extract, check.

use clap::{Parser, Subcommand};
use explainer::error::display_path;
use explainer::extract::Options;
use explainer::model::Ymd;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "explainer", version, about = "Turns news articles into a static explainer website built with Zola")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the site sources for every seed in seeds/, then run `zola build` if Zola is installed.
    Build {
        /// Do not run Zola, only write the sources.
        #[arg(long)]
        no_zola: bool,
        /// The site root (holding seeds/ and config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Publication date (YYYY-MM-DD) for seeds whose text states none.
        #[arg(long, value_parser = parse_date)]
        published: Option<Ymd>,
    },
    /// Print the explainer/1 document of each FILE (JSON; JSON Lines for several files).
    Extract {
        /// Publication date (YYYY-MM-DD) where the text states none.
        #[arg(long, value_parser = parse_date)]
        published: Option<Ymd>,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Validate what `build` wrote, without Zola.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a date; write it as YYYY-MM-DD, e.g. 2023-09-26"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { published, files } => {
            let opts = Options { published, ..Options::default() };
            let mut failed = false;
            let many = files.len() > 1;
            for path in &files {
                let file = display_path(path);
                match explainer::explain_file(path, &file, &opts) {
                    Ok(x) => {
                        let doc = explainer::wire::Document::from_explainer(&x);
                        if many {
                            println!("{}", doc.to_json_line());
                        } else {
                            print!("{}", doc.to_json_pretty());
                        }
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
            }
            if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Build { no_zola: _, root, published } => {
            let opts = explainer::build::BuildOptions { root, extract: Options { published, ..Options::default() } };
            match explainer::build::build(&opts) {
                Ok(r) => {
                    for e in &r.skipped {
                        eprintln!("skipped: {e}");
                    }
                    eprintln!("built {} explainer(s), skipped {}, wrote {} file(s)", r.built.len(), r.skipped.len(), r.written);
                    if r.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root } => {
            let problems = explainer::check::check(&root);
            for p in &problems {
                eprintln!("error: {p}");
            }
            if problems.is_empty() {
                eprintln!("check: no problems found");
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
