//! The `explainer` command line: build, serve, extract, check.

use clap::{Parser, Subcommand};
use explainer::error::display_path;
use explainer::extract::Options;
use explainer::model::Ymd;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the pipeline makes many small short-lived allocations (tokens, lower-cased words,
/// JSON strings); glibc malloc took ~15 % of a cold build's CPU.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// The address the site will be served from, passed to `zola build --base-url` (default:
        /// `base_url` in config.toml), e.g. http://localhost:8000 to open public/ with a local
        /// static server.
        #[arg(long)]
        base_url: Option<String>,
        /// Write the full report (every skipped seed, note and warning) to FILE.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Print the full report instead of a summary by kind.
        #[arg(long, short = 'v')]
        verbose: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build, then run `zola serve` and rebuild an article when its seed changes.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Arguments passed on to `zola serve` (after `--`), e.g. `-- --port 1111`.
        #[arg(last = true)]
        zola_args: Vec<String>,
    },
    /// Print the explainer/1 document of each FILE (JSON; JSON Lines for several files), with
    /// the edits of its settings file (FILE's name with .toml) applied.
    Extract {
        /// Publication date (YYYY-MM-DD) where the text states none.
        #[arg(long, value_parser = parse_date)]
        published: Option<Ymd>,
        /// Ignore the settings file: the machine's document.
        #[arg(long)]
        no_edits: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the ids of one seed's items with their text, for its settings file (seeds/<name>.toml).
    Edits {
        /// Print a settings snippet for every item instead of one line each.
        #[arg(long)]
        toml: bool,
        /// Publication date (YYYY-MM-DD) where the text states none.
        #[arg(long, value_parser = parse_date)]
        published: Option<Ymd>,
        file: PathBuf,
    },
    /// Validate what `build` wrote, without Zola.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The site root (holding seeds/ and config.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Publication date (YYYY-MM-DD) for seeds whose text states none.
    #[arg(long, value_parser = parse_date)]
    published: Option<Ymd>,
    /// Worker threads (default: RAYON_NUM_THREADS or the number of CPUs). Output is the same
    /// whatever the number.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Wait for another build of this site to finish instead of refusing to start.
    #[arg(long)]
    wait: bool,
    /// Read and hash every seed, even those whose size and file times say they are unchanged.
    #[arg(long)]
    rehash: bool,
    /// Read seeds that symlinks in seeds/ lead to outside the site root (refused by default:
    /// the site publishes them).
    #[arg(long)]
    follow_outside: bool,
}

impl SiteArgs {
    fn options(&self) -> explainer::build::BuildOptions {
        explainer::build::BuildOptions {
            root: self.root.clone(),
            extract: Options { published: self.published, ..Options::default() },
            jobs: self.jobs,
            wait: self.wait,
            progress: explainer::build::progress::wanted(),
            rehash: self.rehash,
            preview: false,
            follow_outside: self.follow_outside,
            budget_per_byte: None,
        }
    }
}

fn parse_date(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("{s:?} is not a date; write it as YYYY-MM-DD, e.g. 2023-09-26"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { published, no_edits, files } => {
            let opts = Options { published, ..Options::default() };
            let mut failed = false;
            let many = files.len() > 1;
            for path in &files {
                let file = display_path(path);
                match explainer::explain_with_settings(path, &file, &opts, !no_edits) {
                    Ok((doc, notes)) => {
                        for n in notes {
                            eprintln!("warning: {n}");
                        }
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
        Command::Edits { toml, published, file } => {
            let opts = Options { published, ..Options::default() };
            let shown = display_path(&file);
            match explainer::explain_with_settings(&file, &shown, &opts, true) {
                Ok((doc, notes)) => {
                    let settings = explainer::settings_path(&file);
                    print!("{}", explainer::edit::listing::listing(&doc, &display_path(&settings), settings.exists(), toml));
                    for n in notes {
                        eprintln!("warning: {n}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build { no_zola, base_url, report, verbose, site } => {
            let opts = site.options();
            let failed = match explainer::build::build(&opts) {
                Ok(r) => {
                    eprintln!("{}", r.summary(if verbose { usize::MAX } else { 20 }));
                    if let Some(n) = explainer::build::journal::fault_points_passed() {
                        eprintln!("fault points passed: {n}");
                    }
                    let mut failed = r.failed();
                    if let Some(path) = &report {
                        if let Err(e) = std::fs::write(path, format!("{}\n", r.summary(usize::MAX))) {
                            eprintln!("error: {}: cannot write the report: {e}; check the folder is writable", display_path(path));
                            failed = true;
                        }
                    }
                    failed
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let zola_ok = if no_zola {
                true
            } else {
                match explainer::serve::zola_version() {
                    None => {
                        eprintln!("{}", explainer::serve::NO_ZOLA);
                        true
                    }
                    Some(v) => {
                        explainer::serve::warn_version(&v);
                        explainer::serve::zola_build(&opts.root, base_url.as_deref())
                    }
                }
            };
            if failed || !zola_ok { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Serve { site, zola_args } => explainer::serve::serve(&site.options(), &zola_args),
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
