"""Reading a CSV file the user exported from a survey tool or a spreadsheet."""

import csv
import io

from domain.errors import ValidationError


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Each row with the line it ends on (a quoted field may span lines), the header first.
    A file that cannot be read as CSV (a field of a megabyte, a quote never closed) is one
    ValidationError naming the line, rather than the csv module's error."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
    except csv.Error as e:
        raise ValidationError(
            f"Line {reader.line_num + 1} of the file cannot be read as CSV ({e}); nothing was "
            "imported. Save it again as CSV from the spreadsheet."
        ) from None
    return rows
