"""The compare stage: facts, conflicts, quote ledger and framing across a story's sources."""
