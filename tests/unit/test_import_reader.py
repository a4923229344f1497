"""Reading CSV files as people get them: encodings, separators, line ends, bad files."""

from __future__ import annotations

import codecs
import csv
import io
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from smallcrm.errors import ImportFileProblem, InvalidValue
from smallcrm.services.importing import reader
from smallcrm.services.importing.mapping import names_a_field
from smallcrm.services.importing.reader import Dialect, preview, read_header, read_rows, sniff

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rows_of(path: Path, dialect: Dialect | None = None) -> list[tuple[int, list[str]]]:
    return list(read_rows(path, dialect or sniff(path)))


def problem(call) -> ImportFileProblem:
    with pytest.raises(ImportFileProblem) as caught:
        call()
    return caught.value


# --- the fixtures, one per layout --------------------------------------------------------------

PRESET_FILES = ["google.csv", "google_legacy.csv", "google_outlook.csv", "outlook.csv", "outlook_com.csv",
                "thunderbird.csv", "yahoo.csv", "shopify.csv", "shopify_legacy.csv", "square.csv", "woocommerce.csv",
                "mailchimp.csv"]


@pytest.mark.parametrize("name", PRESET_FILES)
def test_every_layout_reads_as_utf8_comma_separated_with_rows_as_wide_as_the_header(name):
    path = FIXTURES / name
    dialect = sniff(path)
    assert (dialect.encoding, dialect.delimiter, dialect.header_row, dialect.has_bom) == ("utf-8", ",", 0, False)
    header = read_header(path, dialect)
    rows = rows_of(path, dialect)
    assert rows and all(len(cells) == len(header) for _, cells in rows)
    assert [n for n, _ in rows] == list(range(2, 2 + len(rows)))
    assert header[0] == header[0].strip() and '"' not in header[0]


def test_outlook_quotes_every_field_and_the_quotes_go():
    path = FIXTURES / "outlook.csv"
    header = read_header(path, sniff(path))
    assert header[:3] == ["Title", "First Name", "Middle Name"]
    (_, mary), _ = rows_of(path)
    assert mary[header.index("Last Name")] == "O'Brien"
    assert mary[header.index("Categories")] == "Customers;VIP"


def test_thunderbird_keeps_its_trailing_empty_column():
    path = FIXTURES / "thunderbird.csv"
    header = read_header(path, sniff(path))
    assert header[-2:] == ["Notes", ""]
    assert all(cells[-1] == "" for _, cells in rows_of(path))


def test_a_google_note_with_line_breaks_is_one_cell_of_one_row():
    path = FIXTURES / "google.csv"
    header = read_header(path, sniff(path))
    rows = rows_of(path)
    assert [n for n, _ in rows] == [2, 3, 4]
    assert rows[0][1][header.index("Notes")] == "Likes blue.\nCalls on Fridays."


def test_windows_1252_with_semicolons_keeps_every_accent_and_the_euro():
    path = FIXTURES / "excel_fr_cp1252.csv"
    dialect = sniff(path)
    assert (dialect.encoding, dialect.delimiter, dialect.has_bom) == ("cp1252", ";", False)
    assert read_header(path, dialect) == ["Prénom", "Nom", "Société", "Courriel", "Téléphone", "Code postal", "Ville",
                                          "Date de naissance", "Montant"]
    rows = [cells for _, cells in rows_of(path, dialect)]
    assert rows[0][:3] == ["Zoë", "Müller", "Œuvre"]
    assert rows[0][-1] == "1 234,56 €"
    assert rows[2][:3] == ["Noël", "Lefèvre", "Café Noël"]


def test_excel_unicode_text_is_utf16_with_tabs():
    path = FIXTURES / "excel_unicode_text.txt"
    dialect = sniff(path)
    assert (dialect.encoding, dialect.delimiter, dialect.has_bom) == ("utf-16-le", "\t", True)
    assert read_header(path, dialect) == ["First Name", "Last Name", "E-mail", "Phone"]
    assert [cells[:2] for _, cells in rows_of(path, dialect)] == [["Zoë", "Αλεξίου"], ["Øystein", "Åberg"]]


def test_excel_csv_utf8_has_a_byte_order_mark_that_does_not_reach_the_header():
    path = FIXTURES / "excel_utf8_bom.csv"
    dialect = sniff(path)
    assert (dialect.encoding, dialect.has_bom) == ("utf-8", True)
    assert read_header(path, dialect)[0] == "Vorname"
    assert rows_of(path, dialect)[0][1][:2] == ["Jürgen", "Groß"]


# --- encodings -----------------------------------------------------------------------------------

WESTERN = ("Name;City;Note\r\nZoë Müller;Besançon;Œuvre à 12 €\r\nJosé Núñez;Logroño;¿Qué?\r\n"
           "Renée Ødegård;Århus;naïve café\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"])
def test_western_text_comes_out_intact_in_each_encoding(tmp_path, encoding):
    text = WESTERN.replace("€", "EUR").replace("Œ", "Oe") if encoding == "latin-1" else WESTERN
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    path = tmp_path / "people.csv"
    path.write_bytes(raw)
    dialect = sniff(path)
    rows = [cells for _, cells in rows_of(path, dialect)]
    expected = [line.split(";") for line in text.split("\r\n")[1:-1]]
    assert rows == expected
    assert not dialect.encoding.startswith(reader.MIXED)  # one encoding: not read as a mix


@pytest.mark.parametrize("encoding", ["latin-1", "ISO-8859-1", "l1", "cp1252"])
def test_a_file_said_to_be_latin1_keeps_the_letters_windows_1252_writes_there(tmp_path, encoding):
    """Latin-1 leaves the bytes 0x80-0x9F to control characters, where Windows-1252 writes "œ", "’", "€" and "š":
    a file said to be Latin-1 is read as Windows-1252, as browsers read it, and loses none of them."""
    path = tmp_path / "clients.csv"
    path.write_bytes("Nom;Prénom;Note\r\nCœur;Zoé;doit 5 €\r\nO’Brien;Seán;Dušan\r\n".encode("cp1252"))
    dialect = sniff(path, encoding=encoding)
    assert dialect.encoding == "cp1252"
    assert rows_of(path, dialect) == [(2, ["Cœur", "Zoé", "doit 5 €"]), (3, ["O’Brien", "Seán", "Dušan"])]


def test_a_dos_tills_file_of_german_names_is_read_with_every_letter_right(tmp_path):
    """A DOS code page (cp850) writes "ü" where Mac Roman has "Å": of the code pages that read the file, the one
    whose words are all names is chosen, not "JÅrgen MÅller"."""
    names = ["Jürgen Müller", "Björn Weiß", "Jörg Schäfer", "Günter Köhler", "Sören Groß", "Käthe Hübner",
             "Uwe Möller", "Heinz Böhm"]
    path = tmp_path / "kasse.csv"
    path.write_bytes(("Bon;Datum;Kunde;E-Mail;Betrag\r\n" + "".join(
        f"{8000 + i};03.02.2026 10:{i:02d};{name};k{i}@example.de;{i + 1},50\r\n" for i, name in enumerate(names))
                      ).encode("cp850"))
    assert [cells[2] for _, cells in rows_of(path, sniff(path))] == names


def test_utf16_without_a_byte_order_mark_is_recognised_by_its_nul_bytes(tmp_path):
    path = tmp_path / "old-google.csv"
    path.write_bytes("Name,E-mail\r\nZoë,zoe@example.com\r\n".encode("utf-16-le"))
    dialect = sniff(path)
    assert (dialect.encoding, dialect.has_bom) == ("utf-16-le", False)
    assert rows_of(path, dialect) == [(2, ["Zoë", "zoe@example.com"])]


@pytest.mark.parametrize(("text", "encoding"), [
    ("Imię;Nazwisko;Miasto\r\nŁukasz;Wójcik;Łódź\r\nMałgorzata;Żółć;Wrocław\r\nJędrzej;Ślęzak;Gdańsk\r\n", "cp1250"),
    ("Имя,Фамилия,Город\r\nАлексей,Смирнов,Москва\r\nМария,Иванова,Санкт-Петербург\r\n", "cp1251"),
])
def test_other_legacy_code_pages_are_told_from_windows_1252(tmp_path, text, encoding):
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path)
    assert dialect.encoding == encoding
    assert read_header(path, dialect)[0] == text.split("\r\n")[0].split(dialect.delimiter)[0]


@pytest.mark.parametrize(("text", "encoding"), [
    ("First Name;Last Name;City\r\nJiří;Dvořák;Plzeň\r\nŠárka;Čermáková;Brno\r\n", "cp1250"),
    ("First Name;Last Name;City\r\nŐrs;Kővári;Győr\r\nÁgnes;Szűcs;Pécs\r\n", "cp1250"),
    ("First Name;Last Name;City\r\nŞükrü;Yılmaz;İzmir\r\nAyşe;Güneş;Muğla\r\n", "cp1254"),
    ("Prenume;Nume;Oraş\r\nŞtefan;Mureşan;Constanţa\r\nIoana;Pătraşcu;Braşov\r\n", "cp1250"),
    ("First Name;Last Name;City\r\nErnő;Erdős;Győr\r\nZsófia;Kőrösi;Szeged\r\n", "cp1250"),
    ("First Name;Last Name;City\r\nBjørn;Petersen;Kollafjørður\r\nSøren;Sørensen;Næstved\r\n", "cp1252"),
    # names of the languages Windows-1252 writes, a Czech "Šárka" among them (the same bytes in both)
    ("Name;City\r\nHélène Noël;Besançon\r\nJürgen Größe;Köln\r\nJoão Simões;Guimarães\r\nSøren Ærø;Århus\r\n"
     "Þórður Guðrún;Reykjavík\r\nTõnu Põld;Võru\r\nNiccolò Lucà;Città\r\nŠárka Nováková;Brno\r\n", "cp1252"),
    # a short list: one word Windows-1252 reads as no language's, which the code page reads as one's
    ("Imie;Nazwisko;Email;Miasto\r\nPaweł;Nowak;pn@example.pl;Łódź\r\n", "cp1250"),  # (a Mac Roman reading too)
    ("Imie;Nazwisko;Email;Miasto\r\nPaweł;Nowak;pn@example.pl;Warszawa\r\n", "cp1250"),
    ("First Name;Last Name;Email;City\r\nŠárka;Dvořáková;sd@example.cz;Brno\r\n", "cp1250"),
])
def test_a_code_page_whose_words_windows_1252_reads_as_no_language_is_told_apart(tmp_path, text, encoding):
    """Windows-1252 reads every byte of a Czech, Hungarian or Turkish file, as "Jiøí Dvoøák", "Kõvári", "Þükrü":
    letters of no one language; the code page that reads them as a language's is the file's."""
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path)
    assert dialect.encoding == encoding
    assert [cells for _, cells in rows_of(path, dialect)] == [line.split(";") for line in text.split("\r\n")[1:-1]]


