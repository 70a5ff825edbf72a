"""The window layer (PySide6), one sub-package per thing the user works on: ``shell`` (the main
window), ``chronology``, ``importing``, ``risks``, ``summary``, ``exporting``; ``common`` holds
what they share."""
