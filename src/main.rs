//! The `vanban` command line: parses arguments, calls the library, and maps
//! outcomes to exit codes (0 success, 1 content errors, 2 usage errors).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use vanban::build::{self, BuildError, BuildOptions};
use vanban::diagnostics::Diagnostic;

// A build allocates millions of short-lived strings and JSON values on two
// threads; mimalloc roughly halves the time glibc's allocator spends there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Static-site generator for Vietnamese public-administration documents"
)]
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
        /// The day in-force statuses are for, as YYYY-MM-DD [default:
        /// config.toml's `as_of`, else today in Vietnam].
        #[arg(long, value_parser = parse_day)]
        as_of: Option<vanban::model::PartialDate>,
    },
    /// Build the site into memory, serve it on loopback and rebuild on
    /// every change; open pages reload by themselves.
    Serve {
        /// Site folder (holding config.toml and content/) [default: the current folder].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
        /// Include documents marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Serve an editor at /_editor/ that writes content files (loopback
        /// interfaces only).
        #[arg(long)]
        edit: bool,
    },
    /// Report unresolved and ambiguous citations, relation cycles and
    /// broken links; exits 1 when there are errors.
    Check {
        /// Site folder (holding config.toml and content/) [default: the current folder].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Check `draft = true` documents too (what `vanban new` writes).
        #[arg(long)]
        drafts: bool,
        /// The day in-force statuses are for, as YYYY-MM-DD [default:
        /// config.toml's `as_of`, else today in Vietnam].
        #[arg(long, value_parser = parse_day)]
        as_of: Option<vanban::model::PartialDate>,
    },
    /// Search a built site the way its search page does.
    Search {
        /// The query, e.g. "van hoa cong vu" or "1847/QĐ-TTg".
        query: String,
        /// The built site [default: ./public].
        #[arg(long)]
        site: Option<PathBuf>,
        /// A jurisdiction path ("thanh-hoa" includes its districts).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// A kind slug ("ke-hoach").
        #[arg(long)]
        kind: Option<String>,
        /// The year issued ("2019").
        #[arg(long)]
        year: Option<u16>,
        /// Newest first instead of by relevance.
        #[arg(long)]
        by_date: bool,
        /// How many results to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Turn received documents (.txt, .md, .docx, .pdf; UTF-8, TCVN3 or VNI) into
    /// content files, reporting what was found on which line.
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Site folder (holding config.toml and content/) [default: the current folder].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Folder (under the root) to write into, e.g. content/khanh-hoa
        /// [default: the jurisdiction folder the document suggests].
        #[arg(long)]
        into: Option<PathBuf>,
        /// Report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
        /// Copy each received .pdf / .docx beside its content file and name
        /// it in `original`, so that the page offers it for download.
        #[arg(long)]
        keep_original: bool,
        /// Source encoding [default: detected].
        #[arg(long, value_enum)]
        from: Option<Encoding>,
        /// Output format: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write a synthetic corpus for benchmarks (see benches/README.md).
    #[command(hide = true)]
    BenchCorpus {
        #[arg(long)]
        docs: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the same documents as a Hugo site here.
        #[arg(long)]
        hugo: Option<PathBuf>,
        /// Also write the same documents as a Zola site here.
        #[arg(long)]
        zola: Option<PathBuf>,
        /// Each document (about 1,500 words) also cites 4–5 documents that
        /// are not on the site, nearly all distinct.
        #[arg(long)]
        long_tail: bool,
    },
    /// Write a new news post or document with today's date and the front
    /// matter to fill in, e.g. `vanban new tin-bai "Biểu dương …" --under khanh-hoa`.
    New {
        /// Kind slug: tin-bai, ke-hoach, quyet-dinh, bao-cao, …
        kind: String,
        /// The title (trích yếu).
        title: String,
        /// Jurisdiction folder under content/ ("khanh-hoa") [default: the root].
        #[arg(long)]
        under: Option<String>,
        /// Site folder (holding config.toml and content/) [default: the current folder].
        #[arg(long)]
        root: Option<PathBuf>,
        /// Date as YYYY-MM-DD [default: today in Vietnam].
        #[arg(long)]
        date: Option<String>,
    },
    /// Create a new site that builds at once.
    Init {
        /// Folder to create.
        dir: PathBuf,
        /// Make a provincial (or lower) site for this administrative unit,
        /// by name or GSO code ("Tỉnh Khánh Hòa", "56"); national without it.
        #[arg(long = "don-vi")]
        don_vi: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Encoding {
    Utf8,
    Tcvn3,
    Vni,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
            as_of,
        } => run_build(BuildOptions {
            root: build::site_root(root.as_deref()),
            output_dir,
            base_url,
            drafts,
            as_of,
        }),
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
            edit,
        } => {
            let options = vanban::serve::ServeOptions {
                root: build::site_root(root.as_deref()),
                interface,
                port,
                open,
                drafts,
                edit,
            };
            if edit && !interface.is_loopback() {
                eprintln!("error: --edit writes files and is only served on loopback (127.0.0.1 or ::1), not on {interface}");
                return ExitCode::from(2);
            }
            match vanban::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            drafts,
            as_of,
        } => run_check(
            BuildOptions {
                root: build::site_root(root.as_deref()),
                drafts,
                as_of,
                ..BuildOptions::default()
            },
            format,
        ),
        Command::Search {
            query,
            site,
            jurisdiction,
            kind,
            year,
            by_date,
            limit,
            json,
        } => {
            let q = vanban::search::Query {
                text: query,
                jurisdiction,
                kind,
                year,
                sort_by_date: by_date,
            };
            run_search(
                &site.unwrap_or_else(|| PathBuf::from("public")),
                &q,
                limit,
                json,
            )
        }
        Command::Import {
            inputs,
            root,
            into,
            dry_run,
            force,
            keep_original,
            from,
            format,
        } => {
            use vanban::import::{command::ImportCommand, ImportOptions, SourceEncoding};
            let from = match from {
                None => SourceEncoding::Auto,
                Some(Encoding::Utf8) => SourceEncoding::Utf8,
                Some(Encoding::Tcvn3) => SourceEncoding::Tcvn3,
                Some(Encoding::Vni) => SourceEncoding::Vni,
            };
            run_import(
                &ImportCommand {
                    inputs,
                    root: build::site_root(root.as_deref()),
                    into,
                    dry_run,
                    force,
                    keep_original,
                    options: ImportOptions { from },
                },
                format,
            )
        }
        Command::BenchCorpus {
            docs,
            out,
            seed,
            hugo,
            zola,
            long_tail,
        } => {
            use vanban::corpus::hugo::{write_site, Peer};
            let opts = vanban::corpus::CorpusOptions { long_tail };
            let stats = vanban::corpus::generate_with(&out, docs, seed, opts).and_then(|stats| {
                if let Some(h) = &hugo {
                    write_site(&out, h, Peer::Hugo)?;
                }
                if let Some(z) = &zola {
                    write_site(&out, z, Peer::Zola)?;
                }
                Ok(stats)
            });
            match stats {
                Ok(s) => {
                    println!(
                        "Wrote {} documents in {} jurisdictions ({} bytes) to {}",
                        s.documents,
                        s.jurisdictions,
                        s.bytes,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            kind,
            title,
            under,
            root,
            date,
        } => match vanban::new::new_content(&vanban::new::NewOptions {
            root: build::site_root(root.as_deref()),
            kind,
            title,
            under,
            date,
        }) {
            Ok(path) => {
                println!(
                    "Created {} as a draft (draft = true): preview it with `vanban serve --drafts`, then delete the draft line to publish it",
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}", e.message);
                ExitCode::from(if e.usage { 2 } else { 1 })
            }
        },
        Command::Init { dir, don_vi } => match vanban::init::init(&dir, don_vi.as_deref()) {
            Ok(()) => {
                println!(
                    "Created a new site in {}. Build it with: vanban build --root {}",
                    dir.display(),
                    dir.display()
                );
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
    // Measured whole: some stages run side by side, so theirs do not add up.
    let start = std::time::Instant::now();
    match build::build(&options) {
        Ok(report) => {
            print_all(&report.warnings);
            let total = start.elapsed().as_secs_f64();
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
            eprintln!(
                "Build failed with {errors} error(s); the previous output was left untouched."
            );
            ExitCode::from(1)
        }
        Err(BuildError::Io(e)) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_check(options: BuildOptions, format: Format) -> ExitCode {
    let findings = vanban::check::check(&options);
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let warnings = findings.len() - errors;
    match format {
        Format::Json => {
            let report =
                serde_json::json!({ "errors": errors, "warnings": warnings, "findings": findings });
            println!(
                "{}",
                serde_json::to_string_pretty(&report).expect("findings serialise")
            );
        }
        Format::Text => {
            for d in &findings {
                println!("{d}");
            }
            println!("{errors} error(s), {warnings} warning(s)");
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_search(
    site: &std::path::Path,
    query: &vanban::search::Query,
    limit: usize,
    json: bool,
) -> ExitCode {
    let results = match vanban::search::search(site, query, limit) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "error: cannot read the search index in {}: {e} (build the site first)",
                site.display()
            );
            return ExitCode::from(1);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).expect("results serialise")
        );
        return ExitCode::SUCCESS;
    }
    println!("{} result(s)", results.total);
    for hit in &results.hits {
        let number = hit.number.as_deref().unwrap_or("");
        let date = hit.date.as_deref().unwrap_or("");
        println!(
            "{}  {} {} {}  /{}",
            hit.score, hit.kind_name, number, date, hit.url
        );
        println!("    {}", hit.title);
    }
    ExitCode::SUCCESS
}

fn run_import(command: &vanban::import::command::ImportCommand, format: Format) -> ExitCode {
    let outcomes = vanban::import::command::run(command);
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let summary = vanban::import::command::summary(&outcomes);
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&outcomes).expect("outcomes serialise")
        ),
        Format::Text => {
            for o in &outcomes {
                let target = o
                    .target
                    .as_ref()
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                let verb = if o.written {
                    "wrote"
                } else if command.dry_run {
                    "would write"
                } else {
                    "did not write"
                };
                println!("{} → {verb} {target}", o.source.display());
                if let Some(r) = &o.report {
                    for line in r.to_text().lines() {
                        println!("  {line}");
                    }
                }
                for i in &o.implements {
                    println!("  implements: {i}");
                }
                for c in &o.cites {
                    println!("  cites: {c}");
                }
                if let Some(e) = &o.error {
                    println!("  error: {e}");
                }
            }
            println!("{} file(s), {} failed", outcomes.len(), failed);
            for line in &summary {
                println!("{line}");
            }
        }
    }
    if failed > 0 || !summary.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--as-of`: a full day.
fn parse_day(text: &str) -> Result<vanban::model::PartialDate, String> {
    vanban::config::parse_as_of(text)
        .ok_or_else(|| format!("\"{text}\" is not a day: expected YYYY-MM-DD"))
}
