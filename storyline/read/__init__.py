"""Read: what each article says, as spans into its clean text.

The stage's driver is :mod:`storyline.read.reader` (``read_articles``); this package module
stays light so that importing a part of it does not load the NLP model's libraries.
"""
