"""Titles as a reader should see them: the broken characters of the UN's files repaired for
display, the text as recorded kept in the database (and shown beside it as `..._as_recorded`)."""

import re

import ftfy

# What ftfy cannot see in the UN voting file: bytes the R package that exported it could not
# decode, written out as text ("Mongolia<90>s", "wastes<d3>."), a quote mangled twice with a
# stray question mark ("People?Ã†s", which ftfy would make "People?Æs"), and backspaces standing
# between two numbers ("45266\x0815/37", which ftfy would glue together). The mojibake proper
# ("CÃ´te dâ€™Ivoire") is ftfy's to repair.
BROKEN_CHARACTERS = {
    "?Ã†": "'",
    "Ã†": "'",
    "â€™": "'",
    "â€˜": "'",
    "â€œ": '"',
    "â€\x9d": '"',
    "<90>": "'",
    "<d3>": '"',
    "<d2>": '"',
    "\x08": " ",
}
_BROKEN = re.compile("|".join(re.escape(broken) for broken in BROKEN_CHARACTERS))


def mend_file_escapes(text: str) -> str:
    """`text` with the voting file's own broken characters (BROKEN_CHARACTERS) replaced."""
    return _BROKEN.sub(lambda match: BROKEN_CHARACTERS[match.group()], text)


def repaired(text: str | None) -> str | None:
    """`text` for display: the voting file's broken characters mended, then ftfy's repair of
    mojibake, control characters and HTML entities. Printable ASCII with no `&` or `<` has
    nothing to repair and is returned as it is, at once: ftfy takes 60-70 µs a title, which a
    page of a hundred would feel, and 97% of the voting file's titles are such text."""
    if not text or (text.isascii() and text.isprintable() and "&" not in text and "<" not in text):
        return text
    return ftfy.fix_text(mend_file_escapes(text))
