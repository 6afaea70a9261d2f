"""Whistleblowing System."""
