"""Small pieces every window part uses: background workers, plain-words errors, the undo
base, date text, agency colours, and the record table model and view."""