_TURKISH = "Ad;Soyad;Şehir\r\nAyşe;Yılmaz;İstanbul\r\nAhmet;Doğan;Konya\r\nŞükrü;Öztürk;İzmir\r\n"


@pytest.mark.parametrize(("text", "encoding", "region"), [
    # Windows-1252 reads most Turkish words as Icelandic ones ("Ayþe Yýlmaz", "Doðan"): a Turkish shop's file, or
    # one of Turkish addresses, is Turkish
    (_TURKISH, "cp1254", "TR"),
    (_TURKISH, "cp1254", None),  # ("Þükrü" is no Icelandic name: the others are read as Turkish beside it)
    ("Ad;Soyad;E-posta\r\nAyşe;Yılmaz;ay@ornek.com.tr\r\nAhmet;Doğan;ad@ornek.com.tr\r\n", "cp1254", "FR"),
    # ... and an Icelandic list stays Icelandic, in a French shop too
    ("Nafn;Bær\r\nÞórður Sigurðsson;Reykjavík\r\nGuðrún Þorsteinsdóttir;Akureyri\r\n", "cp1252", "FR"),
    # older programs' ISO code pages: Polish with "ą", "ś", "ź" where Windows has other letters; French "œ"
    ("Imię;Nazwisko;Miasto\r\nAnna;Wąsowska;Łódź\r\nJan;Świątek;Kraków\r\n", "iso8859-2", None),
    ("Prénom;Nom;Ville\r\nLéa;Sœur;Besançon\r\nMarc;Cœurdevey;Vœuil\r\n", "iso8859-15", None),
])
def test_a_turkish_or_iso_code_page_is_told_from_windows_1252(tmp_path, text, encoding, region):
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path, region=region)
    assert dialect.encoding == encoding
    assert [cells for _, cells in rows_of(path, dialect)] == [line.split(";") for line in text.split("\r\n")[1:-1]]


# Short lists of another alphabet, as Excel saves "CSV" where it is written: Windows-1252, Central European or Mac
# Roman would read every byte of them ("ŐĹ", "ćåć"), as no one's words.
_OTHER_ALPHABETS = [
    ("First Name,Last Name,Email,City\r\nמשה,כהן,m@example.co.il,חיפה\r\nדוד,לוי,d@example.co.il,תל אביב\r\n",
     "cp1255"),
    ("First Name,Last Name,Email,City\r\nمحمد,العلي,m@example.sa,الرياض\r\nفاطمة,حسن,f@example.sa,جدة\r\n", "cp1256"),
    ("First Name,Last Name,Email,City\r\nสมชาย,ใจดี,s@example.th,กรุงเทพ\r\n", "cp874"),
    ("First Name,Last Name,Email\r\n伟,张,zw@example.cn\r\n芳,王,wf@example.cn\r\n", "gb18030"),
    ("First Name,Last Name,Email,City\r\n大文,陳,c@example.tw,台北\r\n美麗,林,l@example.tw,高雄\r\n", "big5"),
    ("First Name,Last Name,Email,City\r\n민수,김,m@example.kr,서울\r\n지영,이,j@example.kr,부산\r\n", "cp949"),
    # (the Shift-JIS of "名古屋" holds the two bytes of UTF-8's "É")
    ("First Name,Last Name,Email,City\r\n太郎,山田,t@example.jp,名古屋\r\n花子,佐藤,h@example.jp,大阪\r\n", "cp932"),
]


@pytest.mark.parametrize(("text", "encoding"), _OTHER_ALPHABETS, ids=[e for _, e in _OTHER_ALPHABETS])
def test_a_short_list_of_another_alphabet_is_read_in_its_code_page(tmp_path, text, encoding):
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path)
    assert dialect.encoding == encoding
    assert [cells for _, cells in rows_of(path, dialect)] == [line.split(",") for line in text.split("\r\n")[1:-1]]


@pytest.mark.parametrize(("text", "encoding", "region"), [
    ("First Name,Last Name\r\nדוד,כהן\r\nשרה,לוי\r\n", "cp1255", "IL"),
    ("First Name,Last Name,Email\r\nדוד,כהן,d@example.co.il\r\n", "cp1255", "RU"),  # (its addresses tell first)
    ("First Name,Last Name\r\nАнна,Козлова\r\nИван,Попов\r\n", "cp1251", "IL"),  # (Hebrew cannot read it)
])
def test_the_country_of_the_shop_or_of_the_addresses_tells_which_alphabet_a_short_list_is_in(
        tmp_path, text, encoding, region):
    """Hebrew and Cyrillic letters fill the upper half of their code pages alike: in a list of a few short
    names, Hebrew reads as Cyrillic words too."""
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path, region=region)
    assert dialect.encoding == encoding
    assert [cells for _, cells in rows_of(path, dialect)] == [line.split(",") for line in text.split("\r\n")[1:-1]]


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def as_windows_writes_vietnamese(text: str) -> str:
    """Vietnamese as its Windows code page (cp1258) holds it: a letter with its other marks whole, its tone a mark
    after it ("ễ" is "ê" and a combining tilde)."""
    out, letter, tones = [], "", ""
    for c in unicodedata.normalize("NFD", text) + " ":
        if unicodedata.combining(c):
            if c in _TONES:
                tones += c
            else:
                letter += c
            continue
        out.append(unicodedata.normalize("NFC", letter) + tones)
        letter, tones = c, ""
    return "".join(out)[:-1] if text else ""


def test_vietnamese_of_windows_code_page_is_told_from_windows_1252(tmp_path):
    text = as_windows_writes_vietnamese("Họ;Tên;Email;Thành phố\r\nNguyễn;Văn An;an@example.vn;Hà Nội\r\n"
                                        "Trần;Thị Bình;tb@example.vn;Đà Nẵng\r\n")
    path = write(tmp_path / "people.csv", text, "cp1258")
    dialect = sniff(path)
    assert dialect.encoding == "cp1258"
    rows = [[unicodedata.normalize("NFC", cell) for cell in cells] for _, cells in rows_of(path, dialect)]
    assert rows == [["Nguyễn", "Văn An", "an@example.vn", "Hà Nội"], ["Trần", "Thị Bình", "tb@example.vn", "Đà Nẵng"]]


@pytest.mark.parametrize(("text", "encoding"), [
    ("Vorname;Nachname\r\nJürgen;Müller\r\nBärbel;Schröder\r\nUwe;Groß\r\n", "mac-roman"),
    ("Nombre;Apellidos\r\nJosé;Muñoz\r\n", "mac-roman"),
    ("Prénom;Nom;Société\r\nZoé;Dupont;l’Atelier\r\n", "mac-roman"),
    ("Vorname;Nachname\r\nJürgen;Müller\r\n", "mac-roman"),
    # Windows-1252's own: a Czech name alone, apostrophes, capitals, "Œuvre"
    ("Name;Company\r\nŠimon Novak;Škoda\r\n", "cp1252"),
    ("Name;Company\r\nSeán O’Brien;l’Atelier\r\nZoé Dupont;Œuvre du cœur\r\n", "cp1252"),
    ("Name;City\r\nJÜRGEN MÜLLER;KÖLN\r\n", "cp1252"),
])
def test_excel_for_macs_csv_in_mac_roman_is_told_from_windows_1252(tmp_path, text, encoding):
    """Excel on a Mac saves "CSV" in Mac Roman: read as Windows-1252, "Jürgen Müller" would be "JŸrgen MŸller",
    "José Muñoz" "JosŽ Mu–oz"."""
    path = write(tmp_path / "people.csv", text, encoding)
    dialect = sniff(path)
    assert dialect.encoding == encoding
    assert [cells for _, cells in rows_of(path, dialect)] == [line.split(";") for line in text.split("\r\n")[1:-1]]


def test_an_ascii_start_looks_further_for_the_first_accent(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 200)
    lines = ["Name,City"] + [f"Person {i},Paris" for i in range(40)] + ["Zoë Müller,Besançon"]
    path = write(tmp_path / "late.csv", "\r\n".join(lines) + "\r\n", "cp1252")
    dialect = sniff(path)
    assert dialect.encoding == "cp1252"
    assert rows_of(path, dialect)[-1] == (42, ["Zoë Müller", "Besançon"])


def test_a_user_encoding_wins(tmp_path):
    path = write(tmp_path / "people.csv", "Name\r\nJosé\r\nAnn\r\n", "cp850")  # (read as Windows-1252 at first)
    assert sniff(path).encoding != "cp850"
    dialect = sniff(path, encoding="cp850")
    assert dialect.encoding == "cp850"
    assert rows_of(path, dialect)[0] == (2, ["José"])


@pytest.mark.parametrize("encoding, garbled", [("latin-1", "HÃ©bert"), ("cp1252", "HÃ©bert"),
                                               ("mac_roman", "H√©bert"), ("utf-16", "썈抩牥\ufffd")])
def test_an_encoding_that_would_garble_a_utf8_file_is_refused(tmp_path, encoding, garbled):
    path = write(tmp_path / "people.csv", "Name,City\r\nMarie Hébert,Besançon\r\n", "utf-8")
    found = problem(lambda: sniff(path, encoding=encoding))
    assert found.reason == "utf8_read_as"
    assert found.detail.facts["word"] == "Hébert" and found.detail.facts["garbled"] == garbled


def test_a_utf8_file_is_refused_a_legacy_encoding_for_letters_past_the_sample(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 200)
    lines = ["Name,City"] + [f"Person {i},Paris" for i in range(40)] + ["Zoë Müller,Besançon"]
    path = write(tmp_path / "late.csv", "\r\n".join(lines) + "\r\n", "utf-8")
    found = problem(lambda: sniff(path, encoding="cp1252"))
    assert (found.reason, found.detail.facts["word"], found.detail.facts["garbled"]) == ("utf8_read_as", "Zoë", "ZoÃ«")


def test_a_utf8_file_refused_an_encoding_is_told_by_a_word_of_its_own(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Name,Site,Notes\r\nAnn,https://www.dupont.fr/boutique/catégorie-été,5€\r\n"
                     .encode("utf-8"))
    found = problem(lambda: sniff(path, encoding="latin-1"))  # (its byte-order mark is no word)
    assert found.detail.facts["word"] == "pont.fr/boutique/catégorie-été"  # (around its first accent)
    path.write_text("Name,Notes\r\nAnn,owes 5€\r\n", encoding="utf-8")
    found = problem(lambda: sniff(path, encoding="iso8859-15"))  # (a control character shown as one)
    assert (found.detail.facts["word"], found.detail.facts["garbled"]) == ("5€", "5â\ufffd¬")
    rows = "Name\r\nZoë\r\n".encode("utf-8") + "Renée\r\n".encode("cp1252")  # rows of both: the UTF-8 one garbled
    path.write_bytes(rows)
    assert problem(lambda: sniff(path, encoding="cp1252")).detail.facts["word"] == "Zoë"
    path.write_text("Name,Phone\nﾕｶ,090-1234-5678\nﾐｷ,090-2234-5678\n", encoding="shift_jis")  # (reads as UTF-8 too)
    assert rows_of(path, sniff(path, encoding="shift_jis"))[0] == (2, ["ﾕｶ", "090-1234-5678"])


