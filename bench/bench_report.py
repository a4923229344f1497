"""Reports: the summary PDF for a year of a big shop, and a customer's dossier.

The summary report (figures gathered by `metrics.summary`, then `reports.summary_pdf`) is compared with
the bare SQL aggregate queries it needs (`metrics.summary_queries`, run and fetched, nothing else),
timed in the same run. The dossier is compared with a one-page reportlab PDF of one paragraph: the
least a PDF costs.
"""

from __future__ import annotations

import io
import random
import statistics
import time

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import ratio, summary_ms

SUMMARY_LIMIT_S = 1.5
SUMMARY_RATIO_LIMIT = 3.0
DOSSIER_LIMIT_S = 0.3


def _median_seconds(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def _one_paragraph_pdf() -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    SimpleDocTemplate(io.BytesIO()).build([Paragraph("Hello", getSampleStyleSheet()["Normal"])])


def run(db_path, runs: int = 5, dossiers: int = 20, seed: int = 5) -> dict:
    from smallcrm import reports
    from smallcrm.services import metrics, when
    from smallcrm.store.db import close_database, open_database
    from smallcrm.store.models import database

    open_database(db_path)
    try:
        today = when.today()
        period = metrics.Period.preset("last_12_months", today)
        queries = metrics.summary_queries(period, today)

        def bare() -> None:
            conn = database.connection()
            for sql, params in queries:
                conn.execute(sql, params).fetchall()

        def whole() -> int:
            out = io.BytesIO()
            reports.summary_pdf(metrics.summary(period, today=today), out)
            return len(out.getvalue())

        t = time.perf_counter()
        first_bytes = whole()  # fonts registered, statements prepared: what the first report of a session costs
        first = time.perf_counter() - t
        bare()
        report_s, report_all = _median_seconds(whole, runs)
        bare_s, bare_all = _median_seconds(bare, runs)
        figures_s, _ = _median_seconds(lambda: metrics.summary(period, today=today), runs)

        rnd = random.Random(seed)
        top = database.execute_sql("SELECT max(id) FROM contact").fetchone()[0]
        ids = []
        while len(ids) < dossiers:
            contact_id = rnd.randint(1, top)
            if database.execute_sql("SELECT 1 FROM purchase WHERE contact_id = ? LIMIT 1", (contact_id,)).fetchone():
                ids.append(contact_id)
        purchases_each = [database.execute_sql("SELECT count(*) FROM purchase WHERE contact_id = ?", (i,)).fetchone()[0]
                          for i in ids]
        reports.dossier_pdf(ids[0], io.BytesIO())
        dossier_times = []
        for contact_id in ids:
            t = time.perf_counter()
            reports.dossier_pdf(contact_id, io.BytesIO())
            dossier_times.append(time.perf_counter() - t)
        heaviest, heaviest_purchases = database.execute_sql(
            "SELECT contact_id, count(*) AS n FROM purchase WHERE contact_id IS NOT NULL"
            " GROUP BY contact_id ORDER BY n DESC, contact_id LIMIT 1").fetchone()
        heaviest_s, _ = _median_seconds(lambda: reports.dossier_pdf(heaviest, io.BytesIO()), 3)
        base_s, base_all = _median_seconds(_one_paragraph_pdf, dossiers)
        dossier = summary_ms(dossier_times)
        return {
            "period": [period.start.isoformat(), period.end.isoformat()],
            "runs": runs,
            "summary_pdf_s": round(report_s, 3),
            "summary_pdf_first_s": round(first, 3),
            "summary_pdf_bytes": first_bytes,
            "summary_figures_s": round(figures_s, 3),
            "baseline_bare_queries_s": round(bare_s, 3),
            "bare_queries": len(queries),
            "ratio_vs_bare_queries": ratio(report_s, bare_s),
            "dossier": dossier,
            "dossier_purchases_mean": round(statistics.fmean(purchases_each), 1),
            "dossier_heaviest_ms": round(heaviest_s * 1000, 1),
            "dossier_heaviest_purchases": heaviest_purchases,
            "baseline_one_paragraph_pdf_ms": round(base_s * 1000, 2),
            "ratio_dossier_p50_vs_one_paragraph": ratio(dossier["p50_ms"], base_s * 1000),
            "ok": (report_s <= SUMMARY_LIMIT_S and report_s <= SUMMARY_RATIO_LIMIT * bare_s
                   and dossier["max_ms"] <= DOSSIER_LIMIT_S * 1000 and heaviest_s <= DOSSIER_LIMIT_S),
        }
    finally:
        close_database()


def report(r: dict) -> list[str]:
    d = r["dossier"]
    return [
        f"  summary report {r['period'][0]} to {r['period'][1]}, median of {r['runs']}:"
        f" {r['summary_pdf_s'] * 1000:.0f} ms (first of the session {r['summary_pdf_first_s'] * 1000:.0f} ms;"
        f" figures alone {r['summary_figures_s'] * 1000:.0f} ms; {r['summary_pdf_bytes'] / 1024:.0f} KiB)"
        f"   (target <= {SUMMARY_LIMIT_S:.1f} s)",
        f"  baseline: its {r['bare_queries']} bare SQL aggregate queries {r['baseline_bare_queries_s'] * 1000:.0f} ms"
        f"   ratio {r['ratio_vs_bare_queries']:.2f}x   (target <= {SUMMARY_RATIO_LIMIT:.0f}x)",
        f"  customer dossier, {d['n']} customers with {r['dossier_purchases_mean']} purchases on average:"
        f" p50 {d['p50_ms']:.0f} ms  p95 {d['p95_ms']:.0f} ms  max {d['max_ms']:.0f} ms"
        f"   (target <= {DOSSIER_LIMIT_S * 1000:.0f} ms)",
        f"  the customer with the most purchases ({r['dossier_heaviest_purchases']}): {r['dossier_heaviest_ms']:.0f} ms"
        f"   (target <= {DOSSIER_LIMIT_S * 1000:.0f} ms)",
        f"  baseline: a one-paragraph reportlab PDF {r['baseline_one_paragraph_pdf_ms']:.1f} ms"
        f"   ratio p50 {r['ratio_dossier_p50_vs_one_paragraph']:.1f}x",
        f"  -> {'OK' if r['ok'] else 'OVER THE LIMIT'}",
    ]
