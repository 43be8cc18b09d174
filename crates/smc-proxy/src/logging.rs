//! Structured logs with tracing, to stderr, as text or JSON (`--log-format`). `RUST_LOG`
//! sets the filter (default `info`: one line per API call, startup and shutdown).
//!
//! Access-log lines (one per call) are buffered and written out when the buffer fills,
//! every [`FLUSH_INTERVAL`], or with the next line of any other kind, rather than with one
//! `write(2)` each: under load, that system call was a tenth of the proxy's CPU time per
//! call (nginx's `access_log … buffer= flush=` does the same). Every other line, and the
//! access lines before it, leaves at once, so a warning is never held back and the log stays
//! in order.

use std::io::{BufWriter, IsTerminal as _, Stderr, Write};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use clap::ValueEnum;
use tracing::Metadata;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// The target of access-log lines (see [`crate::access_log`]).
pub const ACCESS_TARGET: &str = "smc_proxy::access";

/// The longest an access-log line waits in the buffer.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(200);

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines with `key=value` fields.
    #[default]
    Text,
    /// One JSON object per line, fields at the top level.
    Json,
}

/// The process's log sink, once [`init`] has run.
static SINK: OnceLock<LogSink> = OnceLock::new();

/// Installs the global subscriber (once; later calls do nothing) and starts the thread that
/// writes buffered lines out.
pub fn init(format: LogFormat) {
    let sink = SINK.get_or_init(|| {
        let sink = LogSink::new(std::io::stderr());
        sink.flush_every(FLUSH_INTERVAL);
        sink
    });
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_writer(sink.clone())
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(filter);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Writes out what is buffered: call before the process exits.
pub fn flush() {
    if let Some(sink) = SINK.get() {
        sink.flush();
    }
}

/// Log lines on their way to `W`.
#[derive(Debug)]
pub struct LogSink<W: Write = Stderr>(Arc<Mutex<BufWriter<W>>>);

impl<W: Write> Clone for LogSink<W> {
    fn clone(&self) -> Self {
        LogSink(self.0.clone())
    }
}

impl<W: Write> LogSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W) -> Self {
        LogSink(Arc::new(Mutex::new(BufWriter::with_capacity(
            64 * 1024,
            out,
        ))))
    }

    /// Writes out what is buffered.
    pub fn flush(&self) {
        // A log that cannot be written has nowhere to report it.
        let _ = self.lock().flush();
    }

    fn lock(&self) -> MutexGuard<'_, BufWriter<W>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<W: Write + Send + 'static> LogSink<W> {
    /// Writes buffered lines out every `interval`, from a thread of its own.
    fn flush_every(&self, interval: Duration) {
        let sink = self.clone();
        let _ = std::thread::Builder::new()
            .name("log-flush".into())
            .spawn(move || loop {
                std::thread::sleep(interval);
                sink.flush();
            });
    }
}

/// One log line's writer: it adds the line to the buffer and, unless it is an access-log
/// line, writes the buffer out.
#[derive(Debug)]
pub struct LineWriter<'a, W: Write> {
    sink: &'a LogSink<W>,
    buffered: bool,
}

impl<W: Write> Write for LineWriter<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.sink.lock().write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        // The formatter hands over a whole line: it goes in under one lock, never torn.
        self.sink.lock().write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sink.lock().flush()
    }
}

impl<W: Write> Drop for LineWriter<'_, W> {
    fn drop(&mut self) {
        if !self.buffered {
            self.sink.flush();
        }
    }
}

impl<'a, W: Write + 'a> MakeWriter<'a> for LogSink<W> {
    type Writer = LineWriter<'a, W>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            sink: self,
            buffered: false,
        }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> Self::Writer {
        LineWriter {
            sink: self,
            buffered: meta.target() == ACCESS_TARGET,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose output the test can read, counting the writes that reach it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<(Vec<u8>, usize)>>);

    impl Write for Shared {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let mut inner = self.0.lock().unwrap();
            inner.0.extend_from_slice(bytes);
            inner.1 += 1;
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().0.clone()).unwrap()
        }

        fn writes(&self) -> usize {
            self.0.lock().unwrap().1
        }
    }

    fn subscriber(out: &Shared) -> impl tracing::Subscriber {
        tracing_subscriber::fmt()
            .with_writer(LogSink::new(out.clone()))
            .with_ansi(false)
            .finish()
    }

    #[test]
    fn access_lines_wait_and_leave_in_order_with_the_next_other_line() {
        let out = Shared::default();
        tracing::subscriber::with_default(subscriber(&out), || {
            tracing::info!(target: ACCESS_TARGET, status = 200, "api call");
            tracing::info!(target: ACCESS_TARGET, status = 400, "api call");
            assert_eq!(out.text(), "", "access lines are buffered");
            tracing::warn!("upstream is slow");
        });
        let text = out.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("status=200"), "{text}");
        assert!(lines[1].contains("status=400"), "{text}");
        assert!(lines[2].contains("upstream is slow"), "{text}");
        assert_eq!(out.writes(), 1, "one write for the three lines");
    }

    #[test]
    fn other_lines_leave_at_once() {
        let out = Shared::default();
        tracing::subscriber::with_default(subscriber(&out), || {
            tracing::info!("listening");
            assert!(out.text().contains("listening"));
        });
    }

    #[test]
    fn buffered_lines_leave_on_flush() {
        let out = Shared::default();
        let sink = LogSink::new(out.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_writer(sink.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(target: ACCESS_TARGET, status = 200, "api call");
        });
        assert_eq!(out.text(), "");
        sink.flush();
        assert!(out.text().contains("status=200"));
    }
}
