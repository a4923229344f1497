"""Reading a CSV file someone was handed: its encoding, separator and header row, then its rows, streamed.

Only a sample from the start of the file decides (`sniff`), so a file of any size is read with bounded
memory; `read_rows` is then a thin layer over `csv.reader` on a decoded text stream.

How the encoding is found, surest first:
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. UTF-16 without a mark, from the pattern of NUL bytes;
3. strict UTF-8: if the sample decodes, it is UTF-8 (a sample of plain ASCII looks further into the
   file, up to `SCAN_BYTES`, for the first non-ASCII byte and decides there);
4. Windows-1252 when the text reads like a Western European language in it (Excel's "CSV" on
   Windows in Western Europe and the Americas writes it);
5. otherwise a Latin code page whose words read as a language's, or else, among charset-normalizer's
   guesses, the code page of another alphabet that reads each word in one (`_other_alphabet`).
A file of UTF-8 and Windows-1252 rows both (two exports put together) is read with the codec
"utf-8-or-cp1252" (`MIXED_WESTERN`): each is found in the rest of the file, up to `SCAN_BYTES`, too.

A vCard file (a phone's contacts) is read as a table of them, one row each (vcards.py; `Dialect.vcard`).

Rows are numbered as a spreadsheet shows them: the first record of the file is row 1, blank lines
count, a quoted line break does not start a new row, and Excel's "sep=;" line is not shown (so not
counted).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass, replace
from pathlib import Path

from smallcrm.errors import ImportFileProblem, InvalidValue, Phrase, SmallCrmError
from smallcrm.services.importing import vcards
from smallcrm.services.importing.mapping import names_a_field

SAMPLE_BYTES = 256 * 1024  # what detection looks at
SCAN_BYTES = 64 * 1024 * 1024  # how far a plain-ASCII start is followed to find the first other byte
FIELD_LIMIT = 10 * 1024 * 1024  # the largest cell, in characters
LINE_LIMIT = 4 * FIELD_LIMIT  # the longest physical line, in characters
# The most data rows an import reads: the work and the memory an import needs grow with its rows, and a
# contact list or a sales export larger than this is split into parts (`too_many_rows` says so).
MAX_ROWS = 1_000_000
ROWS_SAID = 5  # the rows of each kind of thing tidied that are named (RowStream.warning_rows)
COUNT_BLOCK = 4 * 1024 * 1024  # bytes read at a time to count line breaks
READ_CHUNK = 1024 * 1024  # bytes decoded at a time while reading rows
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "space": " "}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {name: bom for bom, name in _BOMS}

# Files that are certainly not text, by their first bytes.
_MAGIC = (
    (b"PK\x03\x04", "a zip archive, such as an Excel (.xlsx) or OpenDocument (.ods) workbook"),
    (b"\xd0\xcf\x11\xe0", "an Excel 97-2003 (.xls) workbook or another Office file"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
# Text files that are no CSV file, by how their text starts (lower case, spaces before it left out): a web page
# that web shops give an ".xls" name (Excel opens it), an Excel 2003 XML workbook, a phone's contacts as vCards
# (read as a table of contacts: vcards.py).
WEB_PAGE = "a web page (HTML), as some web shops write their “Excel” exports"
VCARD = "a vCard file of contacts (.vcf)"
_TEXT_KINDS = (
    (("<!doctype html", "<html", "<table"), WEB_PAGE),
    (("<?xml",), "an Excel 2003 XML workbook"),  # (when it says it is one: _text_kind)
    (("begin:vcard",), VCARD),
)
BINARY_KINDS = frozenset([kind for _, kind in _MAGIC] + [kind for _, kind in _TEXT_KINDS])

# What a file problem's detail says (ImportFileProblem.detail; those with facts are made into a Phrase).
IS_FOLDER = "it is a folder, not a file"
ONLY_NAMES = "only the column names {names}"
NO_CONTACTS = "none of its contacts has a name, an email, a phone or anything else to import"
NO_NAMES = "only a row of empty column names"
BAD_BYTES = "some of its text is not {encoding}"
BAD_BYTES_IN_COLUMN = "“{text}” in column {column} is not {encoding}"
UTF8_READ_AS = "read as {encoding}, “{word}” would be “{garbled}”"

# Legacy encodings charset-normalizer may choose from once Windows-1252 does not fit.
_LEGACY = ["cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "koi8_r", "mac_roman",
           "cp850", "cp852", "cp866", "cp437", "cp874", "cp932", "gb18030", "big5", "cp949", "euc_kr"]
# The code page Windows (and so Excel's "CSV") writes each country's own alphabet in, where it is not the Latin
# one: of a short list, the surest sign of which of them wrote it (_other_alphabet).
_CODE_PAGE_COUNTRIES = {
    "cp1251": "RU UA BY BG RS MK KZ KG TJ MN", "cp1253": "GR CY", "cp1255": "IL", "cp874": "TH", "cp932": "JP",
    "cp1256": "SA AE EG JO LB SY IQ KW QA BH OM YE DZ MA TN LY PS IR PK AF", "gb18030": "CN SG",
    "big5": "TW HK MO", "cp949": "KR"}
_CODE_PAGE_OF = {country: codec for codec, countries in _CODE_PAGE_COUNTRIES.items() for country in countries.split()}

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Symbols that Windows-1252 reads where other code pages have letters (cp1250 "Ł" is cp1252 "£").
_ODD_SYMBOLS = "£¥¦¤¢©®¬¯±´¸¨×÷¹³¼½¾§¶†‡ˆ‰‹›™"
_LETTER = r"[^\W\d_]"
_SYMBOL_IN_WORD = re.compile(rf"{_LETTER}[{_ODD_SYMBOLS}]{_LETTER}|(?<!\w)[{_ODD_SYMBOLS}]{_LETTER}{{2}}")
_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_WORD = re.compile(r"[^\W\d_]+")
# ... and one with symbols among its letters, as Windows-1252 reads another code page's ("W±sowska", "¦wi±tek")
_MISREAD_WORD = re.compile(rf"[{_ODD_SYMBOLS}]?{_LETTER}+(?:[{_ODD_SYMBOLS}]+{_LETTER}+)*[{_ODD_SYMBOLS}]?")
_SEP_LINE = re.compile(r'"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)', re.IGNORECASE)


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves undefined are read as Latin-1 (as browsers do)."""
    return error.object[error.start:error.end].decode("latin-1"), error.end


def _cut_letter(error: UnicodeDecodeError) -> tuple[str, int]:
    """A letter cut in two by the end of a UTF-8 or UTF-16 file (saved, copied or downloaded in part) reads as
    "\ufffd", for the row to say so (cleaning.LOST_LETTER); any other byte not of the encoding is an error, and so is
    a last UTF-8 byte no Western letter starts with (_CUT_LETTER_STARTS: "é" of a Windows-1252 row). (In a file of
    UTF-8 and Windows-1252 rows, such a byte is read as Windows-1252, as any other: _mixed_codec.)"""
    if _ends_mid_letter(error) and (error.encoding.startswith("utf-16")
                                    or error.object[error.start] in _CUT_LETTER_STARTS):
        return "\ufffd", error.end
    raise error


def _ends_mid_letter(error: UnicodeDecodeError) -> bool:
    # (a decoder says so only of the last bytes, once told there are no more: UTF-16's odd byte is "truncated data")
    return error.reason in ("unexpected end of data", "truncated data") and error.end == len(error.object)


def _mark_bad_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """Each undecodable byte becomes a lone surrogate, to find where it is (see `_locate_bad_bytes`)."""
    return "".join(chr(0xDC00 + b) for b in error.object[error.start:error.end]), error.end


codecs.register_error("smallcrm-latin1-fallback", _latin1_fallback)
codecs.register_error("smallcrm-mark-bad-bytes", _mark_bad_bytes)
codecs.register_error("smallcrm-cut-letter", _cut_letter)


def _errors_for(encoding: str) -> str:
    if encoding == "cp1252":
        return "smallcrm-latin1-fallback"
    return "smallcrm-cut-letter" if encoding.startswith(("utf-8", "utf-16")) else "strict"


# --- UTF-8 mixed with a legacy encoding ------------------------------------------------------------
# A file put together from two exports (a web shop's UTF-8 rows and a till's Windows-1252 ones, say) is
# read with the codec "utf-8-or-cp1252": UTF-8 wherever the bytes are UTF-8, and each byte that is not,
# in the legacy encoding. Neither encoding alone reads such a file without garbling half its names.
MIXED = "utf-8-or-"
MIXED_WESTERN = MIXED + "cp1252"  # the one detection chooses


def _single_byte(codec: str) -> bool:
    return len(bytes(range(256)).decode(codec, "replace")) == 256


def _mixed_codec(name: str) -> codecs.CodecInfo | None:
    """The codecs search function for "utf-8-or-LEGACY" (Python hands it "utf_8_or_legacy")."""
    prefix = MIXED.replace("-", "_")
    if not name.startswith(prefix):
        return None
    try:
        legacy = codecs.lookup(name[len(prefix):]).name
    except LookupError:
        return None
    if not _single_byte(legacy):
        return None  # a byte at a time needs an encoding of one byte per character
    handler = f"smallcrm-or-{legacy}"
    fallback = _errors_for(legacy)
    codecs.register_error(handler, lambda e: (e.object[e.start:e.end].decode(legacy, fallback), e.end))
    utf8 = codecs.lookup("utf-8")

    class Decoder(codecs.IncrementalDecoder):
        def __init__(self, errors: str = "strict") -> None:
            super().__init__(errors)
            self.utf8 = utf8.incrementaldecoder(handler)

        def decode(self, data, final: bool = False) -> str:
            return self.utf8.decode(data, final)

        def reset(self) -> None:
            self.utf8.reset()

        def getstate(self):
            return self.utf8.getstate()

        def setstate(self, state) -> None:
            self.utf8.setstate(state)

    def decode(data, errors: str = "strict") -> tuple[str, int]:
        return utf8.decode(data, handler)

    return codecs.CodecInfo(utf8.encode, decode, incrementalencoder=utf8.incrementalencoder,
                            incrementaldecoder=Decoder, name=f"{MIXED}{legacy}")