@pytest.mark.parametrize(("text", "written_in", "forced", "word", "garbled"), [
    ("Name,City\r\nИван Петров,Москва\r\nМария Сидорова,Казань\r\n", "cp1251", "cp1252", "Иван", "Èâàí"),
    ("Name,City\r\nИван Петров,Москва\r\nМария Сидорова,Казань\r\n", "cp1251", "koi8-r", "Иван", "хБЮМ"),
    ("Name,City\r\nИван Петров,Москва\r\nМария Сидорова,Казань\r\n", "cp1251", "cp866", "Иван", "╚трэ"),
    ("Name,City\r\nÖzlem Müller,Köln\r\n", "cp1252", "cp1251", "Özlem", "Цzlem"),
    ("Name,City\r\nZoë Müller,Köln\r\n", "cp1252", "mac-roman", "Zoë", "ZoÎ"),
])
def test_a_code_page_that_would_garble_a_file_another_reads_right_is_refused(tmp_path, text, written_in, forced,
                                                                             word, garbled):
    path = write(tmp_path / "people.csv", text, written_in)
    found = problem(lambda: sniff(path, encoding=forced))
    assert (found.reason, found.detail.facts) == ("encoding", {"encoding": reader._codec(forced), "word": word,
                                                               "garbled": garbled, "found": written_in})


@pytest.mark.parametrize(("text", "written_in", "forced", "first"), [
    ("Name,City\r\nAna Muñoz,Málaga\r\n", "cp1252", "cp1250", "Ana Muńoz"),  # (a name all the same)
    ("Name,City\r\nJiří Dvořák,Brno\r\n", "cp1250", "cp1252", "Jiøí Dvoøák"),
    ("Name,City\r\nAnn Smith,Paris\r\n", "cp1252", "cp1251", "Ann Smith"),  # (ASCII reads the same in any)
])
def test_a_code_page_that_reads_names_is_the_users_to_choose(tmp_path, text, written_in, forced, first):
    path = write(tmp_path / "people.csv", text, written_in)
    assert rows_of(path, sniff(path, encoding=forced))[0][1][0] == first


def test_an_ascii_file_reads_in_any_encoding_given(tmp_path):
    path = write(tmp_path / "people.csv", "Name,City\r\nAnn,Paris\r\n", "utf-8")
    assert rows_of(path, sniff(path, encoding="cp1252")) == [(2, ["Ann", "Paris"])]


def test_a_user_utf8_sig_or_utf16_reads_the_byte_order_mark(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Name,City\r\nAnn,Paris\r\n")
    dialect = sniff(path, encoding="utf-8-sig")
    assert (dialect.encoding, dialect.has_bom) == ("utf-8", True)
    dialect = sniff(path, encoding="UTF-8")
    assert (dialect.encoding, dialect.has_bom) == ("utf-8", True)
    assert read_header(path, dialect) == ["Name", "City"]
    path.write_bytes(codecs.BOM_UTF16_BE + "Name,City\r\nAnn,Paris\r\n".encode("utf-16-be"))
    dialect = sniff(path, encoding="utf-16")
    assert (dialect.encoding, dialect.has_bom) == ("utf-16-be", True)
    assert rows_of(path, dialect) == [(2, ["Ann", "Paris"])]


def test_an_unknown_encoding_is_a_usage_mistake(tmp_path):
    path = write(tmp_path / "people.csv", "Name\r\nAnn\r\n")
    with pytest.raises(InvalidValue) as caught:
        sniff(path, encoding="klingon-8")
    assert (caught.value.field, caught.value.problem) == ("encoding", "encoding")


def test_forced_utf8_on_a_windows_1252_file_names_the_row(tmp_path):
    path = write(tmp_path / "people.csv", "Name,City\r\nAnn,Paris\r\n\"Bob\r\nBob\",Rome\r\nZoë,Besançon\r\n", "cp1252")
    found = problem(lambda: sniff(path, encoding="utf-8"))
    assert (found.reason, found.row) == ("encoding", 4)
    assert found.detail == "“Zo\ufffd” in column 1 is not utf-8"  # the name as it reads, not its bytes


def test_a_long_cell_not_in_the_encoding_is_shown_around_what_cannot_be_read(tmp_path):
    note = "Met at the Christmas market in 2023 and asked about the blue teapot for René in March and April"
    path = write(tmp_path / "people.csv", f"Name,Notes\r\nAnn,{note}\r\n", "cp1252")
    found = problem(lambda: sniff(path, encoding="utf-8"))
    assert found.detail == "“…blue teapot for Ren\ufffd in March and April” in column 2 is not utf-8"


def test_a_file_said_to_be_utf8_that_breaks_after_the_sample_names_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 256)
    lines = ["Name,City", "Zoë,Besançon"] + [f"Person {i},Paris" for i in range(200)]
    text = "\r\n".join(lines) + "\r\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode("utf-8") + "Renée,Nîmes\r\n".encode("cp1252"))
    dialect = sniff(path, encoding="utf-8")
    assert dialect.encoding == "utf-8"
    found = problem(lambda: rows_of(path, dialect))
    assert (found.reason, found.row) == ("encoding", 203)
    assert found.detail == "“Ren\ufffde” in column 1 is not utf-8"


# Two exports put together: a web shop's UTF-8 rows and a till's Windows-1252 rows.
SHOP = ["Zoë Müller,Besançon", "Łukasz Wójcik,Łódź", "Ana “Nani” Pérez,Málaga"]  # Ł and “” are not in cp1252
TILL = ["Renée Ødegård,Århus", "José Núñez,Logroño", "Œdipe Lefèvre,Nîmes"]


def mixed_file(path: Path, first: list[str], first_encoding: str, then: list[str], then_encoding: str,
               padding: int = 0) -> Path:
    """A header, `first` in one encoding, `padding` plain rows, then `then` in another encoding."""
    head = ("Name,City\r\n" + "".join(f"{line}\r\n" for line in first)).encode(first_encoding)
    pad = "".join(f"Person {i},Paris\r\n" for i in range(padding)).encode("ascii")
    path.write_bytes(head + pad + "".join(f"{line}\r\n" for line in then).encode(then_encoding))
    return path


@pytest.mark.parametrize("order", ["utf-8 first", "windows-1252 first"])
@pytest.mark.parametrize("padding", [0, 300], ids=["in the sample", "after the sample"])
def test_a_file_of_utf8_and_windows_1252_rows_reads_every_name_intact(tmp_path, monkeypatch, order, padding):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 1024)  # 300 plain rows push the second part past it
    first, then = (SHOP, TILL) if order == "utf-8 first" else (TILL, SHOP)
    encodings = ("utf-8", "cp1252") if order == "utf-8 first" else ("cp1252", "utf-8")
    path = mixed_file(tmp_path / "both.csv", first, encodings[0], then, encodings[1], padding)
    dialect = sniff(path)
    assert dialect.encoding == reader.MIXED_WESTERN == "utf-8-or-cp1252"
    rows = [cells for _, cells in rows_of(path, dialect) if not cells[0].startswith("Person ")]
    assert rows == [line.split(",") for line in first + then]


@pytest.mark.parametrize("padding", [0, 300], ids=["in the sample", "after the sample"])
def test_stray_bytes_in_a_utf8_file_are_not_taken_for_a_mix_but_named(tmp_path, monkeypatch, padding):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 1024)
    path = tmp_path / "broken.csv"
    pad = "".join(f"Person {i},Paris\r\n" for i in range(padding))
    path.write_bytes(("Name,City\r\nZoë Müller,Besançon\r\n" + pad).encode() + b"Bad,\xff\xfe\r\n")
    dialect = sniff(path) if padding else None
    found = problem(lambda: rows_of(path, dialect)) if padding else problem(lambda: sniff(path))
    assert (found.reason, found.row) == ("encoding", 3 + padding)
    assert dialect is None or dialect.encoding == "utf-8"


@pytest.mark.parametrize("text", ["Name,City\r\n王伟,北京\r\n李芳,上海\r\n", "Name,City\r\nАнна Козлова,Москва\r\n",
                                  "姓,名\r\n山田,太郎\r\n", "שם,עיר\r\nדוד כהן,חיפה\r\n"])
def test_a_utf8_file_of_another_alphabet_with_a_stray_byte_is_not_read_as_windows_1252(tmp_path, text):
    """Read as Windows-1252 every byte is a letter: "王伟" would be "çŽ‹ä¼Ÿ", "Анна" "ÐÐ½Ð½Ð°"."""
    path = tmp_path / "broken.csv"
    path.write_bytes(text.encode() + b"Bad\x81,x\r\n")
    found = problem(lambda: sniff(path))
    assert (found.reason, found.row) == ("encoding", text.count("\r\n") + 1)


def test_a_windows_1252_file_is_not_taken_for_a_mix(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 1024)
    # Capitals with accents before quotes and signs: no UTF-8 letter is made of them by chance.
    lines = ["«ÉTÉ» à Nîmes,Besançon", "SÃO PAULO – Ação,Curaçao", "ÄRGER‘S,Köln"] * 40
    path = mixed_file(tmp_path / "till.csv", lines, "cp1252", [], "cp1252")
    dialect = sniff(path)
    assert dialect.encoding == "cp1252"
    assert [cells for _, cells in rows_of(path, dialect)][:3] == [line.split(",") for line in lines[:3]]


def test_the_mixed_codec_reads_any_one_byte_encoding_and_writes_utf8(tmp_path):
    assert codecs.lookup("UTF-8-or-Mac_Roman").name == "utf-8-or-mac-roman"
    assert "Zoë".encode("utf-8-or-cp1252") == "Zoë".encode("utf-8")
    assert ("Zoë,".encode() + "Renée".encode("mac-roman")).decode("utf-8-or-mac-roman") == "Zoë,Renée"
    with pytest.raises(LookupError):
        codecs.lookup("utf-8-or-gb18030")  # two bytes a character: not read a byte at a time
    path = tmp_path / "people.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Name\r\nZoë\r\n".encode() + "Renée\r\n".encode("cp1252"))
    dialect = sniff(path, encoding="utf-8-or-cp1252")
    assert (dialect.encoding, dialect.has_bom) == ("utf-8-or-cp1252", True)
    assert read_header(path, dialect) == ["Name"] and rows_of(path, dialect) == [(2, ["Zoë"]), (3, ["Renée"])]


