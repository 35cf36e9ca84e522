"""hxq: explore and check numbered policy frameworks (提法) from the command line."""

__version__ = "0.1.0"
