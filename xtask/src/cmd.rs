//! Running external programs: one [`Cmd`] type that prints as the shell line it runs.

use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// An external program with its arguments and the environment it adds.
///
/// It displays as the line a reader could paste into a shell, so headers and error
/// messages name exactly what ran.
#[derive(Debug, Clone)]
pub struct Cmd {
    program: String,
    args: Vec<String>,
    envs: Vec<(String, OsString)>,
}

impl Cmd {
    /// A command running `program` with no arguments.
    pub fn new(program: &str) -> Self {
        Cmd {
            program: program.to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
        }
    }

    /// Appends arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets one environment variable for the child, on top of the inherited environment.
    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Self {
        self.envs.push((key.to_owned(), value.into()));
        self
    }

    /// Runs the command in `dir` with inherited stdio, succeeding only on exit status 0.
    pub fn run(&self, dir: &Path) -> Result<(), String> {
        let status = self
            .command(dir)
            .status()
            .map_err(|e| format!("could not start `{self}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{self}` failed ({status})"))
        }
    }

    /// Runs the command in `dir` quietly and returns its standard output, or `None` when it
    /// cannot start or exits non-zero: for probes such as `--version`, where "missing" and
    /// "broken" both mean "install it".
    pub fn stdout(&self, dir: &Path) -> Option<String> {
        let output = self
            .command(dir)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if output.status.success() {
            String::from_utf8(output.stdout).ok()
        } else {
            None
        }
    }

    /// Starts the command in `dir` without waiting, its standard output piped when
    /// `capture_stdout` (to read what it prints, such as the address it listens on).
    pub fn spawn(&self, dir: &Path, capture_stdout: bool) -> Result<Child, String> {
        let mut command = self.command(dir);
        command.stdin(Stdio::null());
        if capture_stdout {
            command.stdout(Stdio::piped());
        }
        command
            .spawn()
            .map_err(|e| format!("could not start `{self}`: {e}"))
    }

    fn command(&self, dir: &Path) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args).current_dir(dir);
        for (key, value) in &self.envs {
            command.env(key, value);
        }
        command
    }
}

impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (key, value) in &self.envs {
            let value = value.to_string_lossy();
            if value.contains(char::is_whitespace) {
                write!(f, "{key}=\"{value}\" ")?;
            } else {
                write!(f, "{key}={value} ")?;
            }
        }
        f.write_str(&self.program)?;
        for arg in &self.args {
            write!(f, " {arg}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_spaces_are_quoted() {
        let cmd = Cmd::new("trunk")
            .env("A", "1")
            .env("FLAGS", "--cfg a --cfg b");
        assert_eq!(cmd.to_string(), "A=1 FLAGS=\"--cfg a --cfg b\" trunk");
    }

    #[test]
    fn displays_as_a_shell_line_with_env_first() {
        let cmd = Cmd::new("cargo")
            .args(["test", "-p", "smc-core"])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver");
        assert_eq!(
            cmd.to_string(),
            "CHROMEDRIVER=/usr/bin/chromedriver cargo test -p smc-core"
        );
    }

    #[test]
    fn stdout_is_none_for_a_missing_program() {
        let cmd = Cmd::new("xtask-no-such-program-anywhere").args(["--version"]);
        assert_eq!(cmd.stdout(Path::new(".")), None);
    }
}
