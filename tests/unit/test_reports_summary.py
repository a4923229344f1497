"""The summary report: every figure of a `metrics.Summary` printed exactly, with its change against the
previous period; the shop's name, address and logo; paper sizes, page numbers, and safe writing."""

from __future__ import annotations

import base64
import io
from datetime import date, datetime, timezone
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from smallcrm import reports
from smallcrm.services import files
from smallcrm.reports import summary as summary_module
from smallcrm.services import demo, loyalty, metrics
from smallcrm.services.purchases import Item, record_purchase, refund_purchase
from smallcrm.services.satisfaction import record_feedback
from smallcrm.services.settings import set_setting
from smallcrm.store.models import Feedback, PointsEntry, Purchase
from tests.clock import time_zone
from tests.unit import metrics_oracle as oracle
from tests.unit.test_reports_helpers import HOSTILE, flat, made_summary, page_sizes, pages_text, pdf_bytes, person, text
from tests.unit.unlinked_refunds import import_till_file, unlinked_refunds


@pytest.fixture
def shop(db):
    """The shop, in UTC: times stored at noon UTC fall on the day they name."""
    with time_zone("UTC"):
        set_setting("locale", "en_US")
        set_setting("paper_size", "A4")
        set_setting("business_name", "Corner & Co <Books>")
        set_setting("business_address", "1 High Street\nSpringfield 12345")
        yield


def lines(out) -> list[str]:
    return [line.strip() for line in text(out).split("\n")]


def test_headline_figures_print_with_their_change(shop):
    result = made_summary(current=metrics.Headline(1_234_550, 80, 15_431, 97, 5, 35, 0.25),
                          before=metrics.Headline(1_097_378, 0, None, 100, 5, 37, 0.2))
    out = io.BytesIO()
    reports.summary_pdf(result, out)
    printed = lines(out)
    i = printed.index("Revenue")
    assert printed[i:i + 3] == ["Revenue", "€12,345.50", "+12.5 % vs previous"]
    i = printed.index("Purchases")
    assert printed[i:i + 3] == ["Purchases", "80", "new"]  # nothing the period before
    i = printed.index("Average basket")
    assert printed[i:i + 3] == ["Average basket", "€154.31", "new"]
    i = printed.index("Active customers")
    assert printed[i:i + 3] == ["Active customers", "97", "−3.0 % vs previous"]
    i = printed.index("New customers")
    assert printed[i:i + 3] == ["New customers", "5", "no change vs previous"]
    i = printed.index("Repeat rate")
    assert printed[i:i + 3] == ["Repeat rate", "25.0 %", "+5.0 pts vs previous"]
    i = printed.index("Net Promoter Score")
    assert printed[i:i + 3] == ["Net Promoter Score", "40.0", "new"]  # no answers the period before
    i = printed.index("Satisfaction (CSAT, 1–5)")
    assert printed[i:i + 3] == ["Satisfaction (CSAT, 1–5)", "4.50", "+0.50 vs previous"]


def test_the_period_and_the_one_it_is_compared_with(shop):
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    first = pages_text(out)[0]
    assert "Summary report\nJan 1 – Mar 31, 2025\ncompared with Oct 1 – Dec 31, 2024\n" in first