codecs.register(_mixed_codec)

_MARKED = re.compile("[\udc00-\udcff]+")
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Dialect:
    """How a file is written. `header_row` counts the records before the header (blank lines and a
    "sep=" line included): 0 when the header comes first."""

    encoding: str  # a Python codec name, for the text after any byte-order mark
    delimiter: str
    quotechar: str = '"'  # '"' or "'"; "" when quotes are plain text
    header_row: int = 0
    has_bom: bool = False
    line_ending: str = "\r\n"  # what the file mostly uses: "\r\n", "\n" or "\r"
    sep_line: bool = False  # an Excel "sep=;" line comes first
    # "": a row ends at any line break (CR LF, LF or CR), as most files need; "\r\n", "\n" or "\r" when the
    # user says rows end only there: other line breaks are then text in a cell (CR LF always ends a row).
    row_end: str = ""
    # A vCard file's contacts, read as a table of this shape (vcards.py); None for a CSV file. Its contacts are
    # numbered from 1, as a row number names them.
    vcard: vcards.Shape | None = None
    # Rows the owner corrected (the import window's Fix…), read in place of the file's: (row number, cells), in
    # the order of their numbers. Not how the file is written, but what reading it gives.
    corrections: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # A file with no row of column names (its first row holds an email, a phone number, an amount): how many
    # columns its rows have, each named by its number ("Column 3"), and its rows start at `header_row`. 0 when the
    # file has a row of column names.
    unnamed_columns: int = 0

    @property
    def first_row_number(self) -> int:
        """The spreadsheet row number of the file's first record (0 when a hidden "sep=" line comes first)."""
        return 0 if self.sep_line else 1


def corrected(dialect: Dialect, corrections: dict[int, list[str]]) -> Dialect:
    """The dialect, read with the rows the owner corrected (row number -> cells) in place of the file's."""
    return replace(dialect, corrections=tuple((number, tuple(cells)) for number, cells in sorted(corrections.items())))


def _problem(path, reason: str, detail: str = "", row: int | None = None) -> ImportFileProblem:
    return ImportFileProblem(Path(path), reason, detail, row)


def _open_binary(path: Path):
    """Open the file for reading bytes (one place, so a test can stand in for the disk)."""
    return open(path, "rb")  # noqa: SIM115 - the callers close it


def _open(path: Path, *, vanished: bool = False):
    try:
        return _open_binary(path)
    except FileNotFoundError as e:
        raise _problem(path, "vanished" if vanished else "not_found", e.strerror or "") from e
    except IsADirectoryError as e:
        raise _problem(path, "unreadable", IS_FOLDER) from e
    except OSError as e:
        raise _problem(path, "unreadable", e.strerror or str(e)) from e


def _read_sample(path: Path) -> tuple[bytes, bool]:
    """The first SAMPLE_BYTES of the file, and whether that is the whole file."""
    with _open(path) as f:
        try:
            sample = f.read(SAMPLE_BYTES)
            whole = len(sample) < SAMPLE_BYTES or not f.read(1)
        except OSError as e:
            raise _problem(path, "unreadable", e.strerror or str(e)) from e
    return sample, whole


def _codec(name: str, field: str = "encoding") -> str:
    """The codec's name. Latin-1 is read as Windows-1252, as browsers read it: the bytes Latin-1 leaves to control
    characters are Windows-1252's letters and signs ("œ", "’", "€"), which a file said to be Latin-1 means."""
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError) as e:
        raise InvalidValue(field, name, "encoding", "not an encoding Python knows, e.g. utf-8, cp1252, utf-16") from e
    # (hex, base64, zlib, rot13 turn bytes into bytes or text into text; idna and punycode write domain names)
    if not getattr(info, "_is_text_encoding", True) or info.name in ("idna", "punycode", "undefined"):
        raise InvalidValue(field, name, "encoding", "not an encoding text files are written in, e.g. utf-8, cp1252, "
                                                    "utf-16")
    return "cp1252" if info.name == "iso8859-1" else info.name


# --- the encoding --------------------------------------------------------------------------------

def _bom(sample: bytes) -> tuple[bytes, str] | None:
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return bom, name
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly Latin letters has a NUL in every other byte."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0:pairs * 2:2].count(0)
    odd_nuls = sample[1:pairs * 2:2].count(0)
    if odd_nuls >= 0.7 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.7 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _bom_of(codec: str) -> bytes:
    """The byte-order mark a file in `codec` may start with (b"" for none)."""
    return _BOM_OF.get("utf-8" if codec.startswith(MIXED) else codec, b"")


def _is_utf8(data: bytes, final: bool) -> bool:
    """Whether `data` is UTF-8: a file that ends in the middle of a letter is (see _cut_letter), when its last bytes
    start a Western letter and its other text has UTF-8's Western letters (a Windows-1252 row may end a file in
    "Dupré", whose "é" would start a Chinese character in UTF-8; and "É’" or "ß" and a non-breaking space in a
    Windows-1252 file read as letters of UTF-8)."""
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(data, final)
    except UnicodeDecodeError as e:
        return (_ends_mid_letter(e) and data[e.start] in _CUT_LETTER_STARTS
                and _has_utf8_letter(data[:e.start]))
    return True


# The first bytes of UTF-8's accented Latin letters, "€" and typographic quotes and dashes, and emoji, which
# Windows-1252 text seldom ends with ("Â", "Ã", "Ä", "Å", "â", "ð"), unlike "é" or "ß"
_CUT_LETTER_STARTS = b"\xc2\xc3\xc4\xc5\xe2\xf0"


def _reads_as_western(data: bytes) -> bool:
    """Whether Windows-1252 gives text that looks like a Western European language."""
    if not _CP1252_UNDEFINED.isdisjoint(data):
        return False
    text = data.decode("cp1252", errors="replace")
    if _SYMBOL_IN_WORD.search(text):
        return False
    # Greek or Cyrillic read as Windows-1252 gives words of accented letters only ("Àëåêñåé").
    words = _WORD.findall(text)
    foreign = sum(1 for word in words if not word.isascii() and not any(c.isascii() for c in word))
    return foreign <= 0.2 * len(words)


# The letters beyond ASCII of the languages each code page writes, lower case (Estonian with the Baltic ones: its
# Windows writes that code page). A word is read right when its letters are one language's: "Jiří" is Czech,
# "Jiøí" no language's. Spanish, Portuguese and Italian end ordinals with "º" or "ª" ("Nº", "1ª").
_PORTUGUESE = "áâãàçéêíóôõúºª"
_WESTERN = ("àâçéèêëîïôœùûüÿ", "äöüß", "áéíóúñüºª", _PORTUGUESE, "àèéìíîòóùºª", "áéíóúàèëïöü", "æøåéóòôè", "åäöé",
            "åäöšž", "áðéíóúýþæö", "àçèéíïòóúü", "µ")
