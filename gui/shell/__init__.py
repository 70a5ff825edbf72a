"""The window's frame: starting the app, the main window, its actions and menus, window
settings, the case list and the case dialog. The main window owns the other parts and gives each
only what it asks for in a small protocol (``ActionTargets``, ``RiskHost``, ``ExportHost``), so
nothing else imports it; main.py hands ``run_app`` the function that makes it."""
