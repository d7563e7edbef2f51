//! The `kith` binary: parse the command line, resolve settings, run one command, and
//! turn the outcome into an exit code (0 done, 1 failed, 2 used wrongly).

mod cli;
mod commands;
mod failure;
mod output;
mod settings;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::failure::Failure;
use crate::settings::{Environment, FileConfig, Flags, Settings};

/// A bulk import builds and frees hundreds of thousands of small strings and maps, and frees
/// its plan on a thread of its own while the transaction commits: with glibc's allocator
/// that was ~16 % of a 30,000-row import's time (profiled with perf), partly in contention
/// between the two threads. mimalloc: 5.37 → 5.09 G instructions (callgrind), and in
/// interleaved runs on a tmpfs the re-import's median 365 → 285 ms (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("KITH_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let env = Environment::from_process();
    match settings(&cli, &env).and_then(|settings| run(cli, &settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn settings(cli: &Cli, env: &Environment) -> Result<Settings, Failure> {
    let file = match env.config_path() {
        Some(path) => settings::read_config_file(&path).map_err(Failure::usage)?,
        None => FileConfig::default(),
    };
    let flags = Flags {
        db: cli.db.clone(),
        json: cli.json,
    };
    Settings::resolve(flags, file, env).map_err(Failure::usage)
}

fn run(cli: Cli, settings: &Settings) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::from(anyhow::Error::new(e).context("starting the async runtime")))?;
    runtime.block_on(commands::run(cli.command, settings))
}
