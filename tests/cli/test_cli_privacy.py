"""`smallcrm privacy export` and `smallcrm privacy erase`."""

from __future__ import annotations

import hashlib
import zipfile

from smallcrm.services.purchases import record_purchase
from smallcrm.store.db import close_database, open_database


def file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_writes_the_zip(cli, add, tmp_path):
    contact = add("--first-name", "Ines", "--last-name", "Quarrington", "--email", "ines@example.com")
    out = tmp_path / "ines.zip"
    result = cli("privacy", "export", str(contact), str(out))
    assert result.code == 0, result.err
    assert str(out) in result.out and "Ines Quarrington" in result.out
    with zipfile.ZipFile(out) as archive:
        assert {"README.txt", "contact.csv", "dossier.pdf"} <= set(archive.namelist())
        assert "ines@example.com" in archive.read("contact.csv").decode("utf-8-sig")


def test_export_finds_the_contact_by_words_and_refuses_other_names(cli, add, tmp_path):
    add("--first-name", "Ines", "--last-name", "Quarrington")
    assert cli("privacy", "export", "Quarrington", str(tmp_path / "a.zip")).code == 0
    wrong = cli("privacy", "export", "Quarrington", str(tmp_path / "a.txt"))
    assert wrong.code == 2 and ".zip" in wrong.error_line
    missing = cli("privacy", "export", "Nobody", str(tmp_path / "b.zip"))
    assert missing.code == 1 and "nothing was written" in missing.error_line
    assert not (tmp_path / "b.zip").exists()


def test_erase_without_yes_says_what_would_go_and_changes_nothing(cli, add, shop):
    contact = add("--first-name", "Ines", "--last-name", "Quarrington", "--email", "ines@example.com",
                  "--phone", "+33 6 12 34 56 78", "--tag", "VIP")
    open_database(shop)
    record_purchase(contact, total_minor=1234)
    close_database()
    before = file_hash(shop)
    result = cli("privacy", "erase", str(contact))
    assert result.code == 2
    line = result.error_line
    assert "Ines Quarrington" in line and "1 email address" in line and "1 purchase or refund" in line
    assert "cannot be undone" in line and "--yes" in line and "nothing was erased" in line
    assert file_hash(shop) == before
    assert cli("contacts", "show", str(contact), "--json").json()["last_name"] == "Quarrington"


def test_erase_with_yes(cli, add):
    keep = add("--first-name", "Grace", "--last-name", "Hopper")
    contact = add("--first-name", "Ines", "--last-name", "Quarrington", "--email", "ines@example.com")
    result = cli("privacy", "erase", str(contact), "--yes")
    assert result.code == 0, result.err
    assert result.out.startswith(f"erased contact {contact} (Ines Quarrington)")
    assert "An import of a list that still has them does not add them again" in result.out
    assert cli("contacts", "show", str(contact)).code == 1
    assert cli("contacts", "list", "--search", "Quarrington", "--json").json() == []
    assert cli("contacts", "show", str(keep), "--json").json()["first_name"] == "Grace"


def test_erase_needs_an_id_that_exists(cli, add):
    add("--first-name", "Ines", "--last-name", "Quarrington")
    words = cli("privacy", "erase", "Quarrington", "--yes")
    assert words.code == 2 and "id" in words.error_line
    unknown = cli("privacy", "erase", "404", "--yes")
    assert unknown.code == 1 and "no contact with id 404" in unknown.error_line
