"""Spreadsheet imports: `parsing` reads and checks a CSV or XLSX file (plain Python, no Flask or
database), `jobs` keeps an upload and stores its rows, `tasks` runs an import in Celery."""