@pytest.mark.parametrize(("letter", "cut"), [("é", 1), ("€", 1), ("€", 2), ("😀", 1), ("😀", 3)])
def test_a_utf8_file_cut_short_in_a_letter_shows_the_lost_letter_and_says_so(tmp_path, letter, cut):
    """Copied or downloaded in part: the file ends with the first bytes of a letter. It reads as UTF-8, the lost
    letter as "\ufffd" (not as Windows-1252 "Ã", nor refused as not UTF-8), and the reader says the file was cut."""
    whole = letter.encode()
    path = tmp_path / "cut.csv"
    path.write_bytes("Name,City\r\nZoë,Lyon\r\nAnn,Besan".encode() + whole[:cut])
    dialect = sniff(path)
    assert dialect.encoding == "utf-8"
    with read_rows(path, dialect) as rows:
        assert list(rows) == [(2, ["Zoë", "Lyon"]), (3, ["Ann", "Besan\ufffd"])]
        assert rows.warnings == [("cut_letter", 1)]
    # read as UTF-8 with Windows-1252 rows, those bytes are Windows-1252's, as any other that is not UTF-8
    with read_rows(path, sniff(path, encoding="utf-8-or-cp1252")) as rows:
        assert list(rows)[1] == (3, ["Ann", "Besan" + whole[:cut].decode("cp1252", "smallcrm-latin1-fallback")])
        assert rows.warnings == []
    # a whole file that ends in a "\ufffd" a program wrote is not cut short; the bytes of a letter in the middle
    # of a file, without the rest of it, are not taken for the end of the file
    path.write_bytes("Name,City\r\nAnn,Besan\ufffd".encode())
    with read_rows(path, sniff(path)) as rows:
        assert list(rows) == [(2, ["Ann", "Besan\ufffd"])] and rows.warnings == []
    path.write_bytes("Name,City\r\nAnn,Besan".encode() + whole[:cut] + b"\r\nBob,Lyon\r\n")
    assert problem(lambda: rows_of(path, sniff(path, encoding="utf-8"))).reason == "encoding"


def test_a_utf8_file_cut_at_any_byte_of_its_last_row_reads_every_whole_letter_and_no_other(tmp_path):
    """Cut anywhere in "Besançon 😀 Œuvre ß": the rows before are intact, the last row holds the letters that came
    whole, and a letter cut in two is one "\ufffd" at its end, said (never another letter, never a refusal)."""
    head = "Name,City\r\nZoë,Lyon\r\nAnn,".encode()
    last = "Besançon 😀 Œuvre ß"
    path = tmp_path / "cut.csv"
    for end in range(1, len(last.encode()) + 1):
        path.write_bytes(head + last.encode()[:end])
        whole = last.encode()[:end].decode("utf-8", "ignore")
        cut = len(whole.encode()) < end
        dialect = sniff(path)
        assert dialect.encoding == "utf-8", end
        with read_rows(path, dialect) as rows:
            assert list(rows) == [(2, ["Zoë", "Lyon"]), (3, ["Ann", whole + "\ufffd" * cut])], end
            assert rows.warnings == ([("cut_letter", 1)] if cut else []), end


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("cut", [1, 2], ids=["inside a unit", "inside a pair of units"])
def test_a_utf16_file_cut_short_in_a_letter_shows_the_lost_letter_and_says_so(tmp_path, encoding, cut):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "cut.csv"
    path.write_bytes(bom + "Name,City\r\nZoë,Lyon\r\nAnn,Besançon😀".encode(encoding)[:-cut])
    dialect = sniff(path)
    assert dialect.encoding == encoding
    with read_rows(path, dialect) as rows:
        assert list(rows) == [(2, ["Zoë", "Lyon"]), (3, ["Ann", "Besançon\ufffd"])]
        assert rows.warnings == [("cut_letter", 1)]


@pytest.mark.parametrize(("padding", "first", "first_encoding", "last", "encoding"), [
    (0, "Renée", "utf-8", "Dupré", reader.MIXED_WESTERN),  # (UTF-8 rows, then Windows-1252 ones)
    (300, "Renée", "utf-8", "Dupré", reader.MIXED_WESTERN),  # (... after the sample)
    (300, "Ann", "ascii", "Weiß", "cp1252"),  # (the only letter beyond ASCII, after the sample)
    (0, "RenÃ©e", "cp1252", "Dupré", reader.MIXED_WESTERN),  # ("Ã©": UTF-8's "é" read once as Windows-1252)
    (0, "L’Étoile", "mac-roman", "call back…", "mac-roman"),  # ("’É" is D5 83 in Mac Roman: a UTF-8 letter)
    (0, "ANDRÉ’S", "cp1252", "CAFÉ", "cp1252"),  # ("É’" is C9 92: a UTF-8 letter too, of no Western language)
    (0, "Zoë 何", "utf-8", "Heikkilä", reader.MIXED_WESTERN),  # ("何" starts with E4, as "ä" is in Windows-1252)
], ids=["mixed", "mixed, after the sample", "ascii, after the sample", "mojibake", "mac roman", "cp1252 pairs",
        "chinese"])
def test_a_last_letter_of_another_encoding_is_no_utf8_letter_cut_short(tmp_path, monkeypatch, padding, first,
                                                                       first_encoding, last, encoding):
    """A file without a line break at its end whose last letter is not UTF-8, nor the start of a UTF-8 letter its
    other text has, is read in the encoding its rows are in, every letter intact."""
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 1024)
    path = tmp_path / "till.csv"
    pad = "".join(f"Person {i},Paris\r\n" for i in range(padding)).encode("ascii")
    body = "Name,City\r\n".encode() + f"{first},Lyon\r\n".encode(first_encoding) + pad
    path.write_bytes(body + f"Marc,{last}".encode("mac-roman" if encoding == "mac-roman" else "cp1252"))
    dialect = sniff(path)
    assert dialect.encoding == encoding
    with read_rows(path, dialect) as rows:
        assert list(rows)[-1] == (3 + padding, ["Marc", last]) and rows.warnings == []


@pytest.mark.parametrize("last_block", [3, 700], ids=["a last block of a few bytes", "accents only at the start"])
def test_a_large_utf8_file_cut_short_in_a_letter_is_read_as_utf8_whatever_its_last_block(tmp_path, monkeypatch,
                                                                                        last_block):
    """A file larger than the part detection reads, cut in a letter: its UTF-8 letters before the last block (or
    its last few bytes) say it is UTF-8, and the cut letter is lost, not read as Windows-1252 ("DÃ")."""
    monkeypatch.setattr(reader, "SAMPLE_BYTES", 1024)
    monkeypatch.setattr(reader, "READ_CHUNK", 1024)
    path = tmp_path / "cut.csv"
    body = "Name,City\r\nZoë,Lyon\r\n".encode() + b"".join(f"P{i:04},Paris\r\n".encode() for i in range(400))
    last = b"Marc,D\xc3"  # (cut in "Dé": as Windows-1252, "DÃ")
    size = 1024 * (len(body) // 1024 + 2) + last_block  # (blocks of 1024 bytes after the sample, the last one short)
    path.write_bytes(body + b"Pad" + b"x" * (size - len(body) - len(last) - 11) + b",Paris\r\n" + last)
    assert path.stat().st_size % 1024 == last_block
    dialect = sniff(path)
    assert dialect.encoding == "utf-8"
    with read_rows(path, dialect) as rows:
        assert list(rows)[-1][1] == ["Marc", "D\ufffd"] and rows.warnings == [("cut_letter", 1)]


def test_a_file_said_to_be_utf8_whose_last_byte_starts_no_western_letter_is_not_taken_for_one_cut_short(tmp_path):
    """With a byte-order mark, a file is UTF-8 without looking further: a Windows-1252 "é" ending it is no letter cut
    short, but text of another encoding, said to be so (as any other)."""
    path = tmp_path / "joined.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Name,City\r\nZoë,Lyon\r\n".encode() + "Marc,Dupré".encode("cp1252"))
    assert problem(lambda: rows_of(path)).reason == "encoding"


def test_a_utf16_file_with_an_odd_byte_after_its_last_line_has_no_row_more(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "Name,City\r\nZoë,Lyon\r\n".encode("utf-16-le") + b"\n")
    with read_rows(path, sniff(path)) as rows:
        assert list(rows) == [(2, ["Zoë", "Lyon"])]


@pytest.mark.parametrize("name", ["Weiß", "José", "Forlì"])
def test_a_windows_1252_file_that_ends_in_its_only_accent_is_not_taken_for_utf8_cut_short(tmp_path, name):
    path = tmp_path / "till.csv"
    path.write_bytes(f"Email,First name,Last name\r\nann@example.com,Ann,{name}".encode("cp1252"))
    dialect = sniff(path)
    assert dialect.encoding == "cp1252"
    with read_rows(path, dialect) as rows:
        assert list(rows) == [(2, ["ann@example.com", "Ann", name])] and rows.warnings == []


