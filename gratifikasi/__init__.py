"""Pelaporan Gratifikasi."""
