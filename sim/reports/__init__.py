"""Reports and outputs: readable text reports, CSV and JSON files written whole, and short quoting
of bad values for one-line error messages."""
