"""factsheet: turn news articles into YAML fact records and a searchable fact-sheet website."""

__version__ = "0.1.0"
