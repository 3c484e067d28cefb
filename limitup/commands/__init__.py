"""Click commands, grouped by the part of the pipeline they drive; gathered in limitup/cli.py."""
