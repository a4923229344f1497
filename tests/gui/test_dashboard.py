"""The Dashboard tab driven as a person would: choose a period, read the tiles, click a segment or a
figure to list its customers, open one; and the Print/Export actions that follow the tab."""

from __future__ import annotations

from calendar import month_abbr
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale, QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from smallcrm.gui import formatting as fmt
from smallcrm.services import demo, metrics, purchases, when
from smallcrm.services.contacts import ContactInput, add_contact

DASHBOARD_TAB = 3


@pytest.fixture
def shop(db):
    """A demo shop of a few hundred customers, with purchases up to now."""
    demo.generate(300, seed=11)
    return db


def show_dashboard(qtbot, window):
    window.tabs.setCurrentIndex(DASHBOARD_TAB)
    dashboard = window.dashboard
    if dashboard.figures is None or dashboard.loading:
        with qtbot.waitSignal(dashboard.loaded, timeout=20000):
            pass
    return dashboard


def choose(qtbot, dashboard, key: str) -> None:
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.picker.choose(key)


def tile_text(dashboard, key: str) -> str:
    return dashboard.tiles[key].value.text()


def percent(share: float | None) -> str:
    return "—" if share is None else QLocale().toString(share * 100, "f", 1) + QLocale().percent()


def score(value: float | None, decimals: int) -> str:
    return "—" if value is None else QLocale().toString(float(value), "f", decimals)


def expected_tiles(s: metrics.Summary) -> dict[str, str]:
    def money(minor):
        return "—" if minor is None else fmt.money(minor, s.currency)

    return {
        "revenue": money(s.current.revenue_minor),
        "purchases": fmt.number(s.current.purchases),
        "basket": money(s.current.average_basket_minor),
        "active": fmt.number(s.current.active_customers),
        "new": fmt.number(s.current.new_customers),
        "returning": fmt.number(s.current.returning_customers),
        "repeat": percent(s.current.repeat_rate),
        "lapsed": fmt.number(s.lapsed_customers),
        "nps": score(s.satisfaction.nps, 0),
        "csat": "—" if s.satisfaction.csat_average is None else f"{score(s.satisfaction.csat_average, 1)} / 5",
        "points": fmt.number(s.loyalty.outstanding),
        "owed": money(sum(b.owed_minor for b in s.receivables)),
    }


def test_the_tab_stays_an_empty_page_until_first_shown(qtbot, window):
    assert window.tabs.tabText(DASHBOARD_TAB) == "Dashboard"
    assert window.dashboard is None and window.dashboard_page.layout().count() == 0
    dashboard = show_dashboard(qtbot, window)
    assert dashboard.isVisible() and dashboard.parent() is window.dashboard_page


