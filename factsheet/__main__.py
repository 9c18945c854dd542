"""``python -m factsheet`` runs the command line."""

from .cli import cli

cli()