def test_tables_print_every_figure(shop):
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    printed = lines(out)
    assert "1 Ann Lee 4 Mar 30, 2025 €900.00" in printed
    assert "2 Bo Chen 2 Feb 1, 2025 €450.00" in printed
    assert "Instagram 30 €10,000.00 81.0 %" in printed
    assert "Unknown 10 €2,345.50 19.0 %" in printed
    for i, key in enumerate(metrics.SEGMENTS):
        assert f"{key.replace('_', ' ').title()} What {key} means. {i * 3}" in printed
    assert f"Total {sum(i * 3 for i in range(len(metrics.SEGMENTS)))}" in printed
    assert "Lapsed customers: 17 bought before but not in the last 90 days." in printed
    points = printed[printed.index("Loyalty points Points") + 1:printed.index("Loyalty points Points") + 9]
    assert points == ["Outstanding at the start 31,800", "Issued in the period 12,000", "Redeemed in the period 3,000",
                      "Expired in the period 250", "Taken back in the period 400",
                      "Adjusted by hand −27", "Outstanding at the end 40,123", "Worth, under today's rules €401.23"]
    assert flat("Taken back: the points of purchases refunded or written off.") in flat(text(out))
    for line in ("Not yet due 2 €100.00", "1–30 days 1 €50.50", "Over 90 days 1 €25.00", "Total 4 €175.50"):
        assert line in printed
    assert "Net Promoter Score (−100 to 100) 40.0 — new" in printed
    assert "Average satisfaction (CSAT, 1 to 5) 4.50 4.00 +0.50" in printed
    assert "Complaints opened 3 4 −25.0 %" in printed
    assert "Median time to resolve a complaint 4.5 days 6.0 days −1.5 days" in printed
    assert "January 2025 10 50 % 30 %" in printed
    assert "The best fifth of the period's customers brought 50.0 % of its revenue." in text(out)


def test_the_shops_name_and_address_head_the_first_page(shop):
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    first = pages_text(out)[0]
    assert first.startswith("Corner & Co <Books>\n1 High Street\nSpringfield 12345\n")


def _png(width=120, height=60) -> str:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (40, 110, 130)).save(data, "PNG")
    return base64.b64encode(data.getvalue()).decode()


def _images_per_page(out) -> list[int]:
    document = pdfium.PdfDocument(pdf_bytes(out))
    try:
        return [len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))) for page in document]
    finally:
        document.close()


def test_the_logo_is_printed_on_every_page(shop):
    set_setting("business_logo", _png())
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    counts = _images_per_page(out)
    assert len(counts) > 1 and all(count == 1 for count in counts)


@pytest.mark.parametrize("logo", ["not base64 at all %%%", base64.b64encode(b"GIF89a not an image").decode(), ""])
def test_a_logo_that_cannot_be_read_is_left_out(shop, logo):
    set_setting("business_logo", logo)
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    assert set(_images_per_page(out)) == {0}
    assert "Corner & Co <Books>" in text(out)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_names_print_exactly(shop, kind):
    name = " ".join(HOSTILE[kind])
    result = made_summary(top_customers=[metrics.CustomerValue(7, name, 1_000, 1, date(2025, 3, 1))])
    out = io.BytesIO()
    reports.summary_pdf(result, out)
    assert flat(name) in flat(text(out))


def test_every_page_says_which_of_how_many_it_is(shop):
    many = [metrics.CustomerValue(i, f"Customer {i}", 100_000 - i, 1, date(2025, 3, 1)) for i in range(1, 121)]
    out = io.BytesIO()
    reports.summary_pdf(made_summary(top_customers=many), out)
    pages = pages_text(out)
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_a_long_table_repeats_its_header_on_every_page(shop):
    many = [metrics.CustomerValue(i, f"Customer {i}", 100_000 - i, 1, date(2025, 3, 1)) for i in range(1, 121)]
    out = io.BytesIO()
    reports.summary_pdf(made_summary(top_customers=many), out)
    pages = [page for page in pages_text(out) if "Customer 60 " in page or "Customer 120 " in page
             or "Customer 1 " in page]
    assert len(pages) >= 3
    for page in pages:
        assert page.count("# Customer Purchases Last purchase Revenue") == 1
    printed = text(out)
    assert all(f"{i} Customer {i} 1 Mar 1, 2025" in printed for i in range(1, 121))


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.3, 841.9)), ("Letter", (612.0, 792.0))])
def test_the_paper_size_setting_sets_the_page_size(shop, paper, size):
    set_setting("paper_size", paper)
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    assert set(page_sizes(out)) == {size}


def test_money_and_dates_follow_the_shops_locale(shop):
    set_setting("locale", "de_DE")
    out = io.BytesIO()
    reports.summary_pdf(made_summary(), out)
    printed = text(out)
    assert "12.345,50 €" in printed  # a no-break space, read as a space
    assert "30.03.2025" in printed


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "out"
    path.mkdir()
    return path


