"""`smallcrm demo`: fills an empty database once, then refuses."""

from __future__ import annotations

import re


def test_demo_fills_an_empty_database_then_refuses(cli, shop):
    result = cli("demo", "--contacts", "20", "--seed", "3")
    assert result.code == 0
    summary = result.out.strip()
    assert "\n" not in summary and "20 contacts" in summary and str(shop) in summary
    assert result.err == ""  # stderr is not a terminal here: no progress drawing
    objects = cli("contacts", "list", "--json").json()
    assert len(objects) == 20 and all(o["first_name"] or o["last_name"] or o["company"] for o in objects)

    again = cli("demo", "--contacts", "20")
    assert again.code == 1 and again.out == ""
    line = again.error_line
    assert "already holds 20 contacts" in line and "--db" in line
    assert len(cli("contacts", "list", "--json").json()) == 20


def test_demo_purchases_option_is_passed_on(cli):
    result = cli("demo", "--contacts", "10", "--purchases", "7")
    assert result.code == 0
    assert re.search(r"\b7 purchases\b", result.out), result.out


def test_demo_progress_is_drawn_only_on_a_terminal(cli, monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    result = cli("demo", "--contacts", "20")
    assert result.code == 0
    assert "\r" in result.err and result.err.rstrip().endswith("100%")
