"""The one exception users see: a problem with their input, said in one line (CLI exit code 1)."""


class InputError(Exception):
    """Bad input: empty, binary, undecodable, too large, not Arabic, unreachable, ..."""
