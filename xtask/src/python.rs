//! The Python that checks kith's iCalendar feed with parsers kith did not write: a venv
//! in the target dir holding the `icalendar` and `vobject` packages, made once and reused,
//! whose interpreter the tests get as `KITH_TEST_PYTHON`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::postgres::{apt_install, is_root};
use crate::test::target_dir;

/// What goes into the venv, pinned so that every machine validates against the same
/// parsers. Changing this list rebuilds the venv on the next run.
const REQUIREMENTS: [&str; 2] = ["icalendar==7.3.0", "vobject==0.9.9"];
/// The modules the tests import.
const IMPORT_CHECK: &str = "import icalendar, vobject";
/// The venv's dir inside the target dir.
const VENV_DIR: &str = "kith-pyenv";
/// Written into the venv once the packages are in, holding [`REQUIREMENTS`]: a venv
/// without it (an install cut short) or with other requirements is made again.
const MARKER: &str = "kith-requirements.txt";
/// The interpreter that makes the venv.
const BASE_PYTHON: &str = "python3";
/// Attempts at `pip install` before giving up: PyPI is sometimes briefly unreachable.
const PIP_ATTEMPTS: u32 = 3;

/// The venv's interpreter with the validators importable, making the venv when needed
/// and, as root, installing Debian's `python3-venv` first when it is missing.
pub(crate) fn ensure() -> Result<PathBuf> {
    let venv = target_dir().join(VENV_DIR);
    let python = venv.join("bin").join("python");
    let wanted = REQUIREMENTS.join("\n");
    if fs::read_to_string(venv.join(MARKER)).is_ok_and(|m| m == wanted) && imports(&python) {
        println!(
            "xtask: reusing the Python iCalendar validators in {}",
            venv.display()
        );
        return Ok(python);
    }

    ensure_base_python()?;
    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("removing {}", venv.display()))?;
    }
    println!(
        "xtask: making a Python venv in {} with {}",
        venv.display(),
        REQUIREMENTS.join(", ")
    );
    let status = Command::new(BASE_PYTHON)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .with_context(|| format!("could not run `{BASE_PYTHON} -m venv`"))?;
    if !status.success() {
        bail!(
            "`{BASE_PYTHON} -m venv {}` failed ({status})",
            venv.display()
        );
    }
    pip_install(&python)?;
    if !imports(&python) {
        bail!(
            "pip installed {}, yet `{IMPORT_CHECK}` fails in {}",
            REQUIREMENTS.join(", "),
            python.display()
        );
    }
    fs::write(venv.join(MARKER), &wanted)
        .with_context(|| format!("writing {}", venv.join(MARKER).display()))?;
    Ok(python)
}

/// Makes sure `python3 -m venv` can work: Debian ships `venv` without `ensurepip` unless
/// `python3-venv` is installed, and a fresh machine may have no Python at all.
fn ensure_base_python() -> Result<()> {
    if can_make_venvs() {
        return Ok(());
    }
    if !is_root()? {
        bail!(
            "`{BASE_PYTHON}` with the `venv` and `ensurepip` modules is needed to make the \
             Python venv for the iCalendar validators; install it (on Debian: \
             `sudo apt-get install python3-venv`) or run this as root to have it done"
        );
    }
    println!("xtask: {BASE_PYTHON} cannot make venvs; installing python3-venv with apt-get");
    apt_install("python3-venv", |line| println!("{line}"))?;
    if !can_make_venvs() {
        bail!(
            "apt-get installed `python3-venv`, yet `{BASE_PYTHON} -c 'import venv, ensurepip'` \
             still fails"
        );
    }
    Ok(())
}

fn can_make_venvs() -> bool {
    quietly_succeeds(Command::new(BASE_PYTHON).args(["-c", "import venv, ensurepip"]))
}

fn imports(python: &Path) -> bool {
    python.is_file() && quietly_succeeds(Command::new(python).args(["-c", IMPORT_CHECK]))
}

/// Whether `cmd` runs and exits 0, its output discarded.
fn quietly_succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `pip install` of [`REQUIREMENTS`] into the venv, retried.
fn pip_install(python: &Path) -> Result<()> {
    let mut last_status = None;
    for attempt in 1..=PIP_ATTEMPTS {
        println!(
            "xtask: pip install {} (attempt {attempt} of {PIP_ATTEMPTS})",
            REQUIREMENTS.join(" ")
        );
        let status = Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .args(REQUIREMENTS)
            .status()
            .with_context(|| format!("could not run pip from {}", python.display()))?;
        if status.success() {
            return Ok(());
        }
        eprintln!("xtask: pip install failed ({status})");
        last_status = Some(status);
    }
    bail!(
        "installing {} failed {PIP_ATTEMPTS} times (last: {})",
        REQUIREMENTS.join(", "),
        last_status.map_or_else(|| "no attempt".to_owned(), |s| s.to_string())
    )
}
