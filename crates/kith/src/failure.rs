//! How a command fails: a usage error (exit 2: a bad flag value, an unparseable date) or
//! a failure (exit 1: not found, a conflict, a database that cannot be reached). A broken
//! pipe is neither: the reader went away, which is fine.

use std::process::ExitCode;

use kith_core::ParseError;
use kith_store::StoreError;

#[derive(Debug)]
pub(crate) struct Failure {
    error: anyhow::Error,
    usage: bool,
}

impl Failure {
    pub(crate) fn usage(error: impl Into<anyhow::Error>) -> Self {
        Self {
            error: error.into(),
            usage: true,
        }
    }

    /// A usage error about one flag: `--when: invalid date "soon": expected …`.
    pub(crate) fn flag(flag: &str, error: ParseError) -> Self {
        Self::usage(anyhow::Error::new(error).context(flag.to_owned()))
    }

    pub(crate) fn report(self) -> ExitCode {
        if self.is_broken_pipe() {
            return ExitCode::SUCCESS;
        }
        use std::io::IsTerminal;
        let prefix = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
            "\x1b[1;31merror:\x1b[0m"
        } else {
            "error:"
        };
        #[allow(clippy::print_stderr)]
        {
            eprintln!("{prefix} {:#}", self.error);
        }
        ExitCode::from(if self.usage { 2 } else { 1 })
    }

    fn is_broken_pipe(&self) -> bool {
        self.error.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        })
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        // A value the store refused (a malformed email in --email) is the caller's mistake.
        let usage = error.chain().any(|cause| {
            matches!(
                cause.downcast_ref::<StoreError>(),
                Some(StoreError::Invalid(_))
            )
        });
        Self { error, usage }
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Self::from(anyhow::Error::new(error))
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Self::from(anyhow::Error::new(error))
    }
}
