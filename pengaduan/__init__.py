"""Pengaduan Masyarakat."""
