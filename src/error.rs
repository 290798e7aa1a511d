//! The one error type of the core.
//!
//! Every fallible operation of the core returns [`Error`]. It carries an
//! [`ErrorKind`] (what went wrong, in a form a program can branch on) and a
//! message written for the person who has to fix the input. The Python
//! binding maps each kind to one exception class in a single place
//! (`src/python/errors.rs`).

use std::fmt;

/// What went wrong, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A dictionary entry is invalid (empty name, duplicate id, bad field type).
    InvalidEntry,
    /// A file could not be parsed (bad row, bad JSON, unknown format version).
    InvalidFile,
    /// A file does not exist.
    NotFound,
    /// A file could not be read at all (unreadable, a directory, an I/O failure).
    Io,
    /// An option or argument has a value the core cannot use.
    InvalidArgument,
    /// An internal invariant failed. Always a bug in quotewise.
    Internal,
}

/// An error of the quotewise core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// A new error of `kind` with a human-readable `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// An invalid dictionary entry.
    pub fn entry(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidEntry, message)
    }

    /// A parse error in a file, at a 1-based line number.
    pub fn file(path: &str, line: usize, reason: impl fmt::Display) -> Self {
        Error::new(
            ErrorKind::InvalidFile,
            format!("{path}, line {line}: {reason}"),
        )
    }

    /// A file that could not be read: [`ErrorKind::NotFound`] when it does
    /// not exist (told by the I/O error's kind, not its text), else
    /// [`ErrorKind::Io`].
    pub fn io(path: &str, err: &std::io::Error) -> Self {
        let kind = match err.kind() {
            std::io::ErrorKind::NotFound => ErrorKind::NotFound,
            _ => ErrorKind::Io,
        };
        Error::new(kind, format!("{path}: {err}"))
    }

    /// An invalid argument.
    pub fn argument(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// What went wrong, as a kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context` put in front of its message.
    pub fn context(self, context: impl fmt::Display) -> Self {
        Error {
            kind: self.kind,
            message: format!("{context}: {}", self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of the core.
pub type Result<T> = std::result::Result<T, Error>;
