"""Framework-free outcome scoring, statistics, network figures and SVG charts for coordinator insights."""
