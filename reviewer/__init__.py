"""Specialist review workstation: domain and services (GUI-free)."""
