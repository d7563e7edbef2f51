//! A throwaway PostgreSQL cluster for the tests: find (or, as root, install)
//! the server binaries, start a cluster in a fresh temp dir that listens only
//! on a unix socket in that dir, and stop and remove it when the guard drops.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};

/// The role `initdb` creates as superuser; the URL connects as it.
const SUPERUSER: &str = "kith";
/// The OS user that runs the server when we are root (`initdb` and `pg_ctl`
/// refuse to run as root). Debian's `postgresql-common` creates it.
const OS_USER: &str = "postgres";
/// The server listens on no TCP address, only on a socket inside its own
/// fresh dir, so a fixed port cannot collide with anything else.
const PORT: u16 = 54329;
/// Prefix of the temp dirs; the rest of the name is our pid.
const DIR_PREFIX: &str = "kith-pgtest-";
/// Where Debian puts each major version's server binaries.
const DEBIAN_PG_LIB: &str = "/usr/lib/postgresql";
/// Attempts at `apt-get update && apt-get install` before giving up.
const APT_ATTEMPTS: u32 = 3;

/// Where the server binaries are, and which version they are.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    bin_dir: PathBuf,
    version: String,
}

impl Server {
    /// Finds `initdb` and `pg_ctl`; when they are missing and we are root,
    /// installs Debian's `postgresql` package first.
    pub(crate) fn ensure() -> Result<Self> {
        let bin_dir = match find_bin_dir() {
            Some(dir) => dir,
            None if is_root()? => {
                println!(
                    "xtask: PostgreSQL server binaries not found; installing them with apt-get"
                );
                apt_install("postgresql", |line| println!("{line}"))?;
                find_bin_dir().context(
                    "apt-get installed `postgresql`, yet no `initdb` and `pg_ctl` were found \
                     under /usr/lib/postgresql/*/bin or on PATH",
                )?
            }
            None => bail!(
                "PostgreSQL server binaries (`initdb`, `pg_ctl`) not found under \
                 /usr/lib/postgresql/*/bin or on PATH; install them (on Debian: \
                 `sudo apt-get install postgresql`) or run this as root to have it done"
            ),
        };
        let version = server_version(&bin_dir.join("pg_ctl"))?;
        Ok(Self { bin_dir, version })
    }

    /// The version `pg_ctl --version` reports, e.g. `15.14`.
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    fn bin(&self, name: &str) -> PathBuf {
        self.bin_dir.join(name)
    }
}

/// A running throwaway cluster. Dropping it stops the server and removes its
/// dir, whether the tests passed, failed or panicked.
#[derive(Debug)]
pub(crate) struct Cluster {
    server: Server,
    /// Holds the data dir, the server log and the socket.
    dir: PathBuf,
    /// Run the server binaries as [`OS_USER`] through `runuser`.
    as_root: bool,
}

impl Cluster {
    /// Creates a fresh dir, runs `initdb` in it and starts the server.
    pub(crate) fn start(server: &Server) -> Result<Self> {
        let as_root = is_root()?;
        if as_root && !user_exists(OS_USER)? {
            bail!(
                "running as root, but there is no `{OS_USER}` user to run PostgreSQL as \
                 (initdb and pg_ctl refuse to run as root); install Debian's `postgresql` \
                 package, which creates it"
            );
        }
        let temp = std::env::temp_dir();
        sweep_stale(&temp, server);

        let dir = temp.join(format!("{DIR_PREFIX}{}", std::process::id()));
        if dir.exists() {
            // Left by an earlier process that had our pid and did not clean up.
            fs::remove_dir_all(&dir)
                .with_context(|| format!("removing leftover {}", dir.display()))?;
        }
        fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // From here on, dropping `cluster` cleans up whatever was made.
        let cluster = Self {
            server: server.clone(),
            dir,
            as_root,
        };
        cluster.init_and_start()?;
        Ok(cluster)
    }

