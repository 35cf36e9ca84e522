"""Output formats: one module per format, each with one entry point."""