def test_tiles_show_what_metrics_counts_for_the_chosen_period(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    for key in ("last_12_months", "last_month", "last_90_days"):
        choose(qtbot, dashboard, key)
        period = metrics.Period.preset(key, when.today())
        assert dashboard.summary.period == period
        expected = metrics.summary(period)
        assert {key: tile_text(dashboard, key) for key in expected_tiles(expected)} == expected_tiles(expected)
        assert dashboard.picker.start.date().toPython() == period.start
        assert dashboard.picker.end.date().toPython() == period.end
        assert [p.value for p in dashboard.nps_chart.points] == [score for _, score, _ in
                                                                  expected.satisfaction.nps_by_month]
        assert [r.value for r in dashboard.segment_chart.rows] == [seg.customers for seg in expected.segments]
        assert [r.label for r in dashboard.segment_chart.rows] == [seg.title for seg in expected.segments]
    assert expected.current.purchases > 0  # the demo shop sold something: the comparison above means something


def test_revenue_chart_uses_a_grain_that_suits_the_period(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    choose(qtbot, dashboard, "last_30_days")
    period = metrics.Period.preset("last_30_days", when.today())
    days = metrics.revenue_series(period, "day")
    assert dashboard.figures.grain == "day" and dashboard.revenue_card.title.text() == "Revenue by day"
    assert [p.value for p in dashboard.revenue_chart.points] == [d.revenue_minor / 100 for d in days]
    # each day named as US English writes it, month first (the tests' locale)
    assert [p.label for p in dashboard.revenue_chart.points] == [f"{month_abbr[d.start.month]} {d.start.day}"
                                                                 for d in days]
    choose(qtbot, dashboard, "last_12_months")
    months = metrics.Period.preset("last_12_months", when.today())
    assert dashboard.figures.grain == "month" and len(dashboard.revenue_chart.points) == 12
    assert [p.value for p in dashboard.revenue_chart.points] == [
        m.revenue_minor / 100 for m in metrics.revenue_series(months, "month")]
    first = months.start  # the first month with its year, and January too
    assert [p.label for p in dashboard.revenue_chart.points] == [
        f"{month_abbr[m.start.month]} {m.start.year}" if m.start == first or m.start.month == 1
        else month_abbr[m.start.month] for m in metrics.revenue_series(months, "month")]


def test_changes_against_the_previous_period(qtbot, db, window):
    ann = add_contact(ContactInput(first_name="Ann"))
    bob = add_contact(ContactInput(first_name="Bob"))

    def bought(contact_id, day: date, minor: int) -> None:
        moment = datetime(day.year, day.month, day.day, 12).astimezone(timezone.utc)
        purchases.record_purchase(contact_id, total_minor=minor, at=moment)

    period = metrics.Period(date(2025, 3, 1), date(2025, 3, 31))
    before = period.previous()
    bought(ann, before.start + timedelta(days=3), 10000)
    bought(ann, period.start + timedelta(days=2), 10000)
    bought(bob, period.start + timedelta(days=9), 5000)
    dashboard = show_dashboard(qtbot, window)
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.picker.set_dates(period.start, period.end)
    # March is compared with the whole of February (not with the 31 days before it)
    assert before == metrics.Period(date(2025, 2, 1), date(2025, 2, 28))
    assert dashboard.compared.text() == ("March 1, 2025 – March 31, 2025, compared with February 1, 2025 – "
                                         "February 28, 2025")
    tiles = dashboard.tiles
    assert tiles["revenue"].value.text() == fmt.money(15000, dashboard.summary.currency)
    assert tiles["revenue"].trend.text() == "▲ +50%" and tiles["revenue"].change.direction == 1
    assert tiles["purchases"].trend.text() == "▲ +100%"
    assert tiles["basket"].trend.text() == "▼ −25%" and tiles["basket"].change.direction == -1
    assert tiles["new"].value.text() == "1" and tiles["new"].trend.text() == "±0%"  # Bob now, Ann before
    assert tiles["returning"].value.text() == "1" and tiles["returning"].trend.text() == "new"  # Ann
    assert tiles["nps"].value.text() == "—" and tiles["nps"].trend.text().strip() == ""  # nothing to compare
    assert "up 50%" in tiles["revenue"].accessibleDescription()
    assert fmt.money(10000, dashboard.summary.currency) in tiles["revenue"].toolTip()  # the period before
    up, down = (change_label_colour(tiles[key]) for key in ("revenue", "basket"))
    assert up.green() > up.red() and down.red() > down.green()


def change_label_colour(tile) -> QColor:
    return tile.trend.palette().color(tile.trend.foregroundRole())


def test_a_custom_period_that_ends_before_it_starts_is_refused(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    shown = dashboard.summary.period
    picker = dashboard.picker
    picker.set_dates(date(2025, 6, 30), date(2025, 6, 1))
    assert picker.error.isVisible() and "after" in picker.error.text()
    assert picker.key() == "custom"
    qtbot.wait(picker.timer.interval() + 200)
    assert not dashboard.loading and dashboard.summary.period == shown  # nothing was counted
    assert QSettings().value("dashboard/period") != "custom"  # nor remembered

    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        picker.end.setDate(picker.end.date().addMonths(1))  # 30 June to 1 July
    assert not picker.error.isVisible()
    assert dashboard.summary.period == metrics.Period(date(2025, 6, 30), date(2025, 7, 1))


def test_the_last_period_is_remembered(qtbot, shop, make_window):
    first = make_window()
    dashboard = show_dashboard(qtbot, first)
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.picker.set_dates(date(2024, 2, 1), date(2024, 4, 30))
    first.close()
    second = make_window()
    again = show_dashboard(qtbot, second)
    assert again.picker.key() == "custom"
    assert again.summary.period == metrics.Period(date(2024, 2, 1), date(2024, 4, 30))
    choose(qtbot, again, "last_year")
    second.close()
    third = show_dashboard(qtbot, make_window())
    assert third.picker.key() == "last_year" and third.picker.combo.currentText() == "Last year"


def test_clicking_a_segment_lists_its_customers_and_opens_one(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    chart = dashboard.segment_chart
    row = max(range(len(chart.rows)), key=lambda i: chart.rows[i].value)  # the biggest segment
    segment = dashboard.summary.segments[row]
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.row_rect(row).center().toPoint())
    dialog = dashboard.list_dialog
    assert dialog is not None and dialog.windowTitle() == segment.title
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    members = metrics.segment_members(segment.key, dashboard.summary.today)
    assert dialog.contact_ids() == members and len(members) == segment.customers > 0
    assert dialog.count.text() == f"{fmt.number(len(members))} customers"
    model = dialog.model
    assert model.data(model.index(0, 0)) == window.model.data(window.model.index(window.model.row_of(members[0]), 0))

    view = dialog.view
    index = model.index(1, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: window.current_id() == members[1], timeout=10000)
    assert window.detail.name.text() == model.lines[1].name


def test_a_segments_customers_can_be_exported(qtbot, shop, window, tmp_path, monkeypatch):
    import csv

    from smallcrm.gui.exporting import ExportContactsDialog
    from smallcrm.services.contacts import get_contact

    dashboard = show_dashboard(qtbot, window)
    chart = dashboard.segment_chart
    row = max(range(len(chart.rows)), key=lambda i: chart.rows[i].value)
    segment = dashboard.summary.segments[row]
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.row_rect(row).center().toPoint())
    dialog = dashboard.list_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    members = dialog.contact_ids()
    agreed = [i for i in members if get_contact(i).email_consent]
    assert 0 < len(agreed) < len(members)
    out = tmp_path / "segment.csv"
    monkeypatch.setattr("smallcrm.gui.forms.QFileDialog.getSaveFileName", lambda *a: (str(out), "CSV (*.csv)"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    (asked,) = [d for d in dialog.findChildren(ExportContactsDialog) if d.isVisible()]
    assert segment.title in [label.text() for label in asked.findChildren(type(dialog.count))]
    qtbot.waitUntil(lambda: asked.counts is not None, timeout=5000)
    assert asked.counts.everyone == len(members) and asked.consenting() == "email"
    asked.accept()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Exported"), timeout=5000)
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert [int(r["Customer number"]) for r in csv.DictReader(f)] == agreed  # best customers first
    dialog.close()


def test_segments_can_be_chosen_with_the_keyboard(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    chart = dashboard.segment_chart
    window.activateWindow()
    qtbot.waitActive(window)
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    assert chart.current == 0
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    dialog = dashboard.list_dialog
    assert dialog.windowTitle() == dashboard.summary.segments[1].title
    dialog.reject()


def test_customer_tiles_list_the_customers_they_count(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    choose(qtbot, dashboard, "last_90_days")
    lists = {}
    for key in ("active", "new", "returning"):
        tile = dashboard.tiles[key]
        assert tile.focusPolicy() == Qt.FocusPolicy.StrongFocus and tile.accessibleName()
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        dialog = dashboard.list_dialog
        with qtbot.waitSignal(dialog.loaded, timeout=20000):
            pass
        lists[key] = dialog.contact_ids()
        assert fmt.number(len(lists[key])) == tile.value.text()
        dialog.reject()
    assert lists["active"] and lists["new"] and lists["returning"]
    assert sorted(lists["new"] + lists["returning"]) == sorted(lists["active"])

    tile = dashboard.tiles["returning"]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)  # the keyboard does what the click does
    dialog = dashboard.list_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    chosen = dialog.model.lines[dialog.view.currentIndex().row()].contact_id
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_id() == chosen, timeout=10000)


def test_the_lapsed_figure_lists_the_lapsed_customers(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    s = dashboard.summary
    dialog = dashboard.list_customers("lapsed")
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.contact_ids() == metrics.lapsed_customers(s.lapsed_days, s.today)
    assert fmt.number(len(dialog.contact_ids())) == dashboard.tiles["lapsed"].value.text()


def test_the_customer_list_model_sorts_and_passes_the_model_tester(qtbot, qtmodeltester, shop, window):
    dashboard = show_dashboard(qtbot, window)
    dialog = dashboard.list_customers("active")
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    qtmodeltester.check(dialog.model)
    dialog.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    spends = [line.spend_minor for line in dialog.model.lines]
    assert spends == sorted(spends, reverse=True) and spends[0] > spends[-1]
    dialog.reject()


def test_a_recorded_purchase_is_counted_again(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    choose(qtbot, dashboard, "last_30_days")
    before = dashboard.summary.current.revenue_minor
    contact_id = window.model.id_at(0)
    purchases.record_purchase(contact_id, total_minor=123456)
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        window._activity_changed()
        assert dashboard.loading and dashboard.busy.isVisible()  # counting, and saying so
    assert not dashboard.busy.isVisible()
    assert dashboard.summary.current.revenue_minor == before + 123456
    assert tile_text(dashboard, "revenue") == fmt.money(before + 123456, dashboard.summary.currency)


def test_a_hidden_dashboard_counts_again_when_next_shown(qtbot, shop, window):
    dashboard = show_dashboard(qtbot, window)
    choose(qtbot, dashboard, "last_30_days")
    window.tabs.setCurrentIndex(0)
    purchases.record_purchase(window.model.id_at(0), total_minor=5000)
    window._activity_changed()
    assert not dashboard.loading  # out of sight: nothing counted yet
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        window.tabs.setCurrentIndex(DASHBOARD_TAB)
    assert dashboard.summary.current.revenue_minor == metrics.summary(dashboard.summary.period).current.revenue_minor


def test_print_and_export_follow_the_tab_and_the_selection(qtbot, shop, window, monkeypatch):
    from smallcrm.gui import printing

    asked = []
    monkeypatch.setattr(printing, "print_with_preview", lambda parent, make, title: asked.append(("print", make,
                                                                                                  title)))
    monkeypatch.setattr(printing, "export_pdf", lambda parent, make, name: asked.append(("export", make, name)))
    actions = (window.print_action, window.export_pdf_action)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    window.view.clearSelection()
    assert not any(a.isEnabled() for a in actions)
    window.tabs.setCurrentIndex(1)
    assert not any(a.isEnabled() for a in actions)
    window.tabs.setCurrentIndex(0)
    window.view.selectRow(0)
    contact_id = window.current_id()
    assert all(a.isEnabled() for a in actions)
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+Shift+E"
    window.print_action.trigger()
    kind, make, title = asked.pop()
    assert kind == "print" and window.model.data(window.model.index(0, 0)) in title
    pdf = make()
    assert pdf.startswith(b"%PDF")

    window.view.clearSelection()
    dashboard = show_dashboard(qtbot, window)
    assert all(a.isEnabled() for a in actions)
    window.export_pdf_action.trigger()
    kind, make, name = asked.pop()
    period = dashboard.summary.period
    assert kind == "export" and period.start.isoformat() in name and period.end.isoformat() in name
    assert make().startswith(b"%PDF")
    window.tabs.setCurrentIndex(2)
    assert not any(a.isEnabled() for a in actions)
    assert contact_id is not None


def test_print_list_and_business_details_open_their_dialogs(qtbot, three, window, monkeypatch):
    import inspect
    import sys
    import types

    from PySide6.QtWidgets import QDialog

    from smallcrm.gui.business_settings import BusinessSettingsDialog
    from smallcrm.gui.print_list_dialog import PrintListDialog

    assert list(inspect.signature(PrintListDialog).parameters) == ["parent", "search_text", "selected_ids"]
    assert list(inspect.signature(BusinessSettingsDialog).parameters) == ["parent"]
    opened = []

    class Recorder(QDialog):
        def __init__(self, parent, *args):
            super().__init__(parent)
            opened.append((type(self).__name__, parent, args))

    for module, name in (("smallcrm.gui.print_list_dialog", "PrintListDialog"),
                         ("smallcrm.gui.business_settings", "BusinessSettingsDialog")):
        fake = types.ModuleType(module)
        setattr(fake, name, type(name, (Recorder,), {}))
        monkeypatch.setitem(sys.modules, module, fake)
    window.refresh([three[1]])
    window.print_list_action.trigger()
    window.business_action.trigger()
    assert opened == [("PrintListDialog", window, ("", [three[1]])), ("BusinessSettingsDialog", window, ())]
    for dialog in window.findChildren(Recorder):
        assert dialog.isVisible()
        dialog.reject()
    menus = {a.text(): [b.text() for b in a.menu().actions()] for a in window.menuBar().actions()}
    assert {"&Print…", "&Export PDF…", "Print &List…"} <= set(menus["&File"])
    assert "&Settings…" in menus["&Tools"]


STARTUP = """
import sys
from pathlib import Path
from smallcrm.gui.app import application
from smallcrm.store.db import open_database
from smallcrm.gui.main_window import MainWindow
app = application()
open_database(Path(sys.argv[1]))
window = MainWindow(Path(sys.argv[1]))
window.show()
app.processEvents()
heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("reportlab", "pypdfium2")
               or name in ("smallcrm.gui.dashboard", "smallcrm.gui.charts", "smallcrm.gui.printing"))
print(heavy)
"""


def test_the_window_opens_without_the_dashboard_or_the_pdf_libraries(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", STARTUP, str(tmp_path / "shop.sqlite")], capture_output=True,
                            text=True, timeout=120, env=env, cwd=Path(__file__).resolve().parents[2], check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (4.5 is enough for small text)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_tiles_are_readable_in_a_small_window_and_a_dark_palette(qtbot, shop, app, make_window):
    light = QApplication.palette()
    dark = QPalette(light)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    try:
        for palette, size in ((light, (1280, 800)), (dark, (900, 600))):
            QApplication.setPalette(palette)
            window = make_window()
            window.resize(*size)
            dashboard = show_dashboard(qtbot, window)
            labels = [label for tile in dashboard.tiles.values() for label in (tile.title, tile.value, tile.note)]

            def laid_out(window=window, width=size[0], labels=labels) -> bool:
                return window.width() == width and all(
                    label.width() >= label.fontMetrics().horizontalAdvance(label.text()) for label in labels)

            qtbot.waitUntil(laid_out)  # every figure whole, none cut off
            for tile in dashboard.tiles.values():
                base = tile.palette().color(QPalette.ColorRole.Base)
                for label in (tile.title, tile.value, tile.trend, tile.note):
                    assert contrast(label.palette().color(label.foregroundRole()), base) >= 4.5, label.text()
            for card in (dashboard.revenue_card, dashboard.nps_card, dashboard.segment_card):
                assert card.chart.height() >= card.chart.minimumSizeHint().height()
            window.close()
    finally:
        QApplication.setPalette(light)


def test_charts_tell_the_exact_value_under_the_pointer(qtbot, app):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from smallcrm.gui.charts import BarChart, LineChart, Point, nice_ticks

    assert nice_ticks(0, 1234, 4) == [0, 500, 1000, 1500]
    assert nice_ticks(-100, 100, 4) == [-100, -50, 0, 50, 100]
    bars = BarChart("Revenue")
    line = LineChart("NPS", low=-100, high=100)
    for chart in (bars, line):
        qtbot.addWidget(chart)
        chart.resize(400, 240)
        chart.show()
        qtbot.waitExposed(chart)
    bars.set_points([Point("Jan", 12.5, "January: €12.50"), Point("Feb", 3000.25, "February: €3,000.25")])
    line.set_points([Point("Jan", 40, "January: NPS 40"), Point("Feb", None, "February: no answers"),
                     Point("Mar", -20, "March: NPS -20")])

    def tip_at(chart, x: float) -> str:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        pos = QPoint(round(x), chart.height() // 2)
        QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    plot, _, _ = bars._plot()
    assert tip_at(bars, plot.left() + plot.width() * 0.75) == "February: €3,000.25"
    assert tip_at(bars, plot.left() + plot.width() * 0.25) == "January: €12.50"
    plot, _, _ = line._plot()
    assert tip_at(line, plot.left() + plot.width() / 6) == "January: NPS 40"
    assert tip_at(line, plot.left() + plot.width() / 2) == ""  # a gap: no answers, nothing drawn
    assert line.minimumSizeHint().height() <= line.sizeHint().height()


def test_a_chart_says_it_is_empty_only_once_it_has_its_figures(qtbot, app):
    """While the first count runs, "No purchases in this period" would be untrue: the chart is blank."""
    from smallcrm.gui.charts import BarChart, HorizontalBarChart

    def colours(chart) -> set[int]:
        image = chart.grab().toImage()
        return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}

    for chart, give in ((BarChart("Revenue"), lambda c: c.set_points([])),
                        (HorizontalBarChart("Segments"), lambda c: c.set_rows([]))):
        qtbot.addWidget(chart)
        chart.empty_text = "No purchases in this period"
        chart.resize(400, 240)
        chart.show()
        qtbot.waitExposed(chart)
        assert len(colours(chart)) == 1  # nothing drawn yet
        give(chart)
        assert len(colours(chart)) > 1  # now it says so


def test_a_one_month_periods_nps_is_a_column_with_its_figure_not_a_lone_dot(qtbot, db, window):
    from smallcrm.services import satisfaction

    ann = add_contact(ContactInput(first_name="Ann", last_name="Lee"))
    satisfaction.record_feedback(ann, "nps", 9)  # a promoter and a passive: NPS 50
    satisfaction.record_feedback(ann, "nps", 7)
    dashboard = show_dashboard(qtbot, window)  # this month, the period it opens on
    assert dashboard.summary.period == metrics.Period.preset("this_month", when.today())
    chart = dashboard.nps_chart
    assert [p.value for p in chart.points] == [50.0]
    qtbot.waitUntil(lambda: chart.height() >= chart.minimumSizeHint().height())
    image = chart.grab().toImage()
    plot, ticks, _ = chart._plot()
    x, zero, dot = round(chart._x(plot, 0)), chart._y(plot, ticks, 0), chart._y(plot, ticks, 50)
    ratio = chart.devicePixelRatioF()

    def colour(px: float, py: float) -> QColor:
        return image.pixelColor(round(px * ratio), round(py * ratio))

    background = colour(plot.left() + 4, (zero + plot.bottom()) / 2 + 3)  # an empty place, below zero
    assert colour(x, (zero + dot) / 2) != background  # a column from the zero line up to the dot
    above = [colour(px, py) for px in range(x - 20, x + 21) for py in range(round(dot) - 30, round(dot) - 8)]
    # the figure written over the dot: text-coloured pixels where the old chart had none
    assert any(abs(c.lightness() - background.lightness()) > 128 for c in above)