    fn init_and_start(&self) -> Result<()> {
        let dir_str = self
            .dir
            .to_str()
            .with_context(|| format!("temp dir {} is not valid UTF-8", self.dir.display()))?;
        if dir_str.contains(['\'', '"', '\\', '$', '`']) {
            bail!("temp dir {dir_str} contains a shell metacharacter; set TMPDIR to a plain path");
        }
        if self.as_root {
            run(
                Command::new("chown")
                    .args(["-R", &format!("{OS_USER}:{OS_USER}")])
                    .arg(&self.dir),
                "chown",
            )?;
        }

        println!(
            "xtask: starting PostgreSQL {} at {}",
            self.server.version(),
            self.dir.display()
        );
        run(
            self.pg_command("initdb")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-A", "trust", "-U", SUPERUSER, "--no-sync", "-E", "UTF8"])
                .arg("--locale=C"),
            "initdb",
        )?;

        // pg_ctl hands `-o` to a shell, hence the quoting of the socket dir.
        let options = format!(
            "-k '{dir_str}' -p {PORT} -c listen_addresses='' \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        );
        let started = run(
            self.pg_command("pg_ctl")
                .arg("-D")
                .arg(self.data_dir())
                .args(["-w", "-l"])
                .arg(self.log_file())
                .args(["start", "-o", &options]),
            "pg_ctl start",
        );
        if let Err(err) = started {
            let log = fs::read_to_string(self.log_file()).unwrap_or_default();
            return Err(err.context(format!("PostgreSQL did not start; its log:\n{log}")));
        }
        println!("xtask: PostgreSQL is up; socket in {}", self.dir.display());
        Ok(())
    }

    /// The URL to connect over the unix socket, as `KITH_TEST_POSTGRES_URL`.
    pub(crate) fn url(&self) -> String {
        let host = percent_encode(self.dir.as_os_str());
        format!("postgres://{SUPERUSER}@localhost:{PORT}/postgres?host={host}")
    }

    /// Creates database `name` and returns the URL to connect to it.
    pub(crate) fn create_database(&self, name: &str) -> Result<String> {
        run(
            self.pg_command("createdb").arg("-h").arg(&self.dir).args([
                "-p",
                &PORT.to_string(),
                "-U",
                SUPERUSER,
                name,
            ]),
            "createdb",
        )?;
        Ok(self.url().replace("/postgres?", &format!("/{name}?")))
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.join("log")
    }

    fn pg_command(&self, name: &str) -> Command {
        pg_command(&self.server, &self.dir, self.as_root, name)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        println!("xtask: stopping PostgreSQL at {}", self.dir.display());
        stop_and_remove(&self.server, &self.dir, self.as_root);
    }
}

/// A command for one of the server binaries, run as [`OS_USER`] when we are
/// root, from `dir` so that it never trips over an unreadable working dir.
fn pg_command(server: &Server, dir: &Path, as_root: bool, name: &str) -> Command {
    let program = server.bin(name);
    let mut cmd = if as_root {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", OS_USER, "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    };
    cmd.current_dir(dir);
    cmd
}

/// Stops the server in `dir` if it runs, then removes `dir`. Only warns on
/// failure: it runs in `Drop` and while sweeping.
fn stop_and_remove(server: &Server, dir: &Path, as_root: bool) {
    let data = dir.join("data");
    if data.join("postmaster.pid").exists() {
        let stopped = run(
            pg_command(server, dir, as_root, "pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "stop"]),
            "pg_ctl stop",
        );
        if let Err(err) = stopped {
            eprintln!(
                "xtask: warning: could not stop PostgreSQL in {}: {err:#}",
                dir.display()
            );
        }
    }
    if let Err(err) = fs::remove_dir_all(dir) {
        eprintln!("xtask: warning: could not remove {}: {err}", dir.display());
    }
}

/// Stops and removes clusters that earlier runs left behind when they were
/// killed (Ctrl-C, SIGKILL) before their guard could drop: dirs named after
/// a pid that no longer runs. Needs `/proc` to tell; does nothing without it.
fn sweep_stale(temp: &Path, server: &Server) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(temp) else {
        return;
    };
    let as_root = is_root().unwrap_or(false);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(DIR_PREFIX))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || process_alive(pid) {
            continue;
        }
        let dir = entry.path();
        println!(
            "xtask: removing stale cluster {} (its xtask is gone)",
            dir.display()
        );
        stop_and_remove(server, &dir, as_root);
    }
}

/// Whether `pid` runs: it is in `/proc` and is not a zombie waiting to be
/// reaped (a killed xtask can linger as one for a while).
fn process_alive(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // `pid (comm) STATE ...`; comm may hold spaces and parentheses.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z" | "X"))
}

/// The bin dir holding both `initdb` and `pg_ctl`: the highest version under
/// /usr/lib/postgresql, else the dir on PATH that has them.
fn find_bin_dir() -> Option<PathBuf> {
    highest_versioned_bin_dir(Path::new(DEBIAN_PG_LIB)).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).find(|dir| has_server_bins(dir))
    })
}

