"""The built-in importers, each a plugin module: ``feed`` (RSS, Atom, JSON Feed) and ``csv``."""
