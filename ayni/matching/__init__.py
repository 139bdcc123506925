"""Matching: pairing seekers with supporters who lived similar situations."""