# --- separators and quoting ----------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_separator_is_found(tmp_path, delimiter):
    rows = [["Name", "E-mail", "Note"], ["Ann, Lee", "ann@example.com", "says \"hi\"; waves | smiles"],
            ["Bob", "bob@example.com", ""]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = write(tmp_path / "people.csv", buf.getvalue())
    dialect = sniff(path)
    assert dialect.delimiter == delimiter
    assert [read_header(path, dialect)] + [cells for _, cells in rows_of(path, dialect)] == rows


def test_semicolons_win_over_decimal_commas(tmp_path):
    path = write(tmp_path / "sales.csv", "Kunde;Betrag;Datum\r\nAnn;12,50;03.04.2024\r\nBob;7,00;04.04.2024\r\n"
                                         "Cem;1,99;05.04.2024\r\n")
    assert sniff(path).delimiter == ";"


def test_a_user_delimiter_wins_and_may_be_named(tmp_path):
    path = write(tmp_path / "people.csv", "a;b,c\r\n1;2,3\r\n")
    assert sniff(path).delimiter in (",", ";")
    assert sniff(path, delimiter=";").delimiter == ";"
    assert sniff(path, delimiter="semicolon").delimiter == ";"
    assert sniff(path, delimiter="tab").delimiter == "\t"
    for bad in ["", "ab", '"', "x"]:
        with pytest.raises(InvalidValue):
            sniff(path, delimiter=bad)


def test_doubled_quotes_and_line_breaks_inside_quotes(tmp_path):
    text = 'Name,Note\r\n"Ann ""Nan"" Lee","first line\r\nsecond line"\r\nBob,"one\nmore\rthree"\r\nCem,plain\r\n'
    path = write(tmp_path / "people.csv", text)
    assert rows_of(path) == [(2, ['Ann "Nan" Lee', "first line\r\nsecond line"]),
                             (3, ["Bob", "one\nmore\rthree"]), (4, ["Cem", "plain"])]


@pytest.mark.parametrize(("ending", "name"), [("\r\n", "\r\n"), ("\n", "\n"), ("\r", "\r")])
def test_line_ends_of_each_kind(tmp_path, ending, name):
    path = write(tmp_path / "people.csv", ending.join(["Name,City", "Ann,Paris", "Bob,Rome"]) + ending)
    dialect = sniff(path)
    assert dialect.line_ending == name
    assert rows_of(path, dialect) == [(2, ["Ann", "Paris"]), (3, ["Bob", "Rome"])]


def test_blank_lines_before_the_header_count_as_rows(tmp_path):
    path = write(tmp_path / "people.csv", "\r\n\r\n,,\r\nName,City,Note\r\nAnn,Paris,\r\n\r\nBob,Rome,x\r\n")
    dialect = sniff(path)
    assert dialect.header_row == 3
    assert read_header(path, dialect) == ["Name", "City", "Note"]
    stream = read_rows(path, dialect)
    assert list(stream) == [(5, ["Ann", "Paris", ""]), (7, ["Bob", "Rome", "x"])]
    assert stream.blank_rows == 1


def test_excel_sep_line_sets_the_separator_and_is_not_a_row(tmp_path):
    path = write(tmp_path / "people.csv", "sep=;\r\nName;Amount\r\nAnn;1,50\r\n", "cp1252")
    dialect = sniff(path)
    assert (dialect.delimiter, dialect.sep_line, dialect.header_row) == (";", True, 1)
    assert read_header(path, dialect) == ["Name", "Amount"]
    assert rows_of(path, dialect) == [(2, ["Ann", "1,50"])]


def test_a_title_line_above_the_table_is_skipped(tmp_path):
    path = write(tmp_path / "export.csv", "Customers exported 2024-05-01;;;\r\nName;City;E-mail;Phone\r\n"
                                          "Ann;Paris;ann@example.com;0612345678\r\n")
    dialect = sniff(path)
    assert dialect.header_row == 1
    assert read_header(path, dialect) == ["Name", "City", "E-mail", "Phone"]


def test_a_reports_heading_of_several_lines_above_the_table_is_skipped(tmp_path):
    """A till's report (Zettle's): a title, the company, the period and its dates, a blank line, then the table."""
    heading = "Purchases report,,,,,,\r\nCafé Élodie Ltd,,,,,,\r\nPeriod:,01/10/2026 - 31/10/2026,,,,,\r\n" * 3
    table = "Date,Time,Receipt number,Total,Fee,Net,Payment method\r\n05/10/2026,09:14,1041,5.60,0.10,5.50,Card\r\n"
    path = write(tmp_path / "report.csv", heading + ",,,,,,\r\n" + table)
    dialect = sniff(path)
    assert dialect.header_row == 10
    assert read_header(path, dialect)[:3] == ["Date", "Time", "Receipt number"]


@pytest.mark.parametrize(("text", "header"), [
    # lines of text without the table's separators (as typed above a table in a spreadsheet or a text editor)
    ("Ventes de janvier 2025\r\nBoulangerie Martin\r\nPériode : 01/01/2025 - 31/01/2025\r\n\r\n"
     "Date;Ticket;Montant\r\n01/01/2025;1;5,00\r\n02/01/2025;2;6,00\r\n03/01/2025;3;7,00\r\n", "Date"),
    # a title with the separator in its words
    ("Sales report\r\nBoulangerie Martin, Lyon\r\nDate,Receipt,Amount\r\n2025-01-01,1,5.00\r\n", "Date"),
    # a title typed in two cells of a wider table, one of three cells, one padded by a spreadsheet
    ("Corner Cafe - sales,,March 2025,,\r\nDate,Receipt number,Amount,Payment method,Staff\r\n"
     "03/03/2025 09:10,1001,12.50,Card,Anna\r\n03/03/2025 09:20,1002,2.50,Card,Anna\r\n", "Date"),
    ("Sales by receipt, Corner Cafe, 01/03/2025 - 31/03/2025\r\nDate,Receipt number,Amount,Payment method,Staff\r\n"
     "03/03/2025 09:10,1001,12.50,Card,Anna\r\n", "Date"),
    ("Customers,,\r\nExported on,01/05/2024,\r\nName,Email,Phone\r\nAnn Lee,ann@example.com,0612345678\r\n"
     "Bob Ray,bob@example.com,0612345679\r\n", "Name"),
    ("Sales report,,\r\nPeriod,01/10/2026 - 31/10/2026,\r\n,,\r\nDate,Receipt,Amount\r\n05/10/2026,1041,5.60\r\n",
     "Date"),
    # a one-day report: more lines of heading than rows of data
    ("Sales report\r\nCompany,Café Élodie Ltd\r\nPeriod,01/10/2026 - 31/10/2026\r\n\r\n"
     "Date,Time,Receipt number,Customer,Email,Total,Payment method\r\n05/10/2026,09:14,1041,Ann,ann@example.com,5.60,"
     "Card\r\n", "Date"),
    # a title above a table of two columns, with or without its spreadsheet's separator
    ("Customer list\r\nName,Email\r\nAnn Lee,ann@example.com\r\nBob Ray,bob@example.com\r\n", "Name"),
    ("Customer list,\r\nName,Email\r\nAnn Lee,ann@example.com\r\nBob Ray,bob@example.com\r\n", "Name"),
    # a title above a header of names the import knows: padded to the table's width, or above one column
    ("Sales report,Corner Cafe,March 2025,,\r\nDate,Receipt number,Email,Amount,Staff\r\n"
     "03/03/2025,1001,ann@example.com,12.50,Anna\r\n03/03/2025,1002,,2.50,Anna\r\n", "Date"),
    ("Newsletter subscribers\r\nEmail\r\nann@example.com\r\nbob@example.com\r\n", "Email"),
    ("Customers,\r\nName,City\r\nAnn Lee,Paris\r\nBob Ray,Lyon\r\n", "Name"),
    ("Contact\r\nName,Email\r\nAnn Lee,ann@example.com\r\n", "Name"),
    # a header in two rows: the groups' names above the columns'
    ("Customer,,Address,\r\nName,Email,Street,City\r\nAnn Lee,ann@example.com,1 rue Haute,Paris\r\n", "Name"),
    ("Name,,Contact,,Address\r\nFirst,Last,Email,Phone,City\r\nAnn,Lee,ann@example.com,07911 123456,Leeds\r\n"
     "Bob,Stone,bob@example.com,07911 654321,York\r\n", "First"),  # (its groups' names the import knows too)
    ("Name,,Address\r\nFirst,Last,City\r\nAnn,Lee,Leeds\r\nBob,Stone,York\r\n", "First"),
    # not a title: a header, or a row of data, whatever words the import knows the rows under it hold; a title
    # that is such a word
    ("Customer,Preferred contact,Heard of us via,Kind\r\nAnn Lee,Email,Newsletter,Business\r\n"
     "Bob Ray,Phone,Flyer,Private\r\n", "Customer"),
    ("Dubois Marie;Lyon;Client;Newsletter\r\nMartin Paul;Bron;Client;Newsletter\r\n", "Dubois Marie"),
    ("Total;;;;\r\nSemaine;Boutique;CA;Tickets;Panier moyen\r\nS1;Lyon;\"1 204,50\";312;\"3,86\"\r\n"
     "S2;Lyon;\"1 100,00\";300;\"3,67\"\r\n", "Semaine"),
    ("Sales\r\nItem;Sold;Revenue\r\nBaguette;120;144,00\r\nCroissant;80;96,00\r\n", "Item"),
    # a header whose columns are years, or quarters
    ("Sales by customer,2023-2024,,\r\nCustomer,Email,2023,2024\r\nAnn Lee,ann@example.com,120.00,80.00\r\n",
     "Customer"),
    ("Customer spend,2024,,,\r\nCustomer,Q1 2024,Q2 2024,Q3 2024,Q4 2024\r\nAnn Lee,10,20,30,40\r\n"
     "Bob Ray,1,2,3,4\r\n", "Customer"),
    # not a title: a header above rows that each end in a separator, or that each have a cell more (a figure, or
    # words), or a comma in their words
    ("Date,Amount\r\n2025-01-01,5.00,\r\n2025-01-02,6.00,\r\n", "Date"),
    ("Date,Email,Phone\r\n2025-01-01,ann@example.com,0612345678,VIP\r\n2025-01-02,bob@example.com,0612345679,\r\n",
     "Date"),
    ("First Name,Last Name,Company\r\nAnn,Lee,Acme,\r\nBob,Ray,Initech,\r\n", "First Name"),
    ("Name,City\r\nAnn Lee,Paris,VIP\r\nBob Ray,Lyon,called back\r\nCem Oz,Nice,\r\n", "Name"),
    ("Name,Company,City\r\nAnn Lee,Acme, Inc.,Paris\r\nBob Ray,Initech, LLC,Lyon\r\nCem Oz,Globex,Nice\r\n", "Name"),
    ("Name,Company\r\nAnn Lee,Acme, Inc.\r\nBob Ray,Initech\r\n", "Name"),
    ("Name,Company\r\nAnn Lee,Acme, Inc.\r\n", "Name"),
    ("Name,Email,,,,\r\nAnn Lee,ann@example.com,0612345678,Paris,VIP,\r\nBob Ray,bob@example.com,,Lyon,,\r\n",
     "Name"),  # (its other columns unnamed)
    (",,Name,City\r\n,,Ann Lee,Paris\r\nVIP,,Bob Ray,Lyon\r\n", ""),
    # nor in a list of one column, one of its names with a comma
    ("Name\r\nAnn Lee\r\nBob Ray\r\nDupont, Marie\r\nCem Oz\r\n", "Name")])
def test_lines_of_text_above_a_table_are_titles_and_a_narrow_header_is_not(tmp_path, text, header):
    path = write(tmp_path / "sales.csv", text)
    dialect = sniff(path)
    assert read_header(path, dialect)[0] == header


def test_ragged_rows_are_padded_or_keep_their_extra_cells(tmp_path):
    path = write(tmp_path / "people.csv", "Name,City,Note\r\nAnn,Paris\r\nBob,Rome,x,,\r\nCem,Oslo,y,surprise\r\n"
                                          "Dee,Bern,z\r\n")
    stream = read_rows(path, sniff(path))
    assert list(stream) == [(2, ["Ann", "Paris", ""]), (3, ["Bob", "Rome", "x"]),
                            (4, ["Cem", "Oslo", "y", "surprise"]), (5, ["Dee", "Bern", "z"])]
    assert (stream.short_rows, stream.long_row_count, stream.long_rows) == (1, 1, [4])
    assert ("long_rows", 1) in stream.warnings


def test_single_column_files_read(tmp_path):
    path = write(tmp_path / "emails.csv", "Email\r\nann@example.com\r\nbob@example.com\r\n")
    dialect = sniff(path)
    assert read_header(path, dialect) == ["Email"]
    assert [cells for _, cells in rows_of(path, dialect)] == [["ann@example.com"], ["bob@example.com"]]


def test_preview_gives_the_first_rows(tmp_path):
    path = write(tmp_path / "people.csv", "Name\r\n" + "".join(f"P{i}\r\n" for i in range(50)))
    dialect = sniff(path)
    assert preview(path, dialect, 3) == [["P0"], ["P1"], ["P2"]]
    assert len(preview(path, dialect)) == 20
    assert preview(path, dialect, 0) == []


# --- bad files -----------------------------------------------------------------------------------

def test_a_missing_file_or_a_folder(tmp_path):
    assert problem(lambda: sniff(tmp_path / "nope.csv")).reason == "not_found"
    assert problem(lambda: sniff(tmp_path)).reason == "unreadable"


@pytest.mark.parametrize("content", [b"", codecs.BOM_UTF8, b"\r\n\r\n  \r\n", b",,,\r\n,,\r\n", codecs.BOM_UTF16_LE])
def test_empty_files(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    found = problem(lambda: sniff(path))
    assert found.reason == "empty" and found.path == path


@pytest.mark.parametrize("text", ["Name,City\r\n", "Name,City", "Name,City\r\n\r\n,\r\n"])
def test_a_header_without_rows(tmp_path, text):
    path = write(tmp_path / "header.csv", text)
    found = problem(lambda: sniff(path))
    assert (found.reason, found.detail) == ("header_only", "only the column names Name, City")
    dialect = Dialect("utf-8", ",")
    found = problem(lambda: rows_of(path, dialect))
    assert (found.reason, found.detail) == ("header_only", "only the column names Name, City")


@pytest.mark.parametrize("rows", [2, 30_000])  # (a file read whole to choose how to read it, and one that is not)
@pytest.mark.parametrize("row_end", ["cr", "crlf"])
def test_rows_chosen_to_end_at_a_line_break_the_file_does_not_end_them_with_are_that_choices_problem(
        tmp_path, rows, row_end):
    path = write(tmp_path / "lf.csv", "Name,City\n" + "".join(f"Ann {i},Lyon\n" for i in range(rows)))
    with pytest.raises(InvalidValue) as caught:
        dialect = sniff(path, row_end=row_end)
        list(rows_of(path, dialect))
    assert (caught.value.field, caught.value.value, caught.value.problem) == ("line ends", row_end, "row_end")
    assert "\U000f0a0a" not in str(caught.value)  # (what stands in for a line break while a row is read)
    assert len(list(rows_of(path, sniff(path, row_end="any")))) == rows


@pytest.mark.parametrize(("content", "says"), [
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), ".xls"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"%PDF-1.7\n" + bytes(100), "PDF"),
    (b"SQLite format 3\x00" + bytes(100), "SQLite"),
])
def test_known_binary_files_say_what_they_are(tmp_path, content, says):
    path = tmp_path / "customers.csv"
    path.write_bytes(content)
    found = problem(lambda: sniff(path))
    assert found.reason == "binary" and says in found.detail