@pytest.mark.parametrize("as_text", [False, True])
def test_a_report_written_to_a_path_replaces_the_file_whole(shop, folder, as_text):
    target = folder / "summary.pdf"
    target.write_bytes(b"an older report")
    reports.summary_pdf(made_summary(), str(target) if as_text else target)
    assert pdf_bytes(target).startswith(b"%PDF-")
    assert "Summary report" in text(target)
    assert sorted(p.name for p in folder.iterdir()) == ["summary.pdf"]


def test_a_failure_while_laying_out_leaves_the_old_file_and_nothing_else(shop, folder, monkeypatch):
    target = folder / "summary.pdf"
    target.write_bytes(b"an older report")

    def broken(*args, **kwargs):
        raise RuntimeError("the chart cannot be drawn")

    monkeypatch.setattr(summary_module.charts, "revenue_bars", broken)
    with pytest.raises(RuntimeError):
        reports.summary_pdf(made_summary(), target)
    assert target.read_bytes() == b"an older report"
    with pytest.raises(RuntimeError):
        reports.summary_pdf(made_summary(), folder / "new.pdf")
    assert sorted(p.name for p in folder.iterdir()) == ["summary.pdf"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_one(shop, folder, monkeypatch):
    target = folder / "summary.pdf"
    target.write_bytes(b"an older report")
    written = []

    def full_disk(source, destination):
        written.append(Path(source).read_bytes())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError):
        reports.summary_pdf(made_summary(), target)
    assert written and written[0].startswith(b"%PDF-")  # the whole report went to a temporary file first
    assert target.read_bytes() == b"an older report"
    assert sorted(p.name for p in folder.iterdir()) == ["summary.pdf"]


def test_a_report_written_to_a_file_object_is_written_in_one_go(shop):
    class Recorder(io.RawIOBase):
        def __init__(self):
            self.calls = []

        def writable(self):
            return True

        def write(self, data):
            self.calls.append(bytes(data))
            return len(data)

    out = Recorder()
    reports.summary_pdf(made_summary(), out)
    assert len(out.calls) == 1 and out.calls[0].startswith(b"%PDF-")
    assert "Summary report" in text(out.calls[0])


def test_an_empty_period_prints_without_charts_failing(shop):
    empty = made_summary(
        current=metrics.Headline(0, 0, None, 0, 0, 0, None), before=metrics.Headline(0, 0, None, 0, 0, 0, None),
        revenue_by_month=[metrics.RevenuePoint("2025-01", date(2025, 1, 1), 0, 0)], revenue_by_source=[],
        top_customers=[], top_20_share=None, lifetime_value_minor=None, cohorts=[],
        segments=[metrics.Segment(k, k.title(), "", 0) for k in metrics.SEGMENTS],
        satisfaction=metrics.SatisfactionFigures(None, 0, None, 0, [("2025-01", None, 0)], 0, 0, None),
    )
    out = io.BytesIO()
    reports.summary_pdf(empty, out)
    printed = text(out)
    for message in ("No purchases in this period", "No NPS answers in this period", "No customer bought in this "
                    "period.", "No customers with purchases yet"):
        assert message in printed
    assert "Revenue\n€0.00\nno change vs previous" in printed


# --- from a real database, against figures recomputed from its rows -------------------------------

UTC = timezone.utc
PERIOD = metrics.Period(date(2025, 1, 1), date(2025, 3, 31))
TODAY = date(2025, 4, 15)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)  # the same local day in every time zone


