"""Importing agency records: the import wizard and its preview, their models, the
background import worker, the quarantine and the import history."""
