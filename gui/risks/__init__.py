"""The risk register: its panel, the risk and review dialogs, evidence and trip-wire tabs,
their models, and undoable risk actions."""