@pytest.fixture
def real_shop(shop):
    """Customers who bought before and in the period, a refund, a purchase still owed, points and answers."""
    ann, bo, cy = person("Ann", "Lee"), person("<b>Bo</b> & Co", "Chen"), person("Cy", "Diaz")
    di = person("Di", "E", emails=["di@example.com"])
    record_purchase(ann, total_minor=12_000, at=_at(date(2024, 11, 5)))
    first = record_purchase(ann, items=[Item("Roses", 3, 1_500)], at=_at(date(2025, 1, 10))).purchase_id
    record_purchase(ann, total_minor=8_050, at=_at(date(2025, 2, 20)))
    refund_purchase(first, 1_500, at=_at(date(2025, 2, 21)), reason="One wilted")
    record_purchase(bo, total_minor=30_000, at=_at(date(2025, 3, 3)), status="due", due_on=date(2025, 3, 10))
    record_purchase(cy, total_minor=999, at=_at(date(2025, 3, 30)))
    record_purchase(di, total_minor=5_000, at=_at(date(2024, 6, 1)))
    record_feedback(ann, "nps", 10, at=_at(date(2025, 1, 11)))
    record_feedback(bo, "nps", 9, at=_at(date(2025, 3, 4)))
    record_feedback(cy, "nps", 4, comment="Slow", at=_at(date(2025, 3, 31)))
    record_feedback(cy, "csat", 4, at=_at(date(2025, 3, 31)))
    record_feedback(di, "nps", 2, at=_at(date(2024, 12, 1)))  # the period before
    return {"ann": ann, "bo": bo, "cy": cy, "di": di}


def _in(period: metrics.Period, moment: datetime) -> bool:
    return period.start <= moment.astimezone().date() <= period.end


def _raw_figures(period: metrics.Period) -> dict:
    rows = [p for p in Purchase.select() if _in(period, p.occurred_at)]
    by_customer: dict[int, int] = {}
    for p in rows:
        by_customer[p.contact_id] = by_customer.get(p.contact_id, 0) + p.total_minor
    sales = [p for p in rows if p.refund_of_id is None and p.total_minor >= 0]  # a refund has a sale, or is below 0
    nps = [f.score for f in Feedback.select().where(Feedback.kind == "nps") if _in(period, f.occurred_at)]
    owed = sum(p.total_minor - p.paid_minor for p in Purchase.select().where(Purchase.status.in_(["due"])))
    issued = sum(e.points for e in PointsEntry.select() if e.kind in ("earn", "bonus") and _in(period, e.occurred_at))
    return {
        "revenue": sum(p.total_minor for p in rows),
        "purchases": len(sales),
        "customers": len({p.contact_id for p in sales}),
        "top": sorted(by_customer.items(), key=lambda item: (-item[1], item[0])),
        "nps": 100 * (sum(s >= 9 for s in nps) - sum(s <= 6 for s in nps)) / len(nps),
        "owed": owed,
        "issued": issued,
    }


def test_a_real_summary_prints_the_figures_of_the_rows(real_shop):
    result = metrics.summary(PERIOD, today=TODAY)
    out = io.BytesIO()
    reports.summary_pdf(result, out)
    printed = lines(out)
    raw = _raw_figures(PERIOD)
    assert raw["revenue"] == 4_500 + 8_050 - 1_500 + 30_000 + 999  # the test's own arithmetic
    i = printed.index("Revenue")
    assert printed[i + 1] == f"€{raw['revenue'] / 100:,.2f}"
    i = printed.index("Purchases")
    assert printed[i + 1] == str(raw["purchases"]) == "4"
    i = printed.index("Active customers")
    assert printed[i + 1] == str(raw["customers"]) == "3"
    i = printed.index("Net Promoter Score")
    assert printed[i + 1] == f"{raw['nps']:.1f}" == "33.3"
    names = {real_shop["ann"]: "Ann Lee", real_shop["bo"]: "<b>Bo</b> & Co Chen", real_shop["cy"]: "Cy Diaz"}
    for rank, (contact_id, revenue) in enumerate(raw["top"], start=1):
        assert any(line.startswith(f"{rank} {names[contact_id]} ") and line.endswith(f"€{revenue / 100:,.2f}")
                   for line in printed), (rank, names[contact_id])
    assert f"Total 1 €{raw['owed'] / 100:,.2f}" in printed
    assert f"Issued in the period {raw['issued']:,}" in printed
    first = pages_text(out)[0]
    assert "Jan 1 – Mar 31, 2025\ncompared with Oct 1 – Dec 31, 2024\n" in first