/// Under a dir laid out like Debian's `/usr/lib/postgresql/<version>/bin`,
/// the bin dir of the highest version that has the server binaries.
fn highest_versioned_bin_dir(root: &Path) -> Option<PathBuf> {
    fs::read_dir(root)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let version = parse_version(entry.file_name().to_str()?)?;
            let bin = entry.path().join("bin");
            has_server_bins(&bin).then_some((version, bin))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, bin)| bin)
}

fn has_server_bins(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}

/// `15` -> `[15]`, `9.6` -> `[9, 6]`; anything else is not a version dir.
fn parse_version(name: &str) -> Option<Vec<u32>> {
    name.split('.').map(|part| part.parse().ok()).collect()
}

/// The version from `pg_ctl --version`, which prints e.g.
/// `pg_ctl (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)`.
fn server_version(pg_ctl: &Path) -> Result<String> {
    let out = run(Command::new(pg_ctl).arg("--version"), "pg_ctl --version")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text
        .split_once("(PostgreSQL)")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .with_context(|| format!("unexpected `pg_ctl --version` output: {text:?}"))?;
    Ok(version.to_owned())
}

/// Installs Debian's `package`, retrying: apt now and then fails to fetch an archive and
/// succeeds on the next try. Each attempt is announced through `announce`.
pub(crate) fn apt_install(package: &str, announce: impl Fn(&str)) -> Result<()> {
    let mut last_err = None;
    for attempt in 1..=APT_ATTEMPTS {
        announce(&format!(
            "xtask: apt-get install {package} (attempt {attempt} of {APT_ATTEMPTS})"
        ));
        let result = apt_get(&["update"])
            .and_then(|()| apt_get(&["install", "-y", "--no-install-recommends", package]));
        match result {
            Ok(()) => return Ok(()),
            Err(err) => {
                eprintln!("xtask: {err:#}");
                last_err = Some(err);
            }
        }
    }
    Err(last_err
        .unwrap_or_else(|| anyhow::anyhow!("no attempt made"))
        .context(format!("installing {package} failed {APT_ATTEMPTS} times")))
}

pub(crate) fn apt_get(args: &[&str]) -> Result<()> {
    let status = Command::new("apt-get")
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .context("running apt-get")?;
    if !status.success() {
        bail!("`apt-get {}` failed: {status}", args.join(" "));
    }
    Ok(())
}

/// Whether we run as root, by `id -u` (std has no geteuid).
pub(crate) fn is_root() -> Result<bool> {
    let out = run(Command::new("id").arg("-u"), "id -u")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn user_exists(user: &str) -> Result<bool> {
    let status = Command::new("id")
        .arg("-u")
        .arg(user)
        .output()
        .context("running `id -u`")?
        .status;
    Ok(status.success())
}

/// Runs `cmd` with its output captured; on failure the error carries it.
fn run(cmd: &mut Command, what: &str) -> Result<Output> {
    let out = cmd
        .output()
        .with_context(|| format!("could not run {what} ({:?})", cmd.get_program()))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(out)
}

/// Percent-encodes a path for a URL query value, keeping `/` readable.
fn percent_encode(s: &OsStr) -> String {
    let mut out = String::new();
    for &b in s.as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_numerically() {
        assert!(parse_version("15") > parse_version("9.6"));
        assert_eq!(parse_version("main"), None);
        assert_eq!(parse_version("9.6"), Some(vec![9, 6]));
    }

    #[test]
    fn picks_the_highest_complete_version() -> Result<()> {
        let root = std::env::temp_dir().join(format!("kith-xtask-bins-{}", std::process::id()));
        let make = |version: &str, bins: &[&str]| -> Result<()> {
            let bin = root.join(version).join("bin");
            fs::create_dir_all(&bin)?;
            for name in bins {
                fs::write(bin.join(name), "")?;
            }
            Ok(())
        };
        make("9.6", &["initdb", "pg_ctl"])?;
        make("13", &["initdb", "pg_ctl"])?;
        make("16", &["pg_ctl"])?; // client-only: no initdb
        make("main", &["initdb", "pg_ctl"])?;
        let found = highest_versioned_bin_dir(&root);
        fs::remove_dir_all(&root)?;
        assert_eq!(found, Some(root.join("13").join("bin")));
        Ok(())
    }

    #[test]
    fn no_dir_no_bins() {
        assert_eq!(
            highest_versioned_bin_dir(Path::new("/nonexistent/kith")),
            None
        );
    }

    #[test]
    fn socket_dir_is_encoded_for_the_query() {
        assert_eq!(percent_encode(OsStr::new("/tmp/a b")), "/tmp/a%20b");
        assert_eq!(
            percent_encode(OsStr::new("/tmp/kith-pgtest-1")),
            "/tmp/kith-pgtest-1"
        );
    }
}
