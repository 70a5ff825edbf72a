"""Risks and trip-wires, cadence, the case summary and the supervision audit: pure Python."""