_CENTRAL = ("ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "čćđšž", "ăâîşţ", "çë", "äöüß")
_ALPHABETS = {
    "cp1250": _CENTRAL,
    "iso8859-2": _CENTRAL,  # (older programs' Central European: "Wąsowska" is "W±sowska" in Windows-1252)
    "iso8859-15": _WESTERN,  # (older programs' Western European with the euro: "Œuvray" is "¼uvray")
    "cp1254": _WESTERN[:-1] + ("çğıöşüâîû",),
    "cp1257": ("ąčęėįšųūž", "āčēģīķļņšūž", "õäöüšž", "åäöæø", "äöüß"),
    # Vietnamese (Windows writes its tones as marks after the letter: compared composed, "ễ")
    "cp1258": ("àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",),
}
# The letters of Windows-1252 where Windows' Turkish code page has "Ğ", "İ", "Ş", "ğ", "ı", "ş"
_ICELANDIC = "ÐÝÞðýþ"
# Portuguese writes "õ" before e ("Simões", "põe"): Hungarian "ő" read as Windows-1252 is not; nor is an ordinal's
# "º" inside a word (a Romanian "ş" read so)
_NOT_WESTERN = re.compile("õ(?!e)|[ºª](?=[^\\W\\d_])")


def _word_fits(word: str, alphabets: tuple[str, ...]) -> bool:
    letters = {c.lower() for c in word if not c.isascii() and c != "İ"}  # (Turkish "İ" is an i with a dot)
    if not letters:
        return True
    if alphabets is _WESTERN and _NOT_WESTERN.search(word.lower()):
        return False
    return any(letters.issubset(alphabet) for alphabet in alphabets)


def _other_code_page(data: bytes, country: str | None = None) -> str | None:
    """The code page among Windows' Central European, Turkish, Baltic and Vietnamese ones (and the ISO ones of
    older programs) that reads as a language's the most words Windows-1252 reads as no language's ("Jiøí" is
    "Jiří", "Kõvári" "Kővári", "Þükrü" "Şükrü", "NguyêÞn" "Nguyễn"), two at least or every one of them, and spoils
    none that Windows-1252 reads well; None when Windows-1252 reads every word as some language's, or none reads
    them so. A word with Icelandic letters that the code page reads as its language's counts beside one read wrong
    ("Ayþe" beside "Þükrü": "Ayşe", "Şükrü"); in a Turkish file (`country`), it is read wrong itself."""
    words = {w for w in _MISREAD_WORD.findall(data.decode("cp1252", errors="replace")) if not w.isascii()}
    icelandic = {w for w in words if any(c in _ICELANDIC for c in w)}
    wrong = {w for w in words if not _word_fits(w, _WESTERN)} | (icelandic if country == "TR" else set())
    if not wrong:
        return None
    icelandic -= wrong
    best, most = None, 0
    for codec, alphabets in _ALPHABETS.items():
        read = {w: unicodedata.normalize("NFC", w.encode("cp1252", errors="replace").decode(codec, errors="replace"))
                for w in words}
        # (a capital inside a word is no reading: "lÕAtelier" is a Mac's "l’Atelier", not Hungarian "lŐAtelier")
        righted = sum(1 for w in wrong if read[w] != w and _word_fits(read[w], alphabets) and _misread(read[w]) < 2)
        if any(read[w] != w and not _word_fits(read[w], alphabets) for w in words - wrong):
            continue  # a word Windows-1252 reads well, it would spoil
        righted += sum(1 for w in icelandic if read[w] != w) if righted else 0
        # One word is proof only when it is all Windows-1252 reads wrong, and the code page reads no other word
        # otherwise ("Kollafjørður", a Faroese place beside "Bjørn": Baltic would make him "Bjųrn")
        if righted >= 2 or righted and all(_word_fits(read[w], alphabets) for w in wrong) and all(
                read[w] == w for w in words - wrong):
            if righted > most:
                best, most = codec, righted
    return best


# Excel on a Mac saves "CSV" in Mac Roman, whose bytes 0x80-0x9F are the accented letters Windows-1252 has at
# 0xC0-0xFF: read as Windows-1252, "Zoé" is "ZoŽ", "Müller" "MŸller", "Muñoz" "Mu–oz", "Groß" "Gro§". A word is
# read right when its letters beyond ASCII are those Western names are written with, no capital stands after a
# small letter or between a letter and a small one ("ZoŽ", "MŸller"), and no symbol between two letters ("Gro§e")
# but an apostrophe, a dash or a quotation mark ("l’Atelier", "Long–sleeve": "Mu–oz" tells nothing).
_NAME_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüßœºª")
_APOSTROPHES = "'’`´ʼ"
# Between two letters in Windows-1252 text too, they tell nothing ("moving—call", "Long–sleeve", "•vip")
_JOINERS = _APOSTROPHES + "‘“”–—•…"
# (Mac Roman's "ß", "Ä", "Ü", "â", "ò" read as Windows-1252; Mac Roman's signs of mathematics, where Windows'
# Central European code page has letters: "Pawe≥" is "Paweł")
_NEVER_BESIDE_A_LETTER = "§¶†‡‰˜≥≤≠∞∑∏∫√≈∆◊∂Ω"
_HIGH_WORD = re.compile(rb"[A-Za-z]*[\x80-\xff][A-Za-z\x80-\xff]*")


def _misread(word: str) -> int:
    """0 when `word` reads as a Western name; 1 when one of its letters is rarely written in one ("Schršder");
    2 when it cannot be one ("ZoŽ", "MŸller", "Mu–oz", "l’Atelier" read as "líAtelier")."""
    worst = 0
    for i, c in enumerate(word):
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if c.isalpha():
            if c.isupper() and (before.islower() or before.isalpha() and after.islower()):
                return 2  # (a capital inside a word, the first letter's aside: "JŸrgen", "ZoŽ")
            if c.islower() and not c.isascii() and after.isupper():
                return 2
            if not c.isascii() and c.lower() not in _NAME_LETTERS:
                worst = 1
        elif not c.isascii() and c not in _JOINERS and (
                before.isalpha() and after.isalpha() or c in _NEVER_BESIDE_A_LETTER and (before + after).isalpha()):
            return 2
    return worst


def _is_mac_roman(data: bytes) -> bool:
    """Whether Mac Roman reads right a word Windows-1252 cannot have written ("ZoŽ"), and spoils none that
    Windows-1252 reads right (_misread). (A word Windows-1252 would hardly have written, "Hšxter", is no proof:
    "Jože" is Slovene.)"""
    righted = False
    for word in set(_HIGH_WORD.findall(data)):
        as_western, as_mac = word.decode("cp1252", errors="replace"), word.decode("mac_roman")
        western, mac = _misread(as_western), _misread(as_mac)
        if mac > western or as_western[0].isupper() and as_mac[0].islower():  # ("Škoda" is no "äkoda")
            return False
        righted = righted or (western == 2 and mac == 0)
    return righted


def _reads_as_mac_names(data: bytes) -> bool:
    """Whether Mac Roman reads every word with a byte beyond ASCII as a Western name (_misread)."""
    words = set(_HIGH_WORD.findall(data))
    return bool(words) and not any(_misread(word.decode("mac_roman")) for word in words)


def _guess_legacy(data: bytes, region: str | None = None) -> str:
    """The legacy encoding `data` is likeliest in: a Latin code page when it reads the words as Western, Central
    European, Turkish, Baltic or Vietnamese names; else one of another alphabet that reads each word in one
    (_other_alphabet); else charset-normalizer's best guess."""
    latin = _latin_code_page(data, _country_of(data, region))
    if latin is not None and _reads_as_latin(data.decode(latin, errors="replace")):
        return latin
    return _other_alphabet(data, region) or latin or _likeliest(data)


def _country_of(data: bytes, region: str | None) -> str | None:
    """The country most of the file's e-mail addresses are of ("@example.com.tr"), else `region`."""
    found = Counter(_EMAIL_COUNTRY.findall(data)).most_common(1)
    return found[0][0].decode().upper() if found else region


def _latin_code_page(data: bytes, country: str | None = None) -> str | None:
    """The Latin code page whose letters `data`'s words are written in, when one is (None: charset-normalizer
    may find another). `country`: the file's (_country_of)."""
    if _reads_as_western(data):
        return _other_code_page(data, country) or ("mac-roman" if _is_mac_roman(data) else "cp1252")
    other = _other_code_page(data, country)  # ("Łódź" is "£ódŸ" in Windows-1252, with a symbol in the word)
    if other is not None:
        return other
    if _reads_as_mac_names(data):  # ("Weißenfels" is "Wei§enfels" in Windows-1252, which no code page wins)
        return "mac-roman"
    return None


# A cell's words, as far as can be told before the separator is known
_TOKEN = re.compile(r'[^\s,;|"]+')


def _reads_as_latin(text: str) -> bool:
    """Whether `text` reads as words of the Latin alphabet: at most a fifth of those with a letter beyond ASCII
    have two such letters and none of ASCII ("ŐĹ", Chinese read as Central European; "ćåć", Hebrew read as
    Baltic), or what no Latin word has (_misread: "¤j¤ĺ")."""
    words = [w for w in _TOKEN.findall(text) if not w.isascii()]
    odd = sum(1 for w in words if _misread(w) == 2 or (
        sum(1 for c in w if c.isalpha() and not c.isascii()) >= 2 and not any(c.isascii() and c.isalpha() for c in w)))
    return odd <= 0.2 * len(words)


# Alphabets written together in one word: Japanese writes Chinese characters and both kana (and their
# half-width and full-width forms), Korean Hangul and Chinese characters.
_WRITTEN_AS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HALFWIDTH": "CJK",
               "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


@functools.lru_cache(maxsize=4096)
def _alphabet(letter: str) -> str:
    """The alphabet of a letter, by the first word of its Unicode name: "LATIN", "CYRILLIC", "HEBREW", "CJK"..."""
    name = unicodedata.name(letter, "").split(" ", 1)[0]
    return _WRITTEN_AS.get(name, name)


def _alphabets(word: str) -> frozenset[str]:
    return frozenset(_alphabet(c) for c in word if c.isalpha())


def _other_alphabet(data: bytes, region: str | None) -> str | None:
    """The legacy encoding of an alphabet other than the Latin one that reads every word of `data` in one alphabet
    (Korean's two as one), among those charset-normalizer finds: of a short list, several read so (Hebrew and
    Cyrillic letters alike fill the upper half of their code pages), and the code page of the country of the
    file's e-mail addresses wins ("@example.co.il"), then that of `region`; else the likeliest.
    None when none reads so."""
    found = []
    for codec, text in _readings(data):
        alphabets = [_alphabets(w) for w in _TOKEN.findall(text) if not w.isascii()]
        if all(len(a) <= 1 or a == {"HANGUL", "CJK"} for a in alphabets) and any(a - {"LATIN"} for a in alphabets):
            found.append(codec)
    if not found:
        return None
    countries = [c.decode().upper() for c, _ in Counter(_EMAIL_COUNTRY.findall(data)).most_common()] + [region or ""]
    return next((_CODE_PAGE_OF[c] for c in countries if _CODE_PAGE_OF.get(c) in found), found[0])


_EMAIL_COUNTRY = re.compile(rb"@[A-Za-z0-9.-]+\.([A-Za-z]{2})\b")


@functools.lru_cache(maxsize=1)
def _readings(data: bytes) -> tuple[tuple[str, str], ...]:
    """charset-normalizer's readings of `data` in the legacy encodings, likeliest first: (codec, text). (Made once
    for a file that _other_alphabet, then _likeliest, look at.)"""
    from charset_normalizer import from_bytes  # only for files that are neither UTF nor a Latin code page

    return tuple((_codec(match.encoding), str(match)) for match in from_bytes(data, cp_isolation=_LEGACY))


def _likeliest(data: bytes) -> str:
    """charset-normalizer's best guess among the legacy encodings."""
    # best first: the first that reads every word with a letter beyond ASCII as a name can be written (a DOS file's
    # "Jürgen" is "JÅrgen" in Mac Roman), else the first that puts no symbol inside a word
    first = None
    for codec, text in _readings(data):
        if _SYMBOL_IN_WORD.search(text):
            continue
        if not any(_misread(word) == 2 for word in set(_NAME_WORD.findall(text)) if not word.isascii()):
            return codec
        first = first or codec
    return first or "cp1252"


def _blocks_after(path: Path, start: int) -> Iterator[bytes]:
    """The file from `start` up to SCAN_BYTES, a block at a time."""
    with _open(path) as f:
        try:
            f.seek(start)
            offset = start
            while offset < SCAN_BYTES:
                block = f.read(READ_CHUNK)  # (its text, decoded to look at it, is several times larger)
                if not block:
                    return
                offset += len(block)
                yield block
        except OSError as e:
            raise _problem(path, "unreadable", e.strerror or str(e)) from e


def _first_non_ascii(path: Path, start: int) -> tuple[bytes, bool] | None:
    """A window of the file around its first non-ASCII byte at or after `start`, and whether the window is the rest
    of the file (None: no such byte until SCAN_BYTES)."""
    blocks = _blocks_after(path, start)
    for block in blocks:
        if not block.isascii():
            at = _NON_ASCII.search(block).start()
            line_start = block.rfind(b"\n", 0, at) + 1
            following = next(blocks, b"")
            return block[line_start:] + following[:64 * 1024], len(block) < READ_CHUNK or not following
    return None


def _detect_encoding(path: Path, sample: bytes, whole: bool, region: str | None) -> tuple[str, bool]:
    found = _bom(sample)
    if found:
        return found[1], True
    if 0 in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return utf16, False
    data, final = sample, whole
    if sample.isascii():
        window = None if whole else _first_non_ascii(path, len(sample))
        if window is None:
            return "utf-8", False
        data, final = window
    if _is_utf8(data, final=final):
        not_utf8 = None if whole else _not_utf8_later(path, len(sample), _has_utf8_letter(data))
        if not_utf8 is None:
            return "utf-8", False
        return _utf8_and(not_utf8), False  # UTF-8 at the start, and further on?
    mostly = _mostly_utf8(data)
    if mostly or _has_utf8_letter(data) or (not whole and _utf8_later(path, len(sample))):
        # (unless another alphabet reads every word: Shift-JIS "古屋" holds the bytes of UTF-8's "É")
        other = None if mostly else _other_alphabet(data, region)
        return other or _utf8_and(_UTF8_SEQUENCE.sub(b" ", data)), False
    guess = _guess_legacy(data, region)
    try:
        codecs.getincrementaldecoder(guess)(_errors_for(guess)).decode(data, final)
    except UnicodeDecodeError:
        return "cp1252", False  # reads every byte; the preview shows what came out
    return guess, False


def _utf8_and(rest: bytes) -> str:
    """The encoding of a file with UTF-8 text, and `rest` (its bytes that are not UTF-8, the UTF-8 blanked
    out): both when the rest is words in Windows-1252; otherwise UTF-8 alone, so that reading says where the
    file stops being UTF-8 (stray bytes of a broken export, or another alphabet) rather than garble either."""
    if _LEGACY_LETTER.search(rest) is not None and _guess_legacy(rest) == "cp1252":
        return MIXED_WESTERN
    return "utf-8"


# A UTF-8 letter or sign that Windows-1252 text hardly ever makes by chance ("Ã" or "Ä" before a symbol):
# Latin letters with accents (À-ſ), and the quotes, dashes and euro sign word processors put in.
_UTF8_LETTER = re.compile(rb"[\xc3-\xc5][\x80-\xbf]")
_UTF8_SIGN = re.compile(rb"\xe2(?:\x80[\x93\x94\x98\x99\x9c\x9d\xa6]|\x82\xac)")


def _mostly_utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 but for a few stray bytes: nine in ten of its bytes beyond ASCII, eight at least,
    make letters of UTF-8 (of any alphabet: "Москва", "北京"), which text of a legacy code page seldom does."""
    high = len(_NON_ASCII.findall(data))
    letters = sum(len(letter) for letter in _UTF8_SEQUENCE.findall(data))
    return letters >= 8 and letters >= 0.9 * high


def _has_utf8_letter(data: bytes) -> bool:
    # (One pattern of both is three times slower: the signs' first byte is looked for apart, much faster.)
    return _UTF8_LETTER.search(data) is not None or (b"\xe2" in data and _UTF8_SIGN.search(data) is not None)
_LEGACY_LETTER = re.compile(rb"[A-Za-z][\xc0-\xff]|[\xc0-\xff][a-z]")  # "Ren\xe9e": a letter of a word
_CONTINUATION = bytes(range(0x80, 0xC0))  # (the bytes of a UTF-8 letter after its first)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_later(path: Path, start: int) -> bool:
    """Whether the file holds UTF-8 letters after `start` (up to SCAN_BYTES)."""
    tail = b""
    for block in _blocks_after(path, start):
        if _has_utf8_letter(tail + block):
            return True
        tail = block[-2:]  # (a letter cut in two by the blocks)
    return False


def _not_utf8_later(path: Path, start: int, letters: bool) -> bytes | None:
    """The bytes around the first ones after `start` that are not UTF-8, with the UTF-8 in them blanked out
    (None: there are none up to SCAN_BYTES). The file may end in the middle of a letter (_is_utf8), when it has
    UTF-8's Western letters anywhere (`letters`: those before `start` do)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    tail, offset = b"", start
    for block in _blocks_after(path, start):
        offset += len(block)
        try:
            decoder.decode(block)
        except UnicodeDecodeError as e:
            return _UTF8_SEQUENCE.sub(b" ", e.object[max(0, e.start - 32 * 1024):e.start + 32 * 1024])
        letters = letters or _has_utf8_letter(tail[-2:] + block)
        tail = (tail + block)[-64 * 1024:]
    cut = decoder.getstate()[0]  # (the first bytes of a letter the file ends in)
    if offset < SCAN_BYTES and cut and not (cut[0] in _CUT_LETTER_STARTS and letters):
        return _UTF8_SEQUENCE.sub(b" ", tail.lstrip(_CONTINUATION))  # (from the start of a letter)
    return None


def _forced_encoding(sample: bytes, encoding: str) -> tuple[str, bool]:
    """The user's encoding, and whether the file starts with that encoding's byte-order mark."""
    name = _codec(encoding)
    if name in ("utf-8-sig", "utf-16", "utf-32"):
        found = _bom(sample)
        if found and found[1].startswith(name.split("-sig")[0]):
            return found[1], True
        return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[name], False
    bom = _BOM_OF.get("utf-8" if name.startswith(MIXED) else name)
    return name, bool(bom and sample.startswith(bom))


def _refuse_utf8_read_as(path: Path, sample: bytes, whole: bool, codec: str) -> None:
    """Refuses an encoding of one byte a letter, or UTF-16, for a file with UTF-8 text, which it would garble: each
    letter beyond ASCII would be two or three others ("Hébert" read as Windows-1252 is "HÃ©bert"), and read as
    UTF-16 every two letters one Chinese character. (An encoding of several bytes a letter, such as Shift-JIS,
    may write what reads as UTF-8.)"""
    if codec.startswith(("utf-8", MIXED)):
        return
    wide = codec.startswith(("utf-16", "utf-32"))
    if wide and 0 in sample:
        return  # (each ASCII letter in UTF-16 has a NUL byte)
    if not (wide or _single_byte(codec)):
        return
    data, final = sample, whole
    if sample.isascii() and not wide:
        window = None if whole else _first_non_ascii(path, len(sample))
        if window is None:
            return  # (ASCII reads the same in any of them)
        data, final = window
    utf8 = _is_utf8(data, final)
    if not (utf8 and (wide or _UTF8_SEQUENCE.search(data))) and not _has_utf8_letter(data):
        return  # (not UTF-8, nor rows of UTF-8 among others: see _utf8_and)
    text = data.decode("utf-8", "replace").replace("\ufeff", "")
    word = (_UTF8_WORD.search(text) or _NAME_WORD.search(text) or re.search(r"\S+", text)).group()
    if len(word) > 40:  # (a web address: around its first letter beyond ASCII)
        first = next((i for i, c in enumerate(word) if not c.isascii()), 0)
        word = word[max(0, first - 20):first + 20]
    garbled = "".join(c if c.isprintable() else "\ufffd" for c in word.encode("utf-8").decode(codec, "replace"))
    raise _problem(path, "utf8_read_as", Phrase(UTF8_READ_AS, encoding=codec, word=word, garbled=garbled))


def _refuse_misread_as(path: Path, sample: bytes, whole: bool, codec: str, region: str | None) -> None:
    """Refuses a code page of one byte a letter for a file that the code page it is found in (_detect_encoding)
    reads right and this one garbles (_garbled_words: Windows' Cyrillic "Иван" read as Western is "Èâàí", and
    Western "Müller" read as Cyrillic "Mьller"). A code page that reads the words as well as the one found is the
    user's to choose: Western "Muñoz" read as Central European is "Muńoz", a name all the same."""
    if codec.startswith(("utf-", MIXED)) or not _single_byte(codec):
        return
    data = sample
    if sample.isascii():
        window = None if whole else _first_non_ascii(path, len(sample))
        if window is None:
            return  # (ASCII reads the same in any of them)
        data = window[0]
    found = _detect_encoding(path, sample, whole, region)[0]
    if found == codec or found.startswith(("utf-", MIXED)) or not _single_byte(found):
        return
    forced, right = data.decode(codec, "replace"), data.decode(found, "replace")
    garbled = _garbled_words(forced)
    if garbled and not _garbled_words(right):
        start, end = garbled[0]
        raise _problem(path, "encoding", Phrase(UTF8_READ_AS, encoding=codec, word=right[start:end],
                                                garbled=forced[start:end], found=found))


def _garbled_words(text: str) -> list[tuple[int, int]]:
    """Where `text`'s words that read as no language's are (_no_word), when more than a fifth of its words with a
    letter beyond ASCII are (as _reads_as_latin tells)."""
    spans, words = [], 0
    for match in _TOKEN.finditer(text):
        if not match.group().isascii():
            words += 1
            if _no_word(match.group()):
                spans.append(match.span())
    return spans if len(spans) > 0.2 * words else []


def _no_word(word: str) -> bool:
    """Whether a word is none of any language: of two alphabets ("Mьller"; Korean's two are one); of the Latin one,
    what no name is (_misread: "MŸller") or two letters beyond ASCII and none of ASCII ("Èâàí"); of another, a
    capital after a small letter ("хБЮМ", Cyrillic read in the other Cyrillic code page) or a symbol beside a letter
    ("╚трэ")."""
    alphabets = _alphabets(word)
    if len(alphabets) > 1 and alphabets != {"HANGUL", "CJK"}:
        return True
    if alphabets == {"LATIN"}:
        return _misread(word) == 2 or sum(1 for c in word if c.isalpha() and not c.isascii()) >= 2 and not any(
            c.isascii() and c.isalpha() for c in word)
    return any(c.isupper() and before.islower() or unicodedata.category(c)[0] == "S" and not c.isascii()
               and (before.isalpha() or after.isalpha()) for before, c, after in zip(" " + word, word, word[1:] + " "))


# a word with a letter beyond ASCII read right (not one of a legacy encoding's bytes, read as U+FFFD)
_UTF8_WORD = re.compile(r'[^\s,;|"\ufffd]*[^\x00-\x7f\ufffd][^\s,;|"\ufffd]*')


def _decode_sample(path: Path, data: bytes, encoding: str, whole: bool, delimiter: str | None) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(_errors_for(encoding))
    try:
        return decoder.decode(data, whole)
    except UnicodeDecodeError as e:
        marked = codecs.getincrementaldecoder(encoding)("smallcrm-mark-bad-bytes").decode(data, whole)
        sep = _SEP_LINE.match(marked)
        delimiter = delimiter or (sep.group(1) if sep else _choose_delimiter(marked, '"', whole))
        row, column, cell = _locate_marked(io.StringIO(marked, newline=""),
                                          Dialect(encoding, delimiter, sep_line=sep is not None))
        raise _problem(path, "encoding", _bad_bytes_detail(cell, encoding, column), row) from e


def _bad_bytes_detail(cell: str, encoding: str, column: int | None) -> str:
    """What is not in the encoding: the cell as it reads, each run of bytes that cannot be read shown as "�" (at most
    the 40 characters around the first), and its column."""
    if not column:
        return Phrase(BAD_BYTES, encoding=encoding)
    first = _MARKED.search(cell).start()
    start = max(0, first - 20)
    shown = " ".join(_MARKED.sub("\ufffd", cell[start:first + 20]).split())
    shown = ("…" if start else "") + shown + ("…" if first + 20 < len(cell) else "")
    return Phrase(BAD_BYTES_IN_COLUMN, text=shown, column=column, encoding=encoding)


# --- binary files --------------------------------------------------------------------------------

NUL_STRAYS = 16  # NUL characters a text file may hold by mistake, however short it is


def _many_nuls(nuls: int, length: int) -> bool:
    """Whether NULs are as many as in a program or a picture: over 1% of the text, and more than the few
    strays a text file can carry (which are removed while reading, small file or large)."""
    return nuls > max(NUL_STRAYS, 0.01 * length)


def _without_nul_tail(data: bytes) -> bytes:
    """A whole file without the NUL bytes it ends in, more than a few strays: a file cut short while it was saved or
    copied is filled up with them. (The last of an odd run stays: a UTF-16 line break's.) Reading removes them, and
    says so."""
    run = len(data) - len(data.rstrip(b"\x00"))
    return data[:len(data) - run + run % 2] if run > NUL_STRAYS else data


def _binary_kind(sample: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    return None


def _text_kind(text: str) -> str | None:
    """The kind of text file `text` starts one of that is no CSV file (_TEXT_KINDS), or None."""
    start = text[:2000].lstrip().lower()
    for starts, kind in _TEXT_KINDS:
        if start.startswith(starts) and (starts != ("<?xml",) or "urn:schemas-microsoft-com:office:spreadsheet"
                                         in start):
            return kind
    return None


def _too_many_controls(text: str) -> bool:
    if not text:
        return False
    # (NULs are _many_nuls's to judge)
    controls = sum(1 for c in text if c < " " and c not in "\t\r\n\f\x1a\x00" or "\x7f" <= c < "\xa0")
    return controls > 0.05 * len(text)


# --- how the csv module reads a dialect ----------------------------------------------------------

QUOTES = {"double": '"', "single": "'", "none": ""}  # the quoting a user can choose, by name
ROW_ENDS = {"any": "", "crlf": "\r\n", "lf": "\n", "cr": "\r"}  # where rows end, by name
ROW_END_NAMES = {end: name for name, end in ROW_ENDS.items()}  # ... and the name of each
_CR_IN_CELL, _LF_IN_CELL = "\U000f0d0d", "\U000f0a0a"  # a line break inside a row, while csv reads it


def _csv_reader(lines, delimiter: str, quotechar: str):
    if not quotechar:
        return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE, strict=False)
    return csv.reader(lines, delimiter=delimiter, quotechar=quotechar, doublequote=True, strict=False)


def _ends_row(line: str, row_end: str) -> bool:
    if line.endswith("\r\n"):
        return True
    return row_end != "\r\n" and line.endswith(row_end)


def _rows_ending_at(lines: Iterator[str], row_end: str) -> Iterator[str]:
    """Physical lines joined into rows that end only at `row_end`; the other line breaks inside a row are
    stood in for by characters csv takes as text (`_cells_restored` puts them back)."""
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if _ends_row(line, row_end):
            yield _marked("".join(pending))
            pending = []
    if pending:
        yield _marked("".join(pending))


def _marked(row: str) -> str:
    end = 2 if row.endswith("\r\n") else 1 if row.endswith(("\r", "\n")) else 0
    body, tail = row[:len(row) - end], row[len(row) - end:]
    if "\r" in body or "\n" in body:
        body = body.replace("\r", _CR_IN_CELL).replace("\n", _LF_IN_CELL)
    return body + tail


def _cells_restored(cells: list[str]) -> list[str]:
    return [c.replace(_CR_IN_CELL, "\r").replace(_LF_IN_CELL, "\n") if (_CR_IN_CELL in c or _LF_IN_CELL in c) else c
            for c in cells]


def _quote_char(text: str, delimiter: str, whole: bool) -> str:
    """'"', unless the cells are quoted with ': reading ' as the quote gives rows of one width where '"' does
    not (cells in single quotes that hold the separator or a line break), or most cells are in single quotes.
    (A column of cells that start and end with ' is text.)"""
    if "'" not in text:
        return '"'
    scores, cells = {}, 0
    for quote in ('"', "'"):
        records = _records(text, delimiter, quote)
        records = records[:-1] if not whole and len(records) > 1 else records
        scores[quote] = _delimiter_score(records)
        if quote == '"':
            cells = sum(1 for r in records for c in r if c)
    d = re.escape(delimiter)
    in_single = len(re.findall(rf"(?:^|{d})'[^'\r\n]*'(?={d}|\r|\n|$)", text, re.MULTILINE))  # as written
    return "'" if scores["'"][0] > scores['"'][0] or (cells >= 4 and in_single >= 0.6 * cells) else '"'


# --- the separator and the header ----------------------------------------------------------------

def _records(text: str, delimiter: str, quotechar: str, limit: int = 400, row_end: str = "") -> list[list[str]]:
    lines = io.StringIO(text, newline="")
    reader = _csv_reader(_rows_ending_at(lines, row_end) if row_end else lines, delimiter, quotechar)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= limit:
                break
    except csv.Error:
        pass
    return records


def _is_blank(record: list[str]) -> bool:
    return not any(cell.strip() for cell in record)


def _delimiter_score(records: list[list[str]]) -> tuple[float, int]:
    rows = [r for r in records if not _is_blank(r)]
    if not rows:
        return (0.0, 0)
    widths = [len(r) for r in rows]
    width, times = Counter(widths).most_common(1)[0]
    if width < 2:
        return (0.0, width)
    score = times / len(widths)
    if widths[0] == width:  # the header agrees
        score += 0.5
    return (score, width)


def _choose_delimiter(text: str, quotechar: str, whole: bool) -> str:
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        records = _records(text, delimiter, quotechar)
        if not whole and len(records) > 1:
            records = records[:-1]  # the sample may end inside the last record
        score = _delimiter_score(records)
        if score[0] > 0 and score > best_score:
            best, best_score = delimiter, score
    return best


TITLE_LINES = 30  # the lines of titles above a table's header that are looked past (a Zettle report has 16)


def _header_index(records: list[list[str]], start: int) -> int | None:
    """The first record that is not blank and not a title line above the table (as wide as most of the later
    rows): one that fills a cell of it (two of a wide one), or, above a header and its rows of data, a line of
    text with a separator in it ("Boulangerie Martin, Lyon") or two cells of words ("Corner Cafe - sales,,March
    2025,,")."""
    rows = [i for i in range(start, len(records)) if not _is_blank(records[i])]
    if not rows:
        return None
    # (the later half of the rows: a report's heading aside; of two widths as common, the later rows')
    widths = Counter(len(records[i]) for i in reversed(rows[max(1, len(rows) // 2):] or rows))
    table_width = widths.most_common(1)[0][0]
    title = 2 if table_width >= 6 else 1  # the most cells a title line fills ("Period", "2024-05-01 – 2024-05-31")

    def filled(i: int) -> int:
        return sum(1 for cell in records[i] if cell.strip())

    def titled(i: int) -> bool:  # a title's shape, or a narrow header's (a row of data ends in a separator)
        return filled(i) <= title or filled(i) <= 2 < table_width or len(records[i]) < table_width

    @functools.cache
    def known(i: int) -> int:  # the cells of a record that name a field the import knows, when none is a figure
        return 0 if not _names_columns(records[i], 1) else sum(map(names_a_field, records[i]))

    def header_of_known_names(j: int, then: int | None) -> bool:
        """Whether row j is a header of names the import knows (two or more, two in three of its cells; one above
        a column of figures, emails or phone numbers)."""
        if known(j) >= 2:
            return 3 * known(j) >= 2 * filled(j)
        return table_width == 1 and known(j) == 1 and then is not None and not _names_columns(records[then], 1)

    for position, i in enumerate(rows[:TITLE_LINES]):
        later, then = [*rows[position + 1:position + 3], None, None][:2]
        if (later is not None and known(i) == 0 and _names_columns(records[i], 1) and filled(later) >= filled(i)
                and header_of_known_names(later, then)):
            continue  # a title above a header of names the import knows ("Customers" above "Name,City")
        if (later is not None and then is not None and 0 < known(i) < known(later) and filled(i) < filled(later)
                and header_of_known_names(later, then) and known(then) == 0):
            continue  # the names of groups of columns above theirs ("Name,,Contact,," above "First,Last,Email,Phone")
        if table_width >= 2 and titled(i):
            # "Customers, exported 2024-05-01", or a till's report heading, above the real header (of names, not
            # figures or emails): a one-cell line above three cells or more, or a line of text above a header of
            # the table's width that fills more cells than it, and then a row of data (not of words alike: those
            # are rows of data all)
            header, data = [*islice((j for j in rows[position + 1:] if not titled(j)), 2), None, None][:2]
            if header is not None and _names_columns(records[header], min(3, table_width)) and (
                    filled(i) <= title and len(records[header]) >= 3
                    or filled(header) > filled(i) and len(records[header]) == table_width
                    and data is not None and not _names_columns(records[data], 1)):
                continue
        return i
    return rows[0]


def _names_columns(record: list[str], least: int) -> bool:
    """Whether a record reads as a header: `least` cells or more filled, none an email or a figure (a date, an
    amount, a phone number; a year or "Q1 2024" names a column)."""
    cells = [cell.strip() for cell in record if cell.strip()]
    return len(cells) >= least and not any(_figure(cell) for cell in cells)


def _figure(cell: str) -> bool:
    if "@" in cell:
        return True
    if cell.isdigit():  # a count, a number, an amount; not a year
        return not (len(cell) == 4 and cell[:2] in ("19", "20"))
    digits = sum(c.isdigit() for c in cell)
    return (2 * digits > len(cell) and not any(c.isalpha() for c in cell)
            and (digits >= 5 or any(c in ".,/:-+" for c in cell)))


_BARE_BREAK = re.compile(r"\r(?!\n)|(?<!\r)\n")


def _fits(records: list[list[str]], header: int, truncated: bool) -> bool:
    """Whether every row under the header has as many cells as it (the last one aside when the sample cut
    it short)."""
    if header >= len(records):
        return False
    width = len(records[header])
    rows = records[header + 1:-1] if truncated else records[header + 1:]
    return all(len(r) == width for r in rows if not _is_blank(r))


def _line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))[1]


def _delimiter_override(delimiter: str) -> str:
    value = _DELIMITER_NAMES.get(delimiter.strip().lower(), delimiter) if delimiter.strip() else delimiter
    if len(value) != 1 or value in "\r\n\"" or value.isalnum():
        raise InvalidValue("delimiter", delimiter, "delimiter", "one sign such as , ; | or tab, not a letter, a digit "
                                                                "or a quote")
    return value


def sniff(path: Path | str, *, encoding: str | None = None, delimiter: str | None = None, quote: str | None = None,
          header_row: int | None = None, row_end: str | None = None, region: str | None = None) -> Dialect:
    """How the file is written, decided from its first SAMPLE_BYTES; what is given wins: `encoding`,
    `delimiter`, `quote` (a name of QUOTES), `header_row` (the header's row number, as a spreadsheet shows
    it) and `row_end` (a name of ROW_ENDS). `region`, a country, tells which code page of its alphabet a
    short file that is not Latin is likeliest in (_other_alphabet).

    Raises ImportFileProblem for a file that is missing, empty, binary, only a header, or (with a
    forced encoding) not in that encoding; InvalidValue for an unknown encoding, delimiter, quote or row
    end, or a header row the file does not have.
    """
    if quote is not None and quote not in QUOTES:
        raise InvalidValue("quote", quote, "choice", "one of " + ", ".join(QUOTES))
    if row_end is not None and row_end not in ROW_ENDS:
        raise InvalidValue("line ends", row_end, "choice", "one of " + ", ".join(ROW_ENDS))
    if header_row is not None and header_row < 0:
        raise InvalidValue("header row", header_row, "row", "a row number from 1, or 0 for a file without one")
    path = Path(path)
    forced_delimiter = _delimiter_override(delimiter) if delimiter is not None else None
    csv.field_size_limit(FIELD_LIMIT)  # the sample may hold a cell larger than csv's default limit
    sample, whole = _read_sample(path)
    if whole:
        sample = _without_nul_tail(sample)
    if not sample:
        raise _problem(path, "empty", "the file has no bytes")
    kind = _binary_kind(sample)
    if kind:
        raise _problem(path, "binary", kind)
    if encoding:
        codec, has_bom = _forced_encoding(sample, encoding)
        marked = _bom(sample)
        marked = marked if marked and not has_bom and not (marked[1] == "utf-8" and codec.startswith(MIXED)) else None
        try:
            _refuse_utf8_read_as(path, sample, whole, codec)
            _refuse_misread_as(path, sample, whole, codec, region)
        except ImportFileProblem as e:  # (a word it garbles tells best; one of ASCII, as its mark tells, does not)
            if not (marked and e.detail.facts["word"] == e.detail.facts["garbled"]):
                raise
        if marked:  # (read so, its mark would be letters of another alphabet, or NUL bytes)
            raise _problem(path, "marked_as", marked[1].upper().replace("-LE", "").replace("-BE", ""))
    else:
        codec, has_bom = _detect_encoding(path, sample, whole, region)
    body = sample[len(_bom_of(codec)):] if has_bom else sample
    if not codec.startswith(("utf-16", "utf-32")) and _many_nuls(body.count(0), len(body)):
        raise _problem(path, "binary", "it holds NUL bytes, as programs and images do")
    text = _decode_sample(path, body, codec, whole, forced_delimiter)
    if _many_nuls(text.count("\x00"), len(text)) or _too_many_controls(text):
        raise _problem(path, "binary", "it holds control characters, as programs and images do")
    text = text.replace("\x00", "").lstrip("\ufeff")
    if not text.strip():
        raise _problem(path, "empty", "the file holds no text")
    kind = _text_kind(text)
    if kind == VCARD:
        return _vcard_dialect(path, Dialect(codec, ",", '"', 0, has_bom, _line_ending(text)))
    if kind:
        raise _problem(path, "binary", kind)

    m = _SEP_LINE.match(text)
    sep_line = m is not None
    found_delimiter = m.group(1) if m else None
    start_text = text[m.end():] if m else text
    chosen = forced_delimiter or found_delimiter or _choose_delimiter(start_text, '"', whole)
    quotechar = QUOTES[quote] if quote is not None else _quote_char(start_text, chosen, whole)
    ends = ROW_ENDS[row_end] if row_end is not None else ""
    records = _records(text, chosen, quotechar, limit=2_000, row_end=ends)
    truncated = not whole or len(records) >= 2_000
    first_row = 0 if sep_line else 1
    unnamed = header_row == 0
    if unnamed:
        header = next((i for i in range(1 if sep_line else 0, len(records)) if not _is_blank(records[i])), None)
    elif header_row is not None:
        header = header_row - first_row
        if header >= len(records) or _is_blank(records[header]):
            raise InvalidValue("header row", header_row, "row", f"row {header_row} of the file is "
                               + ("empty" if header < len(records) else "not there"))
    else:
        header = _header_index(records[:-1] if truncated and len(records) > 1 else records, 1 if sep_line else 0)
    if header is None:
        raise _problem(path, "empty", "the file has no header row")
    if row_end is None and _line_ending(text) == "\r\n" and _BARE_BREAK.search(text):
        # A Windows file with bare line breaks inside cells, not quoted (as some tills write them): rows
        # end only at CR LF when that gives every row the header's cells and reading at any line break
        # does not.
        whole_rows = _records(text, chosen, quotechar, limit=2_000, row_end="\r\n")
        if _fits(whole_rows, header, truncated) and not _fits(records, header, truncated):
            ends, records = "\r\n", whole_rows
    unnamed = unnamed or header_row is None and _holds_data(records[header])
    if not unnamed and not truncated and all(_is_blank(r) for r in records[header + 1:]):
        raise _header_only(path, records[header], row_end)
    width = max(len(r) for r in records[header:]) if unnamed else 0
    return Dialect(codec, chosen, quotechar, header, has_bom, _line_ending(text), sep_line, ends,
                   unnamed_columns=width)


EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")  # a cell that is an email address (its syntax unchecked)


def _holds_data(record: list[str]) -> bool:
    """Whether a record is a row of data, not of column names: it holds an email address, or two figures (a phone
    number, an amount, a date; not a short whole number, as columns are numbered "0,1,2"). (One with a line break
    in a cell is neither: rows said to end at another one, run together.)"""
    cells = [cell.strip() for cell in record if cell.strip()]
    if any(mark in cell for cell in cells for mark in ("\n", "\r", _CR_IN_CELL, _LF_IN_CELL)):
        return False
    figures = sum(1 for cell in cells if _figure(cell) and not (cell.isdigit() and len(cell) < 6))
    return figures >= 2 or any(EMAIL_LIKE.fullmatch(cell) for cell in cells)


def _vcard_dialect(path: Path, dialect: Dialect) -> Dialect:
    """A vCard file's dialect: the table its contacts are read as, as wide as its contact with the most emails,
    phones, addresses and web pages needs (its lines are looked through for that: vcards.shape)."""
    try:
        with _text_stream(path, dialect) as stream:
            shape, cards = vcards.shape(_text_lines(stream), MAX_ROWS)
    except UnicodeDecodeError as e:
        raise RowStream(path, dialect)._decode_problem() from e
    except _LineTooLong as e:
        raise _problem(path, "field_too_large", f"a line longer than {LINE_LIMIT:,} characters") from e
    except OSError as e:
        raise _problem(path, "vanished", e.strerror or str(e)) from e
    if cards > MAX_ROWS:
        raise _too_many_rows(path)
    return replace(dialect, vcard=shape)


def _text_lines(stream, rows: RowStream | None = None) -> Iterator[str]:
    """A file's lines without NUL characters, counted in `rows` (when given): those it ends in apart, more than a
    few strays (a file cut short while it was saved or copied is filled up with them: `rows.nul_tail`). What a line
    holds besides NULs has its limit (a tail of NULs longer than a line is read and left out)."""
    run = 0  # the NULs what was read ends in
    cut = False  # what was read ends in a line as long as the limit, NULs and all
    while read := stream.readline(LINE_LIMIT):
        line = read
        if "\x00" in read:
            nuls = read.count("\x00")
            if rows is not None:
                rows.nul_characters += nuls
            text = read.rstrip("\x00")
            run = run + nuls if not text else len(read) - len(text)
            line = read.replace("\x00", "")
        else:
            run = 0
        if cut and line or len(line) >= LINE_LIMIT and line[-1] not in "\r\n":
            raise _LineTooLong
        cut = len(read) >= LINE_LIMIT and read[-1] not in "\r\n"
        if line:
            yield line
    if rows is not None and run > NUL_STRAYS:
        rows.nul_characters -= run
        rows.nul_tail = 1


# --- reading -------------------------------------------------------------------------------------

class _LineTooLong(Exception):
    pass


def _text_stream(path: Path, dialect: Dialect, errors: str | None = None, *, vanished: bool = False):
    binary = _open(path, vanished=vanished)
    try:
        if dialect.has_bom:
            binary.read(len(_bom_of(dialect.encoding)))
    except OSError as e:
        binary.close()
        raise _problem(path, "vanished", e.strerror or str(e)) from e
    stream = io.TextIOWrapper(binary, encoding=dialect.encoding, errors=errors or _errors_for(dialect.encoding),
                              newline="")
    stream._CHUNK_SIZE = READ_CHUNK
    return stream


def _locate_marked(stream, dialect: Dialect):
    """(row, column, cell) of the first undecodable bytes in a stream read with the marking handler (their cell,
    those bytes marked: _mark_bad_bytes)."""
    csv.field_size_limit(FIELD_LIMIT)
    reader = _reader_of(stream, dialect)
    first_row = dialect.first_row_number
    row = first_row - 1
    try:
        for row, record in enumerate(reader, start=first_row):
            for column, cell in enumerate(record, start=1):
                if _MARKED.search(cell):
                    return row, column, cell
    except csv.Error:
        pass
    return row + 1, None, ""


class RowStream:
    """The data rows of a file as `(row number, cells)`, read one at a time.

    Blank rows are skipped; short rows are padded with "" to the header's width; empty cells past the
    header's width are dropped and other extra cells kept (the row is then longer than the header).
    NUL characters are removed from the text. What was done is counted here for the edge to report.
    """

    def __init__(self, path: Path, dialect: Dialect, limit: int | None = None):
        self.path = path
        self.dialect = dialect
        self.limit = limit  # the most rows to give out (None: all of them)
        self.cut_short = False  # rows were left unread: the file has more than `limit`
        self.rows = 0  # data rows given out
        self.blank_rows = 0
        self.short_rows = 0  # padded
        self.long_rows: list[int] = []  # row numbers with extra non-empty cells (the first 1000)
        self.long_row_count = 0
        # (row number, how many): the empty cells past the header's width last dropped from a row (a number a comma
        # not in quotes split may have pushed cells into them)
        self.dropped = (0, 0)
        self.nul_characters = 0
        self.stray_quotes = 0  # rows a quote never closed had run together, read again line by line
        self.repeated_headers = 0  # rows of the column names again (files put one after the other): left out
        self.unreadable_lines = 0  # lines of a vCard file that are no property ("name:value"): left out
        self.first_rows: dict[str, list[int]] = {}  # the first rows (ROWS_SAID) of each kind tidied, to say which
        self.cut_letter = 0  # 1: the file ends in the middle of a letter (see _cut_letter)
        self.nul_tail = 0  # 1: the file ends in NUL characters instead of text (see _text_lines): cut short
        self.header: list[str] = []
        self.quotes = 0  # quote characters in them
        self._record: list[str] = []  # the lines of the record being read
        self._rows = self._generate()

    def __iter__(self) -> RowStream:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        return next(self._rows)

    def close(self) -> None:
        self._rows.close()

    def __enter__(self) -> RowStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def warning_rows(self) -> dict[str, list[int]]:
        """The first rows of what was tidied, by kind ("stray_quotes", "short_rows", "long_rows",
        "repeated_headers"): where to look."""
        return {**self.first_rows, **({"long_rows": self.long_rows[:ROWS_SAID]} if self.long_rows else {})}

    def _note_row(self, kind: str, number: int) -> None:
        rows = self.first_rows.setdefault(kind, [])
        if len(rows) < ROWS_SAID:
            rows.append(number)

    @property
    def warnings(self) -> list[tuple[str, int]]:
        """What was tidied, as (kind, how many): "cut_letter", "nul_tail", "nul_characters", "stray_quotes",
        "short_rows", "long_rows", "blank_rows", "repeated_headers", "unreadable_lines"."""
        counts = [("cut_letter", self.cut_letter), ("nul_tail", self.nul_tail),
                  ("nul_characters", self.nul_characters), ("stray_quotes", self.stray_quotes),
                  ("short_rows", self.short_rows), ("long_rows", self.long_row_count), ("blank_rows", self.blank_rows),
                  ("repeated_headers", self.repeated_headers), ("unreadable_lines", self.unreadable_lines)]
        return [(kind, n) for kind, n in counts if n]

    def _lines(self, stream) -> Iterator[str]:
        quote = self.dialect.quotechar
        for line in _text_lines(stream, self):
            if quote and quote in line:
                self.quotes += line.count(quote)
            self._record.append(line)
            yield line

    def _generate(self) -> Iterator[tuple[int, list[str]]]:
        rows = self._contacts() if self.dialect.vcard is not None else self._records()
        if not self.dialect.corrections:
            yield from rows
            return
        fixed = {number: list(cells) for number, cells in self.dialect.corrections}
        try:
            for number, cells in rows:
                yield number, fixed.get(number, cells)
        finally:
            rows.close()

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """A CSV file's rows."""
        path, dialect = self.path, self.dialect
        csv.field_size_limit(FIELD_LIMIT)
        stream = _text_stream(path, dialect)
        number = dialect.first_row_number - 1  # the row number of the record just read
        try:
            with stream:
                reader = _reader_of(self._lines(stream), dialect)
                for _ in range(dialect.header_row):
                    next(reader, None)
                    number += 1
                if dialect.unnamed_columns:  # (its first row is one of data)
                    header = [""] * dialect.unnamed_columns
                else:
                    header = next(reader, None)
                    number += 1
                if header is None:
                    raise _problem(path, "empty", "the file has no header row")
                self.header = _clean_header(_cells_restored(header))
                width = len(header)
                names = _as_names(header)
                row_end = dialect.row_end
                quotes = self.quotes  # the quote characters before the record at hand
                self._record = []
                unclosed, lines = None, []
                for record in reader:
                    odd, quotes = (self.quotes - quotes) % 2, self.quotes
                    lines, self._record = self._record, []
                    unclosed = None  # (the row and lines of a record a quote is left open in)
                    if row_end:
                        records = (_cells_restored(record),)
                    elif len(lines) > 1 and width >= 3 and (odd or len(record) != width and _closed_inside(
                            lines[-1], dialect)) and _rows_within(lines, dialect.delimiter, width):
                        # A quote opened and never closed as it should ("Bob,"Jones,bob@x.com"): the lines it ran
                        # together, each a row again, that line's own quotes as plain text. So too when a later
                        # row's inch mark closed it ("27" monitor": a quote inside a cell, not at its end): the
                        # rows between are one cell, of a record without the header's cells.
                        records = _line_by_line(lines, dialect)
                        self.stray_quotes += 1
                        self._note_row("stray_quotes", number + 1)
                    else:
                        records = (record,)
                        if odd and len(lines) > 1 and _rows_within(lines, dialect.delimiter, width):
                            unclosed = (number + 1, len(lines))  # (two columns: too few separators to be sure)
                    for cells in records:
                        number += 1
                        n = len(cells)
                        # (a lost letter alone, a UTF-16 file's odd last byte after its last line, is no row)
                        if not any(cells) or not "".join(cells).strip().strip("\ufffd"):
                            self.blank_rows += 1
                            continue
                        if n != width:
                            if n < width:
                                cells.extend([""] * (width - n))
                                self.short_rows += 1
                                self._note_row("short_rows", number)
                            else:
                                while len(cells) > width and not cells[-1]:
                                    cells.pop()
                                self.dropped = (number, n - len(cells))
                                if len(cells) > width:
                                    self.long_row_count += 1
                                    if len(self.long_rows) < 1000:
                                        self.long_rows.append(number)
                        if cells[0].strip().lstrip("\ufeff") == names[0] and _as_names(cells) == names:
                            self.repeated_headers += 1  # (a file put after another, its column names with it)
                            self._note_row("repeated_headers", number)
                            continue
                        if not self._take(number):
                            return
                        yield number, cells
                if unclosed is not None:  # the last record ran to the end of the file: its rows would be one cell
                    raise _problem(path, "unclosed_quote", f"the {unclosed[1]:,} lines from there to the end of the "
                                   "file would be one cell", unclosed[0])
                self.cut_letter = int(bool(lines) and lines[-1].endswith("\ufffd") and _cut_short_in_letter(stream))
        except UnicodeDecodeError as e:
            raise self._decode_problem() from e
        except _LineTooLong as e:
            raise _problem(path, "field_too_large", f"a line longer than {LINE_LIMIT:,} characters",
                           number + 1) from e
        except csv.Error as e:
            if "field larger than field limit" in str(e):
                raise _problem(path, "field_too_large", f"a cell longer than {FIELD_LIMIT:,} characters"
                               " (a quote that is never closed?)", number + 1) from e
            raise _problem(path, "unreadable", str(e), number + 1) from e
        except OSError as e:
            raise _problem(path, "vanished", e.strerror or str(e), number + 1) from e
        if self.rows == 0:
            raise _header_only(path, self.header, ROW_END_NAMES.get(self.dialect.row_end))

    def _take(self, number: int) -> bool:
        """Count row `number` as given out; False when `limit` rows were given already (the file has more)."""
        if self.rows == self.limit:
            self.cut_short = True
            return False
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise _too_many_rows(self.path, number)
        return True

    def _contacts(self) -> Iterator[tuple[int, list[str]]]:
        """A vCard file's contacts, as rows of the table they are read as (vcards.py)."""
        path, shape = self.path, self.dialect.vcard
        self.header = vcards.header(shape)
        number = 0
        try:
            with _text_stream(path, self.dialect) as stream:
                for card in vcards.cards(_text_lines(stream, self)):
                    number += 1
                    if card.unreadable:
                        self.unreadable_lines += card.unreadable
                        self._note_row("unreadable_lines", number)
                    cells = vcards.row(card, shape)
                    if not any(cells):
                        self.blank_rows += 1
                        continue
                    if not self._take(number):
                        return
                    yield number, cells
        except UnicodeDecodeError as e:
            raise self._decode_problem() from e
        except _LineTooLong as e:
            raise _problem(path, "field_too_large", f"a line longer than {LINE_LIMIT:,} characters",
                           number + 1) from e
        except OSError as e:
            raise _problem(path, "vanished", e.strerror or str(e), number + 1) from e
        if self.rows == 0:
            raise _problem(path, "empty", NO_CONTACTS)

    def _decode_problem(self) -> ImportFileProblem:
        dialect = self.dialect
        if dialect.vcard is not None:  # (a vCard file has no columns to say)
            return _problem(self.path, "encoding", _bad_bytes_detail("", dialect.encoding, None))
        try:
            with _text_stream(self.path, dialect, "smallcrm-mark-bad-bytes", vanished=True) as stream:
                row, column, cell = _locate_marked(stream, dialect)
        except OSError as e:
            return _problem(self.path, "vanished", e.strerror or str(e))
        return _problem(self.path, "encoding", _bad_bytes_detail(cell, dialect.encoding, column), row)


def _as_names(cells: list[str]) -> list[str]:
    """A row's cells as column names are compared: without spaces around them, nor a byte-order mark before the
    first (a file that had one, put after another)."""
    names = [cell.strip() for cell in cells]
    names[0] = names[0].lstrip("\ufeff")
    return names


def _cut_short_in_letter(stream) -> bool:
    """Whether a stream read to its end was of a file that ends in the middle of a letter."""
    encoding = stream.encoding
    if not encoding.startswith(("utf-8", "utf-16")):
        return False
    binary = stream.buffer
    size = binary.seek(0, io.SEEK_END)
    binary.seek(max(0, size - 3) & ~1)  # (UTF-16: on a boundary of its two bytes a unit)
    decoder = codecs.getincrementaldecoder("utf-8" if encoding.startswith("utf-8") else encoding)("ignore")
    decoder.decode(binary.read())
    return bool(decoder.getstate()[0])  # (the bytes of a letter still waiting for the rest of it)


def _rows_within(lines: list[str], delimiter: str, width: int) -> bool:
    """Whether a line after the first of a record is a row of its own: as many separators as a row has (a note
    over several lines has few: "Deliver to / back door")."""
    return width >= 2 and any(line.count(delimiter) >= width - 1 for line in lines[1:])


def _closed_inside(line: str, dialect: Dialect) -> bool:
    """Whether the quote that closes a cell begun on an earlier line stands inside a cell of `line` (its last line),
    not at the cell's end: `bought 27" monitor` (a quoted cell over several lines ends `...lundi";`)."""
    quote = dialect.quotechar
    at = line.find(quote) if quote else -1
    while at != -1 and line[at + 1:at + 2] == quote:  # a quote doubled: a quote in the cell, not its end
        at = line.find(quote, at + 2)
    return at != -1 and line[at + 1:at + 2] not in ("", "\r", "\n", dialect.delimiter)


def _line_by_line(lines: list[str], dialect: Dialect) -> list[list[str]]:
    """Each line a row: in a line with an odd number of quotes, they are plain text."""
    quote = dialect.quotechar
    return [next(_csv_reader([line], dialect.delimiter, "" if line.count(quote) % 2 else quote), [])
            for line in lines]


def _clean_header(header: list[str]) -> list[str]:
    names = [unicodedata.normalize("NFC", name.replace("\x00", "")).strip() for name in header]
    if names:
        names[0] = names[0].lstrip("\ufeff").strip()
    return names


def _reader_of(lines, dialect: Dialect):
    """csv's reader of the lines of a file written in `dialect` (its rows joined first when they end only at
    one kind of line break)."""
    if dialect.row_end:
        lines = _rows_ending_at(iter(lines), dialect.row_end)
    return _csv_reader(lines, dialect.delimiter, dialect.quotechar)


def _too_many_rows(path: Path, row: int | None = None) -> ImportFileProblem:
    return _problem(path, "too_many_rows", f"more than {MAX_ROWS:,} rows", row)


def check_size(path: Path | str, dialect: Dialect) -> None:
    """Raise `too_many_rows` when the file has more than MAX_ROWS data rows, before any work is done on them.

    Counting line breaks in the bytes is quick and never counts fewer rows than there are, so that
    answers for nearly every file; only a file with more line breaks than MAX_ROWS is read row by row.
    """
    path = Path(path)
    breaks = 0
    after_cr = False
    try:
        with _open(path, vanished=True) as f:
            while block := f.read(COUNT_BLOCK):
                # A row ends in LF, CR or CR LF: count CR LF once.
                breaks += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
                if after_cr and block[:1] == b"\n":
                    breaks -= 1
                after_cr = block[-1:] == b"\r"
                if breaks > MAX_ROWS:  # (the header's line break is one: rows <= breaks)
                    break
            else:
                return
    except OSError as e:
        raise _problem(path, "vanished", e.strerror or str(e)) from e
    with read_rows(path, dialect) as rows:
        for _ in rows:
            pass


def read_rows(path: Path | str, dialect: Dialect, limit: int | None = None) -> RowStream:
    """`(row number, cells)` for each data row after the header (the first `limit` ones, when given), streamed
    (see RowStream)."""
    return RowStream(Path(path), dialect, limit)


def _header_only(path: Path, header: list[str], row_end: str | None) -> SmallCrmError:
    """The problem of a file of column names and no rows: the file's, or, when its rows were chosen to end at a
    line break that ends none (`row_end`: a name of ROW_ENDS), that choice's."""
    if row_end not in (None, "any") and any(c in cell for cell in header for c in "\r\n" + _CR_IN_CELL + _LF_IN_CELL):
        return InvalidValue("line ends", row_end, "row_end", "the column names would run on into the rows under "
                            "them: the file's rows end at another line break")
    return _problem(path, "header_only", _only_names(header))


def _only_names(header: list[str]) -> str:
    """What a file of a header and nothing more holds, for the message that says so."""
    names = [name.strip() for name in header if name.strip()]
    shown = ", ".join(n if len(n) <= 40 else n[:39] + "…" for n in names[:6]) + (", …" if len(names) > 6 else "")
    return Phrase(ONLY_NAMES, names=shown) if names else NO_NAMES


def separator(dialect: Dialect) -> str | None:
    """The file's separator, as an import says it: None for a vCard file, which has none."""
    return None if dialect.vcard is not None else dialect.delimiter


def read_header(path: Path | str, dialect: Dialect) -> list[str]:
    """The column names, trimmed (an empty name stays: Thunderbird ends its header with a comma)."""
    if dialect.vcard is not None:
        return vcards.header(dialect.vcard)
    if dialect.unnamed_columns:
        return [""] * dialect.unnamed_columns
    path = Path(path)
    csv.field_size_limit(FIELD_LIMIT)
    try:
        with _text_stream(path, dialect) as stream:
            reader = _reader_of(stream, dialect)
            for _ in range(dialect.header_row):
                next(reader, None)
            header = next(reader, None)
    except UnicodeDecodeError as e:
        raise RowStream(path, dialect)._decode_problem() from e
    except csv.Error as e:
        raise _problem(path, "field_too_large", str(e), dialect.header_row + dialect.first_row_number) from e
    except OSError as e:
        raise _problem(path, "vanished", e.strerror or str(e)) from e
    if not header:
        raise _problem(path, "empty", "the file has no header row")
    return _clean_header(_cells_restored(header))


def preview(path: Path | str, dialect: Dialect, n: int = 20) -> list[list[str]]:
    """The first `n` data rows' cells, as `read_rows` gives them."""
    if n <= 0:
        return []
    with read_rows(path, dialect, n) as stream:
        return [cells for _, cells in stream]
