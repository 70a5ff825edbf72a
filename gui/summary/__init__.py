"""The summary area on the right: the primary-risk banner, the case summary page and its
HTML, the narrative editor, and saved summary versions."""