def test_a_refund_imported_without_its_sale_is_no_purchase_in_the_summary(real_shop, tmp_path):
    """Di bought in June; in March the till's file has her cancellation invoice C1009 only, which the import cannot
    link to a sale. Its money comes off the revenue, but it counts as no purchase, and Di as no customer of the
    period nor one of its best."""
    march = import_till_file(tmp_path / "march.csv", [["2025-03-12 12:00", "C1009", "di@example.com", "-20.00"]])
    assert march.refunds == 1 and [ref for _, ref, _ in unlinked_refunds()] == ["C1009"]
    result = metrics.summary(PERIOD, today=TODAY)
    out = io.BytesIO()
    reports.summary_pdf(result, out)
    printed = lines(out)
    raw = _raw_figures(PERIOD)
    assert raw["revenue"] == 4_500 + 8_050 - 1_500 + 30_000 + 999 - 2_000
    assert printed[printed.index("Revenue") + 1] == f"€{raw['revenue'] / 100:,.2f}" == "€400.49"
    assert printed[printed.index("Purchases") + 1] == str(raw["purchases"]) == "4"  # not 5
    assert printed[printed.index("Average basket") + 1] == f"€{raw['revenue'] // 4 / 100:,.2f}"
    assert printed[printed.index("Active customers") + 1] == str(raw["customers"]) == "3"  # not 4
    assert printed[printed.index("Repeat rate") + 1] == "33.3 %"  # Ann, of 3 (not 2 of 4: Di "came back")
    assert not any(line.startswith("4 Di E ") for line in printed)  # no fourth best customer at -€20.00
    assert result == oracle.summary(PERIOD, TODAY)


def _points_table(printed: list[str]) -> dict[str, int]:
    """The loyalty points table's rows of points (up to what they are worth): title -> points."""
    start = printed.index("Loyalty points Points") + 1
    end = next(i for i in range(start, len(printed)) if printed[i].startswith("Worth, under today's rules"))
    rows = {}
    for line in printed[start:end]:
        title, _, figure = line.rpartition(" ")
        rows[title] = int(figure.replace(",", "").replace("−", "-").replace("+", ""))
    return rows


def test_the_points_table_adds_up_from_the_start_to_the_end(real_shop, tmp_path):
    """Points taken back for refunds have a row of their own: Ann's refund of a wilted rose takes back 15, Di's
    credit note, imported without its sale, 20 of what her purchases earned."""
    import_till_file(tmp_path / "march.csv", [["2025-03-12 12:00", "C1009", "di@example.com", "-20.00"]])
    loyalty.adjust(real_shop["cy"], 5, reason="Sorry for the wait", at=_at(date(2025, 3, 31)))
    loyalty.redeem(real_shop["ann"], 30, at=_at(date(2025, 3, 1)))
    out = io.BytesIO()
    reports.summary_pdf(metrics.summary(PERIOD, today=TODAY), out)
    rows = _points_table(lines(out))
    # Before 2025: Ann's 120, Di's 50. In the period: Ann 45 + 80, Bo 300, Cy 9.
    assert rows == {"Outstanding at the start": 170, "Issued in the period": 434, "Redeemed in the period": 30,
                    "Expired in the period": 0, "Taken back in the period": 15 + 20,
                    "Adjusted by hand": 5, "Outstanding at the end": 544}
    assert (rows["Outstanding at the start"] + rows["Issued in the period"] - rows["Redeemed in the period"]
            - rows["Expired in the period"] - rows["Taken back in the period"] + rows["Adjusted by hand"]
            == rows["Outstanding at the end"])


def test_a_real_summary_prints_whatever_metrics_gives(real_shop):
    result = metrics.summary(PERIOD, today=TODAY)
    out = io.BytesIO()
    reports.summary_pdf(result, out)
    printed = lines(out)
    table = flat(text(out).split("Customer segments on Apr 15, 2025")[1].split("Lapsed customers")[0])
    expected = "".join(f"{s.title}{s.explanation}{s.customers}" for s in result.segments)
    total = sum(s.customers for s in result.segments)
    assert table == flat(f"Segment What it means Customers {expected} Total {total}")
    assert f"Lapsed customers: {result.lapsed_customers} bought before but not in the last 90 days." in printed
    for bucket in result.receivables:
        assert f"{bucket.label} {bucket.purchases} €{bucket.owed_minor / 100:,.2f}" in printed


