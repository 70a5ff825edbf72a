"""The chronology in the window: its table model and row index, the filter bar, the
selected entry's detail pane, the entry editor and its history, and undoable entry edits."""
