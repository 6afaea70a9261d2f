"""Survei Kepuasan Masyarakat."""