# --- a demo shop, against the figures metrics_oracle recomputes from the raw rows ------------------

DEMO_NOW = datetime(2026, 5, 15, 12, tzinfo=UTC)


def _euros(minor: int) -> str:
    return f"-€{-minor / 100:,.2f}" if minor < 0 else f"€{minor / 100:,.2f}"


def _day(value: date) -> str:
    return f"{value:%b} {value.day}, {value.year}"


@pytest.fixture
def demo_shop(shop):
    demo.generate(150, seed=3, now=DEMO_NOW)
    set_setting("business_name", "Demo Shop")


def test_a_demo_shops_summary_prints_the_recomputed_figures(demo_shop):
    today = DEMO_NOW.astimezone().date()
    period = metrics.Period.preset("last_12_months", today)
    out = io.BytesIO()
    reports.summary_pdf(metrics.summary(period, today), out)
    expected = oracle.summary(period, today)
    printed = lines(out)
    everything = text(out)

    head = expected.current
    for title, value in (("Revenue", _euros(head.revenue_minor)), ("Purchases", f"{head.purchases:,}"),
                         ("Average basket", _euros(head.average_basket_minor)),
                         ("Active customers", f"{head.active_customers:,}"),
                         ("New customers", f"{head.new_customers:,}"),
                         ("Repeat rate", f"{head.repeat_rate * 100:.1f} %"),
                         ("Net Promoter Score", f"{expected.satisfaction.nps:.1f}"),
                         ("Satisfaction (CSAT, 1–5)", f"{expected.satisfaction.csat_average:.2f}")):
        assert printed[printed.index(title) + 1] == value, title

    table_lines = [line for line in printed if line.split(" ")[0].isdigit()]
    for rank, customer in enumerate(expected.top_customers, start=1):
        row = f"{rank} {customer.name} {customer.purchases} {_day(customer.last_purchase_on)} " \
              f"{_euros(customer.revenue_minor)}"
        assert flat(row) in flat(everything), row
        assert any(line.startswith(f"{rank} ") and line.endswith(_euros(customer.revenue_minor))
                   for line in table_lines), row

    segments = flat(everything.split("Customer segments on")[1].split("Lapsed customers")[0])
    assert flat("".join(f"{s.title}{s.explanation}{s.customers}" for s in expected.segments)) in segments
    assert f"Lapsed customers: {expected.lapsed_customers} bought before but not in the last 90 days." in printed

    loyalty = expected.loyalty
    for line in (f"Outstanding at the start {loyalty.opening:,}",
                 f"Issued in the period {loyalty.issued:,}", f"Redeemed in the period {loyalty.redeemed:,}",
                 f"Expired in the period {loyalty.expired:,}",
                 f"Taken back in the period {loyalty.taken_back:,}",
                 f"Outstanding at the end {loyalty.outstanding:,}",
                 f"Worth, under today's rules {_euros(loyalty.outstanding_value_minor)}"):
        assert line in printed, line
    for bucket in expected.receivables:
        assert f"{bucket.label} {bucket.purchases} {_euros(bucket.owed_minor)}" in printed
    owed = sum(b.owed_minor for b in expected.receivables)
    assert f"Total {sum(b.purchases for b in expected.receivables)} {_euros(owed)}" in printed

    now, before = expected.satisfaction, expected.satisfaction_before
    assert any(line.startswith(f"NPS answers {now.nps_answers} {before.nps_answers} ") for line in printed)
    assert any(line.startswith(f"CSAT answers {now.csat_answers} {before.csat_answers} ") for line in printed)
    assert any(line.startswith(f"Complaints opened {now.complaints_opened} {before.complaints_opened} ")
               for line in printed)
    assert any(line.startswith(f"Complaints resolved {now.complaints_resolved} {before.complaints_resolved} ")
               for line in printed)
    for source in expected.revenue_by_source:
        assert flat(f"{source.source or 'Unknown'} {source.customers} {_euros(source.revenue_minor)}") \
            in flat(everything)
