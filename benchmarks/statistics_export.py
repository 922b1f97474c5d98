"""Statistics for the province over five years of a 60-bed shelter (the shelter of
benchmarks/referrals.py: about 3,100 stays, 520,000 provision lines, 15,000 sessions),
exported as JSON, CSV and PDF; and ten such exports combined.

Requirement (issue 16): the statistics export for five years < 3 s.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics as stats
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

LIMIT_S = 3.0


def measure() -> dict:
    import referrals  # benchmarks/referrals.py: its five-year shelter

    from shelter_app.services.administration import setup
    from shelter_app.services.overview import statistics, statistics_files
    from shelter_app.services.shared import reporting

    rng = random.Random(16)
    zone = ZoneInfo("Asia/Jakarta")
    with tempfile.TemporaryDirectory() as scratch:
        result = setup.create_shelter(Path(scratch) / "s", shelter_name="Bench",
                                      time_zone="Asia/Jakarta", admin_username="admin",
                                      admin_password="bench password")
        workspace = result.workspace
        today = workspace.clock().astimezone(zone).date()
        started = time.perf_counter()
        counts = referrals._populate(workspace, today, rng)
        populate_s = time.perf_counter() - started
        five_years = reporting.period(today - dt.timedelta(days=366 * 5 - 1), today)
        timings: dict[str, list[float]] = {"json": [], "csv": [], "pdf": []}
        for _ in range(3):
            for fmt in timings:
                started = time.perf_counter()
                written = statistics.export(workspace, five_years,
                                            Path(scratch) / f"stats.{fmt}", fmt)
                timings[fmt].append(time.perf_counter() - started)
        started = time.perf_counter()
        statistics.count_tables(workspace, five_years)
        counting_s = time.perf_counter() - started
        suppressed = sum(t.suppressed_count for t in written.tables if not t.withheld)
        # ten shelters' exports of one small month (many suppressed cells) combined
        month = reporting.period(today - dt.timedelta(days=29), today)
        exports = [Path(scratch) / f"month-{n}.json" for n in range(10)]
        for path in exports:
            statistics.export(workspace, month, path, "json")
        started = time.perf_counter()
        combined = statistics_files.combine_files(exports, Path(scratch) / "c.json", "json",
                                                  "id", workspace.clock())
        combine_s = time.perf_counter() - started
        workspace.close_database()
    return counts | _protection_alone(rng) | {
        "years": 5, "beds": 60, "populate_s": round(populate_s, 1),
        "admissions_counted": written.table("admissions_by_age_band").value(("grand", 0, 0)),
        "counting_queries_s": round(counting_s, 3),
        **{f"export_{fmt}_median_s": round(stats.median(t), 3) for fmt, t in timings.items()},
        **{f"export_{fmt}_worst_s": round(max(t), 3) for fmt, t in timings.items()},
        "suppressed_counts": suppressed,
        "combine_10_month_exports_s": round(combine_s, 3),
        "combined_suppressed_counts": sum(t.suppressed_count for t in combined.tables),
        "limit_s": LIMIT_S,
    }


def _protection_alone(rng: random.Random) -> dict:
    """The protection by itself on the hardest tables: many small counts, so secondary
    suppression has the most to do (a small shelter's 39 provinces; 40 x 10)."""
    from shelter_app.domain import small_cells

    found = {}
    for rows, columns in ((39, 2), (40, 10)):
        times, hidden = [], 0
        for _ in range(5):
            counts = [[rng.choice([0, 0, 1, 2, 4, 7, 11, 15, 30]) for _ in range(columns)]
                      for _ in range(rows)]
            started = time.perf_counter()
            hidden = len(small_cells.protect(counts, True).suppressed)
            times.append(time.perf_counter() - started)
        found[f"protect_{rows}x{columns}_worst_s"] = round(max(times), 3)
        found[f"protect_{rows}x{columns}_suppressed_last"] = hidden
    return found


def meets(result: dict) -> bool:
    return all(result[f"export_{fmt}_median_s"] <= result["limit_s"]
               for fmt in ("json", "csv", "pdf"))


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))  # noqa: T201
