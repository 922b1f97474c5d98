import csv

from shelter_app.domain.vocab import HTCDS_FIELDS
from shelter_app.paths import resources_dir


def test_htcds_picklists_match_the_reference_file():
    path = resources_dir() / "reference" / "htcds-2.0-fields.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    checked = 0
    for row in rows:
        for field_name, kind in HTCDS_FIELDS.items():
            if field_name in row:
                values_cell = next(cell for cell in row if "/" in cell and " " not in
                                   cell.replace(" / ", "/"))
                codes = [v.strip() for v in values_cell.split("/")]
                assert [k.value for k in kind] == codes, field_name
                checked += 1
    assert checked == len(HTCDS_FIELDS)
