"""Benchmarks of the pipeline's stages against public research data sets."""