def test_bytes_full_of_nuls_or_control_characters_are_binary(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(bytes(range(256)) * 40)
    assert problem(lambda: sniff(path)).reason == "binary"
    path.write_bytes(b"Name,Code\r\n" + b"Ann,\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\r\n" * 50)
    assert problem(lambda: sniff(path)).reason == "binary"


def test_a_few_nul_bytes_in_a_text_file_are_removed_and_counted(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,City\r\n" + b"Ann,Par\x00is\r\n" + b"Bob,Rome\r\n" * 300)
    stream = read_rows(path, sniff(path))
    first = next(stream)
    assert first == (2, ["Ann", "Paris"])
    assert len(list(stream)) == 300
    assert stream.nul_characters == 1 and ("nul_characters", 1) in stream.warnings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "utf-16"])
def test_a_file_ending_in_nul_bytes_is_read_without_them(tmp_path, encoding):
    """A file cut short while it was saved or copied is filled up with NUL bytes: its rows are text all the same."""
    path = tmp_path / "people.csv"
    path.write_bytes("Name,Email\r\nAnn Smith,ann@x.com\r\nBob Li,bob@x.com\r\n".encode(encoding) + b"\x00" * 4096)
    dialect = sniff(path)
    assert dialect.encoding.startswith(encoding[:6])
    stream = read_rows(path, dialect)
    assert list(stream) == [(2, ["Ann Smith", "ann@x.com"]), (3, ["Bob Li", "bob@x.com"])]
    assert dict(stream.warnings) == {"nul_tail": 1}  # said to be cut short, not to hold stray NULs


