//! The `vanban` command line: parses arguments, calls the library, and maps
//! outcomes to exit codes (0 success, 1 content errors, 2 usage errors).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use vanban::build::{self, BuildError, BuildOptions};
use vanban::diagnostics::Diagnostic;

#[derive(Parser)]
#[command(name = "vanban", version, about = "Static-site generator for Vietnamese public-administration documents")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// Site folder (holding config.toml and content/).
        #[arg(long)]
        root: Option<PathBuf>,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Override config.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include documents marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site that builds at once.
    Init {
        /// Folder to create.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
        } => run_build(BuildOptions {
            root: build::site_root(root.as_deref()),
            output_dir,
            base_url,
            drafts,
        }),
        Command::Init { dir } => match vanban::init::init(&dir) {
            Ok(()) => {
                println!("Created a new site in {}. Build it with: vanban build --root {}", dir.display(), dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn run_build(options: BuildOptions) -> ExitCode {
    match build::build(&options) {
        Ok(report) => {
            print_all(&report.warnings);
            let total: f64 = report.timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
            let stages: Vec<String> = report
                .timings
                .iter()
                .map(|(name, d)| format!("{name} {:.0} ms", d.as_secs_f64() * 1000.0))
                .collect();
            println!(
                "Built {} documents ({} cited elsewhere), {} files into {} in {:.2} s ({})",
                report.documents,
                report.stubs,
                report.pages,
                report.output_dir.display(),
                total,
                stages.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            print_all(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("Build failed with {errors} error(s); the previous output was left untouched.");
            ExitCode::from(1)
        }
        Err(BuildError::Io(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}
