"""Cells that are safe to open in a spreadsheet: every CSV Plenary writes passes through here.

A cell that starts with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula, so a meeting's place typed as `=HYPERLINK("http://…")` would become a
live link (or worse) in the file an analyst opens. OWASP's advice: prefix such a cell with a
single quote, which spreadsheets show as text and do not evaluate.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell):
    """`cell`, with a leading quote if it is text a spreadsheet would take for a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell
