"""Telegram intake: a separate process calling the same services."""
