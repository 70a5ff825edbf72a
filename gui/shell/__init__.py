"""The window's frame: starting the app, the main window, its actions and menus, window
settings, the case list and the case dialog."""
