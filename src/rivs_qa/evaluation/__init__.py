"""Measuring the product on labelled questions: retrieval (in-process) and answers (HTTP)."""
