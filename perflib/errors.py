"""Errors that the CLI turns into exit codes and one plain sentence."""


def one_line(text: str) -> str:
    """A message on one line whatever it quotes: a file name may hold a line break, and a second line
    could pass for a message of its own."""
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


class PerflibError(Exception):
    """Base: the message is one sentence a user can act on."""

    exit_code = 1


class UnreadableInput(PerflibError):
    """Missing, empty, corrupt, unsupported, or a PDF without a text layer (exit 2)."""

    exit_code = 2


class UnwritableOutput(PerflibError):
    """The output folder cannot be made or written, or an output file cannot be replaced (exit 2)."""

    exit_code = 2


class NotAReport(PerflibError):
    """Readable, but not a department report, or no budget figure found (exit 3)."""

    exit_code = 3

    def __init__(self, message: str, kind: str | None = None, record=None):
        super().__init__(message)
        self.kind = kind  # the document's kind when it is known not to be a department report
        self.record = record  # what was read (the batch's review sheet lists its unread figures)
