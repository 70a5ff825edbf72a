"""The Supervision tab of a case and the team view: the checklist, the record, the sign-off."""
