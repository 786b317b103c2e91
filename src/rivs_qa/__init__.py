"""rivs-qa: cited question answering over the Latvian RIVS 2019 report."""

__version__ = "0.1.0"