def test_a_long_file_ending_in_more_nul_bytes_than_a_line_holds_is_read_and_said_cut_short(tmp_path, monkeypatch):
    """The sample of a file larger than it does not reach the NULs: they are left out as the rows are read, however
    many (a line's limit is for what it holds besides them), and said to end a file cut short."""
    monkeypatch.setattr(reader, "LINE_LIMIT", 500)
    path = tmp_path / "people.csv"
    rows = [f"Customer {i},c{i}@x.com\r\n" for i in range(reader.SAMPLE_BYTES // 20)]
    path.write_bytes(("Name,Email\r\n" + "".join(rows) + "Last One,la").encode() + b"\x00" * 5000)
    stream = read_rows(path, sniff(path))
    read = list(stream)
    assert len(read) == len(rows) + 1 and read[-1][1] == ["Last One", "la"]
    assert dict(stream.warnings) == {"nul_tail": 1}
    path.write_bytes(("Name,Email\r\n" + "".join(rows) + "Last One,la").encode() + b"\x00" * 5000 + b"st\r\n")
    found = problem(lambda: list(read_rows(path, sniff(path))))  # (NULs inside a line longer than a line's limit)
    assert found.reason == "field_too_large"


def test_nul_bytes_inside_a_file_are_no_tail_however_many_a_line_holds(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Note\r\nAnn," + b"\x00" * 40 + b"\r\nBob,ok\r\n" + b"Cem,ok\r\n" * 1000)
    stream = read_rows(path, sniff(path))
    assert len(list(stream)) == 1002
    assert dict(stream.warnings) == {"nul_characters": 40}


@pytest.mark.parametrize("rows", [1, 300])
def test_stray_nul_bytes_are_removed_in_a_short_file_as_in_a_long_one(tmp_path, rows):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,City\r\nAnn,Par\x00is\r\nBob,\x00Rome\x00\r\n" + b"Cem,Oslo\r\n" * rows)
    stream = read_rows(path, sniff(path))
    assert list(stream)[:2] == [(2, ["Ann", "Paris"]), (3, ["Bob", "Rome"])]
    assert ("nul_characters", 3) in stream.warnings


def test_bare_line_breaks_inside_the_cells_of_a_windows_file_stay_in_their_cell(tmp_path):
    path = write(tmp_path / "till.csv", "Name,Note,City\r\nAnn,likes tea\nand cake,Paris\r\nBob,,Rome\r\n"
                                        'Cem,"quoted\nline",Oslo\r\n')
    dialect = sniff(path)
    assert dialect.row_end == "\r\n"  # shown as detected, and can be changed
    assert rows_of(path, dialect) == [(2, ["Ann", "likes tea\nand cake", "Paris"]), (3, ["Bob", "", "Rome"]),
                                      (4, ["Cem", "quoted\nline", "Oslo"])]
    # Line breaks inside quotes only: rows end at any line break, as before.
    quoted = write(tmp_path / "excel.csv", 'Name,Note\r\nAnn,"likes tea\nand cake"\r\nBob,x\nCem,y\r\n')
    assert sniff(quoted).row_end == ""


def test_a_one_megabyte_cell_is_fine(tmp_path):
    big = "x" * 1_000_000
    path = write(tmp_path / "big.csv", f'Name,Notes\r\nAnn,"{big}"\r\nBob,short\r\n')
    assert rows_of(path) == [(2, ["Ann", big]), (3, ["Bob", "short"])]


def test_a_cell_over_the_limit_names_its_row(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "FIELD_LIMIT", 1000)
    path = write(tmp_path / "broken.csv", 'Name,Notes\r\nAnn,ok\r\nBob,"never closed\r\n' + "words\r\n" * 300)
    found = problem(lambda: rows_of(path))
    assert (found.reason, found.row) == ("field_too_large", 3)


def test_a_line_without_end_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "LINE_LIMIT", 5000)
    path = write(tmp_path / "long.csv", "Name,Notes\r\nAnn,ok\r\nBob," + "y" * 20_000)
    found = problem(lambda: rows_of(path))
    assert (found.reason, found.row) == ("field_too_large", 3)


class _Vanishing(io.BytesIO):
    """A file whose disk goes away after `limit` bytes have been read."""

    def __init__(self, data: bytes, limit: int):
        super().__init__(data)
        self.limit = limit

    def read(self, size=-1):
        if self.tell() >= self.limit:
            raise OSError(5, "Input/output error")
        return super().read(size)

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@pytest.mark.parametrize("text", [
    'Name,City,Notes\nZoë,Lyon,"fine\nstill fine"\nAnn,"Paris,x\nBob,Leeds,y\nCy,Nice,z\n',  # (to the end)
    'Name,City,Notes\nZoë,Lyon,"fine\nstill fine"\nAnn,"Paris,x\nBob,Leeds,y\nCy,Nice,"z"\n',  # (closed later)
])
def test_a_quote_never_closed_leaves_the_rows_it_would_run_together_rows(tmp_path, text):
    """A stray quote would make one cell of the lines up to the next quote: each is a row again (and said so), the
    stray quote plain text in its own."""
    broken = tmp_path / "broken.csv"
    broken.write_text(text, encoding="utf-8")
    with read_rows(broken, sniff(broken)) as rows:
        assert list(rows) == [(2, ["Zoë", "Lyon", "fine\nstill fine"]), (3, ["Ann", '"Paris', "x"]),
                              (4, ["Bob", "Leeds", "y"]), (5, ["Cy", "Nice", "z"])]
        assert rows.warnings == [("stray_quotes", 1)] and rows.warning_rows == {"stray_quotes": [3]}  # (which row)
    # lines that are no rows of their own (two columns: too few separators to tell), run to the end of the file
    broken.write_text('Name,Notes\nZoë,fine\nAnn,"hello\nBob,x\nCy,y\n', encoding="utf-8")
    with pytest.raises(ImportFileProblem) as caught:
        list(read_rows(broken, sniff(broken)))
    assert (caught.value.reason, caught.value.row) == ("unclosed_quote", 3)
    assert caught.value.detail == "the 3 lines from there to the end of the file would be one cell"
    # an odd count of quotes in rows that are right: an inch mark beside a note over two lines, or a quoted amount
    fine = tmp_path / "fine.csv"
    fine.write_text('First name,Last name,Email,Notes,Company\nAnn,Lee,ann@x.com,"Deliver to\nback door",12" Pizza\n',
                    encoding="utf-8")
    assert list(read_rows(fine, sniff(fine))) == [(2, ["Ann", "Lee", "ann@x.com", "Deliver to\nback door", '12" Pizza'])]
    fine.write_text('Date,Receipt,Email,Description,Amount,Note\n2024-03-13,1001,ann@x.com,27" monitor,"1,250.00"\n',
                    encoding="utf-8")
    assert list(read_rows(fine, sniff(fine)))[0][1][3:5] == ['27" monitor', "1,250.00"]
    # A last cell over several lines, its quote closed, and a stray quote in a one-line last row are rows.
    for text in ('Name,Notes\nAnn,"one\n""two""\nthree"\n', 'Name,Notes\nAnn,"one\ntwo"\nBob,12" pizza\n'):
        fine = tmp_path / "fine.csv"
        fine.write_text(text, encoding="utf-8")
        assert [cells[0] for _, cells in read_rows(fine, sniff(fine))] == (["Ann"] if "pizza" not in text
                                                                          else ["Ann", "Bob"])


def test_a_stray_quote_closed_by_an_inch_mark_rows_later_leaves_those_rows_rows(tmp_path):
    """Its quote count even, the lines from the stray quote to a later row's inch mark were one cell: three customers
    went into the first one's last name, and only "a row had fewer cells" was said."""
    path = tmp_path / "list.csv"
    path.write_text('First Name,Last Name,Email,Notes\r\nEli,"Cohen,eli@example.com,\r\n'
                    'Frank,Ocean,frank@example.com,\r\nHugo,Boss,hugo@example.com,bought 27" monitor\r\n'
                    'Ida,Nord,ida@example.com,\r\n', encoding="utf-8")
    with read_rows(path, sniff(path)) as rows:
        assert list(rows) == [(2, ["Eli", '"Cohen', "eli@example.com", ""]),
                              (3, ["Frank", "Ocean", "frank@example.com", ""]),
                              (4, ["Hugo", "Boss", "hugo@example.com", 'bought 27" monitor']),
                              (5, ["Ida", "Nord", "ida@example.com", ""])]
        assert rows.warnings == [("stray_quotes", 1)]
    # a note over several lines, closed as it should be, in rows of one cell more than the header (a till's ";" at
    # each row's end): its lines are the note's, however many separators they hold
    path.write_text('Nom;E-mail;Remarques\nMartin Anne;anne@example.fr;"Cliente depuis 2015;\ntailles: 38; 40; M\n'
                    'ne pas appeler le lundi";\nDurand Paul;paul@example.fr;;\n', encoding="utf-8")
    assert [cells[:3] for _, cells in read_rows(path, sniff(path))] == [
        ["Martin Anne", "anne@example.fr", "Cliente depuis 2015;\ntailles: 38; 40; M\nne pas appeler le lundi"],
        ["Durand Paul", "paul@example.fr", ""]]


def test_a_file_that_vanishes_while_it_is_read(tmp_path, monkeypatch):
    text = "Name,City\r\n" + "".join(f"Person {i},Paris\r\n" for i in range(5000))
    path = write(tmp_path / "people.csv", text)
    dialect = sniff(path)
    monkeypatch.setattr(reader, "_open_binary", lambda p: _Vanishing(text.encode(), 20_000))
    stream = read_rows(path, dialect)
    got = []
    with pytest.raises(ImportFileProblem) as caught:
        for row in stream:
            got.append(row)
    assert caught.value.reason == "vanished" and caught.value.row == len(got) + 2
    assert got and got[-1][0] == len(got) + 1


def test_a_file_deleted_between_sniff_and_read(tmp_path):
    path = write(tmp_path / "people.csv", "Name\r\nAnn\r\n")
    dialect = sniff(path)
    path.unlink()
    assert problem(lambda: rows_of(path, dialect)).reason == "not_found"


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        dialect = sniff(path)
        count = sum(1 for _ in read_rows(path, dialect))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_memory_does_not_grow_with_the_file(tmp_path):
    line = "Firstname Lastname,someone@example.com,+33 6 12 34 56 78,12 rue de la Paix,75002,Paris\r\n"
    peaks = []
    for lines in (10_000, 60_000):
        path = tmp_path / f"{lines}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("Name,E-mail,Phone,Street,Postal code,City\r\n")
            f.writelines(line for _ in range(lines))
        count, peak = _peak_while_reading(path)
        assert count == lines
        peaks.append(peak)
    assert path.stat().st_size > 5_000_000
    assert peaks[1] < 1.2 * peaks[0] + 100_000 and peaks[1] < 4_000_000, peaks


# --- quotes, the header row and where rows end: detected, or as the user says ---------------------


def test_cells_quoted_with_single_quotes_are_detected(tmp_path):
    path = write(tmp_path / "single.csv", "Name,Notes\r\n'Lee, Ann','says ''hi'''\r\n'Bob','x'\r\n")
    dialect = sniff(path)
    assert dialect.quotechar == "'"
    assert [cells for _, cells in rows_of(path, dialect)] == [["Lee, Ann", "says 'hi'"], ["Bob", "x"]]


def test_values_in_single_quotes_under_a_plain_header_lose_their_quotes(tmp_path):
    """Most cells in single quotes, and no cell holds the separator: the quotes are the file's, not the text's."""
    path = write(tmp_path / "values.csv", "Name;Notes\n'Ann';'a,b'\n'Bob';'x'\n'Cy';\n")
    dialect = sniff(path)
    assert dialect.quotechar == "'"
    assert [cells for _, cells in rows_of(path, dialect)] == [["Ann", "a,b"], ["Bob", "x"], ["Cy", ""]]


def test_apostrophes_spreadsheet_guards_and_quoted_nicknames_are_text(tmp_path):
    path = write(tmp_path / "names.csv", "Name,Phone,Nickname\r\nO'Brien,'0612,'Bobby'\r\nd'Arc,'0698,'Jo'\r\n"
                                         "Ann,'0611,'Annie'\r\n")
    assert sniff(path).quotechar == '"'
    assert rows_of(path)[0][1] == ["O'Brien", "'0612", "'Bobby'"]


def test_quotes_can_be_read_as_plain_text(tmp_path):
    path = write(tmp_path / "sizes.csv", 'Name,Size\r\n"Big" Tom,5"\r\nAnn,"6"\r\n')
    assert rows_of(path)[0][1] == ["Big Tom", '5"']  # (read with quotes, the first cell loses them)
    dialect = sniff(path, quote="none")
    assert dialect.quotechar == ""
    assert [cells for _, cells in rows_of(path, dialect)] == [['"Big" Tom', '5"'], ["Ann", '"6"']]
    assert sniff(path, quote="single").quotechar == "'"
    assert problem_value(lambda: sniff(path, quote="backtick")).field == "quote"


def problem_value(call) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(("text", "unnamed"), [
    ("Ann Smith;ann@x.com;06 12 34 56 78\r\nBob Li;bob@x.com;07 61 22 33 44\r\n", 3),  # an email
    ("\r\nR1,2025-04-01,10.00,Ann\r\nR2,2025-04-02,20.00,Bob,extra\r\n", 5),  # two figures; the widest row's
    ("Name;E-mail @;City\r\nAnn;ann@x.com;Lyon\r\n", 0),  # (one "@" in a name is no email)
    ("Name,Phone,Since\r\nAnn,06 12 34 56 78,2024\r\n", 0),
    ("0,1,2\r\nAnn,06 12 34 56 78,Lyon\r\n", 0),  # (columns numbered, as some programs write them)
])
def test_a_file_whose_first_row_is_one_of_data_has_no_row_of_column_names(tmp_path, text, unnamed):
    """A first row with an email address, or two figures, is a customer or a sale: no row of column names would be
    written so. Read as one, it was lost from the import."""
    path = write(tmp_path / "list.csv", text)
    dialect = sniff(path)
    assert dialect.unnamed_columns == unnamed
    rows = [line for line in text.split("\r\n") if line]
    if unnamed:
        assert read_header(path, dialect) == [""] * unnamed
        expected = [line.split(dialect.delimiter) for line in rows]
        assert [cells[:len(row)] for (_, cells), row in zip(rows_of(path, dialect), expected)] == expected
        assert len(rows_of(path, dialect)) == len(expected)
        assert rows_of(path, dialect)[0][0] == text.split("\r\n").index(rows[0]) + 1  # (its row number)
    else:
        assert read_header(path, dialect) == rows[0].split(dialect.delimiter)


def test_the_header_row_can_be_given(tmp_path):
    path = write(tmp_path / "report.csv", "Customers,,\r\nName,Email,City\r\nAnn,ann@example.com,Lyon\r\n"
                                          "Bob,bob@example.com,Paris\r\n")
    # Given as row 2, the header is row 2; given as row 3, Ann's row is the header.
    dialect = sniff(path, header_row=2)
    assert read_header(path, dialect) == ["Name", "Email", "City"]
    assert [n for n, _ in rows_of(path, dialect)] == [3, 4]
    other = sniff(path, header_row=3)
    assert read_header(path, other) == ["Ann", "ann@example.com", "Lyon"] and rows_of(path, other) == [
        (4, ["Bob", "bob@example.com", "Paris"])]
    assert "not there" in problem_value(lambda: sniff(path, header_row=9)).detail
    assert problem_value(lambda: sniff(path, header_row=-1)).field == "header row"
    # given as 0, the file has no row of column names: every row is one of data, its columns numbered
    none = sniff(path, header_row=0)
    assert none.unnamed_columns == 3 and read_header(path, none) == ["", "", ""]
    assert [n for n, _ in rows_of(path, none)] == [1, 2, 3, 4]
    blank = write(tmp_path / "blank.csv", "\r\nName,City\r\nAnn,Lyon\r\n")
    assert "empty" in problem_value(lambda: sniff(blank, header_row=1)).detail


@pytest.mark.parametrize("end, inside, name", [("\r\n", "\n", "crlf"), ("\r\n", "\r", "crlf"), ("\r", "\n", "cr"),
                                               ("\n", "\r", "lf")])
def test_rows_can_end_only_at_one_kind_of_line_break(tmp_path, end, inside, name):
    text = f"Name,Notes{end}Ann,line one{inside}line two{end}Bob,x{end}Cy,\"quoted{end}break\"{end}"
    path = write(tmp_path / "notes.csv", text)
    # Rows of a Windows file end at CR LF when that is what gives every row its cells; elsewhere any line
    # break ends a row, and "line two" is a row of its own.
    assert len(rows_of(path)) == (3 if end == "\r\n" else 4)
    dialect = sniff(path, row_end=name)
    assert dialect.row_end == end
    assert rows_of(path, dialect) == [(2, ["Ann", f"line one{inside}line two"]), (3, ["Bob", "x"]),
                                      (4, ["Cy", f"quoted{end}break"])]
    assert read_header(path, dialect) == ["Name", "Notes"]
    assert problem_value(lambda: sniff(path, row_end="semicolon")).field == "line ends"


# --- more rows than an import takes ---------------------------------------------------------


def _numbered(path: Path, rows: int, end: str = "\r\n", blank_lines: int = 0) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(f"Name,Notes{end}")
        f.write(end * blank_lines)
        f.writelines(f'Ann {i},"one{end}two"{end}' for i in range(rows))
    return path


def test_reading_stops_at_the_row_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    path = _numbered(tmp_path / "six.csv", 6)
    with read_rows(path, sniff(path)) as rows:
        assert [cells[0] for _, (_, cells) in zip(range(5), rows)] == [f"Ann {i}" for i in range(5)]
        found = problem(lambda: next(rows))
    assert found.reason == "too_many_rows" and "more than 5 rows" in found.detail
    assert len(rows_of(_numbered(tmp_path / "five.csv", 5))) == 5


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"])
def test_check_size_counts_line_breaks_and_reads_rows_only_when_they_could_be_too_many(tmp_path, monkeypatch, end):
    monkeypatch.setattr(reader, "MAX_ROWS", 20)
    read = []
    real = reader.read_rows
    monkeypatch.setattr(reader, "read_rows", lambda *a: read.append(a) or real(*a))
    # 9 rows with a quoted line break each: 19 line breaks with the header's, so no row is read.
    small = _numbered(tmp_path / "small.csv", 9, end)
    reader.check_size(small, sniff(small))
    assert read == []
    # 10 such rows: 21 line breaks, which could be 21 rows; read, they are 10.
    ten = _numbered(tmp_path / "ten.csv", 10, end)
    reader.check_size(ten, sniff(ten))
    assert len(read) == 1
    # Blank lines are not rows either.
    blanks = _numbered(tmp_path / "blanks.csv", 3, end, blank_lines=40)
    reader.check_size(blanks, sniff(blanks))
    many = _numbered(tmp_path / "many.csv", 21, end)
    assert problem(lambda: reader.check_size(many, sniff(many))).reason == "too_many_rows"


def test_a_cr_lf_split_between_two_blocks_is_one_line_break(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 4)  # 4 line breaks: no more rows than that, nothing read
    path = write(tmp_path / "three.csv", "Name\r\nAnn\r\nBob\r\nCy\r\n")
    monkeypatch.setattr(reader, "COUNT_BLOCK", 5)  # "Name\r" | "\nAnn\r" | "\nBob\r" ...: each CR LF split
    monkeypatch.setattr(reader, "read_rows", lambda *a: pytest.fail("4 line breaks read as more"))
    reader.check_size(path, sniff(path))


def test_a_file_of_a_million_and_more_rows_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Name\n")
        f.writelines("a\n" for _ in range(reader.MAX_ROWS + 1))
        f.writelines("b\n" for _ in range(200_000))
    tracemalloc.start()
    try:
        found = problem(lambda: reader.check_size(path, sniff(path)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.reason == "too_many_rows" and found.row == reader.MAX_ROWS + 2
    assert peak < 12_000_000, peak  # a block at a time (4 MiB), not the file


# --- property: what csv writes, the reader reads back ------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=12) | \
    st.sampled_from(["", " ", "a,b", 'say "hi"', "two\r\nlines", "one\nline", "x;y|z\tw", "Zoë", "€ 12,50", "'0612", "'a,b'", "O'Brien"])
_NAME = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=10)
_HEADER = st.sampled_from(["Name", "First name", "City", "E-mail", "Phone", "Notes", "Company", "Street", "Société",
                           "Straße", "Código postal"])
DELIMS = [",", ";", "\t", "|"]
_WESTERN = st.sampled_from(["Müller", "José", "Zoë", "Œuvre", "€ 12,50", "naïve café", "Ærø", "ß", "Ann", "12",
                            "", "a,b", 'q"q', "line\r\nbreak", "Fête; fin", "Ça va | oui"])


def _table(cells, names):
    return st.integers(2, 5).flatmap(lambda width: st.tuples(
        st.lists(names, min_size=width, max_size=width, unique_by=str.casefold).filter(
            lambda names: not names[0].lower().startswith("sep")),
        st.lists(st.lists(cells, min_size=width, max_size=width).filter(lambda r: "".join(r).strip()),
                 min_size=1, max_size=6)))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=_table(_TEXT, _NAME), delimiter=st.sampled_from(DELIMS),
       ending=st.sampled_from(["\r\n", "\n", "\r"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_table_round_trips_through_csv_in_utf(tmp_path, table, delimiter, ending, encoding):
    header, rows = table
    # A row of the column names again is no row (test_the_column_names_again_in_the_middle_of_the_file_are_no_row);
    # a row of two names the import knows under a line of names it does not is the header, under a title line
    assume(all([c.strip() for c in row] != [h.strip() for h in header] for row in rows))
    assume(any(map(names_a_field, header)) or all(sum(map(names_a_field, row)) < 2 for row in rows))
    # a row of names that read as data (an email, two figures) is a row: the file has no row of column names
    # (test_a_file_whose_first_row_is_one_of_data_has_no_row_of_column_names)
    assume(not reader._holds_data(header))
    _round_trip(tmp_path, header, rows, delimiter, ending, encoding)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=_table(_WESTERN, _HEADER), delimiter=st.sampled_from(DELIMS), ending=st.sampled_from(["\r\n", "\n", "\r"]))
def test_western_tables_round_trip_through_windows_1252(tmp_path, table, delimiter, ending):
    header, rows = table
    _round_trip(tmp_path, header, rows, delimiter, ending, "cp1252")


def _round_trip(tmp_path, header, rows, delimiter, ending, encoding):
    # A table most of whose cells are written 'like this' is a file quoted with single quotes, and is read
    # as one (test_cells_quoted_with_single_quotes_are_detected): the same text, another table.
    cells = [c for r in [header, *rows] for c in r if c]
    assume(sum(len(c) > 1 and c[0] == c[-1] == "'" for c in cells) * 2 < len(cells))

    def line(cells):
        # csv.writer quotes only the line ending it writes: a "\n" in a file ending lines with "\r" would
        # go unquoted. Quote as Excel does: any cell holding the separator, a quote or a line break.
        special = (delimiter, '"', "\r", "\n")
        return delimiter.join(f'"{c.replace(chr(34), chr(34) * 2)}"' if any(x in c for x in special) else c
                              for c in cells)

    text = "".join(line(cells) + ending for cells in [header, *rows])
    path = tmp_path / "table.csv"
    path.write_bytes(text.encode(encoding))
    dialect = sniff(path)
    assert dialect.delimiter == delimiter
    assert read_header(path, dialect) == [unicodedata.normalize("NFC", name) for name in header]  # names are NFC
    assert [cells for _, cells in read_rows(path, dialect)] == rows


def test_rows_are_read_from_the_disk_in_large_pieces(tmp_path, monkeypatch):
    """Each read from the disk lets go of Python's global lock and takes it back at once: a read every few
    kilobytes would keep the window's thread from ever getting it (the window froze for half a second at a
    time during a large import). The file is read a megabyte at a time."""
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Name,City\r\n")
        f.writelines(f"Person {i},Paris\r\n" for i in range(200_000))
    assert path.stat().st_size > 3_000_000
    reads = []

    class Counted(io.BufferedReader):
        def read1(self, *args):
            reads.append(1)
            return super().read1(*args)

        def read(self, *args):
            reads.append(1)
            return super().read(*args)

    monkeypatch.setattr(reader, "_open_binary", lambda p: Counted(io.FileIO(p, "rb")))
    assert sum(1 for _ in read_rows(path, sniff(path))) == 200_000
    assert len(reads) <= 12, len(reads)  # (8 KiB at a time would be over 400)


def test_the_column_names_again_in_the_middle_of_the_file_are_no_row(tmp_path):
    """Two exports put one after another ("copy a.csv + b.csv", or pasted in a spreadsheet): the second one's column
    names were a row, rejected as a customer whose email is "Email"."""
    text = ("Name,Email,City\r\nAnn,ann@x.fr,Paris\r\n"
            "Name,Email,City\r\nBob,bob@x.fr,Rome\r\n"
            "\ufeffName , Email,City,,\r\nCem,cem@x.fr,Oslo\r\n"  # (the other file's byte-order mark, its spaces)
            "Name,Email,Town\r\nName,,\r\n")  # (other cells, or fewer: rows)
    path = write(tmp_path / "people.csv", text)
    stream = read_rows(path, sniff(path))
    assert [cells[0] for _, cells in stream] == ["Ann", "Bob", "Cem", "Name", "Name"]
    assert stream.repeated_headers == 2
    assert ("repeated_headers", 2) in stream.warnings and stream.warning_rows["repeated_headers"] == [3, 5]


@pytest.mark.parametrize("name", ["hex", "base64", "rot13", "zlib", "uu", "idna", "punycode", "undefined"])
def test_an_encoding_of_no_text_file_is_refused_as_such(tmp_path, name):
    """They were read with, and each failed its own way: a traceback on the command line."""
    path = write(tmp_path / "people.csv", "Name,City\r\nAnn,Paris\r\n")
    with pytest.raises(InvalidValue, match="not an encoding text files are written in"):
        sniff(path, encoding=name)


@pytest.mark.parametrize(("text", "kind"), [
    ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>Name</td><td>Email</td></tr>'
     "</table></body></html>\n", "a web page (HTML), as some web shops write their “Excel” exports"),
    ("\r\n  <!DOCTYPE html>\n<html><table><tr><th>Name</th></tr></table></html>\n",
     "a web page (HTML), as some web shops write their “Excel” exports"),
    ('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n</Workbook>\n',
     "an Excel 2003 XML workbook"),
])
def test_a_text_file_of_another_kind_is_said_to_be_no_csv_file(tmp_path, text, kind):
    """They were read as CSV: "no column goes to a name…; the column names were read as “<html xmlns:o=…”"."""
    path = write(tmp_path / "export.xls", text)
    found = problem(lambda: sniff(path))
    assert (found.reason, found.detail) == ("binary", kind)


def test_a_csv_file_that_mentions_html_or_vcards_in_a_cell_is_read(tmp_path):
    path = write(tmp_path / "people.csv", "Name,Note\r\nAnn,<html> fan\r\nBob,BEGIN:VCARD\r\n")
    assert [cells for _, cells in read_rows(path, sniff(path))] == [["Ann", "<html> fan"], ["Bob", "BEGIN:VCARD"]]


@pytest.mark.parametrize(("bom", "written", "given", "said"), [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-8", "UTF-16"), (codecs.BOM_UTF16_LE, "utf-16-le", "cp1252", "UTF-16"),
    (codecs.BOM_UTF8, "utf-8", "cp1252", "UTF-8"), (codecs.BOM_UTF16_BE, "utf-16-be", "latin-1", "UTF-16")])
def test_an_encoding_given_that_the_files_mark_says_it_is_not_is_refused_saying_which_it_is(
        tmp_path, bom, written, given, said):
    """Excel's "Unicode text" read as UTF-8 was "not a CSV file: it holds NUL bytes"; UTF-8 with its mark read as
    Windows-1252 "would garble “First” into “First”"."""
    path = tmp_path / "people.csv"
    path.write_bytes(bom + "First Name,Email\r\nAnn,ann@x.fr\r\n".encode(written))
    found = problem(lambda: sniff(path, encoding=given))
    assert (found.reason, found.detail) == ("marked_as", said)
    assert sniff(path, encoding="utf-8-or-cp1252" if said == "UTF-8" else "utf-16").encoding.startswith(
        ("utf-8", "utf-16"))  # (its own, or one that reads it)
