"""Reports and outputs: readable text reports (worded through a Say, in ``say``, with columns that
line up in any script, ``columns``), CSV and JSON files written whole, and short quoting of bad values
for one-line error messages."""
