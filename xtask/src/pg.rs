//! `cargo xtask pg`: a throwaway PostgreSQL for working by hand, kept running
//! until Enter or Ctrl-D, then stopped and removed.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::postgres::{Cluster, Server};

/// Starts the cluster, prints how to point tests at it, and waits on stdin.
pub(crate) fn run() -> Result<ExitCode> {
    let server = Server::ensure()?;
    let cluster = Cluster::start(&server)?;
    println!("export KITH_TEST_POSTGRES_URL='{}'", cluster.url());
    println!("xtask: press Enter or Ctrl-D to stop it");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading stdin")?;
    drop(cluster);
    Ok(ExitCode::SUCCESS)
}
